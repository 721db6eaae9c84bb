/**
 * The dashboard's files (assets/dashboard): plain HTML, CSS and JavaScript, no build step and no
 * framework, read once at start. They hold no data; everything comes from the API.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// src/server and dist/server both sit two levels below the package root.
const ASSET_DIR = fileURLToPath(new URL("../../assets/dashboard/", import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export interface Asset {
  readonly body: Uint8Array;
  readonly type: string;
}

/** Request path (`/`, `/app.js` …) → file. */
export function loadDashboardAssets(dir: string = ASSET_DIR): ReadonlyMap<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (type === undefined) continue;
    const asset = { body: readFileSync(path.join(dir, name)), type };
    assets.set(`/${name}`, asset);
    if (name === "index.html") assets.set("/", asset);
  }
  return assets;
}

/** The dashboard talks only to its own origin; nothing inline, nothing framed. */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
