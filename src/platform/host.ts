/**
 * The name this machine goes by in the queue (lease owners, workers). `JUNMAI_SYNC_HOST`
 * overrides the hostname: for containers whose hostname changes on every start, and for
 * tests that play several hosts on one machine.
 */
import os from "node:os";

export function hostId(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.JUNMAI_SYNC_HOST?.trim();
  return override === undefined || override === "" ? os.hostname() : override;
}
