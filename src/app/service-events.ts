/**
 * A SyncService's events — the engines' (engine/events.ts) and the live config's — and
 * listening to them for as long as something lives, letting go at once.
 */
import type { EventEmitter } from "node:events";
import type { ResolvedConfig } from "../config/resolve.js";
import type { EngineEvents } from "../engine/events.js";
import type { ConfigFault } from "./config-fault.js";

export type SyncEvents = EngineEvents & {
  /** A changed config file took over (live reload). */
  configChanged: [config: ResolvedConfig];
  /** A changed config file was refused; the running config stays. */
  configFault: [fault: ConfigFault];
};

export type SyncEventHandlers = { readonly [K in keyof SyncEvents]?: (...args: SyncEvents[K]) => void };

/** Adds every handler; returns the function that removes them all again. */
export function subscribe(service: EventEmitter<SyncEvents>, handlers: SyncEventHandlers): () => void {
  // Each handler's type was checked against its event above; the emitter itself is untyped here.
  const emitter = service as EventEmitter;
  const entries = Object.entries(handlers) as [string, (...args: unknown[]) => void][];
  for (const [name, handler] of entries) emitter.on(name, handler);
  return () => {
    for (const [name, handler] of entries) emitter.off(name, handler);
  };
}
