// The settings pages: the config document from GET /api/v1/config, changed in the page and
// saved whole with PUT (If-Match: the etag it was read with). The daemon validates it with the
// same schema as the file, writes it atomically and applies it at once. Secrets arrive as
// "(set)"; leaving such a field empty sends "(set)" back, which keeps the stored secret.
import { ApiError, api, button, el, loadMessages, tr } from "./common.js";

const SECRET = "(set)";
const CLOUD_TYPES = {
  dropbox: "settings.kindDropbox",
  drive: "settings.kindDrive",
  onedrive: "settings.kindOnedrive",
};

const CONFLICT = ["auto", "overwrite", "skip", "rename", "version"];
const TEMP_NAMES = ["auto", "always", "never"];
const CHANNEL_TYPES = ["slack", "discord", "webhook", "ntfy", "email"];
const POSITIONS = [
  "top-left",
  "top",
  "top-right",
  "left",
  "center",
  "right",
  "bottom-left",
  "bottom",
  "bottom-right",
];

const state = { doc: null, etag: "", status: null, editing: null };
const $ = (id) => document.getElementById(id);

// ---- Loading and saving ------------------------------------------------------------------

async function load() {
  const [{ body: view }, status] = await Promise.all([api("/config"), api("/status").catch(() => null)]);
  state.doc = view.config ?? {};
  state.etag = view.etag;
  state.status = status?.body ?? null;
  showFault(view.fault);
  render();
}

/** Applies `change` to a copy of the document and saves it; the page follows the answer. */
async function save(change, done) {
  const next = structuredClone(state.doc);
  change(next);
  // Until the page shows the saved state again, it is busy: the forms are drawn anew from the
  // daemon's answer, so anything typed meanwhile would be lost (and tests wait for this).
  document.body.dataset.busy = "saving";
  try {
    const { body } = await api("/config", {
      method: "PUT",
      headers: { "If-Match": state.etag },
      body: JSON.stringify(next),
    });
    state.etag = body.etag;
    state.doc = next;
    showFault(body.reload.ok ? null : body.reload.fault);
    say(tr("settings.saved"), true);
    done?.();
    await load();
    return true;
  } catch (error) {
    failed(error);
    return false;
  } finally {
    delete document.body.dataset.busy;
  }
}

function failed(error) {
  if (error instanceof ApiError && error.status === 409) {
    say(
      tr("settings.stale"),
      false,
      button(tr("settings.reload"), () => load().then(() => hide($("message")))),
    );
  } else if (error instanceof ApiError && error.status === 401) {
    say(tr("settings.needsToken"), false);
  } else if (error instanceof ApiError && error.body) {
    say(`${error.body.message} ${error.body.hint ?? ""}`, false);
  } else {
    say(error.message, false);
  }
}

function say(text, ok, action) {
  const node = $("message");
  node.replaceChildren(el("span", "", text), ...(action ? [action] : []));
  node.dataset.ok = String(ok);
  node.hidden = false;
}

function hide(node) {
  node.hidden = true;
}

function showFault(fault) {
  const node = $("fault");
  if (!fault) {
    node.hidden = true;
    return;
  }
  const lines = [tr("settings.faultBanner", { message: fault.message })];
  if (fault.line !== null) {
    lines.push(
      tr("settings.faultWhere", {
        file: fault.file,
        line: fault.line,
        column: fault.column,
        key: fault.key ? ` (${fault.key})` : "",
      }),
    );
  }
  if (fault.hint) lines.push(fault.hint);
  node.replaceChildren(...lines.map((line) => el("div", "", line)));
  node.hidden = false;
}

// ---- Form helpers ------------------------------------------------------------------------

function field(labelKey, input) {
  const label = el("label");
  label.append(el("span", "", tr(labelKey)), input);
  return label;
}

