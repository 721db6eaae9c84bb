/** How to run rclone (`rclone`): its executable and the rclone.conf it reads. */
import * as z from "zod";

export const rcloneSchema = z
  .strictObject({
    binary: z
      .string()
      .min(1)
      .default("rclone")
      .describe("The rclone executable (name on PATH or full path)."),
    configPath: z
      .string()
      .min(1)
      .optional()
      .describe("rclone.conf to use; default: RCLONE_CONFIG or rclone's own default."),
  })
  .describe("How to run rclone.");
