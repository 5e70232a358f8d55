/**
 * File transfer for <rtc-chat>.
 *
 * Protocol (documented in the README, "File transfer protocol"):
 * 1. Sender -> receiver on the chat channel: `file-offer {id, name, size, mime}`.
 * 2. Receiver answers `file-accept` or `file-reject {reason}` on the chat channel.
 * 3. Sender dials a dedicated reliable data channel (PeerJS serialization "raw", metadata
 *    `{kind: "file", transfer: id}`) and streams the bytes as binary messages with backpressure,
 *    then sends the text message `file-end {id, sha256}` on that channel.
 * 4. Receiver checks size and SHA-256 and answers `file-done` or `file-error {reason}`.
 * Either side may send `file-cancel {id, reason}` at any time.
 * Chat messages keep flowing on their own channel, so they are never stuck behind a file.
 */
import type { PeerChannel } from '../session/peer-session.js';
import { RtcError } from '../core/errors.js';
import type { Envelope, FileOfferEnvelope, ReceivedFileEnvelope } from './chat-protocol.js';
import { blobTypeFor, checkFileEnvelope, safeMime, sanitizeFileName } from './file-protocol.js';
import { Assembly, PROGRESS_INTERVAL_MS, endMarker, isStopped, readFirst, sendBytes, type StreamTuning } from './file-stream.js';
// The file cards travel with this module (see file-view.ts).
export * as fileView from './file-view.js';
import { MAX_INCOMING_PER_PEER, MAX_INCOMING_TOTAL, STALL_TIMEOUT_MS } from './chat-limits.js';

export type { FileTransfer, TransferDirection, TransferStatus } from './file-types.js';
import type { FileTransfer, TransferStatus } from './file-types.js';

/** How the sender chunks and paces its bytes (file-stream.ts), and how long a receiver waits for them. */
export interface TransferTuning extends StreamTuning {
  /** An accepted incoming transfer that gets no bytes for this many ms fails (`file-failed`). */
  stallTimeout: number;
}

export interface TransferHost {
  /** Sends a control envelope to `peer` on the chat channel; throws if that is impossible. */
  sendControl(peer: string, envelope: Envelope): void;
  /** Dials a dedicated raw channel for one transfer. */
  openFileChannel(peer: string, id: string): PeerChannel;
  /** Largest file accepted from a peer. */
  maxFileSize(): number;
  /** Offers larger than this wait for accept() or decline() (the user's consent). */
  confirmFileSize(): number;
  /**
   * An offer arrived; return false to refuse it (the page cancelled rtc-file-offer). `confirm`:
   * it waits for accept()/decline() (which may already be called from inside this callback).
   */
  offer(transfer: FileTransfer, confirm: boolean): boolean;
  /** Something changed: progress, state. */
  update(transfer: FileTransfer): void;
  /** A received file passed its checks. */
  received(transfer: FileTransfer): void;
  /** A transfer was cancelled by `by`. */
  cancelled(transfer: FileTransfer, by: 'local' | 'remote'): void;
  error(error: RtcError, peer: string): void;
}

interface Pending {
  transfer: FileTransfer;
  channel?: PeerChannel;
  // sender
  source?: Blob;
  /** The first slice, read while the offer is answered. */
  firstRead?: Promise<ArrayBuffer>;
  resolve?: () => void;
  reject?: (error: RtcError) => void;
  accepted?: () => void;
  // receiver
  assembly?: Assembly;
  lastProgress?: number;
  /** When the last bytes arrived (or the transfer was accepted); see checkStalls(). */
  lastByteAt?: number;
}

/**
 * The transfer protocol itself. Loaded on first use (a lazy chunk in the script-tag build):
 * `<rtc-chat>` talks to it through `FileTransfers` (file-transfers.ts), which queues calls while
 * this module loads.
 */
export class TransferEngine {
  private pending = new Map<string, Pending>();
  /** Runs while an incoming transfer is running, to fail the ones that stall. */
  private stallTimer: ReturnType<typeof setInterval> | undefined;

  /** `settings.tuning` is read at the start of each send, so a page may change it any time. */
  constructor(
    private readonly host: TransferHost,
    private readonly settings: { readonly tuning: TransferTuning },
  ) {}

