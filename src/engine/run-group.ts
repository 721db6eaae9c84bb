/**
 * Claimed jobs run as groups where they can: the files of one source folder bound for one remote
 * folder travel in one rclone call, are checked with one listing, and have their states written
 * in one transaction per step — the same steps and checks as run-job.ts, without a round trip
 * per file. What cannot go with a group runs on its own through runJob: a file whose name is
 * already taken at the destination (the conflict policy decides), a source rclone cannot read,
 * a lone file.
 */
import { randomUUID } from "node:crypto";
import { stagingFolder } from "../domain/conflict.js";
import { describeRemotePath } from "../domain/destination.js";
import { isDestinationWide } from "../domain/destination-health.js";
import { SyncError } from "../domain/errors.js";
import { isFinal, type Job, type JobEvent } from "../domain/job.js";
import { say } from "../i18n/message.js";
import type { JobChange } from "../store/job-store.js";
import { type Folder, type FolderItem, type GroupMember, sortIntoFolders } from "./group-folders.js";
import { GroupSettler, type Staged } from "./group-settle.js";
import { forEachLimited } from "./limited.js";
import { applyEachOwned } from "./owned-writes.js";
import { identityOf, releaseBytes } from "./prepare-bytes.js";
import {
  explainedBySource,
  failureEvent,
  type JobContext,
  removeCrashedStaging,
  runJob,
  usesTemporaryName,
} from "./run-job.js";
import { hashedFromSource } from "./source-hash.js";
import type { DestinationTraits, GroupTransferResult, GroupTransport } from "./transport.js";

/** Steps after the copy (listing, moves, clean-up) are short; they get this long whatever happens. */
const AFTER_COPY_TIMEOUT_MS = 120_000;

/**
 * Waits for upload slots for this many files at once and returns how many were given (the
 * turn's transfers) and the function that gives them back: the group checks its files before
 * and moves them after, while others upload. `readyMs`: the turn is one group's copy, and its
 * files took this long to get ready (checks, renditions); with the copy's own time it sizes the
 * destination's next groups. Null: files sent on their own.
 */
export type UploadTurn = (
  files: number,
  readyMs: number | null,
) => Promise<{ readonly transfers: number; readonly end: () => void }>;

/** Runs the claimed jobs; each job's last state as written by us, or null where we let it go. */
export async function runGroup(
  members: readonly GroupMember[],
  transfers: number,
  uploadTurn: UploadTurn,
): Promise<Map<number, Job | null>> {
  const outcomes = new Map<number, Job | null>();
  const first = members[0];
  if (first === undefined) return outcomes;
  const { transport, destination } = first.context;
  const group = transport.group;
  // A large file a resumable transport moves on its own never travels in a group.
  const alone: GroupMember[] = members.filter(
    (member) => transport.transfersAlone?.(destination, member.job.sizeBytes ?? 0) === true,
  );
  const grouped = members.filter((member) => !alone.includes(member));
  if (group === undefined || grouped.length === 0) {
    alone.splice(0, alone.length, ...members);
  } else {
    // Any member stopped stops the group, also one stopped before it began (an abort listener
    // added then never hears it).
    const stopped = AbortSignal.any(grouped.map((member) => member.context.signal));
    const began = performance.now();
    // Unreadable traits (the destination unreachable): each job finds out for itself, alone.
    // A destination that connects anew for each folder: alone too (transport.ts).
    const traits = await transport.traits(destination, stopped).catch(() => null);
    if (traits === null || traits.connectsPerFolder === true) {
      alone.push(...grouped);
    } else {
      const { folders, single } = await sortIntoFolders(grouped, traits, stopped);
      const readyMs = performance.now() - began;
      const run = { group, traits, transfers, signal: stopped, outcomes, uploadTurn, readyMs };
      // Priority holds inside a group: its folders and its lone files run in claim order
      // (priority, then FIFO), so a high-priority file alone in its folder never waits behind
      // a folder of low-priority ones. Lone files between two folders go up together.
      let lone: GroupMember[] = [];
      for (const unit of inClaimOrder(members, folders, single)) {
        if (!("items" in unit)) {
          lone.push(unit);
          continue;
        }
        if (lone.length > 0) {
          await runAlone(lone, uploadTurn, outcomes);
          lone = [];
        }
        if (stopped.aborted) {
          alone.push(...unit.items.map((item) => item.member));
          continue;
        }
        alone.push(...(await runFolder(run, unit)));
      }
      alone.push(...lone);
    }
  }
  if (alone.length > 0) await runAlone(alone, uploadTurn, outcomes);
  return outcomes;
}

