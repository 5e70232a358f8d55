/**
 * The links a session hands out: PeerChannel (a data connection) and PeerCall (a media call),
 * wrapping PeerJS's DataConnection and MediaConnection so nothing above the session sees PeerJS.
 */
import type { DataConnection, MediaConnection } from 'peerjs';
import { Emitter } from '../core/emitter.js';
import { RtcError, toRtcError } from '../core/errors.js';
import type { RtcDisconnectReason } from '../core/events.js';
import type { Admits, ChannelKind, LinkKind } from './admission.js';
import { installDecoder, readMetadata } from './wire.js';
import { queuedSends } from './peerjs-internals.js';

/** PeerJS's MAX_BUFFERED_AMOUNT: above it, PeerJS queues sends itself. */
const TEXT_BUFFER_LIMIT = 8 * 1024 * 1024;
/** PeerJS refuses JSON messages of this many encoded bytes or more (its chunkedMTU). */
const JSON_FRAME_LIMIT = 16300;

export type ChannelSerialization = 'json' | 'raw' | 'binary';

export interface ChannelEvents {
  open: void;
  /** The element on top settled the protocol (see rtc-chat's hello); connect() waits for this. */
  ready: void;
  data: unknown;
  close: RtcDisconnectReason;
  error: RtcError;
}

/** An element, room beacon or pairing attached to a session; see admission.ts. */
export interface AdmissionPolicy extends Admits {
  /** A peer it handles the kind of was refused (at most once per peer per interval). */
  refused?(peer: string, kind: LinkKind, message: string): void;
  /** A refused peer's muted channel, for a last word; true when the policy will close it. */
  lastWord?(channel: PeerChannel): boolean;
}

/**
 * What a data channel and a media call share: they close once, with the reason of whoever closed
 * first (this side, the remote, or a failed connection), and then drop their listeners.
 */
abstract class Link<Events extends { close: RtcDisconnectReason; error: RtcError }> extends Emitter<Events> {
  /** Why it closed; null while it has not. */
  protected closedReason: RtcDisconnectReason | null = null;
  /** The reason to give when PeerJS reports the close (set by close() or a failed ICE state). */
  protected closing: RtcDisconnectReason | null = null;
  /** @internal */
  protected abstract readonly connection: { open: boolean; close(): void };

  get isOpen(): boolean {
    return this.connection.open && this.closedReason === null;
  }
  get isClosed(): boolean {
    return this.closedReason !== null;
  }

  close(reason: RtcDisconnectReason = 'local'): void {
    if (this.closedReason) return;
    this.closing = reason;
    const wasOpen = this.connection.open;
    this.connection.close();
    // PeerJS only emits 'close' for connections that had opened.
    if (!wasOpen) this.finish(reason);
  }

  /** Marks it dead with a reason (used when the session learns it failed). */
  fail(error: RtcError): void {
    if (this.closedReason) return;
    this.emit('error', error as Events['error']);
    this.close('failed');
  }

  protected finish(reason: RtcDisconnectReason): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    this.emit('close', reason as Events['close']);
    this.removeAllListeners();
  }
}

/** A data connection to one remote peer. Incoming ones may come from plain PeerJS apps. */
export class PeerChannel extends Link<ChannelEvents> {
  /** @internal */
  protected readonly connection: DataConnection;
  readonly remote: string;
  readonly kind: ChannelKind;
  readonly outgoing: boolean;
  /** The dialling side marked its metadata as rtc-elements (an incoming channel from one of ours). */
  readonly markedOurs: boolean;
  /** Who holds this channel; outgoing channels close when nobody does. */
  private holders = 0;

  /**
   * `audience`: the policies that admitted an incoming channel (undefined for one we dialled: it
   * is everybody's). `muted`: a refused peer's channel; nothing it sends is decoded.
   * @internal (PeerJS's types stay out of the published declarations)
   */
  constructor(
    connection: DataConnection,
    outgoing: boolean,
    readonly audience?: ReadonlySet<AdmissionPolicy>,
    muted = false,
  ) {
    super();
    this.connection = connection;
    this.remote = connection.peer;
    this.outgoing = outgoing;
    const meta = readMetadata(connection.metadata);
    this.kind = meta.kind;
    this.markedOurs = !outgoing && meta.ours;
    this.textFrames = !outgoing && meta.textFrames && connection.serialization === 'json';
    installDecoder(
      connection,
      this.remote,
      {
        value: (value) => this.emit('data', value),
        error: (error) => this.emit('error', error),
        size: (bytes) => {
          this.receivedBytes = bytes;
        },
      },
      muted,
    );
    connection.on('open', () => this.emit('open', undefined));
    connection.on('close', () => this.finish(this.closing ?? 'remote'));
    connection.on('error', (error) => {
      const rtcError = toRtcError(error, 'connection-failed');
      this.emit('error', new RtcError(rtcError.type, rtcError.message));
    });
    connection.on('iceStateChanged', (state: RTCIceConnectionState) => {
      if (state === 'failed') this.closing ??= 'failed';
      if (state === 'closed') this.closing ??= 'remote';
    });
  }

  /**
   * On a `json` connection, an upper bound of the encoded size of the value being delivered by the
   * current 'data' event (PeerJS's json serialization never splits a message), so a receiver can
   * check a size limit without serializing the value again. Undefined for other serializations.
   */
  receivedBytes: number | undefined;
  /** The remote side reads values sent as text frames (see TEXT_FRAMES); send() then uses them. */
  textFrames: boolean;

