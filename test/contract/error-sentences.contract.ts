/**
 * A job's last error and a destination's reason keep their sentences by catalogue key through
 * the store, so a reader on any host sees them in their language: every adapter runs this
 * (SQLite and PostgreSQL, from their contract test files).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { describeError } from "../../src/app/describe-error.js";
import { SyncError } from "../../src/domain/errors.js";
import type { Job } from "../../src/domain/job.js";
import { say } from "../../src/i18n/message.js";
import { createTranslator } from "../../src/i18n/translator.js";
import type { JobStore } from "../../src/store/job-store.js";
import type { StoreFactory } from "./job-store.contract.js";

const T0 = 1_700_000_000_000;
const ja = createTranslator("ja");

export function describeErrorSentencesContract(name: string, factory: StoreFactory): void {
  describe(`JobStore keeps an error's sentences by key: ${name}`, () => {
    let store: JobStore;
    let second: () => Promise<JobStore>;

    beforeEach(async () => {
      ({ store, second } = await factory.create());
      return async () => {
        await store.close();
      };
    });

    it("gives a failed job's message and used-up hint back by key, read by another handle", async () => {
      const { jobIds } = await store.enqueue(
        {
          jobs: [
            {
              destination: "nas",
              sourcePath: "/写真/桜.jpg",
              remotePath: "写真/桜.jpg",
              sizeBytes: 1,
              maxRetries: 0,
            },
          ],
        },
        T0,
      );
      const [claimed] = (await store.claim(
        { owner: "a", destination: "nas", limit: 1, leaseMs: 30_000 },
        T0,
      )) as [Job];
      // A sentence no English recognition knows: only its key can show it in Japanese.
      const error = new SyncError(
        "REMOTE_UNREACHABLE",
        say("daemonLock.cannotCreate", { dataDir: "/写真/data" }),
      );
      await store.apply(claimed.id, { type: "transferFailed", error: error.toInfo(), retryDelayMs: 0 }, T0, {
        owner: "a",
      });
      const other = await second();
      const job = (await other.getJob(jobIds[0] as number)) as Job;
      await other.close();
      expect(job.state).toBe("failed");
      expect(job.lastError).toMatchObject({
        code: "REMOTE_UNREACHABLE",
        message: "The daemon cannot create its lock file in the data directory /写真/data.",
        says: { key: "daemonLock.cannotCreate", params: { dataDir: "/写真/data" } },
        hintSays: { key: "errors.REMOTE_UNREACHABLE.exhausted" },
        attemptsFailed: 1,
      });
      expect(describeError(ja, job.lastError ?? error)).toEqual({
        code: "REMOTE_UNREACHABLE",
        message: "デーモンはデータフォルダー /写真/data にロックファイルを作れません。",
        hint: ja.t("errors.withAttempts", {
          hint: ja.t("errors.REMOTE_UNREACHABLE.exhausted"),
          attempts: ja.render({ key: "errors.attemptsFailed.one" }) ?? "",
        }),
      });
      // A retry keeps the error until the next attempt, and clears nothing it should not.
      const listed = await store.listJobs({ limit: 10 });
      expect(listed[0]?.lastError).toEqual(job.lastError);
    });

    it("keeps a destination's reason by key, and an English-only reason as it was", async () => {
      const reason = new SyncError(
        "DESTINATION_FULL",
        say("stored.destinationTooFull", { destination: "nas", free: 10, needed: 99 }),
        { hint: say("faults.freeSpaceHint") },
      ).toInfo();
      const status = { condition: "full" as const, since: T0, until: null, concurrency: 1 };
      await store.setDestinationStatus({ ...status, destination: "nas", reason }, T0);
      const english = new SyncError("RATE_LIMITED", "The provider said: slow down", {
        hint: "Wait.",
      }).toInfo();
      await store.setDestinationStatus({ ...status, destination: "s3", reason: english }, T0);
      const [nas, s3] = await store.listDestinationStatus();
      // (A destination's reason keeps no `temporary`: it is read back as true.)
      const { temporary: _temporary, ...kept } = reason;
      expect(nas?.reason).toMatchObject(kept);
      expect(describeError(ja, nas?.reason ?? reason).message).toBe(
        "nas の空きは 10 バイトで、アップロード待ちは 99 バイトあります。",
      );
      const { temporary: _englishTemporary, ...englishKept } = english;
      expect(s3?.reason).toMatchObject(englishKept);
      expect(s3?.reason).not.toHaveProperty("says");
    });
  });
}
