/**
 * Which claimed jobs can travel together: files of one source folder bound for one remote folder,
 * each at most once. The rest run on their own.
 */
import path, { posix } from "node:path";
import { remoteFolderOf } from "../domain/conflict.js";
import type { Job } from "../domain/job.js";
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
): Promise<{ folders: Folder[]; single: GroupMember[] }> {
  const useTemp = usesTemporaryName((members[0] as GroupMember).context.destination, traits);
  const single: GroupMember[] = [];
  const byKey = new Map<string, Folder>();
  const fingerprints = await Promise.all(
    members.map((member) => fingerprintSource(member.job.sourcePath).catch(() => null)),
  );
  members.forEach((member, index) => {
    const { job } = member;
    const before = fingerprints[index];
    const sourceName = path.basename(job.sourcePath);
    const finalName = posix.basename(job.remotePath);
    const groupable =
      // A rendition is prepared first, on its own (prepare-bytes.ts); only originals travel in groups.
      (job.rendition === null || job.rendition.kind === "original") &&
      before !== null &&
      before !== undefined &&
      !/[\r\n]/.test(sourceName) &&
      // Without a staging folder, files arrive under their own names.
      (useTemp || sourceName === finalName);
    if (!groupable) {
      single.push(member);
      return;
    }
    const sourceDir = path.dirname(job.sourcePath);
    const remoteDir = remoteFolderOf(job.remotePath);
    const key = `${sourceDir}\u0000${remoteDir}`;
    let folder = byKey.get(key);
    if (folder === undefined) {
      folder = { sourceDir, remoteDir, items: [] };
      byKey.set(key, folder);
    }
    // The same file queued twice, or two files bound for one name: one at a time.
    if (folder.items.some((item) => item.sourceName === sourceName || item.finalName === finalName)) {
      single.push(member);
      return;
    }
    folder.items.push({ member, before, sourceName, finalName });
  });
  const folders: Folder[] = [];
  for (const folder of byKey.values()) {
    if (folder.items.length >= 2) folders.push(folder);
    else single.push(...folder.items.map((item) => item.member));
  }
  return { folders, single };
}