function textInput(name, value, options = {}) {
  const input = el("input");
  input.type = options.type ?? "text";
  input.name = name;
  if (options.secret && value === SECRET) {
    input.value = "";
    input.placeholder = tr("settings.secretSet");
    input.dataset.secret = "set";
  } else {
    input.value = value ?? "";
  }
  if (options.placeholder) input.placeholder = options.placeholder;
  return input;
}

function checkbox(labelKey, name, checked, params = {}) {
  const label = el("label", "check");
  const input = el("input");
  input.type = "checkbox";
  input.name = name;
  input.checked = Boolean(checked);
  label.append(input, el("span", "", tr(labelKey, params)));
  return label;
}

function select(name, options, value) {
  const node = el("select");
  node.name = name;
  for (const [optionValue, key] of options) {
    const option = el("option", "", tr(key));
    option.value = optionValue;
    node.append(option);
  }
  node.value = value;
  return node;
}

function value(form, name) {
  const input = form.elements.namedItem(name);
  if (!input) return undefined;
  if (input.type === "checkbox") return input.checked;
  if (input.dataset?.secret === "set" && input.value === "") return SECRET;
  return input.value.trim();
}

/** Sets `key` when `text` is given, removes it otherwise (so defaults stay defaults). */
function put(target, key, text, convert = (x) => x) {
  if (text === undefined || text === "" || text === false) delete target[key];
  else target[key] = convert(text);
}

/** `chosen`, unless it is the default and the file did not name the key before. */
function unlessDefault(chosen, fallback, before) {
  return chosen === fallback && before === undefined ? undefined : chosen;
}

