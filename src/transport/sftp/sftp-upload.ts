/**
 * SFTP uploads that continue at the byte where they stopped. The bytes go to a partial file
 * (the destination's temporary name) written strictly in order, so the file on the server is
 * always a prefix of the source; a restart stats it, checks the prefix cheaply (size, and the
 * hash of its last few MiB over exec where the server has sha256sum/md5sum), opens it `r+` and
 * writes on from its size. A partial larger than the source, or whose tail differs, restarts
 * from 0. The finished file is checked (size; its hash over exec where available — by the
 * engine through rclone when rclone sees one, else here) and renamed into place (posix-rename
 * where offered).
 */
import { posix } from "node:path";
import { SyncError } from "../../domain/errors.js";
import type { ResumeState } from "../../domain/resume.js";
import type { DiscardOutcome, TransferSource } from "../../engine/transport.js";
import { type MessageRef, say } from "../../i18n/message.js";
import { ProgressMeter } from "../progress-meter.js";
import { hashRange, readRange } from "../read-range.js";
import type { ResumableTransfer, ResumableUpload } from "../resumable.js";
import { RunningHash } from "../running-hash.js";
import { OrderedWriter, type WriteFailure } from "./ordered-writer.js";
import { SftpSession, sftpError } from "./sftp-session.js";
import type { SftpTarget } from "./sftp-settings.js";

/** How much of the partial's end is hashed before a resume: cheap, and catches a wrong file. */
const TAIL_BYTES = 4 * 1024 * 1024;

interface HashTool {
  readonly command: string;
  readonly algorithm: "sha256" | "md5";
  readonly length: number;
}

const HASH_TOOLS: readonly HashTool[] = [
  { command: "sha256sum", algorithm: "sha256", length: 64 },
  { command: "md5sum", algorithm: "md5", length: 32 },
];

function quote(path: string): string {
  return `'${path.replace(/'/g, "'\\''")}'`;
}

export class SftpOffsetUpload implements ResumableUpload {
  readonly kind = "sftp" as const;
  readonly #target: SftpTarget;
  /** The server's hash command, found once (null: none; exec refused or no tool). */
  #tool: Promise<HashTool | null> | undefined;

  constructor(target: SftpTarget) {
    this.#target = target;
  }

