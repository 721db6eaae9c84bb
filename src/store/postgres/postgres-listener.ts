/**
 * LISTEN for new work on a connection of its own, outside the pool: a dropped connection is
 * reconnected after a pause, and the listener is then told once, for whatever was queued while
 * nobody listened.
 */
import pg from "pg";

const RECONNECT_MS = 2_000;

/** Calls `listener` on every NOTIFY of `channel`; resolves with a function that stops listening. */
export async function listen(
  config: pg.ClientConfig,
  channel: string,
  listener: () => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const reconnect = () => {
    if (stopped || timer !== undefined) return;
    const dropped = client;
    client = undefined;
    void dropped?.end().catch(() => undefined);
    timer = setTimeout(() => {
      timer = undefined;
      void connect(true);
    }, RECONNECT_MS);
  };
  const connect = async (again: boolean) => {
    const next = new pg.Client(config);
    next.on("notification", () => listener());
    next.on("error", reconnect);
    next.on("end", reconnect);
    try {
      await next.connect();
      await next.query(`LISTEN "${channel}"`);
      client = next;
      // Whatever was queued while we were not listening.
      if (again) listener();
    } catch {
      void next.end().catch(() => undefined);
      reconnect();
    }
  };
  await connect(false);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await client?.end().catch(() => undefined);
  };
}
