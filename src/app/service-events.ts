/** Listening to a SyncService's events for as long as something lives, and letting go at once. */
import type { EventEmitter } from "node:events";
import type { SyncEvents, SyncService } from "./sync-service.js";

export type SyncEventHandlers = { readonly [K in keyof SyncEvents]?: (...args: SyncEvents[K]) => void };

/** Adds every handler; returns the function that removes them all again. */
export function subscribe(service: SyncService, handlers: SyncEventHandlers): () => void {
  // Each handler's type was checked against its event above; the emitter itself is untyped here.
  const emitter = service as EventEmitter;
  const entries = Object.entries(handlers) as [string, (...args: unknown[]) => void][];
  for (const [name, handler] of entries) emitter.on(name, handler);
  return () => {
    for (const [name, handler] of entries) emitter.off(name, handler);
  };
}