  async upload(transfer: ResumableTransfer): Promise<string | null> {
    const { request, ledger, source, signal } = transfer;
    let hash: string | null = source.hash;
    const partialPath = partialName(request.remotePath);
    const partial = this.#path(partialPath);
    const session = await SftpSession.open(this.#target.connect, signal);
    try {
      const offset = await this.#resumeOffset(session, transfer, partialPath, partial);
      if (offset === 0) {
        await ledger.begin({
          transport: "sftp",
          remotePath: partialPath,
          uploadId: partial,
          partSizeBytes: 0,
          sourceSize: source.size,
          sourceMtimeMs: source.mtimeMs,
        });
      }
      await ledger.started("sftp", offset > 0 ? offset : null);
      await session.mkdirs(posix.dirname(partial));
      // Hashed while read to be sent: the engine's hash type (compared with rclone's hash of the
      // remote file), or, where rclone has none, the server's own tool's (compared here). On a
      // resume the partial's bytes are read once more for it, from the local disk.
      const running =
        source.hash === null ? RunningHash.of(request.sourcePath, source.size, source.hashType) : null;
      const tool = source.hashType === null ? await this.#hashTool(session, signal) : null;
      const own = tool === null ? null : RunningHash.of(request.sourcePath, source.size, tool.algorithm);
      await running?.catchUp(offset, signal);
      await own?.catchUp(offset, signal);
      const handle = await session.openFile(partial, offset > 0 ? "r+" : "w");
      const meter = new ProgressMeter(source.size, offset, transfer.onProgress);
      const writer = new OrderedWriter(session, handle, offset, (bytes) => meter.add(bytes));
      try {
        let position = offset;
        for await (const chunk of readRange(
          request.sourcePath,
          offset,
          source.size,
          transfer.limiter,
          signal,
        )) {
          running?.feed(position, chunk);
          own?.feed(position, chunk);
          position += chunk.length;
          if (!(await writer.write(chunk))) break;
        }
        const failure = await writer.settle();
        if (failure !== null) throw await this.#cutBack(session, handle, transfer, failure, partial);
        await session.fsync(handle);
      } finally {
        meter.stop();
        await session.closeFile(handle).catch(() => undefined);
      }
      if (running !== null) hash = await running.digest(signal);
      const ownHash = own === null || tool === null ? null : { tool, value: await own.digest(signal) };
      await this.#verify(session, transfer, partial, ownHash);
      if (partialPath !== request.remotePath) {
        await session.rename(partial, this.#path(request.remotePath));
        await ledger.end();
      }
      return hash;
    } finally {
      session.close();
    }
  }

  async discard(state: ResumeState, signal: AbortSignal): Promise<DiscardOutcome> {
    const session = await SftpSession.open(this.#target.connect, signal);
    try {
      const size = await session.size(state.uploadId);
      if (size === null) return "gone";
      await session.unlink(state.uploadId);
      return "discarded";
    } finally {
      session.close();
    }
  }

  async rename(from: string, to: string, signal: AbortSignal): Promise<void> {
    const session = await SftpSession.open(this.#target.connect, signal);
    try {
      await session.mkdirs(posix.dirname(this.#path(to)));
      await session.rename(this.#path(from), this.#path(to));
    } finally {
      session.close();
    }
  }

  /**
   * After a failed write, the file must stay a prefix of the source: a write the server failed
   * may have later ones that succeeded behind it, so the file is cut back to the first failed
   * offset. If that cannot be done, the partial is not trusted: the next attempt starts at 0.
   */
  async #cutBack(
    session: SftpSession,
    handle: Buffer,
    transfer: ResumableTransfer,
    failure: WriteFailure,
    partial: string,
  ): Promise<unknown> {
    if (failure.answered) {
      const cut = await session.truncate(handle, failure.offset).then(
        () => true,
        () => false,
      );
      if (!cut) await transfer.ledger.end();
    }
    return explainWriteFailure(session, partial, transfer.source.size - failure.offset, failure.error);
  }

  #path(remotePath: string): string {
    return this.#target.root === "" ? remotePath : posix.join(this.#target.root, remotePath);
  }

  /** Where the partial file lets us continue, or 0 (then it is written from the start). */
  async #resumeOffset(
    session: SftpSession,
    transfer: ResumableTransfer,
    partialPath: string,
    partial: string,
  ): Promise<number> {
    const { ledger, source, signal } = transfer;
    const state = await ledger.load();
    if (state === undefined) return 0;
    const why = staleState(state, partialPath, source);
    if (why !== null) {
      transfer.onRestart(why);
      return 0;
    }
    const size = await session.size(partial);
    if (size === null || size === 0) return 0;
    if (size > source.size) {
      transfer.onRestart(`the partial file holds ${size} bytes, more than the local file's ${source.size}`);
      return 0;
    }
    const tool = await this.#hashTool(session, signal);
    if (tool !== null) {
      const length = Math.min(TAIL_BYTES, size);
      const remote = await this.#remoteHash(session, `tail -c ${length} -- ${quote(partial)}`, tool, signal);
      const local = await hashRange(transfer.request.sourcePath, tool.algorithm, size - length, size, signal);
      if (remote !== null && remote !== local) {
        transfer.onRestart(
          `the partial file's last ${length} bytes differ from the local file's (${tool.command})`,
        );
        return 0;
      }
    }
    return size;
  }

  /**
   * Size, and where rclone sees no hash on this server (the engine then cannot compare one),
   * the server tool's hash of the partial against `local`, the source's computed while sending.
   * With a hash type both sides have (rclone runs md5sum/sha1sum over exec too), the engine
   * compares the remote hash after us: hashing 400 MB twice more here would only cost time.
   */
  async #verify(
    session: SftpSession,
    transfer: ResumableTransfer,
    partial: string,
    local: { readonly tool: HashTool; readonly value: string } | null,
  ): Promise<void> {
    const { source, signal, ledger, request } = transfer;
    const size = await session.size(partial);
    const where = `${request.destination.name}:${request.remotePath}`;
    let problem: MessageRef | null =
      size === source.size
        ? null
        : say("stored.verifySize", { what: where, remote: size ?? 0, source: source.size });
    if (problem === null && local !== null) {
      const { tool } = local;
      const remote = await this.#remoteHash(session, `cat -- ${quote(partial)}`, tool, signal);
      if (remote !== null && remote !== local.value) {
        problem = say("transport.sftpHashDiffers", { where, algorithm: tool.algorithm });
      }
    }
    if (problem === null) return;
    // Never resumed from: the next attempt starts from 0.
    await session.unlink(partial).catch(() => undefined);
    await ledger.end();
    throw new SyncError("VERIFY_MISMATCH", problem);
  }

  #hashTool(session: SftpSession, signal: AbortSignal): Promise<HashTool | null> {
    this.#tool ??= (async () => {
      for (const tool of HASH_TOOLS) {
        const answer = await session.exec(`echo -n | ${tool.command}`, signal);
        if (
          answer !== null &&
          answer.code === 0 &&
          new RegExp(`^[0-9a-f]{${tool.length}}\\b`).test(answer.stdout)
        ) {
          return tool;
        }
      }
      return null;
    })();
    return this.#tool;
  }

  async #remoteHash(
    session: SftpSession,
    read: string,
    tool: HashTool,
    signal: AbortSignal,
  ): Promise<string | null> {
    const answer = await session.exec(`${read} | ${tool.command}`, signal);
    const hex = answer?.code === 0 ? /^[0-9a-f]+/.exec(answer.stdout)?.[0] : undefined;
    return hex !== undefined && hex.length === tool.length ? hex : null;
  }
}

/**
 * OpenSSH answers a full disk with a bare "Failure" (ENOSPC has no SFTP status of its own): when
 * the server's free space is below what is left to write, that is what it was.
 */
async function explainWriteFailure(session: SftpSession, partial: string, left: number, error: unknown) {
  const free = await session.freeBytes(partial).catch(() => null);
  if (free !== null && free < left) {
    return new SyncError("QUOTA_EXCEEDED", say("transport.sftpNoRoom", { free, left }), {
      cause: error,
    });
  }
  return sftpError(error, "writing");
}

/** The engine's temporary name already is one; a final name gets a hidden `.partial` beside it. */
export function partialName(remotePath: string): string {
  if (remotePath.endsWith(".partial")) return remotePath;
  const dir = posix.dirname(remotePath);
  const name = `.${posix.basename(remotePath)}.partial`;
  return dir === "." ? name : posix.join(dir, name);
}

function staleState(state: ResumeState, partialPath: string, source: TransferSource): string | null {
  if (state.transport !== "sftp") return `it was started by ${state.transport}`;
  if (state.sourceSize !== source.size || Math.abs(state.sourceMtimeMs - source.mtimeMs) > 1) {
    return "the local file changed since the upload started (size or modification time)";
  }
  if (state.remotePath !== partialPath) return "the remote path changed";
  return null;
}
