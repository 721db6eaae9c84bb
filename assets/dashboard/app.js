// The junmai-sync dashboard: plain DOM, no framework. Everything shown comes from /api/v1; live
// updates arrive as Server-Sent Events, read with fetch so the token can travel in a header.
// Text from the queue (file names, messages) is only ever set as textContent.

import { showBatchFiles, wireBatchDialog } from "./batch-files.js";
import { hasText, loadMessages, tr } from "./common.js";

const API = "/api/v1";
const TOKEN_KEY = "junmai-sync-token";
const LANGUAGE_COOKIE = "junmai-sync-lang";

// ---- Language --------------------------------------------------------------------------------
// The server chose the reader's language (the switch's cookie, else Accept-Language), filled the
// page's texts and put the rest of the catalogue in #messages; every sentence below comes from it.

const i18n = JSON.parse(document.getElementById("messages")?.textContent ?? "{}");
const messages = i18n.messages ?? {};
const locale = i18n.locale ?? "en-US";
const pluralRules = new Intl.PluralRules(locale);

function t(key, params = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A stored (English) error message in the reader's language when it is one the engine writes. */
const storedPatterns = Object.entries(i18n.storedEnglish ?? {}).map(([key, text]) => {
  const names = [];
  const source = text
    .split(/(\{[A-Za-z0-9_]+\})/)
    .map((part) => {
      const name = /^\{([A-Za-z0-9_]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name);
      return "(.+?)";
    })
    .join("");
  return { key, regex: new RegExp(`^${source}$`, "s"), names };
});

/** A sentence named by key (an error's `says` / `hintSays`), when this page has its text. */
function rendered(ref) {
  if (!ref || typeof ref.key !== "string" || !(ref.key in messages)) return undefined;
  const params = { ...(ref.params ?? {}) };
  for (const name of ref.instants ?? []) {
    if (typeof params[name] === "number") params[name] = dateTimeFormat.format(params[name]);
  }
  return t(ref.key, params);
}

/** A stored error's message: from its key, else recognised by its English text, else as stored. */
function messageOf(error) {
  const keyed = rendered(error.says);
  if (keyed !== undefined) return keyed;
  for (const { key, regex, names } of storedPatterns) {
    const match = regex.exec(error.message);
    if (match) return t(key, Object.fromEntries(names.map((name, index) => [name, match[index + 1]])));
  }
  return error.message;
}

/**
 * An error's hint in the reader's language: from its key (with "all N attempts failed" once its
 * retries were used up), else when it is the code's default, else as stored.
 */
function hintOf(error) {
  const keyed = rendered(error.hintSays);
  if (keyed !== undefined) {
    const n = error.attemptsFailed;
    // As domain/errors.ts' attemptsFailedRef: "its one attempt" for exactly one, else "all N".
    return typeof n === "number"
      ? t("errors.withAttempts", {
          hint: keyed,
          attempts: t(n === 1 ? "errors.attemptsFailed.one" : "errors.attemptsFailed.other", {
            count: number(n),
          }),
        })
      : keyed;
  }
  const known = i18n.defaultHints?.[error.code];
  return known !== undefined && known === error.hint ? t(`errors.${error.code}.hint`) : error.hint;
}

function plural(base, count, params = {}) {
  const key = `${base}.${pluralRules.select(count)}`;
  return t(key in messages ? key : `${base}.other`, { ...params, count: number(count) });
}

function chooseLanguage(language) {
  // Remembered for a year; the server reads it so the page comes back in this language. A plain
  // cookie: the Cookie Store API is not in every browser a studio uses yet.
  // biome-ignore lint/suspicious/noDocumentCookie: one fixed, non-secret value, no escaping needed
  document.cookie = `${LANGUAGE_COOKIE}=${language}; path=/; max-age=31536000; SameSite=Strict`;
  location.reload();
}

const state = {
  token: takeTokenFromUrl() ?? localStorage.getItem(TOKEN_KEY) ?? "",
  active: new Map(), // job id → { job fields, progress }
  status: null,
  batchPage: 0,
  deliveries: new Map(), // batch id → { status, value: what each destination receives }
  thumbnails: new Map(), // job id → Promise of a data: URL, or null when the file has no preview
};

/** Batches on one page of the list; older ones are a click on "Older" away. */
const BATCHES_PER_PAGE = 8;

const $ = (id) => document.getElementById(id);

function takeTokenFromUrl() {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match === null) return undefined;
  const token = decodeURIComponent(match[1]);
  localStorage.setItem(TOKEN_KEY, token);
  // Out of the address bar and the history, so it is not shared with a screenshot or a link.
  history.replaceState(null, "", location.pathname + location.search);
  return token;
}

// ---- API -------------------------------------------------------------------------------------

async function api(path, options = {}) {
  const headers = {
    Accept: "application/json",
    ...(options.body ? { "Content-Type": "application/json" } : {}),
  };
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  const response = await fetch(API + path, { ...options, headers });
  const body = await response.json().catch(() => null);
  if (response.status === 401) {
    askForToken(body?.message ?? t("dashboard.token.needed"));
    throw new ApiError(body);
  }
  if (!response.ok) throw new ApiError(body);
  return body;
}

class ApiError extends Error {
  constructor(body) {
    super(body?.message ?? t("dashboard.noAnswer"));
    this.body = body;
  }
}

async function act(button, work) {
  button.disabled = true;
  try {
    await work();
    hideNotice();
  } catch (error) {
    if (!(error instanceof ApiError && error.body?.code === "UNAUTHORIZED")) {
      showNotice(
        error.body ? `${error.body.code}: ${error.body.message} ${hintOf(error.body)}` : error.message,
      );
    }
  } finally {
    button.disabled = false;
  }
}

// ---- Formatting ------------------------------------------------------------------------------

// Numbers, sizes, durations and times through Intl in the reader's locale (as src/i18n/format.ts).
const numberFormats = new Map();
function number(value, digits = 0) {
  if (!numberFormats.has(digits)) {
    numberFormats.set(
      digits,
      new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    );
  }
  return numberFormats.get(digits).format(value);
}

function bytes(n) {
  if (n === null || n === undefined) return "?";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${number(value, value < 10 && unit > 0 ? 1 : 0)} ${units[unit]}`;
}

function duration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "";
  const total = Math.max(0, Math.round(seconds));
  const two = (n) => String(n).padStart(2, "0");
  if (total < 60) return t("format.seconds", { s: total });
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return t("format.minutesSeconds", { m: minutes, s: two(total % 60) });
  return t("format.hoursMinutes", { h: Math.floor(minutes / 60), m: two(minutes % 60) });
}

// As the CLI writes a date and a time (i18n/format.ts): ja 2026/12/02 11:00, en Dec 2, 2026, 11:00.
const dateTimeFormat = new Intl.DateTimeFormat(locale, {
  year: "numeric",
  month: locale.startsWith("ja") ? "2-digit" : "short",
  day: locale.startsWith("ja") ? "2-digit" : "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const timeFormat = new Intl.DateTimeFormat(locale, {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});
function time(ms) {
  return ms === null || ms === undefined ? "" : timeFormat.format(ms);
}

const relativeFormat = new Intl.RelativeTimeFormat(locale, {
  numeric: "auto",
  style: locale.startsWith("ja") ? "narrow" : "short",
});
/** "3分前" / "3 min. ago". */
function relative(ms, now = Date.now()) {
  const seconds = Math.round((ms - now) / 1000);
  const size = Math.abs(seconds);
  if (size < 45) return relativeFormat.format(seconds, "second");
  if (size < 45 * 60) return relativeFormat.format(Math.round(seconds / 60), "minute");
  if (size < 22 * 3600) return relativeFormat.format(Math.round(seconds / 3600), "hour");
  return relativeFormat.format(Math.round(seconds / 86_400), "day");
}

function baseName(remotePath) {
  return remotePath.split("/").pop() || remotePath;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function bar(percent, outcome) {
  const outer = el("div", "progress");
  // A batch with failures is drawn red (nothing delivered) or yellow (some), never as success.
  if (outcome) outer.dataset.outcome = outcome;
  outer.setAttribute("role", "progressbar");
  outer.setAttribute("aria-valuemin", "0");
  outer.setAttribute("aria-valuemax", "100");
  outer.setAttribute("aria-valuenow", String(percent));
  const inner = el("span");
  inner.style.width = `${percent}%`;
  outer.append(inner);
  return outer;
}

// ---- Rendering -------------------------------------------------------------------------------

function renderCounts(counts) {
  const set = (id, n) => {
    const node = $(id);
    node.textContent = String(n);
    node.parentElement.dataset.nonzero = String(n > 0);
  };
  set("count-waiting", counts.pending + counts.retrying);
  set("count-moving", counts.uploading + counts.verifying);
  set("count-delivered", counts.completed + counts.skipped);
  set("count-failed", counts.failed);
}

/** A group claims many files at once; the ones moving bytes come first, and the list stays short. */
const ACTIVE_ROWS = 12;

function isMoving(job) {
  return (job.bytesDone ?? 0) > 0 && (job.percent ?? 0) < 100;
}

function renderActive() {
  const list = $("active");
  const rows = [...state.active.values()].sort(
    (a, b) => Number(isMoving(b)) - Number(isMoving(a)) || a.id - b.id,
  );
  const more = rows.length - ACTIVE_ROWS;
  list.replaceChildren(
    ...rows.slice(0, ACTIVE_ROWS).map((job) => {
      const li = el("li");
      li.dataset.job = String(job.id);
      li.append(el("span", "name", baseName(job.remotePath)));
      const speed = job.speed ? t("dashboard.speed", { speed: bytes(job.speed) }) : "";
      const eta = job.etaSeconds ? t("dashboard.active.left", { duration: duration(job.etaSeconds) }) : "";
      const verifying = job.state === "verifying" ? t("dashboard.verifying") : "";
      li.append(
        el("span", "meta", [`${job.percent ?? 0} %`, speed, eta, verifying].filter(Boolean).join(" · ")),
      );
      li.append(
        el(
          "span",
          "meta",
          t("dashboard.active.to", {
            destination: job.destination,
            done: bytes(job.bytesDone),
            total: bytes(job.sizeBytes),
          }),
        ),
      );
      li.append(bar(job.percent ?? 0));
      return li;
    }),
    ...(more > 0 ? [el("li", "more", t("dashboard.active.more", { count: number(more) }))] : []),
  );
  $("active-empty").hidden = rows.length > 0;
}

// ---- Thumbnails and deliveries ---------------------------------------------------------------

/**
 * A job's preview as a data: URL (fetched with the token, so it works on a server that needs
 * one for every call; the page's CSP allows data: images). Asked once per job.
 */
function thumbnailOf(jobId) {
  let known = state.thumbnails.get(jobId);
  if (known === undefined) {
    const headers = state.token ? { Authorization: `Bearer ${state.token}` } : {};
    known = fetch(`${API}/jobs/${jobId}/thumbnail`, { headers })
      .then((response) => (response.ok ? response.blob() : null))
      .then(
        (blob) =>
          blob &&
          new Promise((resolve) => {
            const reader = new FileReader();
            reader.onload = () => resolve(reader.result);
            reader.onerror = () => resolve(null);
            reader.readAsDataURL(blob);
          }),
      )
      .catch(() => null);
    state.thumbnails.set(jobId, known);
  }
  return known;
}

/** A grey square until the preview arrives (and for files without one), so the row never shifts. */
function thumb(jobId) {
  const img = el("img", "thumb");
  img.alt = "";
  if (jobId !== null && jobId !== undefined) {
    thumbnailOf(jobId).then((url) => {
      if (url) img.src = url;
    });
  }
  return img;
}

/** What each destination of a batch receives; read again only when the batch's status changes. */
async function deliveriesOf(summary) {
  const id = summary.batch.id;
  const known = state.deliveries.get(id);
  if (known && known.status === summary.status && known.jobs === summary.batch.jobCount) return known.value;
  const value = await api(`/batches/${id}/deliveries`).catch(() => null);
  state.deliveries.set(id, { status: summary.status, jobs: summary.batch.jobCount, value });
  return value;
}

function renderBatches(loaded) {
  const start = state.batchPage * BATCHES_PER_PAGE;
  const batches = loaded.slice(start, start + BATCHES_PER_PAGE);
  const older = loaded.length > start + BATCHES_PER_PAGE;
  $("batch-pager").hidden = state.batchPage === 0 && !older;
  $("batches-older").disabled = !older;
  $("batches-newer").disabled = state.batchPage === 0;
  $("batches-page").textContent = tr("dashboard.page", { page: state.batchPage + 1 });
  $("batches").replaceChildren(
    ...batches.map((summary) => {
      const { batch, counts } = summary;
      const li = el("li");
      li.dataset.batch = String(batch.id);
      li.tabIndex = 0;
      li.title = tr("dashboard.showFiles");
      li.addEventListener("click", () => showBatchFiles(batch, messageOf).catch(() => undefined));
      li.addEventListener("keydown", (event) => {
        if (event.key === "Enter") showBatchFiles(batch, messageOf).catch(() => undefined);
      });
      li.classList.add("with-thumb");
      const picture = thumb(null);
      li.append(picture);
      li.append(el("span", "name", batch.name ?? t("dashboard.batches.name", { id: batch.id })));
      const badge = el("span", "badge", t(`batchStatus.${summary.status}`));
      badge.dataset.state = summary.status;
      li.append(badge);
      const done = counts.completed + counts.skipped;
      const missed = counts.failed + counts.cancelled;
      const parts = [
        plural("dashboard.batches.files", batch.jobCount, { done: number(done) }),
        t("dashboard.batches.bytes", { done: bytes(summary.bytesDone), total: bytes(summary.bytesTotal) }),
      ];
      if (counts.failed > 0) parts.push(t("dashboard.batches.failed", { count: number(counts.failed) }));
      // Speed and time left from the live transfers of this batch (the events' own figures).
      const speed = batchSpeed(batch.id);
      if (summary.status === "running" && speed > 0) {
        parts.push(t("dashboard.speed", { speed: bytes(speed) }));
        parts.push(
          t("dashboard.active.left", {
            duration: duration((summary.bytesTotal - summary.bytesDone) / speed),
          }),
        );
      }
      parts.push(t("dashboard.batches.created", { when: relative(batch.createdAt) }));
      const percent = missed > 0 ? Math.min(summary.percent, 99) : summary.percent;
      const outcome = missed === 0 ? undefined : done > 0 ? "partial" : "failed";
      li.append(el("span", "meta", `${percent} % · ${parts.join(" · ")}`));
      li.append(bar(percent, outcome));
      const where = el("ul", "deliveries");
      li.append(where);
      deliveriesOf(summary).then((deliveries) => {
        if (!deliveries) return;
        where.replaceChildren(
          ...deliveries.destinations.map((entry) =>
            el(
              "li",
              "meta",
              entry.text === undefined
                ? entry.destination
                : `${entry.destination}: ${messageOf({ message: entry.text })}`,
            ),
          ),
        );
        if (deliveries.previewJobId !== null) {
          thumbnailOf(deliveries.previewJobId).then((url) => {
            if (url) picture.src = url;
          });
        }
      });
      return li;
    }),
  );
  $("batches-empty").hidden = batches.length > 0;
}

function batchSpeed(batchId) {
  let speed = 0;
  for (const job of state.active.values())
    if (job.batchId === batchId && isMoving(job)) speed += job.speed ?? 0;
  return speed;
}

function renderFailed(jobs) {
  $("failed").replaceChildren(
    ...jobs.map((job) => {
      const li = el("li");
      li.dataset.job = String(job.id);
      li.classList.add("with-thumb");
      li.append(thumb(job.id));
      li.append(el("span", "name", baseName(job.remotePath)));
      const retry = el("button", "quiet", t("dashboard.failed.retry"));
      retry.type = "button";
      retry.dataset.action = "retry";
      retry.addEventListener("click", () =>
        act(retry, async () => {
          await api(`/jobs/${job.id}/retry`, { method: "POST" });
          await refreshFailed();
        }),
      );
      li.append(retry);
      li.append(el("span", "meta", `→ ${job.destination}: ${job.remotePath}`));
      if (job.lastError) {
        // The dashboard's own words where they name a button rather than a command:
        // SOURCE_MISSING → dashboard.hint.sourceMissing.
        const words = job.lastError.code.toLowerCase().split("_");
        const pageHint = `dashboard.hint.${words[0]}${words
          .slice(1)
          .map((word) => word[0].toUpperCase() + word.slice(1))
          .join("")}`;
        li.append(
          errorBlock(
            hasText(pageHint)
              ? { ...job.lastError, hint: tr(pageHint), hintSays: undefined, attemptsFailed: undefined }
              : job.lastError,
          ),
        );
      }
      return li;
    }),
  );
  $("failed-empty").hidden = jobs.length > 0;
  $("retry-all").hidden = jobs.length === 0;
}

/** Our summary, rclone's own words below it, and the hint. */
function errorBlock(error) {
  const block = el("div", "error");
  block.append(el("span", "code", error.code), document.createTextNode(` ${messageOf(error)} `));
  if (error.detail && !error.message.includes(error.detail)) {
    block.append(el("div", "detail", t("faults.rcloneWords", { detail: error.detail })));
  }
  block.append(el("span", "hint", hintOf(error)));
  return block;
}

function healthOf(destination) {
  if (destination.hold) {
    const what = t(`dashboard.hold.${destination.hold.reason}`);
    const text = destination.hold.until
      ? t("dashboard.destinations.until", { what, until: time(destination.hold.until) })
      : what;
    return { state: "held", text };
  }
  const condition = destination.health?.condition ?? "online";
  const what = t(`dashboard.health.${condition}`);
  const text = destination.health?.until
    ? t("dashboard.destinations.next", { what, until: time(destination.health.until) })
    : what;
  return { state: condition, text };
}

// A rate in binary units, as the limits are written (20M = 20 MiB/s).
function rate(bytesPerSecond) {
  const units = ["B/s", "KiB/s", "MiB/s", "GiB/s"];
  let value = bytesPerSecond;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${number(value, Number.isInteger(value) || value >= 100 ? 0 : 1)} ${units[unit]}`;
}

// "20 MiB/s limit · 19.6 MiB/s now", as `status` says it; "" with no limit and nothing moving.
function rateOf(destination) {
  const own = destination.bandwidth?.bytesPerSecond ?? null;
  const moving = destination.rate;
  if (!moving) return own === null ? "" : t("bandwidth.idle", { limit: rate(own) });
  const now = rate(moving.bytesPerSecond);
  const limit = moving.limitBytesPerSecond ?? own;
  return limit === null
    ? t("bandwidth.noLimitNow", { now })
    : t("bandwidth.limitNow", { limit: rate(limit), now });
}

function renderDestinations(status) {
  $("destinations").replaceChildren(
    ...status.destinations.map((destination) => {
      const li = el("li");
      li.dataset.destination = destination.name;
      li.append(el("span", "name", destination.name));
      const health = healthOf(destination);
      const badge = el("span", "badge", health.text);
      badge.dataset.state = health.state;
      li.append(badge);
      const where = destination.folder
        ? tr("dashboard.localFolder", { path: destination.folder })
        : `${destination.kind}${destination.basePath ? ` · ${destination.basePath}` : ""}`;
      li.append(el("span", "meta", where));
      const moving = rateOf(destination);
      if (moving !== "") li.append(el("span", "meta rate", moving));
      const paused = destination.hold?.reason === "paused" && !destination.hold.everything;
      const button = el(
        "button",
        "quiet",
        paused ? t("dashboard.destinations.resume") : t("dashboard.destinations.pause"),
      );
      button.type = "button";
      button.disabled = destination.hold?.everything === true;
      button.addEventListener("click", () =>
        act(button, async () => {
          await api(`/destinations/${encodeURIComponent(destination.name)}/${paused ? "resume" : "pause"}`, {
            method: "POST",
          });
          await refreshStatus();
        }),
      );
      li.append(button);
      const reason = destination.health?.reason;
      if (reason && destination.health.condition !== "online") li.append(errorBlock(reason));
      return li;
    }),
  );
  // The disk under the queue is full: nothing new is taken until there is room.
  if (status.dataDir?.full) {
    showNotice(`DATA_DIR_FULL: ${t("dashboard.dataDirFull", { path: status.dataDir.path })}`);
  }
  const everything = status.pausedSince !== null;
  $("pause-all").textContent = everything ? t("dashboard.resumeAll") : t("dashboard.pauseAll");
  $("pause-all").dataset.paused = String(everything);
}

// ---- Loading ---------------------------------------------------------------------------------

async function refreshStatus() {
  const status = await api("/status");
  state.status = status;
  renderCounts(status.counts);
  renderDestinations(status);
  renderConfigNotice(status.config);
  // Transfers this daemon does not run itself (other hosts) come only from here.
  const moving = new Set(status.active.map((entry) => entry.job.id));
  for (const id of state.active.keys()) if (!moving.has(id)) state.active.delete(id);
  for (const { job } of status.active) {
    // The store keeps progress every ~2 s; a live event may already know more.
    const live = state.active.get(job.id);
    const ahead = live !== undefined && (live.bytesDone ?? 0) > job.bytesDone;
    state.active.set(job.id, ahead ? { ...job, ...pickProgress(live) } : { ...live, ...job });
  }
  renderActive();
}

function pickProgress(job) {
  const { bytesDone, percent, speed, etaSeconds } = job;
  return { bytesDone, percent, speed, etaSeconds };
}

async function refreshBatches() {
  renderBatches(await api(`/batches?limit=${(state.batchPage + 1) * BATCHES_PER_PAGE + 1}`));
}

/** The config file's mistake (the daemon runs the previous settings) and removed destinations. */
function renderConfigNotice(config) {
  const notice = $("config-notice");
  const lines = [];
  if (config?.fault) {
    lines.push(tr("settings.faultBanner", { message: config.fault.message }));
    if (config.fault.line !== null) {
      lines.push(
        tr("settings.faultWhere", {
          file: config.fault.file,
          line: config.fault.line,
          column: config.fault.column,
          key: config.fault.key ? ` (${config.fault.key})` : "",
        }),
      );
    }
  }
  if (config?.fault?.hint) lines.push(config.fault.hint);
  for (const removed of config?.removedDestinations ?? []) {
    lines.push(tr("dashboard.removedDestination", { name: removed.name, count: removed.waiting }));
  }
  notice.replaceChildren(...lines.map((line) => el("div", "", line)));
  notice.hidden = lines.length === 0;
}

async function refreshFailed() {
  renderFailed((await api("/jobs?state=failed&limit=50")).jobs);
}

/** Collapses bursts (a thousand job events) into one reload per second. */
function debounced(work, ms = 1000) {
  let timer = null;
  return () => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      work().catch(() => undefined);
    }, ms);
  };
}