  get active(): FileTransfer[] {
    return [...this.pending.values()].map((p) => p.transfer);
  }

  /** Offers `blob` to `peer` and streams it once accepted; resolves when the receiver verified it. */
  send(peer: string, id: string, blob: Blob, name: string): Promise<FileTransfer> {
    const transfer: FileTransfer = {
      id,
      peer,
      direction: 'send',
      name: sanitizeFileName(name),
      size: blob.size,
      type: safeMime(blob.type),
      bytes: 0,
      status: 'offered',
      speed: 0,
      startedAt: Date.now(),
      blob,
    };
    const entry: Pending = { transfer, source: blob };
    const key = this.key(peer, id);
    this.pending.set(key, entry);
    const done = new Promise<FileTransfer>((resolve, reject) => {
      entry.resolve = () => resolve(transfer);
      entry.reject = reject;
    });
    this.host.update(transfer);
    try {
      this.host.sendControl(peer, { $rtc: 1, t: 'file-offer', id, name: transfer.name, size: transfer.size, mime: transfer.type });
    } catch (error) {
      this.fail(entry, error instanceof RtcError ? error : new RtcError('file-failed', String(error)), false);
      return done;
    }
    // Read the first slice while the answer travels, so bytes can flow as soon as the file's
    // connection opens. (The connection itself is dialled only once accepted: its signaling can
    // overtake the offer, and a receiver closes file connections for transfers it does not know.)
    entry.firstRead = readFirst(blob, this.settings.tuning.readSize);
    return done;
  }

  /** Cancels a transfer in either direction. */
  cancel(peer: string, id: string, reason = 'cancelled'): boolean {
    const entry = this.pending.get(this.key(peer, id));
    if (!entry) return false;
    try {
      this.host.sendControl(peer, { $rtc: 1, t: 'file-cancel', id, reason });
    } catch {
      /* peer gone: cancel locally */
    }
    this.finishCancelled(entry, 'local', reason);
    return true;
  }

  /** Accepts an incoming offer that waits for consent (or has not been answered yet). */
  accept(peer: string, id: string): boolean {
    const entry = this.pending.get(this.key(peer, id));
    if (!entry || entry.transfer.direction !== 'receive' || entry.transfer.status !== 'offered') return false;
    this.start(entry);
    return true;
  }

  /** Declines an incoming offer that waits for consent: the sender hears `file-reject` "declined". */
  decline(peer: string, id: string): boolean {
    const entry = this.pending.get(this.key(peer, id));
    if (!entry || entry.transfer.direction !== 'receive' || entry.transfer.status !== 'offered') return false;
    try {
      this.host.sendControl(peer, { $rtc: 1, t: 'file-reject', id, reason: 'declined' });
    } catch {
      /* gone */
    }
    this.finishCancelled(entry, 'local', 'declined');
    return true;
  }

  /** Handles a file-* envelope that arrived on the chat channel from `peer`. */
  control(peer: string, received: ReceivedFileEnvelope): void {
    const envelope = checkFileEnvelope(received);
    if ('invalid' in envelope || envelope.t === 'file-end') {
      const reason = 'invalid' in envelope ? envelope.invalid : 'a file end marker on the chat channel';
      this.host.error(new RtcError('invalid-data', `Peer "${peer}" sent an invalid message (${reason}); it was dropped.`), peer);
      return;
    }
    if (envelope.t === 'file-offer') {
      this.incomingOffer(peer, envelope);
      return;
    }
    const entry = this.pending.get(this.key(peer, envelope.id));
    if (!entry) return; // late or unknown: nothing to do
    const { transfer } = entry;
    switch (envelope.t) {
      case 'file-accept':
        if (transfer.direction === 'send' && transfer.status === 'offered') void this.stream(entry);
        break;
      case 'file-reject':
        if (transfer.direction === 'send') {
          transfer.reason = envelope.reason ?? 'refused';
          this.fail(entry, new RtcError('file-refused', `${peer} refused "${transfer.name}" (${transfer.reason}).`), false, 'cancelled');
        }
        break;
      case 'file-cancel':
        this.finishCancelled(entry, 'remote', envelope.reason ?? 'cancelled');
        break;
      case 'file-done':
        // file-done may overtake our own drain() of the end marker, so 'transferring' counts too.
        if (transfer.direction === 'send' && (transfer.status === 'verifying' || transfer.status === 'transferring')) {
          transfer.status = 'done';
          transfer.bytes = transfer.size;
          this.host.update(transfer);
          entry.channel?.close('local');
          this.pending.delete(this.key(peer, transfer.id));
          entry.resolve?.();
        }
        break;
      case 'file-error':
        if (transfer.direction === 'send') {
          this.fail(entry, new RtcError('file-integrity', `${peer} could not verify "${transfer.name}": ${envelope.reason ?? 'unknown reason'}.`), false);
        }
        break;
    }
  }

