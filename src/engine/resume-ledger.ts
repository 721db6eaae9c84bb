/** A job's resume record in the store, as the transports see it (transport.ts `ResumeLedger`). */
import type { Destination } from "../domain/destination.js";
import type { Job } from "../domain/job.js";
import type { JobStore } from "../store/job-store.js";
import type { ResumeLedger } from "./transport.js";

export function storeLedger(
  store: JobStore,
  job: Job,
  destination: Destination,
  clock: () => number,
): ResumeLedger {
  let holding = false;
  return {
    get holding() {
      return holding;
    },
    load: async () => {
      const state = await store.getResumeState(job.id);
      holding = state !== undefined;
      return state;
    },
    begin: async (state) => {
      await store.beginResume({ ...state, jobId: job.id, destination: destination.name, createdAt: clock() });
      holding = true;
    },
    recordPart: (uploadId, part) => store.recordPart(job.id, uploadId, part),
    end: async () => {
      await store.endResume(job.id);
      holding = false;
    },
    started: (transport, resumedFrom) => store.setTransferInfo(job.id, transport, resumedFrom),
  };
}
