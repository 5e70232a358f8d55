/**
 * `<rtc-chat>`'s `fileTransfers`: the public face of file transfer. The protocol itself
 * (file-transfer.ts, with SHA-256 checks and streaming) is loaded on first use: the first
 * `sendFile()`, or the first file envelope or file channel from a peer. Calls that arrive while
 * it loads are queued and run in arrival order; if it cannot be loaded, each of them fails with
 * an RtcError of type `load-failed` (a refused offer is also answered with `file-reject`).
 */
import type { PeerChannel } from '../session/peer-session.js';
import { toRtcError, type RtcError } from '../core/errors.js';
import { lazy, loadFailed } from '../core/lazy.js';
import type { ReceivedFileEnvelope } from './chat-protocol.js';
import { STALL_TIMEOUT_MS } from './chat-limits.js';
import type { FileTransfer, TransferEngine, TransferHost, TransferTuning } from './file-transfer.js';

/**
 * Measured best on Chromium (BENCHMARKS.md, settings matrix): 256 KiB messages (the SCTP maximum)
 * cost the least CPU per byte; a 1 MiB queue with a 256 KiB low-water mark keeps the link busy
 * without paying for a deep queue. The chunk is capped by the channel's negotiated maximum.
 */
export const DEFAULT_TUNING: TransferTuning = {
  chunkSize: 256 * 1024,
  highWater: 1024 * 1024,
  lowWater: 256 * 1024,
  readSize: 8 * 1024 * 1024,
  stallTimeout: STALL_TIMEOUT_MS,
};

const loadEngine = lazy(() => import('./file-transfer.js'));
/** The file cards (file-view.ts), once the transfer code is loaded. */
let view: typeof import('./file-view.js') | undefined;

interface Waiting {
  run(engine: TransferEngine): void;
  failed(error: RtcError): void;
}

export class FileTransfers {
  /**
   * Chunk size and buffer thresholds, read at the start of each outgoing transfer; `stallTimeout`
   * (ms without bytes before an incoming transfer fails) is read as it runs.
   */
  tuning: TransferTuning = { ...DEFAULT_TUNING };
  private engine: TransferEngine | undefined;
  private waiting: Waiting[] | undefined;

  constructor(private readonly host: TransferHost) {}

  /**
   * How file entries are drawn; undefined until the transfer code is loaded (a history entry with
   * a file from `persist` or `messages` can come first: `loadView()` fetches it).
   */
  get view(): typeof import('./file-view.js') | undefined {
    return view;
  }

  /** Loads the transfer code (and with it the view) without starting anything. */
  loadView(): Promise<void> {
    return loadEngine().then((module) => {
      view = module.fileView;
    });
  }

  /** Transfers in progress, both directions. */
  get active(): FileTransfer[] {
    return this.engine?.active ?? [];
  }

  /** Offers `blob` to `peer` and streams it once accepted; resolves when the receiver verified it. */
  send(peer: string, id: string, blob: Blob, name: string): Promise<FileTransfer> {
    return new Promise((resolve, reject) =>
      this.use(
        (engine) => engine.send(peer, id, blob, name).then(resolve, reject),
        (error) => {
          this.host.error(error, peer);
          reject(error);
        },
      ),
    );
  }

  /** Cancels a transfer in either direction. */
  cancel(peer: string, id: string, reason = 'cancelled'): boolean {
    return this.engine?.cancel(peer, id, reason) ?? false;
  }

  /** Accepts an incoming offer waiting for consent; false if there is none with this id. */
  accept(peer: string, id: string): boolean {
    return this.engine?.accept(peer, id) ?? false;
  }

  /** Declines an incoming offer waiting for consent (the sender is told); false if there is none. */
  decline(peer: string, id: string): boolean {
    return this.engine?.decline(peer, id) ?? false;
  }

  /** Handles a file-* envelope that arrived on the chat channel from `peer`. */
  control(peer: string, envelope: ReceivedFileEnvelope): void {
    this.use(
      (engine) => engine.control(peer, envelope),
      (error) => {
        this.host.error(error, peer);
        if (envelope.t !== 'file-offer') return;
        try {
          this.host.sendControl(peer, { $rtc: 1, t: 'file-reject', id: envelope.id, reason: 'the receiver could not load file transfer' });
        } catch {
          /* gone */
        }
      },
    );
  }

  /** Adopts an incoming 'file' channel; returns false if it belongs to no accepted transfer. */
  adopt(channel: PeerChannel): boolean {
    if (this.engine) return this.engine.adopt(channel);
    // Without the engine no transfer was accepted yet, so only one still queued behind an offer
    // that is being loaded can be legitimate (in practice none: a sender dials after file-accept).
    if (!this.waiting) {
      channel.close('local');
      return false;
    }
    this.use(
      (engine) => engine.adopt(channel),
      () => channel.close('local'),
    );
    return true;
  }

  /** The chat connection to `peer` is gone: every transfer with it fails. */
  peerGone(peer: string): void {
    if (this.engine || this.waiting)
      this.use(
        (engine) => engine.peerGone(peer),
        () => {},
      );
  }

  /** Stops everything (element removed). */
  dispose(): void {
    if (this.engine || this.waiting)
      this.use(
        (engine) => engine.dispose(),
        () => {},
      );
  }

  /** Runs `run` with the engine: at once when loaded, else once loaded, in call order. */
  private use(run: (engine: TransferEngine) => void, failed: (error: RtcError) => void): void {
    if (this.engine) {
      run(this.engine);
      return;
    }
    const first = !this.waiting;
    (this.waiting ??= []).push({ run, failed });
    if (!first) return;
    loadEngine().then(
      ({ TransferEngine, fileView }) => {
        view = fileView;
        const engine = (this.engine ??= new TransferEngine(this.host, this));
        for (const waiting of this.take()) {
          // Each queued call on its own: one that throws must not hold up the rest (or go uncaught).
          try {
            waiting.run(engine);
          } catch (error) {
            waiting.failed(toRtcError(error, 'file-failed'));
          }
        }
      },
      (error: unknown) => {
        const rtcError = loadFailed('file transfer', error);
        for (const waiting of this.take()) waiting.failed(rtcError);
      },
    );
  }

  private take(): Waiting[] {
    const waiting = this.waiting ?? [];
    this.waiting = undefined;
    return waiting;
  }
}
