/**
 * What `integrate` writes (or, with --dry-run, shows): files with their content and mode, the
 * folder they go in (created when the application has not made it yet), commands to run
 * afterwards (osacompile for the macOS droplet) and what to tell the user.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export type IntegrationOs = "macos" | "windows" | "linux";

export interface IntegrationFile {
  readonly path: string;
  readonly content: string;
  /** 0o755 for scripts the application runs. */
  readonly mode: number;
  readonly role: string;
}

export interface IntegrationPlan {
  readonly folder: string;
  readonly files: readonly IntegrationFile[];
  /** Commands to run after writing, where they exist (e.g. osacompile on macOS). */
  readonly after: readonly { readonly command: string; readonly args: readonly string[] }[];
  /** Text to print (config sections, snippets, where to click). */
  readonly text: readonly string[];
  /** Where the scripts append the CLI's output. */
  readonly log?: string;
}

export interface WriteResult {
  readonly createdFolder: boolean;
  readonly written: readonly IntegrationFile[];
}

export function writeIntegration(plan: IntegrationPlan): WriteResult {
  const createdFolder = plan.files.length > 0 && !existsSync(plan.folder);
  for (const file of plan.files) {
    mkdirSync(path.dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.content, { mode: file.mode });
    renameSync(temporary, file.path);
  }
  return { createdFolder, written: plan.files };
}

export function thisIntegrationOs(): IntegrationOs {
  if (process.platform === "darwin") return "macos";
  if (process.platform === "win32") return "windows";
  return "linux";
}
