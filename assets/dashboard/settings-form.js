// The settings pages' form pieces: labelled fields, inputs that keep a secret as "(set)",
// reading a form's values back, and writing only what differs from the defaults.
import { el, tr } from "./common.js";

export const SECRET = "(set)";
export const $ = (id) => document.getElementById(id);

export function hide(node) {
  node.hidden = true;
}

export function field(labelKey, input) {
  const label = el("label");
  label.append(el("span", "", tr(labelKey)), input);
  return label;
}

export function textInput(name, value, options = {}) {
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

export function checkbox(labelKey, name, checked, params = {}) {
  const label = el("label", "check");
  const input = el("input");
  input.type = "checkbox";
  input.name = name;
  input.checked = Boolean(checked);
  label.append(input, el("span", "", tr(labelKey, params)));
  return label;
}

export function select(name, options, value) {
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

export function value(form, name) {
  const input = form.elements.namedItem(name);
  if (!input) return undefined;
  if (input.type === "checkbox") return input.checked;
  if (input.dataset?.secret === "set" && input.value === "") return SECRET;
  return input.value.trim();
}

/** Sets `key` when `text` is given, removes it otherwise (so defaults stay defaults). */
export function put(target, key, text, convert = (x) => x) {
  if (text === undefined || text === "" || text === false) delete target[key];
  else target[key] = convert(text);
}

/** `chosen`, unless it is the default and the file did not name the key before. */
export function unlessDefault(chosen, fallback, before) {
  return chosen === fallback && before === undefined ? undefined : chosen;
}

export function lines(text) {
  return (text ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

export function actions(...nodes) {
  const node = el("div", "actions");
  node.append(...nodes);
  return node;
}

export function submitButton(key) {
  const node = el("button", "", tr(key));
  node.type = "submit";
  return node;
}

export function debounce(work, ms) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(work, ms);
  };
}

export function plainSelect(name, values, selected) {
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
