// Renditions: per destination, the copy it receives instead of the original, and its watermark.
import { api, button, el, tr } from "./common.js";
import { save, state } from "./settings-document.js";
import {
  $,
  actions,
  checkbox,
  field,
  plainSelect,
  put,
  submitButton,
  textInput,
  unlessDefault,
  value,
} from "./settings-form.js";

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

export function renderRenditions() {
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
