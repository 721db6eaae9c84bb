/** Writes schema/config.schema.json from the zod schema (run `npm run schema` after changing it). */
import { writeFileSync } from "node:fs";
import { configJsonSchema } from "../src/config/schema.js";

const target = new URL("../schema/config.schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