const soonStatus = debounced(refreshStatus);
const soonBatches = debounced(refreshBatches);
const soonFailed = debounced(refreshFailed);

function onEvent(type, data) {
  if (type === "progress") {
    const current = state.active.get(data.id) ?? { id: data.id, state: "uploading" };
    state.active.set(data.id, { ...current, ...data });
    renderActive();
    soonBatches();
    // Each destination's rate now ("20 MiB/s limit · 19.6 MiB/s now") moves with the bytes.
    soonStatus();
  } else if (type === "job") {
    if (data.state === "uploading" || data.state === "verifying") {
      state.active.set(data.id, { ...state.active.get(data.id), ...data });
    } else {
      state.active.delete(data.id);
    }
    renderActive();
    soonBatches();
    if (data.state === "failed" || data.state === "pending") soonFailed();
  } else if (type === "batch") {
    soonBatches();
    soonFailed();
  } else if (type === "counts") {
    renderCounts(data);
    soonStatus();
  }
}

// ---- Live events -----------------------------------------------------------------------------

async function listen() {
  let delay = 1000;
  for (;;) {
    try {
      const headers = { Accept: "text/event-stream" };
      if (state.token) headers.Authorization = `Bearer ${state.token}`;
      const response = await fetch(`${API}/events`, { headers });
      if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
      setConnection("live", t("dashboard.live"));
      delay = 1000;
      // Whatever happened while we were away.
      await Promise.all([refreshStatus(), refreshBatches(), refreshFailed()]).catch(() => undefined);
      await readEvents(response.body);
    } catch {
      // Fall through to reconnect.
    }
    setConnection("lost", t("dashboard.reconnecting"));
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 30_000);
  }
}