  /** Adopts an incoming 'file' channel; returns false if it belongs to no accepted transfer. */
  adopt(channel: PeerChannel): boolean {
    const meta = channel.metadata;
    const id = meta && typeof meta === 'object' ? (meta as Record<string, unknown>).transfer : undefined;
    const entry = typeof id === 'string' ? this.pending.get(this.key(channel.remote, id)) : undefined;
    if (!entry || entry.transfer.direction !== 'receive' || entry.channel || entry.transfer.status !== 'transferring') {
      channel.close('local');
      return false;
    }
    entry.channel = channel;
    channel.retain();
    channel.on('data', (value) => this.receiveData(entry, value));
    channel.on('close', () => {
      const broke = () => entry.transfer.status === 'transferring' || entry.transfer.status === 'verifying';
      if (!broke()) return;
      // A sender that cancels closes this channel right after sending its cancel on the chat
      // channel (another connection): give that message a moment before calling this a failure.
      setTimeout(() => {
        if (broke())
          this.fail(
            entry,
            new RtcError(
              'file-failed',
              `The transfer of "${entry.transfer.name}" from ${entry.transfer.peer} broke off after ${entry.transfer.bytes} of ${entry.transfer.size} bytes.`,
            ),
            false,
          );
      }, 500);
    });
    return true;
  }

  /** The chat connection to `peer` is gone: every transfer with it fails. */
  peerGone(peer: string): void {
    for (const entry of [...this.pending.values()]) {
      if (entry.transfer.peer !== peer) continue;
      this.fail(entry, new RtcError('file-failed', `The connection to ${peer} closed during the transfer of "${entry.transfer.name}".`), false);
    }
  }

  /** Stops everything (element removed). */
  dispose(): void {
    for (const entry of [...this.pending.values()]) this.finishCancelled(entry, 'local', 'closed');
    clearInterval(this.stallTimer);
    this.stallTimer = undefined;
  }

  private key(peer: string, id: string): string {
    return `${peer}\u0000${id}`;
  }

  private incomingOffer(peer: string, offer: FileOfferEnvelope): void {
    const key = this.key(peer, offer.id);
    if (this.pending.has(key)) return; // duplicate offer
    const reject = (reason: string) => {
      try {
        this.host.sendControl(peer, { $rtc: 1, t: 'file-reject', id: offer.id, reason });
      } catch {
        /* gone */
      }
    };
    const max = this.host.maxFileSize();
    if (offer.size > max) {
      reject('too-large');
      this.host.error(
        new RtcError('file-too-large', `${peer} offered "${offer.name}" (${offer.size} bytes); the limit is ${max} bytes (max-file-size). It was refused.`),
        peer,
      );
      return;
    }
    // Offers waiting for consent count too: each holds an entry until answered.
    const receiving = [...this.pending.values()].filter((p) => p.transfer.direction === 'receive');
    const fromPeer = receiving.filter((p) => p.transfer.peer === peer).length;
    if (fromPeer >= MAX_INCOMING_PER_PEER || receiving.length >= MAX_INCOMING_TOTAL) {
      reject('busy');
      const what =
        fromPeer >= MAX_INCOMING_PER_PEER ? `more than ${MAX_INCOMING_PER_PEER} files at once` : `a file while ${MAX_INCOMING_TOTAL} transfers were running`;
      this.host.error(new RtcError('rate-limited', `${peer} offered ${what}; "${offer.name}" was refused.`), peer);
      return;
    }
    const transfer: FileTransfer = {
      id: offer.id,
      peer,
      direction: 'receive',
      name: offer.name,
      size: offer.size,
      type: offer.mime,
      bytes: 0,
      status: 'offered',
      speed: 0,
      startedAt: Date.now(),
    };
    const confirm = offer.size > this.host.confirmFileSize();
    const entry: Pending = { transfer };
    // Known before the event, so the page may accept() or decline() from its listener.
    this.pending.set(key, entry);
    if (!this.host.offer(transfer, confirm)) {
      if (transfer.status === 'offered') {
        this.pending.delete(key);
        reject('refused');
      } else {
        this.cancel(peer, offer.id, 'refused');
      }
      return;
    }
    // A big one waits (status 'offered') for accept() or decline(); its card shows both buttons.
    if (!confirm) this.accept(peer, offer.id);
  }

