// Destinations: the list with test, pause/resume and remove, and the editor (a local folder,
// a cloud signed in to from here, or any rclone remote).
import { api, button, el, tr } from "./common.js";
import { failed, load, save, state } from "./settings-document.js";
import {
  $,
  actions,
  checkbox,
  field,
  hide,
  put,
  select,
  submitButton,
  textInput,
  unlessDefault,
  value,
} from "./settings-form.js";
import { CLOUD_TYPES, optionsOf, pasteBox, startSignIn } from "./settings-sign-in.js";

const CONFLICT = ["auto", "overwrite", "skip", "rename", "version"];
const TEMP_NAMES = ["auto", "always", "never"];

function kindOf(destination) {
  const remote = destination.remote ?? "";
  if (!remote.includes(":") || /^[A-Za-z]:[\\/]/.test(remote)) return "local";
  return "remote";
}

export function renderDestinations() {
  const list = $("destination-list");
  const destinations = state.doc.destinations ?? [];
  const holds = new Map((state.status?.destinations ?? []).map((d) => [d.name, d.hold]));
  list.replaceChildren(
    ...destinations.map((destination, index) => {
      const li = el("li");
      li.dataset.destination = destination.name;
      li.append(el("span", "name", destination.name));
      const where =
        kindOf(destination) === "local"
          ? tr("dashboard.localFolder", { path: destination.remote })
          : destination.remote;
      li.append(el("span", "meta", `${where}${destination.path ? ` · ${destination.path}` : ""}`));
      const result = el("span", "result detail");
      const paused = holds.get(destination.name)?.reason === "paused";
      li.append(
        actions(
          button(tr("settings.edit"), () => editDestination(index)),
          button(tr("settings.test"), () => testDestination(destination.name, result)),
          button(tr(paused ? "settings.resume" : "settings.pause"), async () => {
            try {
              await api(
                `/destinations/${encodeURIComponent(destination.name)}/${paused ? "resume" : "pause"}`,
                { method: "POST" },
              );
              await load();
            } catch (error) {
              failed(error);
            }
          }),
          button(tr("settings.remove"), () => {
            if (!confirm(tr("settings.removeConfirm", { name: destination.name }))) return;
            save((doc) => doc.destinations.splice(index, 1));
          }),
        ),
        result,
      );
      return li;
    }),
  );
  if (destinations.length === 0) list.append(el("li", "empty", tr("settings.none")));
}

async function testDestination(name, result) {
  result.textContent = tr("settings.testing");
  result.dataset.ok = "";
  try {
    const { body } = await api(`/destinations/${encodeURIComponent(name)}/test`, { method: "POST" });
    const failedStep = body.steps.find((step) => !step.ok);
    result.dataset.ok = String(body.ok);
    result.textContent = body.ok
      ? tr("settings.testOk", { latency: body.latencyMs, verified: body.verifiedBy })
      : tr("settings.testFailed", { message: failedStep?.error?.message ?? "" });
  } catch (error) {
    result.dataset.ok = "false";
    result.textContent = tr("settings.testFailed", { message: error.message });
  }
}

export function editDestination(index) {
  const form = $("destination-form");
  const original = index === null ? { name: "", remote: "" } : state.doc.destinations[index];
  const kind = kindOf(original);
  const kindSelect = select(
    "kind",
    [
      ["local", "settings.kindLocal"],
      ["dropbox", "settings.kindDropbox"],
      ["drive", "settings.kindDrive"],
      ["onedrive", "settings.kindOnedrive"],
      ["remote", "settings.kindRemote"],
    ],
    kind,
  );
  const name = textInput("name", original.name);
  const remote = textInput("remote", original.remote, { secret: true });
  const remoteLabel = field(kind === "local" ? "settings.folder" : "settings.remote", remote);
  const signIn = el("div", "sign-in");
  const cloudResult = el("div", "result");
  const rcloneOptions = el("textarea");
  rcloneOptions.name = "rcloneOptions";
  rcloneOptions.rows = 2;
  const parameters = () => optionsOf(rcloneOptions.value);
  const update = () => {
    const cloud = Object.hasOwn(CLOUD_TYPES, kindSelect.value);
    remoteLabel.firstChild.textContent = tr(
      kindSelect.value === "local" ? "settings.folder" : "settings.remote",
    );
    remoteLabel.hidden = cloud;
    signIn.hidden = !cloud;
  };
  kindSelect.addEventListener("change", update);
  signIn.append(
    actions(
      button(tr("settings.signIn"), () =>
        startSignIn(kindSelect.value, name.value.trim(), parameters(), cloudResult, remote),
      ),
    ),
    cloudResult,
    pasteBox(kindSelect, name, parameters, cloudResult, remote),
    field("settings.rcloneOptions", rcloneOptions),
  );
  form.replaceChildren(
    field("settings.kind", kindSelect),
    field("settings.name", name),
    remoteLabel,
    signIn,
    field("settings.basePath", textInput("path", original.path)),
    field("settings.concurrency", textInput("concurrency", original.concurrency, { type: "number" })),
    field("settings.window", textInput("window", original.window)),
    field("settings.dailyCap", textInput("dailyCap", original.dailyCap)),
    field("settings.bandwidth", textInput("bandwidth", original.bandwidth)),
    checkbox("settings.link", "link", original.link),
    field(
      "settings.onConflict",
      select(
        "onConflict",
        CONFLICT.map((policy) => [policy, `settings.conflict.${policy}`]),
        original.onConflict ?? "auto",
      ),
    ),
    field(
      "settings.tempNames",
      select(
        "tempNames",
        TEMP_NAMES.map((mode) => [mode, `settings.temp.${mode}`]),
        original.tempNames ?? "auto",
      ),
    ),
    field("settings.retries", textInput("retries", original.retries, { type: "number" })),
    checkbox("settings.encrypt", "encrypt", original.encrypt, { name: original.name || "NAME" }),
    actions(
      submitButton("settings.save"),
      button(tr("settings.cancel"), () => hide(form)),
    ),
  );
  update();
  form.onsubmit = (event) => {
    event.preventDefault();
    const cloud = Object.hasOwn(CLOUD_TYPES, kindSelect.value);
    const next = { ...original };
    next.name = value(form, "name");
    next.remote = cloud ? `${next.name}:` : value(form, "remote");
    put(next, "path", value(form, "path"));
    put(next, "concurrency", value(form, "concurrency"), Number);
    put(next, "window", value(form, "window"));
    put(next, "dailyCap", value(form, "dailyCap"));
    put(next, "bandwidth", value(form, "bandwidth"));
    put(next, "link", value(form, "link"));
    // "auto" is the default: written only when the file already had the key.
    put(next, "onConflict", unlessDefault(value(form, "onConflict"), "auto", original.onConflict));
    put(next, "tempNames", unlessDefault(value(form, "tempNames"), "auto", original.tempNames));
    put(next, "retries", value(form, "retries"), Number);
    put(next, "encrypt", value(form, "encrypt"));
    save(
      (doc) => {
        doc.destinations ??= [];
        if (index === null) doc.destinations.push(next);
        else doc.destinations[index] = next;
      },
      () => hide(form),
    );
  };
  form.hidden = false;
  name.focus();
}
