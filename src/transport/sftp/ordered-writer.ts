/**
 * Writes a file over SFTP strictly in order, with several requests in flight. Waiting for each
 * write before the next makes every 32 KiB cost a round trip (a few MB/s through one proxy, far
 * less over a WAN); sending them back to back does not, and stays in order: each request is at
 * most one SFTP packet (ssh2 never splits it), they leave in offset order on one channel, and
 * OpenSSH's sftp-server handles them one after another — so a connection that drops or a
 * process that dies leaves a prefix of the file, which is what a resume relies on.
 *
 * Only a write the server answers with a failure (a full disk …) could be followed by later
 * ones that succeed: the caller then cuts the file back to the first failed offset.
 */
import type { SftpSession } from "./sftp-session.js";

/** Below every server's packet limit (34 000 bytes less headers for non-OpenSSH servers). */
export const WRITE_BYTES = 32 * 1024;
/** Requests in flight: 1 MiB, enough for a loopback proxy or a LAN; a WAN wants more. */
export const WINDOW = 32;

export interface WriteFailure {
  /** The first offset that did not get written. */
  readonly offset: number;
  readonly error: unknown;
  /** The server answered with a failure (as opposed to the connection failing). */
  readonly answered: boolean;
}

export class OrderedWriter {
  readonly #session: SftpSession;
  readonly #handle: Buffer;
  readonly #inFlight: Promise<void>[] = [];
  readonly #onWritten: (bytes: number) => void;
  #position: number;
  #failure: WriteFailure | null = null;

  constructor(session: SftpSession, handle: Buffer, start: number, onWritten: (bytes: number) => void) {
    this.#session = session;
    this.#handle = handle;
    this.#position = start;
    this.#onWritten = onWritten;
  }

  get failure(): WriteFailure | null {
    return this.#failure;
  }

  /** Queues the chunk's writes; returns once the window has room again. False after a failure. */
  async write(chunk: Buffer): Promise<boolean> {
    for (let start = 0; start < chunk.length; start += WRITE_BYTES) {
      if (this.#failure !== null) return false;
      const piece = chunk.subarray(start, start + WRITE_BYTES);
      const offset = this.#position;
      this.#position += piece.length;
      this.#inFlight.push(
        this.#session.write(this.#handle, piece, offset).then(
          () => this.#onWritten(piece.length),
          (error: unknown) => this.#failed(offset, error),
        ),
      );
      if (this.#inFlight.length >= WINDOW) await this.#inFlight.shift();
    }
    return this.#failure === null;
  }

  /** Waits for every write in flight; the failure, if any, is in `failure`. */
  async settle(): Promise<WriteFailure | null> {
    await Promise.all(this.#inFlight.splice(0));
    return this.#failure;
  }

  #failed(offset: number, error: unknown): void {
    const answered = typeof (error as { code?: unknown } | null)?.code === "number";
    if (this.#failure === null || offset < this.#failure.offset) {
      this.#failure = { offset, error, answered: answered || this.#failure?.answered === true };
    }
  }
}
