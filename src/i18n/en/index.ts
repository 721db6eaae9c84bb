/**
 * The English catalogue: the union of one file per area. Each area file exports a frozen
 * `as const` object of `"area.name": "text with {placeholders}"`, so keys are typed and a
 * second language (`ja/`) is checked key for key against this one.
 */
import { mergeAreas } from "../merge-areas.js";
import { bandwidthMessages } from "./bandwidth.js";
import { cliMessages } from "./cli.js";
import { commonMessages } from "./common.js";
import { configMessages } from "./config.js";
import { configFileMessages } from "./config-file.js";
import { configPathMessages } from "./config-path.js";
import { daemonMessages } from "./daemon.js";
import { daemonLockMessages } from "./daemon-lock.js";
import { dashboardMessages } from "./dashboard.js";
import { doctorMessages } from "./doctor.js";
import { errorsMessages } from "./errors.js";
import { faultsMessages } from "./faults.js";
import { formatMessages } from "./format.js";
import { integrateMessages } from "./integrate.js";
import { notifyMessages } from "./notify.js";
import { oldQueueMessages } from "./old-queue.js";
import { progressMessages } from "./progress.js";
import { queueMessages } from "./queue.js";
import { rcloneMessages } from "./rclone.js";
import { remoteMessages } from "./remote.js";
import { renditionMessages } from "./rendition.js";
import { repairMessages } from "./repair.js";
import { reportMessages } from "./report.js";
import { resumeMessages } from "./resume.js";
import { serverMessages } from "./server.js";
import { serviceMessages } from "./service.js";
import { settingsMessages } from "./settings.js";
import { signInMessages } from "./sign-in.js";
import { statusMessages } from "./status.js";
import { storeMessages } from "./store.js";
import { storedMessages } from "./stored.js";
import { tokenMessages } from "./token.js";
import { transportMessages } from "./transport.js";
import { uploadMessages } from "./upload.js";

export const en = Object.freeze(
  mergeAreas(
    commonMessages,
    errorsMessages,
    formatMessages,
    cliMessages,
    uploadMessages,
    statusMessages,
    progressMessages,
    remoteMessages,
    queueMessages,
    daemonMessages,
    tokenMessages,
    reportMessages,
    notifyMessages,
    doctorMessages,
    dashboardMessages,
    storedMessages,
    resumeMessages,
    renditionMessages,
    bandwidthMessages,
    configMessages,
    remoteMessages,
    settingsMessages,
    signInMessages,
    configFileMessages,
    configPathMessages,
    daemonLockMessages,
    faultsMessages,
    rcloneMessages,
    transportMessages,
    storeMessages,
    serverMessages,
    integrateMessages,
    oldQueueMessages,
    serviceMessages,
    repairMessages,
    uploadMessages,
    progressMessages,
  ),
);
