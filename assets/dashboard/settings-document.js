// The config document the settings pages edit: read from GET /api/v1/config, changed in the page
// and saved whole with PUT (If-Match: the etag it was read with). The daemon validates it with the
// same schema as the file, writes it atomically and applies it at once; the page then draws
// itself again from what it reads back.
import { ApiError, api, button, el, tr } from "./common.js";
import { $, hide } from "./settings-form.js";

export const state = { doc: null, etag: "", status: null, editing: null };
let redraw = () => {};

/** What draws the page from `state` after every load (the sections, settings.js). */
export function drawWith(render) {
  redraw = render;
}

export async function load() {
  const [{ body: view }, status] = await Promise.all([api("/config"), api("/status").catch(() => null)]);
  state.doc = view.config ?? {};
  state.etag = view.etag;
  state.status = status?.body ?? null;
  showFault(view.fault);
  redraw();
}

/** Applies `change` to a copy of the document and saves it; the page follows the answer. */
export async function save(change, done) {
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

export function failed(error) {
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
