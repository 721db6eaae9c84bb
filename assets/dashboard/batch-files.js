// A batch's files in a dialog: state, size, destination, remote path and the share link when
// there is one. Opened by clicking a batch (or its "Show files" button).
import { api, el, tr } from "./common.js";

const $ = (id) => document.getElementById(id);

function bytes(n) {
  if (n === null || n === undefined) return "?";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 10 && unit > 0 ? 1 : 0)} ${units[unit]}`;
}

/** `messageOf` writes a failed job's error in the reader's language (app.js knows how). */
export async function showBatchFiles(batch, messageOf = (error) => error.message) {
  const dialog = $("batch-dialog");
  $("batch-dialog-title").textContent = tr("dashboard.files", { name: batch.name ?? `Batch ${batch.id}` });
  const list = $("batch-files");
  list.replaceChildren();
  if (!dialog.open) dialog.showModal();
  const jobs = [];
  let after;
  // Every file of the batch, a page of 500 at a time (a day's export is a few thousand).
  for (let page = 0; page < 20; page += 1) {
    const query = `/jobs?batch=${batch.id}&limit=500${after === undefined ? "" : `&after=${after}`}`;
    const { body } = await api(query);
    jobs.push(...body.jobs);
    if (body.next === null) break;
    after = body.next;
  }
  // Failed first: they need a hand.
  jobs.sort((a, b) => Number(b.state === "failed") - Number(a.state === "failed") || a.id - b.id);
  list.replaceChildren(
    ...jobs.map((job) => {
      const li = el("li");
      li.dataset.job = String(job.id);
      li.append(el("span", "name", job.remotePath.split("/").pop() || job.remotePath));
      const badge = el("span", "badge", job.state);
      badge.dataset.state = job.state;
      li.append(badge);
      li.append(el("span", "meta", `${bytes(job.sizeBytes)} → ${job.destination}: ${job.remotePath}`));
      if (job.shareLink) {
        const link = el("a", "share", tr("dashboard.shareLink"));
        link.href = job.shareLink;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        li.append(link);
      }
      if (job.lastError && job.state === "failed") li.append(el("div", "error", messageOf(job.lastError)));
      return li;
    }),
  );
}

export function wireBatchDialog() {
  $("batch-dialog-close").addEventListener("click", () => $("batch-dialog").close());
}
