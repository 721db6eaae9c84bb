import { describe, expect, it } from "vitest";
import {
  exifDay,
  parseTemplate,
  renderTemplate,
  type TemplateValues,
} from "../../src/domain/path-template.js";

const VALUES: TemplateValues = {
  day: { year: 2024, month: 5, day: 3 },
  folder: "Weddings/佐藤家",
  name: "写真_桜",
  ext: "jpg",
  camera: "Canon EOS R5",
  batch: "export 2024-05-03 10.00.00",
};

function render(template: string, values: Partial<TemplateValues> = {}): string {
  return renderTemplate(parseTemplate(template, "watch[0].subpath"), { ...VALUES, ...values }, "path");
}

describe("path templates", () => {
  it("renders dates, folders, names and cameras, keeping Japanese names", () => {
    expect(render("{yyyy}/{mm}/{dd}/{folder}/{name}.{ext}")).toBe("2024/05/03/Weddings/佐藤家/写真_桜.jpg");
    expect(render("{camera}/{batch}")).toBe("Canon EOS R5/export 2024-05-03 10.00.00");
  });

  it("keeps values from making folders or climbing out", () => {
    expect(render("{camera}", { camera: "A/B:C" })).toBe("A_B_C");
    expect(render("{camera}", { camera: null })).toBe("unknown-camera");
    expect(() => render("{name}", { name: ".." })).toThrowError(
      expect.objectContaining({ code: "INVALID_PATH" }),
    );
    expect(() => render("../{name}")).toThrowError(expect.objectContaining({ code: "INVALID_PATH" }));
  });

  it("drops empty folders and the dot of a missing extension", () => {
    expect(render("{folder}/{name}", { folder: "" })).toBe("写真_桜");
    expect(render("{name}.{ext}", { ext: "" })).toBe("写真_桜");
  });

  it("names the key and the token of a bad template", () => {
    expect(() => parseTemplate("{yyyy}/{month}", "watch[2].subpath")).toThrowError(
      /watch\[2\]\.subpath.*\{month\}/,
    );
    expect(() => parseTemplate("{yyyy", "watch[0].fileName")).toThrowError(
      /watch\[0\]\.fileName.*unmatched `\{`/,
    );
    expect(parseTemplate("{folder}/{name}", "k").usesExif).toBe(false);
    expect(parseTemplate("{yyyy}", "k").usesExif).toBe(true);
  });

  it("reads EXIF dates as the camera's calendar day", () => {
    expect(exifDay("2019:12:31 23:59:59")).toEqual({ year: 2019, month: 12, day: 31 });
    expect(exifDay("0000:00:00 00:00:00")).toBeUndefined();
    expect(exifDay("garbage")).toBeUndefined();
  });
});
