/**
 * How long a command takes as a whole process, beside `node -e 0` (Node's own start on this
 * machine): `upload one.jpg` (enqueue only, no wait) and `status --json` on a small queue.
 * Median of 10 runs each, the three interleaved so drift hits them alike. Then `status --json`
 * at 100 000 and 1 000 000 jobs, read directly and answered by a running daemon (status-scale.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { measureStatusAtScale, type StatusAtScale } from "./status-scale.js";
import { median, timeCommand } from "./timing.js";

export interface CliStart {
  readonly runs: number;
  readonly nodeMs: number;
  readonly uploadMs: number;
  readonly statusMs: number;
  readonly samples: { readonly node: number[]; readonly upload: number[]; readonly status: number[] };
  readonly statusAtScale: readonly StatusAtScale[];
}

export async function measureCliStart(root: string, cli: string, runs = 10): Promise<CliStart> {
  const base = path.join(root, "cli-start");
  mkdirSync(base, { recursive: true });
  const photo = path.join(base, "one.jpg");
  writeFileSync(photo, "x".repeat(20_000));
  const config = path.join(base, "config.json");
  writeFileSync(
    config,
    JSON.stringify({
      destinations: [{ name: "local", remote: path.join(base, "cloud") }],
      store: { type: "sqlite" },
    }),
  );
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.JUNMAI_SYNC_PG_URL;
  const common = [cli, "--config", config, "--data-dir", path.join(base, "data")];
  const samples = { node: [] as number[], upload: [] as number[], status: [] as number[] };
  // One of each first, not counted: the page cache and the queue's creation.
  await timeCommand(process.execPath, [...common, "upload", photo], env);
  for (let run = 0; run < runs; run += 1) {
    samples.node.push(await timeCommand(process.execPath, ["-e", "0"], env));
    samples.upload.push(await timeCommand(process.execPath, [...common, "upload", photo], env));
    samples.status.push(await timeCommand(process.execPath, [...common, "status", "--json"], env));
  }
  return {
    runs,
    nodeMs: median(samples.node),
    uploadMs: median(samples.upload),
    statusMs: median(samples.status),
    samples,
    statusAtScale: await measureStatusAtScale(root, cli),
  };
}
