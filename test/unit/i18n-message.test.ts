import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en/index.js";
import { fill, t } from "../../src/i18n/message.js";

describe("message catalogue", () => {
  it("fills named placeholders from the catalogue", () => {
    expect(t("common.seeDocs", { doc: "docs/config.md" })).toBe("See docs/config.md.");
  });

  it("types each key's parameters from its text", () => {
    // @ts-expect-error the text names {doc}, so the parameter is required
    expect(t("common.seeDocs")).toBe("See {doc}.");
    // @ts-expect-error a parameter the text does not name is refused
    expect(t("common.seeDocs", { doc: "a", extra: 1 })).toBe("See a.");
  });

  it("leaves a placeholder without a parameter visible rather than inventing text", () => {
    expect(fill("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });

  it("keys are namespaced by area and every text is non-empty", () => {
    for (const [key, text] of Object.entries(en)) {
      // Codes and states appear in keys as they are spelt (errors.SOURCE_MISSING.hint,
      // dashboard.hold.outside-window).
      expect(key).toMatch(/^[a-z][a-zA-Z0-9]*\.[a-zA-Z0-9_.-]+$/);
      expect(text.trim().length).toBeGreaterThan(0);
    }
  });
});
