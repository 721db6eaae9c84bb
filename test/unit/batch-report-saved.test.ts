import { describe, expect, it } from "vitest";
import { sampleReport } from "../../src/app/batch-report.js";
import { emailMessage } from "../../src/notify/channel-messages.js";

describe("a batch report counts the bytes resumed uploads did not send again", () => {
  it("adds a line when some were saved, none otherwise", () => {
    const report = sampleReport(1_800_000_000_000);
    expect(emailMessage(report).text).not.toMatch(/not sent again/);
    const saved = emailMessage({ ...report, bytesSaved: 2_100_000_000 }).text;
    expect(saved).toContain("2.1 GB not sent again thanks to resumed uploads");
  });
});