  get id(): string {
    return this.connection.connectionId;
  }
  get serialization(): string {
    return this.connection.serialization;
  }
  get metadata(): unknown {
    return this.connection.metadata;
  }
  /** Bytes queued in the data channel (and PeerJS's own buffer), for backpressure. */
  get bufferedAmount(): number {
    return this.connection.dataChannel?.bufferedAmount ?? 0;
  }
  /** The underlying channel, for file transfer backpressure and diagnostics. */
  get dataChannel(): RTCDataChannel | undefined {
    return this.connection.dataChannel ?? undefined;
  }
  get peerConnection(): RTCPeerConnection | undefined {
    return this.connection.peerConnection ?? undefined;
  }

  /** Announces that the channel is usable by the elements on top (they share the channel). */
  markReady(): void {
    if (this.isReady) return;
    this.isReady = true;
    this.emit('ready', undefined);
  }
  isReady = false;

  retain(): void {
    this.holders++;
  }
  /** Drops one holder; an outgoing channel nobody holds is closed. */
  release(): void {
    this.holders = Math.max(0, this.holders - 1);
    if (this.holders === 0 && this.outgoing) this.close();
  }

  /** Sends a value; throws an RtcError when the channel is not open or the value can't go. */
  send(value: unknown): void {
    if (!this.isOpen) throw new RtcError('not-connected', `The connection to "${this.remote}" is not open.`);
    try {
      // A text frame straight into the channel, unless PeerJS still queues earlier messages (it
      // sends them in order) or the value is too big for PeerJS's JSON limit (it reports that).
      const dc = this.textFrames ? this.connection.dataChannel : undefined;
      const text = dc?.readyState === 'open' && !queuedSends(this.connection) && dc.bufferedAmount <= TEXT_BUFFER_LIMIT ? JSON.stringify(value) : undefined;
      if (text && text.length * 3 < JSON_FRAME_LIMIT) {
        dc!.send(text);
        return;
      }
      const result = this.connection.send(value);
      if (result instanceof Promise) result.catch((error: unknown) => this.emit('error', toRtcError(error, 'send-failed')));
    } catch (error) {
      throw toRtcError(error, 'send-failed');
    }
  }

  /**
   * Sends bytes or text straight into the RTCDataChannel, skipping PeerJS's serializer and its
   * 50 ms polling buffer; the caller does backpressure with drain(). For 'raw' channels only.
   */
  sendRaw(data: ArrayBuffer | ArrayBufferView<ArrayBuffer> | string): void {
    const dc = this.connection.dataChannel;
    if (!this.isOpen || !dc || dc.readyState !== 'open') throw new RtcError('not-connected', `The connection to "${this.remote}" is not open.`);
    try {
      if (typeof data === 'string') dc.send(data);
      else if (data instanceof ArrayBuffer) dc.send(data);
      else dc.send(data);
    } catch (error) {
      throw toRtcError(error, 'send-failed');
    }
  }

  /** Resolves once the channel's send buffer is at or below `lowWater` bytes (or it closed). */
  drain(lowWater: number): Promise<void> {
    const dc = this.connection.dataChannel;
    if (!dc || dc.readyState !== 'open' || dc.bufferedAmount <= lowWater) return Promise.resolve();
    dc.bufferedAmountLowThreshold = lowWater;
    return new Promise((resolve) => {
      const done = () => {
        dc.removeEventListener('bufferedamountlow', done);
        dc.removeEventListener('close', done);
        resolve();
      };
      dc.addEventListener('bufferedamountlow', done);
      dc.addEventListener('close', done);
    });
  }
}

export interface CallEvents {
  stream: MediaStream;
  close: RtcDisconnectReason;
  error: RtcError;
  iceState: RTCIceConnectionState;
}

/** A media call with one remote peer. */
export class PeerCall extends Link<CallEvents> {
  readonly remote: string;
  readonly outgoing: boolean;
  readonly metadata: unknown;

  /** @internal */
  protected readonly connection: MediaConnection;

  /** @internal */
  constructor(
    connection: MediaConnection,
    outgoing: boolean,
    readonly audience?: ReadonlySet<AdmissionPolicy>,
  ) {
    super();
    this.connection = connection;
    this.remote = connection.peer;
    this.outgoing = outgoing;
    this.metadata = connection.metadata;
    connection.on('stream', (stream) => this.emit('stream', stream));
    connection.on('close', () => this.finish(this.closing ?? 'remote'));
    connection.on('error', (error) => this.emit('error', toRtcError(error, 'connection-failed')));
    connection.on('iceStateChanged', (state: RTCIceConnectionState) => {
      if (state === 'failed') this.closing ??= 'failed';
      this.emit('iceState', state);
    });
  }

  get id(): string {
    return this.connection.connectionId;
  }
  get peerConnection(): RTCPeerConnection | undefined {
    return this.connection.peerConnection ?? undefined;
  }
  get remoteStream(): MediaStream | undefined {
    return this.connection.remoteStream ?? undefined;
  }
  get localStream(): MediaStream | undefined {
    return this.connection.localStream ?? undefined;
  }

  /** Accepts an incoming call; without a stream the call is receive-only. */
  answer(stream?: MediaStream): void {
    this.connection.answer(stream);
  }
}
