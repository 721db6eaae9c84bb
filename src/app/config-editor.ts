/**
 * The settings editor behind `GET` and `PUT /api/v1/config`: reads the config file as a
 * document (secrets replaced by a placeholder), and replaces it with a new one — only when the
 * caller saw the current version (etag), only when the same schema the file is read with
 * accepts it (same key-path messages as the CLI), written atomically with the previous file
 * kept as `config.json.bak`, the user's key order and indentation kept, then applied to the
 * running service at once.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../config/atomic-write.js";
import { keyPathText } from "../config/config-position.js";
import { parseConfig } from "../config/load.js";
import { EMBEDDED_CONFIG } from "../config/resolve.js";
import { SyncError } from "../domain/errors.js";
import {
  etagOf,
  indentOf,
  inPreviousOrder,
  SECRET_PLACEHOLDER,
  withoutSecrets,
  withSecretsFrom,
} from "./config-document.js";
import type { ConfigFault } from "./config-fault.js";
import type { ConfigReload, LiveConfig } from "./live-config.js";

export interface ConfigView {
  /** The config file's path. */
  readonly file: string;
  /** Whether the file exists (else the document is the embedded default). */
  readonly exists: boolean;
  /** Of the file's exact text; send it back as `If-Match`. */
  readonly etag: string;
  /** The document, each secret replaced by "(set)"; null when the file is not JSON. */
  readonly config: unknown;
  /** Why the file's latest version is not in force, or null. */
  readonly fault: ConfigFault | null;
}

export interface ConfigEditorOptions {
  readonly configPath: string;
  readonly live: LiveConfig;
  readonly env?: NodeJS.ProcessEnv | undefined;
}

export class ConfigEditor {
  readonly #options: ConfigEditorOptions;

  constructor(options: ConfigEditorOptions) {
    this.#options = options;
  }

  read(): ConfigView {
    const { configPath, live } = this.#options;
    const text = readText(configPath);
    return {
      file: configPath,
      exists: text !== undefined,
      etag: etagOf(text ?? ""),
      config: withoutSecrets(documentOf(text) ?? null),
      fault: live.fault,
    };
  }

  /**
   * Replaces the whole document. `ifMatch` must be the etag of the file as it is now (a stale
   * one: CONFIG_STALE); placeholders keep the stored secrets.
   */
  async replace(
    document: unknown,
    ifMatch: string | undefined,
  ): Promise<{ readonly etag: string; readonly reload: ConfigReload }> {
    const { configPath, live, env } = this.#options;
    const text = readText(configPath);
    if (ifMatch === undefined || (ifMatch !== "*" && ifMatch !== etagOf(text ?? ""))) {
      throw new SyncError(
        "CONFIG_STALE",
        ifMatch === undefined
          ? "Saving the config needs the etag you read it with (If-Match)."
          : `The config file ${configPath} changed since it was read.`,
      );
    }
    if (document === null || typeof document !== "object" || Array.isArray(document)) {
      throw new SyncError("CONFIG_INVALID", "The config must be a JSON object.");
    }
    const previous = documentOf(text) ?? {};
    const { document: restored, unmatched } = withSecretsFrom(document, previous);
    const [first] = unmatched;
    if (first !== undefined) {
      throw new SyncError(
        "CONFIG_INVALID",
        `\`${keyPathText(first)}\`: still "${SECRET_PLACEHOLDER}" but nothing is stored there yet; give the value itself.`,
      );
    }
    const next = inPreviousOrder(restored, previous);
    // The same schema and checks the file is read with: the same refusals, word for word.
    parseConfig(next, { baseDir: path.dirname(configPath), source: configPath, env });
    const written = `${JSON.stringify(next, null, indentOf(text))}\n`;
    await writeFileAtomic(configPath, written, { mode: 0o600, backup: true });
    live.acknowledge(written);
    return { etag: etagOf(written), reload: live.reload() };
  }
}

function documentOf(text: string | undefined): unknown {
  if (text === undefined) return EMBEDDED_CONFIG;
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
