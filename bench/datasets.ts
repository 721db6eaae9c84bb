/** The benchmark's data sets, generated once per run into a temporary folder. */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface DataSet {
  readonly name: string;
  readonly description: string;
  readonly dir: string;
  readonly files: number;
  readonly bytes: number;
}

export function makeDataSet(
  root: string,
  name: string,
  files: number,
  size: number,
  description: string,
): DataSet {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  // One random block, varied per file: incompressible and distinct, fast to write.
  const block = randomBytes(size);
  for (let index = 0; index < files; index += 1) {
    block.writeUInt32LE(index, 0);
    writeFileSync(path.join(dir, `IMG_${String(index).padStart(5, "0")}.jpg`), block);
  }
  return { name, description, dir, files, bytes: files * size };
}