function lines(text) {
  return (text ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

function actions(...nodes) {
  const node = el("div", "actions");
  node.append(...nodes);
  return node;
}

function submitButton(key) {
  const node = el("button", "", tr(key));
  node.type = "submit";
  return node;
}

// ---- Destinations ------------------------------------------------------------------------

function kindOf(destination) {
  const remote = destination.remote ?? "";
  if (!remote.includes(":") || /^[A-Za-z]:[\\/]/.test(remote)) return "local";
  return "remote";
}

function renderDestinations() {
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

function editDestination(index) {
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

/** rclone's sign-in page in a new tab; this page polls until rclone has the token. */
/** `key=value` lines → rclone's parameters of the backend (client_id, client_secret …). */
function optionsOf(text) {
  const options = {};
  for (const line of lines(text)) {
    const equals = line.indexOf("=");
    if (equals > 0) options[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  }
  return options;
}

async function startSignIn(type, name, parameters, result, remoteInput) {
  // Opened now, while the click still counts as the person's: after an await it would be blocked.
  const tab = window.open("about:blank", "_blank");
  result.dataset.ok = "";
  try {
    const { body } = await api("/remotes", {
      method: "POST",
      body: JSON.stringify({ name, type, parameters }),
    });
    if (body.state === "authorize") {
      if (tab) tab.location.href = body.url;
      result.textContent = tab
        ? tr("settings.signInOpened")
        : tr("settings.signInBlocked", { url: body.url });
      await waitSignedIn(name, type, result, remoteInput);
    } else {
      tab?.close();
      signedIn(name, type, result, remoteInput);
    }
  } catch (error) {
    tab?.close();
    result.dataset.ok = "false";
    result.textContent = tr("settings.signInFailed", { message: error.message });
  }
}

async function waitSignedIn(name, type, result, remoteInput) {
  for (let round = 0; round < 330; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    let body;
    try {
      ({ body } = await api(`/remotes/${encodeURIComponent(name)}`));
    } catch (error) {
      // A dropped connection (the daemon busy, a socket closing) is not the sign-in's end.
      if (error instanceof ApiError) throw error;
      continue;
    }
    if (body.configured) return signedIn(name, type, result, remoteInput);
    if (body.signIn?.state === "failed") {
      result.dataset.ok = "false";
      result.textContent = tr("settings.signInFailed", { message: body.signIn.error ?? "" });
      return;
    }
    result.textContent = tr("settings.signInWaiting");
  }
}

function signedIn(name, type, result, remoteInput) {
  result.dataset.ok = "true";
  result.textContent = tr("settings.signedIn", { type: tr(CLOUD_TYPES[type] ?? type), name });
  remoteInput.value = `${name}:`;
}

function pasteBox(kindSelect, nameInput, parameters, result, remoteInput) {
  const box = el("details", "paste");
  const summary = el("summary", "", tr("settings.signInPaste"));
  const command = el("code");
  const area = el("textarea");
  area.rows = 4;
  area.name = "token";
  box.addEventListener("toggle", () => {
    command.textContent = `rclone authorize "${kindSelect.value}"`;
  });
  box.append(
    summary,
    command,
    area,
    actions(
      button(tr("settings.signInPasteButton"), async () => {
        try {
          const name = nameInput.value.trim();
          const type = kindSelect.value;
          await api("/remotes", {
            method: "POST",
            body: JSON.stringify({ name, type, mode: "paste", token: area.value, parameters: parameters() }),
          });
          area.value = "";
          signedIn(name, type, result, remoteInput);
        } catch (error) {
          result.dataset.ok = "false";
          result.textContent = error.body ? `${error.body.message} ${error.body.hint}` : error.message;
        }
      }),
    ),
  );
  return box;
}

// ---- Watch folders -----------------------------------------------------------------------

function renderWatch() {
  const rules = state.doc.watch ?? [];
  $("watch-list").replaceChildren(
    ...rules.map((rule, index) => {
      const li = el("li");
      li.dataset.watch = rule.path;
      li.append(el("span", "name", rule.path));
      li.append(
        el(
          "span",
          "meta",
          `→ ${(rule.to ?? [state.doc.defaultDestination ?? state.doc.destinations?.[0]?.name ?? "?"]).join(", ")} · ${rule.subpath ?? "{folder}"}`,
        ),
      );
      li.append(
        actions(
          button(tr("settings.edit"), () => editWatch(index)),
          button(tr("settings.remove"), () => save((doc) => doc.watch.splice(index, 1))),
        ),
      );
      return li;
    }),
  );
  if (rules.length === 0) $("watch-list").append(el("li", "empty", tr("settings.none")));
}

function editWatch(index) {
  const form = $("watch-form");
  const original = index === null ? { path: "" } : state.doc.watch[index];
  const folder = textInput("path", original.path);
  const folderResult = el("div", "result");
  const include = el("textarea");
  include.name = "include";
  include.value = (original.include ?? []).join("\n");
  const exclude = el("textarea");
  exclude.name = "exclude";
  exclude.value = (original.exclude ?? []).join("\n");
  const targets = el("fieldset");
  for (const destination of state.doc.destinations ?? []) {
    targets.append(
      checkbox("settings.to", `to:${destination.name}`, (original.to ?? []).includes(destination.name)),
    );
    targets.lastChild.lastChild.textContent = destination.name;
  }
  const subpath = textInput("subpath", original.subpath ?? "{folder}");
  const fileName = textInput("fileName", original.fileName ?? "{name}.{ext}");
  const sample = textInput("sample", "Wedding/DSC_0001.NEF");
  const date = textInput("date", new Date().toISOString().slice(0, 10), { type: "date" });
  const preview = el("div", "result preview");
  const refreshPreview = debounce(async () => {
    try {
      const { body } = await api("/settings/preview-path", {
        method: "POST",
        body: JSON.stringify({
          subpath: subpath.value,
          fileName: fileName.value,
          sample: sample.value,
          date: date.value,
        }),
      });
      preview.dataset.ok = "true";
      preview.textContent = tr("settings.preview", {
        sample: sample.value,
        date: date.value,
        path: body.path,
      });
    } catch (error) {
      preview.dataset.ok = "false";
      preview.textContent = error.message;
    }
  }, 250);
  for (const input of [subpath, fileName, sample, date]) input.addEventListener("input", refreshPreview);
  const check = async () => {
    try {
      const { body } = await api("/settings/check-folder", {
        method: "POST",
        body: JSON.stringify({ path: folder.value }),
      });
      folderResult.dataset.ok = String(body.ok);
      folderResult.textContent = body.ok
        ? tr("settings.folderOk", { path: body.path })
        : `${body.problem} (${body.path})`;
    } catch (error) {
      folderResult.dataset.ok = "false";
      folderResult.textContent = error.message;
    }
  };
  folder.addEventListener("change", check);
  const toLabel = el("div");
  toLabel.append(el("span", "", tr("settings.to")), targets);
  form.replaceChildren(
    field("settings.watchPath", folder),
    actions(button(tr("settings.check"), check)),
    folderResult,
    field("settings.include", include),
    field("settings.exclude", exclude),
    toLabel,
    field("settings.subpath", subpath),
    field("settings.fileName", fileName),
    field("settings.previewSample", sample),
    field("settings.previewDateLabel", date),
    preview,
    actions(
      submitButton("settings.save"),
      button(tr("settings.cancel"), () => hide(form)),
    ),
  );
  form.onsubmit = (event) => {
    event.preventDefault();
    const next = { ...original, path: value(form, "path") };
    const to = (state.doc.destinations ?? []).map((d) => d.name).filter((name) => value(form, `to:${name}`));
    put(next, "to", to.length > 0 ? to : undefined);
    put(next, "include", lines(include.value).length > 0 ? lines(include.value) : undefined);
    put(next, "exclude", lines(exclude.value).length > 0 ? lines(exclude.value) : undefined);
    put(
      next,
      "subpath",
      value(form, "subpath") === "{folder}" && original.subpath === undefined
        ? undefined
        : value(form, "subpath"),
    );
    put(
      next,
      "fileName",
      value(form, "fileName") === "{name}.{ext}" && original.fileName === undefined
        ? undefined
        : value(form, "fileName"),
    );
    save(
      (doc) => {
        doc.watch ??= [];
        if (index === null) doc.watch.push(next);
        else doc.watch[index] = next;
      },
      () => hide(form),
    );
  };
  form.hidden = false;
  refreshPreview();
  if (original.path) check();
  folder.focus();
}

function debounce(work, ms) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(work, ms);
  };
}

// ---- Renditions --------------------------------------------------------------------------

function plainSelect(name, values, selected) {
  const node = el("select");
  node.name = name;
  for (const optionValue of values) {
    const option = el("option", "", optionValue);
    option.value = optionValue;
    node.append(option);
  }
  node.value = selected;
  return node;
}

function renderRenditions() {
  const form = $("rendition-form");
  const rows = (state.doc.destinations ?? []).map((destination, index) => {
    const rendition = destination.rendition ?? {};
    const row = el("fieldset");
    row.dataset.destination = destination.name;
    row.append(
      el("strong", "", destination.name),
      checkbox("settings.renditionOn", `rendition:${index}`, destination.rendition !== undefined),
      field("settings.longEdge", textInput(`longEdge:${index}`, rendition.longEdge, { type: "number" })),
      field(
        "settings.format",
        plainSelect(`format:${index}`, ["jpeg", "webp", "avif", "original"], rendition.format ?? "jpeg"),
      ),
      field("settings.quality", textInput(`quality:${index}`, rendition.quality, { type: "number" })),
      field(
        "settings.metadata",
        plainSelect(`metadata:${index}`, ["all", "copyright", "none"], rendition.metadata ?? "copyright"),
      ),
      checkbox("settings.removeLocation", `removeLocation:${index}`, rendition.removeLocation),
      ...watermarkFields(index, rendition.watermark ?? {}),
      field(
        "settings.onUnsupported",
        plainSelect(`onUnsupported:${index}`, ["skip", "original"], destination.onUnsupported ?? "skip"),
      ),
    );
    return row;
  });
  if (rows.length === 0) {
    form.replaceChildren(el("p", "empty", tr("settings.none")));
    return;
  }
  form.replaceChildren(...rows, actions(submitButton("settings.save")));
  form.onsubmit = (event) => {
    event.preventDefault();
    save((doc) => {
      (doc.destinations ?? []).forEach((destination, index) => {
        if (!value(form, `rendition:${index}`)) {
          delete destination.rendition;
          delete destination.onUnsupported;
          return;
        }
        // Keys the page does not edit (a watermark, width/height, sharpen …) stay as they are.
        const next = { ...(destination.rendition ?? {}) };
        put(next, "longEdge", value(form, `longEdge:${index}`), Number);
        next.format = value(form, `format:${index}`);
        put(next, "quality", value(form, `quality:${index}`), Number);
        next.metadata = value(form, `metadata:${index}`);
        put(next, "removeLocation", value(form, `removeLocation:${index}`));
        const image = value(form, `watermark:${index}`);
        if (image) {
          const watermark = { ...(next.watermark ?? {}), image };
          put(
            watermark,
            "position",
            unlessDefault(value(form, `position:${index}`), "bottom-right", next.watermark?.position),
          );
          put(watermark, "opacity", value(form, `opacity:${index}`), Number);
          put(watermark, "scale", value(form, `scale:${index}`), Number);
          next.watermark = watermark;
        } else {
          delete next.watermark;
        }
        destination.rendition = next;
        destination.onUnsupported = value(form, `onUnsupported:${index}`);
      });
    });
  };
}

/** A watermark image (checked like a folder), its position, opacity and scale. */
function watermarkFields(index, watermark) {
  const image = textInput(`watermark:${index}`, watermark.image, { placeholder: "./logo.png" });
  const result = el("div", "result watermark-check");
  const check = async () => {
    if (image.value.trim() === "") {
      result.textContent = "";
      return;
    }
    try {
      const { body } = await api("/settings/check-file", {
        method: "POST",
        body: JSON.stringify({ path: image.value.trim() }),
      });
      result.dataset.ok = String(body.ok);
      result.textContent = body.ok
        ? tr("settings.fileOk", { path: body.path })
        : `${body.problem} (${body.path})`;
    } catch (error) {
      result.dataset.ok = "false";
      result.textContent = error.message;
    }
  };
  image.addEventListener("change", check);
  const number = (name, current) => {
    const input = textInput(`${name}:${index}`, current, { type: "number" });
    // No min/max here: an out-of-range value goes to the daemon, whose refusal names the key.
    input.step = "any";
    return input;
  };
  return [
    field("settings.watermarkImage", image),
    actions(button(tr("settings.checkFile"), check)),
    result,
    field(
      "settings.watermarkPosition",
      plainSelect(`position:${index}`, POSITIONS, watermark.position ?? "bottom-right"),
    ),
    field("settings.watermarkOpacity", number("opacity", watermark.opacity)),
    field("settings.watermarkScale", number("scale", watermark.scale)),
  ];
}

// ---- Schedules and bandwidth -------------------------------------------------------------

function renderSchedules() {
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

// ---- Notifications -----------------------------------------------------------------------

function renderChannels() {
  const channels = state.doc.notify ?? [];
  $("channel-list").replaceChildren(
    ...channels.map((channel, index) => {
      const li = el("li");
      const name = channel.name ?? `${channel.type}#${index + 1}`;
      li.dataset.channel = name;
      li.append(el("span", "name", name));
      li.append(
        el("span", "meta", `${channel.type} · ${(channel.on ?? ["completed", "failed"]).join(", ")}`),
      );
      const result = el("span", "result detail");
      li.append(
        actions(
          button(tr("settings.sendTest"), async () => {
            try {
              const { body } = await api("/notify/test", {
                method: "POST",
                body: JSON.stringify({ channel: name }),
              });
              const outcome = body[0];
              result.dataset.ok = String(outcome?.ok ?? false);
              result.textContent = outcome?.ok
                ? tr("settings.testSent", { channel: name })
                : tr("settings.testNotSent", { channel: name, message: outcome?.error ?? "" });
            } catch (error) {
              result.dataset.ok = "false";
              result.textContent = error.message;
            }
          }),
          button(tr("settings.channelEdit"), () => editChannel(index)),
          button(tr("settings.remove"), () => save((doc) => doc.notify.splice(index, 1))),
        ),
        result,
      );
      return li;
    }),
  );
  if (channels.length === 0) $("channel-list").append(el("li", "empty", tr("settings.none")));
}

/** Add (index null) or edit a channel: a webhook URL for chat and push, SMTP fields for email. */
function editChannel(index) {
  const form = $("channel-form");
  const original = index === null ? { type: "slack" } : state.doc.notify[index];
  const type = select(
    "type",
    CHANNEL_TYPES.map((kind) => [kind, kind]),
    original.type,
  );
  for (const option of type.options) option.textContent = option.value;
  const webhook = [
    field("settings.channelUrl", textInput("url", original.url, { type: "password", secret: true })),
  ];
  const to = el("textarea");
  to.name = "to";
  to.rows = 2;
  to.value = (original.to ?? []).join("\n");
  const email = [
    field("settings.smtpHost", textInput("host", original.host)),
    field("settings.smtpPort", textInput("port", original.port, { type: "number", placeholder: "587" })),
    field("settings.smtpUser", textInput("user", original.user)),
    field(
      "settings.smtpPassword",
      textInput("password", original.password, { type: "password", secret: true }),
    ),
    field("settings.mailFrom", textInput("from", original.from)),
    field("settings.mailTo", to),
  ];
  const update = () => {
    for (const node of webhook) node.hidden = type.value === "email";
    for (const node of email) node.hidden = type.value !== "email";
  };
  type.addEventListener("change", update);
  const on = original.on ?? ["completed", "failed"];
  form.replaceChildren(
    field("settings.channelType", type),
    field("settings.name", textInput("name", original.name)),
    ...webhook,
    ...email,
    checkbox("settings.notifications", "completed", on.includes("completed")),
    checkbox("settings.notifications", "failed", on.includes("failed")),
    actions(
      submitButton("settings.save"),
      button(tr("settings.cancel"), () => hide(form)),
    ),
  );
  update();
  form.querySelectorAll("label.check span")[0].textContent = "completed";
  form.querySelectorAll("label.check span")[1].textContent = "failed";
  form.onsubmit = (event) => {
    event.preventDefault();
    const kind = value(form, "type");
    // Keys the form does not show (headers, tokens, *Env names …) stay when the type stays.
    const channel = kind === original.type ? { ...original, type: kind } : { type: kind };
    if (kind === "email") {
      for (const key of ["url", "token", "tokenEnv", "urlEnv", "headers"]) delete channel[key];
      put(channel, "host", value(form, "host"));
      put(channel, "port", value(form, "port"), Number);
      put(channel, "user", value(form, "user"));
      put(channel, "password", value(form, "password"));
      put(channel, "from", value(form, "from"));
      put(channel, "to", lines(to.value).length > 0 ? lines(to.value) : undefined);
    } else {
      put(channel, "url", value(form, "url"));
    }
    put(channel, "name", value(form, "name"));
    const outcomes = ["completed", "failed"].filter((outcome) => value(form, outcome));
    if (outcomes.length < 2) channel.on = outcomes;
    else delete channel.on;
    save(
      (doc) => {
        doc.notify ??= [];
        if (index === null) doc.notify.push(channel);
        else doc.notify[index] = channel;
      },
      () => hide(form),
    );
  };
  form.hidden = false;
}

// ---- Start -------------------------------------------------------------------------------

function render() {
  renderDestinations();
  renderWatch();
  renderRenditions();
  renderSchedules();
  renderChannels();
}

async function start() {
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
