/**
 * An rcd whose global bandwidth limit (`core/bwlimit`) we set: the limit is remembered and set
 * again on an rcd that had to be restarted, before anything else uses it.
 */
import { classifyRcloneError } from "./classify-error.js";
import type { RcClient } from "./rc-client.js";
import type { RcdSupervisor } from "./rcd-supervisor.js";

export class LimitedRcd {
  readonly supervisor: RcdSupervisor;
  /** The limit asked for (undefined: never set), and the rcd client it was applied to. */
  #bandwidth: number | null | undefined;
  #limited: RcClient | undefined;

  constructor(supervisor: RcdSupervisor) {
    this.supervisor = supervisor;
  }

  /** The running rcd's client; a restarted rcd gets the bandwidth limit again before any use. */
  async client(): Promise<RcClient> {
    const client = await this.supervisor.client();
    if (this.#bandwidth !== undefined && this.#limited !== client) {
      await this.#apply(client, AbortSignal.timeout(10_000)).catch(() => undefined);
    }
    return client;
  }

  /** Sets the limit (bytes per second; null: none); returns it as rclone reports it. */
  async setBandwidth(bytesPerSecond: number | null, signal: AbortSignal): Promise<number | null> {
    this.#bandwidth = bytesPerSecond;
    return this.#apply(await this.supervisor.client(), signal);
  }

  async #apply(client: RcClient, signal: AbortSignal): Promise<number | null> {
    const rate =
      this.#bandwidth === null || this.#bandwidth === undefined
        ? "off"
        : `${Math.max(1, Math.floor(this.#bandwidth))}B`;
    try {
      const reply = await client.call<{ bytesPerSecondTx?: number }>("core/bwlimit", { rate }, signal);
      this.#limited = client;
      const effective = reply.bytesPerSecondTx ?? -1;
      return effective < 0 ? null : effective;
    } catch (error) {
      throw classifyRcloneError(error);
    }
  }
}
