// The settings pages: one section per part of the config (destinations, watch folders,
// renditions, schedules and bandwidth, notifications), each drawn from the config document
// (settings-document.js) and saving its changes through it. Secrets arrive as "(set)"; leaving
// such a field empty sends "(set)" back, which keeps the stored secret.
import { loadMessages } from "./common.js";
import { editDestination, renderDestinations } from "./settings-destinations.js";
import { drawWith, failed, load } from "./settings-document.js";
import { $ } from "./settings-form.js";
import { editChannel, renderChannels } from "./settings-notifications.js";
import { renderRenditions } from "./settings-renditions.js";
import { renderSchedules } from "./settings-schedules.js";
import { editWatch, renderWatch } from "./settings-watch.js";

function render() {
  renderDestinations();
  renderWatch();
  renderRenditions();
  renderSchedules();
  renderChannels();
}

async function start() {
  drawWith(render);
  await loadMessages();
  $("add-destination").addEventListener("click", () => editDestination(null));
  $("add-watch").addEventListener("click", () => editWatch(null));
  $("add-channel").addEventListener("click", () => editChannel(null));
  try {
    await load();
  } catch (error) {
    failed(error);
  }
}

start();
