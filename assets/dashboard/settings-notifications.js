// Notifications: the channels with "send test", and the editor (a webhook URL for chat and
// push, SMTP fields for email).
import { api, button, el, tr } from "./common.js";
import { save, state } from "./settings-document.js";
import {
  $,
  actions,
  checkbox,
  field,
  hide,
  lines,
  put,
  select,
  submitButton,
  textInput,
  value,
} from "./settings-form.js";

const CHANNEL_TYPES = ["slack", "discord", "webhook", "ntfy", "email"];

export function renderChannels() {
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
export function editChannel(index) {
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