/** Runs jobs on their own on the group's upload slots, as many at a time as its turn was given. */
async function runAlone(
  alone: readonly GroupMember[],
  uploadTurn: UploadTurn,
  outcomes: Map<number, Job | null>,
): Promise<void> {
  const turn = await uploadTurn(alone.length, null);
  try {
    // Jobs bound for one remote path (two sources with one rendition name) take turns, so
    // the second meets the first's file and the conflict policy decides — never a silent overwrite.
    await forEachLimited(lanesByRemotePath(alone), turn.transfers, async (lane) => {
      for (const member of lane) outcomes.set(member.job.id, await runJob(member.context, member.job));
    });
  } finally {
    turn.end();
  }
}

/** Folders and lone members in the order their first job was claimed (priority, then FIFO). */
function inClaimOrder(
  members: readonly GroupMember[],
  folders: readonly Folder[],
  single: readonly GroupMember[],
): Array<Folder | GroupMember> {
  const position = new Map(members.map((member, index) => [member, index]));
  const at = (member: GroupMember) => position.get(member) ?? members.length;
  const units = [
    ...folders.map((folder) => ({
      unit: folder,
      at: Math.min(...folder.items.map((item) => at(item.member))),
    })),
    ...single.map((member) => ({ unit: member, at: at(member) })),
  ];
  return units.sort((a, b) => a.at - b.at).map(({ unit }) => unit);
}

interface FolderRun {
  readonly group: GroupTransport;
  readonly traits: DestinationTraits;
  readonly transfers: number;
  readonly signal: AbortSignal;
  readonly outcomes: Map<number, Job | null>;
  readonly uploadTurn: UploadTurn;
  /** How long the claimed files took to get ready (checks, renditions) before any copy. */
  readonly readyMs: number;
}

