/**
 * The seed's "test connection", made thorough: can we reach the destination, write a small
 * probe file, read it back with the right size and hash, delete it, and how much room is
 * there? Every step is timed and reports its own error code and hint, so "✗ write:
 * PERMISSION_DENIED" tells a photographer what to fix.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Destination } from "../domain/destination.js";
import { type ErrorInfo, toSyncError } from "../domain/errors.js";
import type { SpaceInfo, Transport } from "../engine/transport.js";

export type ProbeStepName = "connect" | "write" | "read back" | "delete" | "space";

export interface ProbeStep {
  readonly step: ProbeStepName;
  readonly ok: boolean;
  readonly ms: number;
  readonly detail: string | null;
  readonly error: ErrorInfo | null;
}

export interface RemoteTestResult {
  /** The destination (or rclone remote) tested. */
  readonly name: string;
  readonly ok: boolean;
  /** Round trip of the first request. */
  readonly latencyMs: number;
  /** Hash types the backend offers. */
  readonly hashTypes: readonly string[];
  /** How uploads there are verified: a hash both sides compute, else the size. */
  readonly verifiedBy: string;
  readonly space: SpaceInfo | null;
  readonly steps: readonly ProbeStep[];
}

export async function testRemote(
  transport: Transport,
  destination: Destination,
  signal: AbortSignal,
): Promise<RemoteTestResult> {
  const steps: ProbeStep[] = [];
  const run = async <T>(
    step: ProbeStepName,
    work: () => Promise<T>,
    describe: (value: T) => string | null,
  ) => {
    const started = performance.now();
    try {
      const value = await work();
      steps.push({
        step,
        ok: true,
        ms: Math.round(performance.now() - started),
        detail: describe(value),
        error: null,
      });
      return { value };
    } catch (error) {
      const info = toSyncError(error, "REMOTE_UNREACHABLE").toInfo();
      steps.push({ step, ok: false, ms: Math.round(performance.now() - started), detail: null, error: info });
      return undefined;
    }
  };

  const check = await transport.checkDestination(destination, signal);
  steps.push({
    step: "connect",
    ok: check.ok,
    ms: check.latencyMs,
    detail: check.ok ? `hashes: ${check.hashTypes.join(", ") || "none"}` : null,
    error: check.error === undefined ? null : { ...check.error, temporary: false },
  });
  const result = (space: SpaceInfo | null, hashType: string | null): RemoteTestResult => ({
    name: destination.name,
    ok: steps.every((step) => step.ok),
    latencyMs: check.latencyMs,
    hashTypes: check.hashTypes,
    verifiedBy: hashType === null ? "size" : `size and ${hashType}`,
    space,
    steps,
  });
  if (!check.ok) return result(null, null);

  const traits = await transport.traits(destination, signal).catch(() => undefined);
  const hashType = traits?.hashType ?? null;
  const dir = await mkdtemp(path.join(os.tmpdir(), "junmai-probe-"));
  const name = `.junmai-probe-${randomBytes(6).toString("hex")}.txt`;
  const source = path.join(dir, name);
  const content = `junmai-sync connection test ${new Date().toISOString()} ${randomBytes(16).toString("hex")}\n`;
  try {
    await writeFile(source, content);
    const written = await run(
      "write",
      () =>
        transport.transfer(
          { jobId: 0, attempt: 0, sourcePath: source, destination, remotePath: name },
          { signal, onProgress: () => undefined },
        ),
      () => `${Buffer.byteLength(content)} bytes as ${name}`,
    );
    if (written !== undefined) {
      const expectedHash =
        hashType === null ? null : await transport.hashSource(source, hashType, signal).catch(() => null);
      await run(
        "read back",
        async () => {
          const remote = await transport.statRemote(destination, name, hashType, signal);
          if (remote === null)
            throw toSyncError(new Error("the probe file is not there after writing it"), "VERIFY_MISMATCH");
          if (remote.size !== Buffer.byteLength(content)) {
            throw toSyncError(
              new Error(`size ${remote.size}, expected ${Buffer.byteLength(content)}`),
              "VERIFY_MISMATCH",
            );
          }
          const remoteHash = hashType === null ? undefined : remote.hashes[hashType];
          if (expectedHash !== null && remoteHash !== undefined && remoteHash !== expectedHash) {
            throw toSyncError(new Error(`${hashType} differs`), "VERIFY_MISMATCH");
          }
          return remoteHash !== undefined && expectedHash !== null
            ? `size and ${hashType} match`
            : "size matches";
        },
        (detail) => detail,
      );
      await run(
        "delete",
        () => transport.deleteRemote(destination, name, signal),
        () => null,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const space = await run(
    "space",
    async () => (await transport.space?.(destination, signal)) ?? null,
    (info) => (info === null ? "the backend reports no quota" : null),
  );
  return result(space?.value ?? null, hashType);
}
