// Schedules and bandwidth: the global limit and time zone, and each destination's window,
// daily cap and limit.
import { el } from "./common.js";
import { save, state } from "./settings-document.js";
import { $, actions, field, put, submitButton, textInput, value } from "./settings-form.js";

export function renderSchedules() {
  const form = $("schedule-form");
  const rows = (state.doc.destinations ?? []).map((destination, index) => {
    const row = el("fieldset");
    row.append(
      el("strong", "", destination.name),
      field("settings.window", textInput(`window:${index}`, destination.window)),
      field("settings.dailyCap", textInput(`dailyCap:${index}`, destination.dailyCap)),
      field("settings.bandwidth", textInput(`bandwidth:${index}`, destination.bandwidth)),
    );
    return row;
  });
  form.replaceChildren(
    field("settings.bandwidthAll", textInput("bandwidth", state.doc.bandwidth)),
    field("settings.timeZone", textInput("timeZone", state.doc.timeZone)),
    ...rows,
    actions(submitButton("settings.save")),
  );
  form.onsubmit = (event) => {
    event.preventDefault();
    save((doc) => {
      put(doc, "bandwidth", value(form, "bandwidth"));
      put(doc, "timeZone", value(form, "timeZone"));
      (doc.destinations ?? []).forEach((destination, index) => {
        put(destination, "window", value(form, `window:${index}`));
        put(destination, "dailyCap", value(form, `dailyCap:${index}`));
        put(destination, "bandwidth", value(form, `bandwidth:${index}`));
      });
    });
  };
}