  /** Accepts `entry`'s offer: bytes may come now. */
  private start(entry: Pending): void {
    const { transfer } = entry;
    Object.assign(entry, { assembly: new Assembly(), lastProgress: 0, lastByteAt: Date.now() });
    transfer.status = 'transferring';
    transfer.startedAt = Date.now();
    this.host.update(transfer);
    this.watchStalls();
    try {
      this.host.sendControl(transfer.peer, { $rtc: 1, t: 'file-accept', id: transfer.id });
    } catch (error) {
      this.fail(entry, error instanceof RtcError ? error : new RtcError('file-failed', String(error)), false);
    }
  }

  /** One timer for all incoming transfers, while any runs: a sender that stops sending cannot hold our memory. */
  private watchStalls(): void {
    if (this.stallTimer !== undefined) return;
    this.stallTimer = setInterval(() => this.checkStalls(), 500);
  }

  private checkStalls(now = Date.now()): void {
    const limit = this.settings.tuning.stallTimeout;
    const timeout = Number.isFinite(limit) && limit > 0 ? limit : STALL_TIMEOUT_MS;
    let running = 0;
    for (const entry of [...this.pending.values()]) {
      const { transfer } = entry;
      if (transfer.direction !== 'receive' || transfer.status !== 'transferring') continue;
      if (now - (entry.lastByteAt ?? now) <= timeout) {
        running++;
        continue;
      }
      this.failAndTell(
        entry,
        'stalled',
        new RtcError(
          'file-failed',
          `No data from ${transfer.peer} for ${Math.round(timeout / 1000)} s during "${transfer.name}" (${transfer.bytes} of ${transfer.size} bytes); the transfer was stopped.`,
        ),
      );
    }
    if (running === 0) {
      clearInterval(this.stallTimer);
      this.stallTimer = undefined;
    }
  }

  private receiveData(entry: Pending, value: unknown): void {
    const { transfer } = entry;
    if (transfer.status !== 'transferring') return;
    if (value instanceof ArrayBuffer) {
      if (transfer.bytes + value.byteLength > transfer.size) {
        this.failAndTell(
          entry,
          'more data than offered',
          new RtcError('invalid-data', `${transfer.peer} sent more bytes than the ${transfer.size} offered for "${transfer.name}"; the transfer was stopped.`),
        );
        return;
      }
      entry.lastByteAt = Date.now();
      entry.assembly!.add(value);
      transfer.bytes += value.byteLength;
      const now = performance.now();
      if (now - entry.lastProgress! >= PROGRESS_INTERVAL_MS || transfer.bytes === transfer.size) {
        entry.lastProgress = now;
        this.progress(transfer);
      }
      return;
    }
    const end = endMarker(value, transfer.id);
    if (!end) {
      this.failAndTell(
        entry,
        'unexpected message',
        new RtcError('invalid-data', `${transfer.peer} sent an unexpected message during "${transfer.name}"; the transfer was stopped.`),
      );
      return;
    }
    transfer.status = 'verifying';
    const digest = entry.assembly!.digest();
    if (transfer.bytes !== transfer.size || digest !== end.sha256) {
      const what = transfer.bytes !== transfer.size ? `${transfer.bytes} of ${transfer.size} bytes arrived` : 'SHA-256 mismatch';
      this.failAndTell(
        entry,
        what,
        new RtcError('file-integrity', `"${transfer.name}" from ${transfer.peer} failed verification (${what}); it was discarded.`),
        'integrity',
      );
      return;
    }
    // Verified: confirm first (createObjectURL below waits for the browser to store the blob).
    try {
      this.host.sendControl(transfer.peer, { $rtc: 1, t: 'file-done', id: transfer.id });
    } catch {
      /* sender gone; we have the file */
    }
    const blob = entry.assembly!.take(blobTypeFor(transfer.type));
    transfer.blob = blob;
    transfer.url = URL.createObjectURL(blob);
    transfer.status = 'done';
    this.pending.delete(this.key(transfer.peer, transfer.id));
    this.progress(transfer);
    this.host.received(transfer);
  }