/** One folder's group, start to end; returns the members that should run on their own instead. */
async function runFolder(run: FolderRun, folder: Folder): Promise<GroupMember[]> {
  const { group, traits, signal, outcomes } = run;
  const context = (folder.items[0] ?? never()).member.context;
  const { destination } = context;
  const { hashType } = traits;
  const useTemp = usesTemporaryName(destination, traits);
  const alone: GroupMember[] = [];
  const firstId = Math.min(...folder.items.map((item) => item.member.job.id));
  const stageDir = useTemp ? stagingFolder(folder.remoteDir, firstId) : folder.remoteDir;
  // The folder's jobs still in the group: those sent off on their own leave it.
  let grouped: readonly FolderItem[] = folder.items;
  const leave = (item: FolderItem) => {
    alone.push(item.member);
    grouped = grouped.filter((other) => other !== item);
  };
  const candidates: Staged[] = [];
  let staging = false;
  let settling: GroupSettler | undefined;
  const decided = new Map<number, JobEvent>();
  const where = (item: FolderItem) => describeRemotePath(destination, item.member.job.remotePath);
  try {
    // Already there (ours, or not): the conflict policy decides, one job at a time. The sources
    // are not hashed beforehand: rclone's copy hashes each file as it reads it and fails a file
    // whose hash at the destination differs, so the hash listed after the copy is the source's
    // (settle takes it from there) — one read of each source instead of two.
    const present = await group.listRemote(
      destination,
      folder.remoteDir,
      folder.items.map((item) => item.finalName),
      null,
      signal,
      traits.lookupByName === true,
    );
    for (const item of folder.items) if (present.has(item.finalName)) leave(item);
    for (const item of grouped) candidates.push({ item, source: identityOf(item.bytes, hashType, null) });
    if (candidates.length === 0) return alone;
    staging = useTemp;
    if (useTemp) {
      // Ours, if a crash left it, is reused: what it holds is checked like anything rclone
      // writes, and it is removed at the end. Other jobs' leftovers go now.
      const others = candidates.filter(({ item }) => item.member.job.id !== firstId);
      await Promise.all(
        others.map(({ item }) => removeCrashedStaging(item.member.context, item.member.job, signal)),
      );
    }
    const byName = new Map(candidates.map((staged) => [staged.item.sourceName, staged]));
    const settler = new GroupSettler(
      {
        group,
        transport: context.transport,
        destination,
        hashType,
        stageDir,
        remoteDir: folder.remoteDir,
        staged: useTemp,
        lookupByName: traits.lookupByName === true,
        hashedFromSource: (size) => hashedFromSource(traits, size),
        transfers: run.transfers,
      },
      candidates,
    );
    settling = settler;
    const turn = await run.uploadTurn(candidates.length, run.readyMs);
    let result: GroupTransferResult;
    try {
      result = await group.transferGroup(
        {
          groupId: `${firstId}-${randomUUID().slice(0, 8)}`,
          sourceDir: folder.sourceDir,
          names: [...byName.keys()],
          destination,
          remoteDir: stageDir,
          transfers: Math.min(turn.transfers, candidates.length),
        },
        {
          signal,
          onProgress: (name, progress) => byName.get(name)?.item.member.context.onProgress(progress),
        },
      );
    } finally {
      turn.end();
    }
    const after = AbortSignal.timeout(AFTER_COPY_TIMEOUT_MS);
    const done = [...byName.keys()].filter((name) => !result.failed.has(name));
    await settler.settle(done, after);
    // What rclone failed, or never wrote: its own error, or the group's, or the source's. A
    // file whose failure rclone no longer reports (a group larger than its report) goes again
    // on its own, where its own error is heard: the group's error may be another file's, and
    // must not spend this one's retries — unless it is about the destination as a whole.
    const reportLost =
      result.everyFileReported === false &&
      result.callError !== null &&
      !isDestinationWide(result.callError.code) &&
      !signal.aborted;
    const forgotten = (name: string) => reportLost && !result.failed.has(name);
    const missing = candidates.filter(({ item }) => !settler.arrived.has(item.sourceName));
    for (const { item } of missing) if (forgotten(item.sourceName)) leave(item);
    await Promise.all(
      missing
        .filter(({ item }) => !forgotten(item.sourceName))
        .map(async ({ item }) => {
          const { job, context: own } = item.member;
          const error =
            result.failed.get(item.sourceName) ??
            result.callError ??
            new SyncError("TRANSFER_FAILED", say("stored.rcloneDidNotWrite", { where: where(item) }));
          settler.decided.set(
            job.id,
            failureEvent(own, job, await explainedBySource(job, item.before, error)),
          );
        }),
    );
    if ([...settler.decided.values()].some((event) => event.type === "verified")) {
      context.onDestinationSuccess();
    }
  } catch (error) {
    // The group failed as a whole (the destination went away mid-check …): every job not yet
    // decided gets the same failure, each under its own retry budget. Stopped for another
    // job's sake (it was cancelled), the rest were interrupted, not failed.
    const cause = signal.aborted
      ? new SyncError("TRANSFER_INTERRUPTED", say("stored.groupStopped"), { cause: error })
      : error;
    for (const item of grouped) {
      const { job } = item.member;
      if (!decided.has(job.id) && !(settling?.decided.has(job.id) ?? false)) {
        decided.set(job.id, failureEvent(item.member.context, job, cause));
      }
    }
  } finally {
    // Before the outcomes are written: a crash after this leaves nothing behind, and the moved
    // files are recognised as delivered by the retry.
    if (staging) {
      await group
        .purgeRemote(destination, stageDir, AbortSignal.timeout(AFTER_COPY_TIMEOUT_MS))
        .catch(() => undefined);
    }
  }
  for (const [id, event] of settling?.decided ?? []) decided.set(id, event);
  await record(context, decided, folder, outcomes, settling?.arrived ?? new Set());
  // Renditions prepared for the folder go back to the cache: kept for a retry, else removed.
  // Those leaving to run alone prepare theirs again.
  const leaving = new Set(alone);
  await Promise.all(
    folder.items.map((item) => {
      const outcome = outcomes.get(item.member.job.id) ?? null;
      const final = !leaving.has(item.member) && outcome !== null && isFinal(outcome.state);
      return releaseBytes(item.bytes, final, item.member.context.renditions);
    }),
  );
  return alone;
}

/**
 * Every decided outcome of the folder, in one transaction: a file that was written is first
 * recorded as transferred (to verifying), then given its outcome.
 */
async function record(
  context: JobContext,
  decided: ReadonlyMap<number, JobEvent>,
  folder: Folder,
  outcomes: Map<number, Job | null>,
  arrived: ReadonlySet<string>,
): Promise<void> {
  const changes: JobChange[] = [];
  for (const item of folder.items) {
    const { job } = item.member;
    const event = decided.get(job.id);
    if (event === undefined) continue;
    if (arrived.has(item.sourceName)) {
      changes.push({ id: job.id, event: { type: "transferred", sizeBytes: item.bytes.size } });
    }
    changes.push({ id: job.id, event });
  }
  const written = await applyEachOwned(context, changes);
  const contexts = new Map(folder.items.map((item) => [item.member.job.id, item.member.context]));
  changes.forEach((change, index) => {
    const job = written[index] ?? null;
    outcomes.set(change.id, job);
    if (job !== null) contexts.get(change.id)?.onChange(job);
  });
}

function lanesByRemotePath(members: readonly GroupMember[]): GroupMember[][] {
  const lanes = new Map<string, GroupMember[]>();
  for (const member of members) {
    const key = member.job.remotePath.normalize("NFC").toLowerCase();
    const lane = lanes.get(key);
    if (lane === undefined) lanes.set(key, [member]);
    else lane.push(member);
  }
  return [...lanes.values()];
}

function never(): never {
  throw new Error("a group has at least one member");
}
