/**
 * The watermark: the logo scaled to a share of the rendition's width, its transparency
 * multiplied by `opacity`, placed at one of nine positions with a small margin. Prepared once
 * per rendition size (decoding a PNG logo is cheap next to a 24 MP photo).
 */
import type { OverlayOptions } from "sharp";
import type { Watermark } from "../domain/rendition.js";
import { loadSharp } from "./sharp-runtime.js";

/** Margin from the edges, as a share of the rendition's shorter side. */
const MARGIN = 0.02;

export async function watermarkOverlay(
  watermark: Watermark,
  width: number,
  height: number,
): Promise<OverlayOptions> {
  const sharp = await loadSharp();
  const wanted = Math.max(1, Math.round(width * watermark.scale));
  const { data, info } = await sharp(watermark.image)
    .ensureAlpha()
    .resize({ width: Math.min(wanted, width), height, fit: "inside" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Multiply the alpha channel (every 4th byte) by the opacity.
  for (let at = 3; at < data.length; at += 4) data[at] = Math.round((data[at] ?? 0) * watermark.opacity);
  const margin = Math.round(Math.min(width, height) * MARGIN);
  const [vertical, horizontal] = split(watermark.position);
  const left = place(horizontal, width, info.width, margin);
  const top = place(vertical, height, info.height, margin);
  return {
    input: data,
    raw: { width: info.width, height: info.height, channels: 4 },
    left,
    top,
  };
}

function split(position: Watermark["position"]): [string, string] {
  if (position === "center") return ["middle", "middle"];
  if (position === "left" || position === "right") return ["middle", position];
  if (position === "top" || position === "bottom") return [position, "middle"];
  const [vertical, horizontal] = position.split("-") as [string, string];
  return [vertical, horizontal];
}

function place(where: string, outer: number, inner: number, margin: number): number {
  if (where === "left" || where === "top") return Math.min(margin, Math.max(0, outer - inner));
  if (where === "right" || where === "bottom") return Math.max(0, outer - inner - margin);
  return Math.max(0, Math.round((outer - inner) / 2));
}
