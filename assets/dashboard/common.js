// Shared by the dashboard's pages: the API with the token, texts from the catalogue
// (/messages.json, so a translated catalogue translates the pages), and small DOM helpers.
// Text from the config or the queue is only ever set as textContent.

export const API = "/api/v1";
export const TOKEN_KEY = "junmai-sync-token";

let messages = {};

/** Loads the page's texts; elements with data-t="key" get theirs at once. */
export async function loadMessages() {
  try {
    messages = await (await fetch("/messages.json")).json();
  } catch {
    messages = {};
  }
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = tr(node.dataset.t);
  for (const node of document.querySelectorAll("[data-t-placeholder]")) {
    node.placeholder = tr(node.dataset.tPlaceholder);
  }
}

/** Whether the catalogue has a text for `key`. */
export function hasText(key) {
  return Object.hasOwn(messages, key);
}

/** The text for `key` with its {placeholders} filled. */
export function tr(key, params = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function token() {
  return localStorage.getItem(TOKEN_KEY) ?? "";
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export async function api(path, options = {}) {
  const headers = { Accept: "application/json", ...(options.headers ?? {}) };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const value = token();
  if (value) headers.Authorization = `Bearer ${value}`;
  const response = await fetch(API + path, { ...options, headers });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return { body, response };
}

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function button(text, onClick, className = "quiet") {
  const node = el("button", className, text);
  node.type = "button";
  node.addEventListener("click", onClick);
  return node;
}