  private progress(transfer: FileTransfer): void {
    const seconds = (Date.now() - transfer.startedAt) / 1000;
    transfer.speed = seconds > 0 ? transfer.bytes / seconds : 0;
    this.host.update(transfer);
  }

  private async stream(entry: Pending): Promise<void> {
    const { transfer } = entry;
    const { tuning } = this.settings;
    transfer.status = 'transferring';
    transfer.startedAt = Date.now();
    this.host.update(transfer);
    let channel = entry.channel;
    if (!channel || channel.isClosed) {
      try {
        channel = this.host.openFileChannel(transfer.peer, transfer.id);
      } catch (error) {
        this.failAndTell(entry, 'no channel', error instanceof RtcError ? error : new RtcError('file-failed', String(error)));
        return;
      }
      entry.channel = channel;
      channel.retain();
    }
    const firstRead = entry.firstRead;
    entry.firstRead = undefined;
    try {
      await sendBytes(channel, entry.source!, transfer, tuning, firstRead, (bytes) => {
        transfer.bytes = bytes;
        this.progress(transfer);
      });
      if (isStopped(transfer) || (transfer.status as TransferStatus) === 'done') return;
      transfer.bytes = transfer.size;
      transfer.status = 'verifying';
      this.progress(transfer);
    } catch (error) {
      if (isStopped(transfer)) return;
      // The receiver's cancel travels on the chat channel and may arrive just after its file
      // channel closed under us: give it a moment before calling this a failure.
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (isStopped(transfer)) return;
      const reason =
        error instanceof RtcError && error.type !== 'not-connected'
          ? error
          : new RtcError('file-failed', `The file channel to ${transfer.peer} closed during "${transfer.name}".`);
      this.failAndTell(entry, 'send failed', reason);
    }
  }

  private failAndTell(entry: Pending, reason: string, error: RtcError, wire: 'integrity' | 'cancel' = 'cancel'): void {
    const { transfer } = entry;
    try {
      if (wire === 'integrity') this.host.sendControl(transfer.peer, { $rtc: 1, t: 'file-error', id: transfer.id, reason });
      else this.host.sendControl(transfer.peer, { $rtc: 1, t: 'file-cancel', id: transfer.id, reason });
    } catch {
      /* peer gone */
    }
    this.fail(entry, error, true);
  }

  private fail(entry: Pending, error: RtcError, _told: boolean, status: TransferStatus = 'failed'): void {
    const { transfer } = entry;
    if (transfer.status === 'done' || transfer.status === 'failed' || transfer.status === 'cancelled') return;
    transfer.status = status;
    transfer.reason ??= error.message;
    this.cleanup(entry);
    this.host.update(transfer);
    this.host.error(error, transfer.peer);
    entry.reject?.(error);
  }

  private finishCancelled(entry: Pending, by: 'local' | 'remote', reason: string): void {
    const { transfer } = entry;
    if (transfer.status === 'done' || transfer.status === 'failed' || transfer.status === 'cancelled') return;
    transfer.status = 'cancelled';
    transfer.reason = reason;
    this.cleanup(entry);
    this.host.update(transfer);
    this.host.cancelled(transfer, by);
    entry.reject?.(
      new RtcError('file-cancelled', `The transfer of "${transfer.name}" was cancelled by ${by === 'local' ? 'this side' : transfer.peer} (${reason}).`),
    );
  }

  private cleanup(entry: Pending): void {
    const { transfer } = entry;
    this.pending.delete(this.key(transfer.peer, transfer.id));
    entry.assembly = undefined;
    // A receiver that cancels lets its cancel message arrive first; the sender then closes the
    // channel (or we do, a little later, if it does not).
    const channel = entry.channel;
    if (channel && transfer.direction === 'receive' && transfer.status === 'cancelled') setTimeout(() => channel.close('local'), 1000);
    else channel?.close('local');
  }
}