async function readEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) type = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length > 0) onEvent(type, JSON.parse(data.join("\n")));
      end = buffer.indexOf("\n\n");
    }
  }
}

function setConnection(stateName, text) {
  const badge = $("connection");
  badge.dataset.state = stateName;
  badge.textContent = text;
}

// ---- Notices and the token -------------------------------------------------------------------

function showNotice(text) {
  const notice = $("notice");
  notice.textContent = text;
  notice.hidden = false;
}

function hideNotice() {
  $("notice").hidden = true;
}

function askForToken(reason) {
  const dialog = $("token-dialog");
  if (dialog.open) return;
  $("token-input").value = "";
  dialog.querySelector("p").dataset.reason = reason;
  dialog.showModal();
}

function wire() {
  wireBatchDialog();
  $("batches-older").addEventListener("click", () => {
    state.batchPage += 1;
    refreshBatches().catch(() => undefined);
  });
  $("batches-newer").addEventListener("click", () => {
    state.batchPage = Math.max(0, state.batchPage - 1);
    refreshBatches().catch(() => undefined);
  });
  $("token-button").addEventListener("click", () => askForToken(t("dashboard.token.set")));
  $("language-switch").addEventListener("change", (event) => chooseLanguage(event.currentTarget.value));
  $("token-dialog").addEventListener("close", () => {
    if ($("token-dialog").returnValue !== "save") return;
    state.token = $("token-input").value.trim();
    localStorage.setItem(TOKEN_KEY, state.token);
    hideNotice();
  });
  $("retry-all").addEventListener("click", (event) =>
    act(event.currentTarget, async () => {
      await api("/jobs/retry-failed", { method: "POST" });
      await refreshFailed();
    }),
  );
  $("pause-all").addEventListener("click", (event) => {
    const button = event.currentTarget;
    const paused = button.dataset.paused === "true";
    act(button, async () => {
      await api(paused ? "/resume" : "/pause", { method: "POST" });
      await refreshStatus();
    });
  });
  // Holds and health change without job events (a window opens, a probe succeeds).
  setInterval(() => soonStatus(), 5000);
}

wire();
/** The token dialog's words come from the catalogue: the link the daemon shows first, the command second. */
function tokenTexts() {
  $("token-title").textContent = tr("dashboard.tokenTitle");
  $("token-help").textContent = tr("dashboard.tokenHelp");
  $("token-help-service").textContent = tr("dashboard.tokenHelpService");
  $("token-label").textContent = tr("dashboard.tokenLabel");
}

loadMessages().finally(() => {
  tokenTexts();
  listen();
});
