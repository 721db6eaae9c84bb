/**
 * The English catalogue: the union of one file per area. Each area file exports a frozen
 * `as const` object of `"area.name": "text with {placeholders}"`, so keys are typed and a
 * second language can be checked key for key against this one.
 */
import { bandwidthMessages } from "./bandwidth.js";
import { commonMessages } from "./common.js";
import { configMessages } from "./config.js";
import { configFileMessages } from "./config-file.js";
import { configPathMessages } from "./config-path.js";
import { daemonLockMessages } from "./daemon-lock.js";
import { doctorMessages } from "./doctor.js";
import { faultsMessages } from "./faults.js";
import { integrateMessages } from "./integrate.js";
import { oldQueueMessages } from "./old-queue.js";
import { progressMessages } from "./progress.js";
import { remoteMessages } from "./remote.js";
import { renditionMessages } from "./rendition.js";
import { resumeMessages } from "./resume.js";
import { serviceMessages } from "./service.js";
import { settingsMessages } from "./settings.js";
import { signInMessages } from "./sign-in.js";
import { uploadMessages } from "./upload.js";

export const en = Object.freeze({
  ...commonMessages,
  ...resumeMessages,
  ...renditionMessages,
  ...bandwidthMessages,
  ...configMessages,
  ...remoteMessages,
  ...settingsMessages,
  ...signInMessages,
  ...configFileMessages,
  ...configPathMessages,
  ...daemonLockMessages,
  ...doctorMessages,
  ...faultsMessages,
  ...integrateMessages,
  ...oldQueueMessages,
  ...serviceMessages,
  ...uploadMessages,
  ...progressMessages,
} as const);
