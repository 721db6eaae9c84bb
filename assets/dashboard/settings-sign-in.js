// Cloud sign-in from the destination editor (Dropbox, Google Drive, OneDrive), through rclone:
// its sign-in page in a new tab while this page polls, or a token `rclone authorize` printed
// elsewhere, pasted.
import { ApiError, api, button, el, tr } from "./common.js";
import { actions, lines } from "./settings-form.js";

export const CLOUD_TYPES = {
  dropbox: "settings.kindDropbox",
  drive: "settings.kindDrive",
  onedrive: "settings.kindOnedrive",
};

/** `key=value` lines → rclone's parameters of the backend (client_id, client_secret …). */
export function optionsOf(text) {
  const options = {};
  for (const line of lines(text)) {
    const equals = line.indexOf("=");
    if (equals > 0) options[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  }
  return options;
}

/** rclone's sign-in page in a new tab; this page polls until rclone has the token. */
export async function startSignIn(type, name, parameters, result, remoteInput) {
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

export function pasteBox(kindSelect, nameInput, parameters, result, remoteInput) {
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
