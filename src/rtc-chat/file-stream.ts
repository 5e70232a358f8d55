/**
 * What travels on a transfer's own channel (step 3 of the protocol in file-transfer.ts): the
 * sender streams the bytes as binary messages with read-ahead and backpressure, hashing them as
 * they go, then the text message `file-end {id, sha256}`; the receiver hashes and collects them
 * (folded into Blobs, which browsers may keep on disk) and reads the end marker. Whether a transfer
 * may go on, and what its end means, the engine (file-transfer.ts) decides.
 */
import type { PeerChannel } from '../session/peer-session.js';
import { RtcError } from '../core/errors.js';
import { classify, type FileEndEnvelope } from './chat-protocol.js';
import { checkFileEnvelope } from './file-protocol.js';
import type { Sha256 } from '../core/sha256.js';
import { createSha256 } from '../core/sha256-wasm.js';
import type { FileTransfer } from './file-types.js';

/** Received bytes are folded into a Blob every this many bytes, which browsers may keep on disk. */
const FOLD_BYTES = 8 * 1024 * 1024;
/** The first read is small, so the first bytes leave soon; later reads are `readSize`. */
const FIRST_READ = 1024 * 1024;
/** Progress (events, the progress bar) at ~4 Hz per transfer and side. */
export const PROGRESS_INTERVAL_MS = 250;

/** The sending side's share of TransferTuning (file-transfer.ts). */
export interface StreamTuning {
  /** Bytes per data channel message. */
  chunkSize: number;
  /** Pause sending while more than this many bytes are queued in the channel. */
  highWater: number;
  /** Resume once the queue drains to this. */
  lowWater: number;
  /** Bytes read from the File at a time. */
  readSize: number;
}

/** Whether the transfer has ended badly (either side cancelled, or it failed): stop sending. */
export const isStopped = (transfer: FileTransfer): boolean => transfer.status === 'cancelled' || transfer.status === 'failed';

/** Starts reading the first slice of `blob` (a small one), so bytes can flow as soon as the channel opens. */
export function readFirst(blob: Blob, readSize: number): Promise<ArrayBuffer> {
  const read = blob.slice(0, Math.min(FIRST_READ, readSize, blob.size)).arrayBuffer();
  read.catch(() => {
    /* sendBytes() reports read errors */
  });
  return read;
}

/**
 * Sender: waits for `channel` to open, sends `source` (`transfer.size` bytes) and the end marker,
 * and waits until the channel's queue drained. `progress` gets the bytes that have left the queue,
 * ~4 times a second. Returns early once `transfer` is stopped; throws when the channel breaks
 * (an RtcError `not-connected` when it closes under the bytes) or the file cannot be read.
 */
export async function sendBytes(
  channel: PeerChannel,
  source: Blob,
  transfer: FileTransfer,
  tuning: StreamTuning,
  firstRead: Promise<ArrayBuffer> | undefined,
  progress: (bytes: number) => void,
): Promise<void> {
  const { highWater, lowWater, readSize } = tuning;
  let { chunkSize } = tuning;
  await new Promise<void>((resolve, reject) => {
    const broken = () => reject(new RtcError('file-failed', `Could not open a file channel to ${transfer.peer}.`));
    if (channel.isOpen) {
      resolve();
      return;
    }
    if (channel.isClosed) {
      broken();
      return;
    }
    channel.on('open', () => resolve());
    channel.on('close', broken);
  });
  // Never above what the connection negotiated (Firefox and Chromium agree on 256 KiB today).
  const negotiated = channel.peerConnection?.sctp?.maxMessageSize;
  if (negotiated && Number.isFinite(negotiated) && negotiated > 0) chunkSize = Math.min(chunkSize, negotiated);
  const hash = createSha256();
  let sent = 0;
  let lastProgress = 0;
  let nextRead = firstRead ?? source.slice(0, Math.min(readSize, transfer.size)).arrayBuffer();
  for (let offset = 0; offset < transfer.size;) {
    const buffer = await nextRead;
    if (buffer.byteLength === 0) throw new RtcError('file-failed', `"${transfer.name}" could not be read to the end.`);
    // Read ahead while this block is sent: disk and network overlap, memory stays ~2 blocks.
    const following = offset + buffer.byteLength;
    if (following < transfer.size) {
      nextRead = source.slice(following, Math.min(following + readSize, transfer.size)).arrayBuffer();
      nextRead.catch(() => {
        /* awaited above, unless the transfer stopped meanwhile */
      });
    }
    offset = following;
    for (let at = 0; at < buffer.byteLength; at += chunkSize) {
      if (isStopped(transfer)) return;
      if (channel.bufferedAmount > highWater) await channel.drain(lowWater);
      if (isStopped(transfer)) return;
      const view = new Uint8Array(buffer, at, Math.min(chunkSize, buffer.byteLength - at));
      hash.update(view); // chunk by chunk: hashing never holds up the channel for a whole read
      channel.sendRaw(view);
      sent += view.byteLength;
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = now;
        progress(Math.max(0, sent - channel.bufferedAmount));
      }
    }
  }
  channel.sendRaw(JSON.stringify({ $rtc: 1, t: 'file-end', id: transfer.id, sha256: hash.hex() }));
  await channel.drain(0);
}

/** Receiver: the bytes of one incoming file, hashed as they arrive. */
export class Assembly {
  private hash: Sha256 = createSha256();
  private parts: BlobPart[] = [];
  private folded: Blob[] = [];
  private partBytes = 0;

  add(buffer: ArrayBuffer): void {
    this.hash.update(buffer);
    this.parts.push(buffer);
    this.partBytes += buffer.byteLength;
    if (this.partBytes >= FOLD_BYTES) this.fold();
  }

  /** SHA-256 (hex) of everything added. */
  digest(): string {
    return this.hash.hex();
  }

  /** The whole file as one Blob; the assembly lets go of its parts. */
  take(type: string): Blob {
    this.fold();
    const blob = new Blob(this.folded, { type });
    this.parts = [];
    this.folded = [];
    return blob;
  }

  private fold(): void {
    if (!this.parts.length) return;
    this.folded.push(new Blob(this.parts));
    this.parts = [];
    this.partBytes = 0;
  }
}

/** The end marker of transfer `id` in a text message on its channel; undefined for anything else. */
export function endMarker(value: unknown, id: string): FileEndEnvelope | undefined {
  const incoming = classify(typeof value === 'string' ? safeParse(value) : value);
  const end = incoming.kind === 'envelope' && incoming.envelope.t === 'file-end' ? checkFileEnvelope(incoming.envelope) : undefined;
  return end && !('invalid' in end) && end.t === 'file-end' && end.id === id ? end : undefined;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
