// Watch folders: the list, and the editor with its folder check and live path preview.
import { api, button, el, tr } from "./common.js";
import { save, state } from "./settings-document.js";
import {
  $,
  actions,
  checkbox,
  debounce,
  field,
  hide,
  lines,
  put,
  submitButton,
  textInput,
  value,
} from "./settings-form.js";

export function renderWatch() {
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

export function editWatch(index) {
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
