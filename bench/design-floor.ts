/**
 * The floor under our small-file numbers: the rclone calls a verified, atomically published group
 * makes (DESIGN.md → durability), made through our own RcloneGroupTransport against a real rcd,
 * with no queue, no store, no source checks and no progress — only what rclone must do for
 * them. Per group of `groupFiles` (the engine's default) from one folder:
 *
 *   1. the final names are looked up (a name already taken goes to the conflict policy);
 *   2. `sync/copy` into the group's hidden staging folder, `concurrency` transfers;
 *   3. the staged files are listed with their hash (the ledger records it; rclone's own copy
 *      compared it with the source's as it read it, but keeps it to itself);
 *   4. `sync/move` into place, then the staging folder is removed.
 *
 * As in the engine, a group copies on the destination's upload slots (a group of `concurrency`
 * files or more takes all of them, so one copies at a time), and two more groups check and move
 * meanwhile (the engine lets more wait for the slots; with one copying, they add nothing).
 * `rclone copy` of the same folder does steps 2 only, to the final names, with no record of
 * hashes: the ratio of this floor to it is what the design's promises cost in rclone alone, the
 * part of "ours ÷ rclone" no work in our own process can remove.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { resolveConfig } from "../src/config/resolve.js";
import { configSchema } from "../src/config/schema.js";
import { stagingFolder } from "../src/domain/conflict.js";
import type { Destination } from "../src/domain/destination.js";
import { forEachLimited, SlotPool } from "../src/engine/limited.js";
import { RcdSupervisor } from "../src/rclone/rcd-supervisor.js";
import { RcloneTransport } from "../src/rclone/rclone-transport.js";

/** The engine's default group size (engine-schema.ts `groupFiles`). */
export const FLOOR_GROUP_FILES = configSchema.parse({ destinations: [{ name: "x", remote: "/x" }] }).engine
  .groupFiles;
/** Groups checking and moving while one copies. */
const SETTLING_GROUPS = 2;

/**
 * Runs the design's rclone steps for every file of `sourceDir` into `<targetDir>/<folder name>`
 * (as `upload DIR` places them) and returns the wall time, rcd start included as the engine's is.
 */
export async function designFloorMs(
  sourceDir: string,
  targetDir: string,
  concurrency: number,
): Promise<number> {
  const scratch = mkdtempSync(path.join(path.dirname(targetDir), "floor-rcd-"));
  const config = resolveConfig(
    configSchema.parse({ destinations: [{ name: "floor", remote: targetDir, concurrency }] }),
    { baseDir: scratch, source: "bench" },
  );
  const destination = config.destinations[0] as Destination;
  const names = readdirSync(sourceDir).sort();
  const remoteDir = path.basename(sourceDir);
  const signal = AbortSignal.timeout(600_000);
  const started = performance.now();
  const rcd = new RcdSupervisor({ binary: "rclone", dataDir: path.join(scratch, "data") });
  const transport = new RcloneTransport(rcd, { progressIntervalMs: 1000 });
  const { group } = transport;
  try {
    const traits = await transport.traits(destination, signal);
    const hashType = traits.hashType;
    const groups: string[][] = [];
    for (let index = 0; index < names.length; index += FLOOR_GROUP_FILES) {
      groups.push(names.slice(index, index + FLOOR_GROUP_FILES));
    }
    const slots = new SlotPool(concurrency);
    const runGroup = async ({ files, index }: { files: readonly string[]; index: number }) => {
      const stageDir = stagingFolder(remoteDir, index * FLOOR_GROUP_FILES + 1);
      const taken = await group.listRemote(destination, remoteDir, files, null, signal, true);
      if (taken.size > 0) throw new Error(`design floor: ${taken.size} names already taken in ${targetDir}`);
      // As run-group.ts asks the engine's SlotPool for its turn.
      const turn = await slots.take(files.length);
      try {
        const result = await group.transferGroup(
          {
            groupId: String(index),
            sourceDir,
            names: files,
            destination,
            remoteDir: stageDir,
            transfers: Math.min(turn.slots, files.length),
          },
          { signal, onProgress: () => {} },
        );
        if (result.callError !== null || result.failed.size > 0)
          throw result.callError ?? new Error("copy failed");
      } finally {
        turn.giveBack();
      }
      const listed = await group.listRemote(destination, stageDir, files, hashType, signal);
      if (listed.size !== files.length)
        throw new Error(`design floor: ${listed.size} of ${files.length} staged`);
      const moved = await group.moveGroup(destination, stageDir, remoteDir, files, concurrency, signal);
      if (moved !== null) throw moved;
      await group.purgeRemote(destination, stageDir, signal);
    };
    await forEachLimited(
      groups.map((files, index) => ({ files, index })),
      1 + SETTLING_GROUPS,
      runGroup,
    );
    return performance.now() - started;
  } finally {
    await group.close();
    await rcd.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
