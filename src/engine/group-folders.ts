/**
 * Which claimed jobs can travel together: files of one source folder bound for one remote folder,
 * each at most once. The rest run on their own.
 */
import path, { posix } from "node:path";
import { remoteFolderOf } from "../domain/conflict.js";
import type { Job } from "../domain/job.js";
import { type PreparedBytes, prepareBytes, releaseBytes, unsupportedSkip } from "./prepare-bytes.js";
import { type JobContext, usesTemporaryName } from "./run-job.js";
import { fingerprintSource, type SourceFingerprint } from "./source-file.js";
import type { DestinationTraits } from "./transport.js";

/** A claimed job and the context it would run in on its own. */
export interface GroupMember {
  readonly job: Job;
  readonly context: JobContext;
}

export interface FolderItem {
  readonly member: GroupMember;
  readonly before: SourceFingerprint;
  /** What is sent for it (prepare-bytes.ts): the folder's files are these. */
  readonly bytes: PreparedBytes;
  /** The file's name in its source folder, the name it is staged under. */
  readonly sourceName: string;
  /** Its name in the remote folder. */
  readonly finalName: string;
}

export interface Folder {
  readonly sourceDir: string;
  readonly remoteDir: string;
  readonly items: FolderItem[];
}

/** Groups by (source folder, remote folder); what cannot be grouped comes back as `single`. */
export async function sortIntoFolders(
  members: readonly GroupMember[],
  traits: DestinationTraits,
  signal: AbortSignal,
): Promise<{ folders: Folder[]; single: GroupMember[] }> {
  const useTemp = usesTemporaryName((members[0] as GroupMember).context.destination, traits);
  const single: GroupMember[] = [];
  /** Each folder with its source and final names so far (a group holds up to a thousand). */
  const byKey = new Map<string, { folder: Folder; sources: Set<string>; finals: Set<string> }>();
  // A source that cannot be read or prepared runs alone and finds out why there.
  const checked = await Promise.all(
    members.map(async (member) => {
      // A file its destination skips (no rendition possible) has nothing to send: alone, it says why.
      if (unsupportedSkip(member.job) !== null) return null;
      const before = await fingerprintSource(member.job.sourcePath).catch(() => null);
      if (before === null) return null;
      const { renditions } = member.context;
      const bytes = await prepareBytes(member.job, before, signal, renditions).catch(() => null);
      return bytes === null ? null : { before, bytes };
    }),
  );
  members.forEach((member, index) => {
    const { job } = member;
    const ready = checked[index];
    const sourcePath = ready?.bytes.path ?? job.sourcePath;
    const sourceName = path.basename(sourcePath);
    const finalName = posix.basename(job.remotePath);
    const groupable =
      ready !== null &&
      ready !== undefined &&
      !/[\r\n]/.test(sourceName) &&
      // Without a staging folder, files arrive under their own names.
      (useTemp || sourceName === finalName);
    if (!groupable) {
      single.push(member);
      return;
    }
    const sourceDir = path.dirname(sourcePath);
    const remoteDir = remoteFolderOf(job.remotePath);
    const key = `${sourceDir}\u0000${remoteDir}`;
    let entry = byKey.get(key);
    if (entry === undefined) {
      entry = { folder: { sourceDir, remoteDir, items: [] }, sources: new Set(), finals: new Set() };
      byKey.set(key, entry);
    }
    // The same file queued twice, or two files bound for one name: one at a time.
    if (entry.sources.has(sourceName) || entry.finals.has(finalName)) {
      single.push(member);
      return;
    }
    entry.sources.add(sourceName);
    entry.finals.add(finalName);
    entry.folder.items.push({ member, before: ready.before, bytes: ready.bytes, sourceName, finalName });
  });
  const folders: Folder[] = [];
  for (const { folder } of byKey.values()) {
    if (folder.items.length >= 2) folders.push(folder);
    else single.push(...folder.items.map((item) => item.member));
  }
  // Those running alone prepare their bytes again (a rendition is then found made): hand back
  // what was prepared here, so the cache counts each user once.
  const position = new Map(members.map((member, index) => [member, index]));
  await Promise.all(
    single.map((member) =>
      releaseBytes(checked[position.get(member) ?? -1]?.bytes, false, member.context.renditions),
    ),
  );
  return { folders, single };
}
