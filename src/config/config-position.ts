/**
 * Where a key of the config file sits in its text (line and column, 1-based), so a refusal can
 * point at it: "`destinations[1].concurrency` (line 9, column 22): …". A small JSON walker over
 * text that already parsed: it records where each value starts, by key path.
 */

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** `destinations[1].concurrency` — the same key spelling as the config's error messages. */
export function keyPathText(keyPath: readonly PropertyKey[]): string {
  return keyPath
    .map((part, index) =>
      typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`,
    )
    .join("");
}

/**
 * The position of the value at `keyPath` in `text` (a key that is missing: the nearest object
 * that should hold it). Undefined when the text is not JSON.
 */
export function positionOf(text: string, keyPath: readonly PropertyKey[]): TextPosition | undefined {
  const starts = new Map<string, number>();
  try {
    new Walker(text, starts).document();
  } catch {
    return undefined;
  }
  for (let length = keyPath.length; length >= 0; length -= 1) {
    const offset = starts.get(keyPathText(keyPath.slice(0, length)));
    if (offset !== undefined) return lineAndColumn(text, offset);
  }
  return undefined;
}

export function lineAndColumn(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index += 1) {
    if (text[index] === "\n") {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class Walker {
  #at = 0;
  readonly #text: string;
  readonly #starts: Map<string, number>;

  constructor(text: string, starts: Map<string, number>) {
    this.#text = text;
    this.#starts = starts;
  }

  document(): void {
    if (this.#text.charCodeAt(0) === 0xfeff) this.#at = 1;
    this.#value([]);
  }

  #value(keyPath: PropertyKey[]): void {
    this.#space();
    this.#starts.set(keyPathText(keyPath), this.#at);
    const char = this.#text[this.#at];
    if (char === "{") this.#object(keyPath);
    else if (char === "[") this.#array(keyPath);
    else if (char === '"') this.#string();
    else this.#bare();
  }

  #object(keyPath: PropertyKey[]): void {
    this.#at += 1;
    this.#space();
    if (this.#text[this.#at] === "}") {
      this.#at += 1;
      return;
    }
    for (;;) {
      this.#space();
      const key = this.#string();
      this.#space();
      this.#expect(":");
      this.#value([...keyPath, key]);
      this.#space();
      if (this.#text[this.#at] === ",") this.#at += 1;
      else {
        this.#expect("}");
        return;
      }
    }
  }

  #array(keyPath: PropertyKey[]): void {
    this.#at += 1;
    this.#space();
    if (this.#text[this.#at] === "]") {
      this.#at += 1;
      return;
    }
    for (let index = 0; ; index += 1) {
      this.#value([...keyPath, index]);
      this.#space();
      if (this.#text[this.#at] === ",") this.#at += 1;
      else {
        this.#expect("]");
        return;
      }
    }
  }

  #string(): string {
    const start = this.#at;
    this.#expect('"');
    while (this.#at < this.#text.length && this.#text[this.#at] !== '"') {
      this.#at += this.#text[this.#at] === "\\" ? 2 : 1;
    }
    this.#expect('"');
    return JSON.parse(this.#text.slice(start, this.#at)) as string;
  }

  #bare(): void {
    const match = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.#text.slice(this.#at));
    if (match === null) throw new Error("not JSON");
    this.#at += match[0].length;
  }

  #space(): void {
    while (/\s/.test(this.#text[this.#at] ?? "")) this.#at += 1;
  }

  #expect(char: string): void {
    if (this.#text[this.#at] !== char) throw new Error("not JSON");
    this.#at += 1;
  }
}
