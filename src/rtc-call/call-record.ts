/**
 * <rtc-call>'s bookkeeping of one call: its media connection's ICE, its control channel
 * (heartbeat, watchdog, rate limit), its timers and its outcome. What a call's end means for the
 * element (events, media, the room) stays with the element, behind `CallHost`.
 */
import type { PeerCall, PeerChannel } from '../session/peer-session.js';
import type { Unsubscribe } from '../core/emitter.js';
import type { RtcError, RtcErrorType } from '../core/errors.js';
import type { RtcDisconnectReason } from '../core/events.js';
import { HEARTBEAT_MS, HEARTBEAT_TIMEOUT_MS } from '../core/heartbeat.js';
import { classifyControl, hangupMessage, heartbeat, RateLimiter, type CallMetadata, type ControlMessage } from './call-protocol.js';
import type { StatsSnapshot } from './call-stats.js';
import type { CallEndReason, CallOutcome, CallQuality } from './rtc-call.events.js';
import type { RemoteMedia } from './tiles.js';

export type { RemoteMedia } from './tiles.js';

/** An established call whose ICE stays `disconnected` this long ends as `disconnected`. */
const ICE_GRACE_MS = 5000;
/** An answered call that has not connected after this long ends as `failed`. */
const CONNECT_TIMEOUT_MS = 30000;
const RATE_LIMIT = { rate: 20, burst: 40 } as const;

/** What a record needs of its room (call-room.ts's CallRoom); a room member's call has one. */
export interface RecordRoom {
  connected(rec: CallRecord): void;
  ended(rec: CallRecord, reason: CallEndReason): void;
}

/** What a call tells its element. */
export interface CallHost {
  error(type: RtcErrorType, message: string, peer?: string): void;
  /** Ends the call once (the element's part; it calls `close()`); `notify` is the last word to the other side. */
  end(rec: CallRecord, reason: CallEndReason, notify?: ControlMessage): void;
  /** The callee answered an outgoing call: connecting now. */
  answered(rec: CallRecord): void;
  /** Media flows (before the outcome settles). */
  connected(rec: CallRecord): void;
  stream(rec: CallRecord, stream: MediaStream): void;
  /** The other side announced its media state. */
  mediaState(rec: CallRecord, media: RemoteMedia): void;
  /** The control channel opened: time to announce our media state. */
  opened(rec: CallRecord): void;
  /** A reaction, hand or recording notice (unchecked: call-acts.ts checks it); without `value`: the peer said it understands them. */
  act?(rec: CallRecord, value?: Record<string, unknown>): void;
}

/** How a call whose media connection closed (for `reason`) ends. */
export function closeReason(reason: RtcDisconnectReason, connected: boolean, failed: boolean): CallEndReason {
  if (failed && !connected) return 'failed';
  if (reason === 'failed' || reason === 'timeout') return connected ? 'disconnected' : 'failed';
  return reason === 'local' ? 'hangup' : 'remote-hangup';
}

export class CallRecord {
  call?: PeerCall;
  connected = false;
  ended = false;
  channel?: PeerChannel;
  /** Timers that end with ringing (cleared once answered or connected). */
  timers: Array<ReturnType<typeof setTimeout>> = [];
  remoteStream?: MediaStream;
  statsPrevious?: StatsSnapshot;
  /** The quality level of its last statistics reading (what the indicator on its tile shows). */
  quality?: CallQuality;
  /** The network adaptation stopped the video sent on this call (`auto-audio-only`); announced as camera off. */
  videoPaused = false;
  sentState?: string;
  /** Set for the calls to room members: their room. */
  room?: RecordRoom;
  /** Room members: their last announced media state. */
  media?: RemoteMedia;
  /** Room members: rtc-peer-join fired (so rtc-peer-leave follows once). */
  joined?: boolean;
  /** The other side understands reactions, hands and recording notices (its media state said `acts`). */
  acts?: boolean;

  private channelOffs: Unsubscribe[] = [];
  private callOffs: Unsubscribe[] = [];
  private outbox: ControlMessage[] = [];
  /** The remote side has sent a valid control message (it speaks the protocol; heartbeats count). */
  private remoteSpoke = false;
  private lastHeard = performance.now();
  private lastTick = this.lastHeard;
  private heartbeat = setInterval(() => this.tick(), HEARTBEAT_MS);
  private iceTimer?: ReturnType<typeof setTimeout>;
  private connectTimer?: ReturnType<typeof setTimeout>;
  private waiters: Array<(outcome: CallOutcome) => void> = [];
  private failure?: RtcError;
  private limiter = new RateLimiter(RATE_LIMIT.rate, RATE_LIMIT.burst);
  private rateReportedAt = -Infinity;

  /** A new call record, its heartbeat running. */
  constructor(
    private readonly host: CallHost,
    readonly peer: string,
    readonly outgoing: boolean,
    readonly meta: CallMetadata,
  ) {}

  outcome(): Promise<CallOutcome> {
    if (this.connected) return Promise.resolve('connected');
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  settle(outcome: CallOutcome): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve(outcome);
  }

  /** Takes over the callers waiting for `other`'s outcome (glare: this call replaces it). */
  inherit(other: CallRecord): void {
    this.waiters = other.waiters;
    other.waiters = [];
  }

  clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  /** Marks the call ended and stops everything it runs; returns its control channel (for a last word). */
  close(): PeerChannel | undefined {
    this.ended = true;
    this.clearTimers();
    clearInterval(this.heartbeat);
    clearTimeout(this.iceTimer);
    clearTimeout(this.connectTimer);
    this.callOffs.forEach((off) => off());
    this.channelOffs.forEach((off) => off());
    this.callOffs = [];
    this.channelOffs = [];
    const channel = this.channel;
    this.channel = undefined;
    return channel;
  }

  // ---------------------------------------------------------------- media connection

  /** Follows the media connection. */
  attachCall(call: PeerCall): void {
    this.call = call;
    this.callOffs = [
      call.on('stream', (stream) => {
        if (this.ended || this.remoteStream === stream) return;
        this.remoteStream = stream;
        this.host.stream(this, stream);
      }),
      call.on('iceState', (iceState) => this.iceChanged(iceState)),
      call.on('error', (error) => {
        if (this.ended) return;
        this.failure = error;
        this.host.error(error.type, error.message, this.peer);
      }),
      call.on('close', (reason) => {
        if (!this.ended) this.host.end(this, closeReason(reason, this.connected, !!this.failure));
      }),
    ];
  }

  iceChanged(iceState: RTCIceConnectionState): void {
    if (this.ended) return;
    if (iceState === 'checking' && !this.connected && this.outgoing) {
      // The callee answered: no more ringing, now connecting.
      this.clearTimers();
      this.host.answered(this);
      this.startConnectTimer();
    }
    if (iceState === 'connected' || iceState === 'completed') {
      clearTimeout(this.iceTimer);
      this.iceTimer = undefined;
      if (!this.connected) this.markConnected();
    } else if (iceState === 'disconnected' && this.connected) {
      clearTimeout(this.iceTimer);
      this.iceTimer = setTimeout(() => this.host.end(this, 'disconnected'), ICE_GRACE_MS);
    } else if (iceState === 'failed') {
      if (!this.connected)
        this.host.error(
          'connection-failed',
          `The call with "${this.peer}" could not be connected (ICE failed; a TURN server in ice-servers may help).`,
          this.peer,
        );
      this.host.end(this, this.connected ? 'disconnected' : 'failed');
    }
  }

  startConnectTimer(): void {
    if (this.connectTimer !== undefined) return;
    this.connectTimer = setTimeout(() => {
      if (this.ended || this.connected) return;
      this.host.error(
        'connection-failed',
        `The call with "${this.peer}" was answered but could not be connected within ${CONNECT_TIMEOUT_MS / 1000} s (a TURN server in ice-servers may help).`,
        this.peer,
      );
      this.host.end(this, 'failed', hangupMessage());
    }, CONNECT_TIMEOUT_MS);
  }

  private markConnected(): void {
    this.connected = true;
    clearTimeout(this.connectTimer);
    this.clearTimers();
    this.lastHeard = performance.now();
    this.host.connected(this);
    this.settle('connected');
    this.room?.connected(this);
  }

  // ---------------------------------------------------------------- control channel

  attachChannel(channel: PeerChannel): void {
    this.channel = channel;
    channel.retain();
    this.channelOffs = [
      channel.on('open', () => this.channelOpened()),
      channel.on('data', (value) => this.receive(value)),
      channel.on('error', (error) => {
        if (!this.ended) this.host.error(error.type, error.message, this.peer);
      }),
      channel.on('close', (reason) => this.channelClosed(reason)),
    ];
    if (channel.isOpen) this.channelOpened();
  }

  private channelOpened(): void {
    if (this.ended) return;
    this.lastHeard = performance.now();
    const queued = this.outbox;
    this.outbox = [];
    this.sentState = undefined;
    this.host.opened(this);
    for (const message of queued) this.send(message);
  }

  private channelClosed(reason: RtcDisconnectReason): void {
    this.channel = undefined;
    this.channelOffs.forEach((off) => off());
    this.channelOffs = [];
    if (this.ended || reason === 'local') return;
    // The other side closed its page or its call; a failed channel means the network broke.
    if (reason === 'remote') this.host.end(this, 'remote-hangup');
    else this.host.end(this, this.connected ? 'disconnected' : 'failed');
  }

  send(message: ControlMessage): void {
    const channel = this.channel;
    if (!channel?.isOpen) {
      if (message.t !== 'hb' && this.outbox.length < 16) this.outbox.push(message);
      return;
    }
    try {
      channel.send(message);
    } catch {
      // A dead channel reports itself through 'close'.
    }
  }

  /** Sends our media state unless the other side has it already (or the channel is not open). */
  announce(message: ControlMessage): void {
    const key = JSON.stringify(message);
    if (!this.channel?.isOpen || this.sentState === key) return;
    this.sentState = key;
    this.send(message);
  }

  receive(value: unknown): void {
    if (this.ended) return;
    if (!this.limiter.take()) {
      const now = performance.now();
      if (now - this.rateReportedAt > 5000) {
        this.rateReportedAt = now;
        this.host.error('rate-limited', `Peer "${this.peer}" sends call control messages too fast; some were dropped.`, this.peer);
      }
      return;
    }
    const incoming = classifyControl(value);
    if (incoming.kind === 'invalid') {
      this.host.error('invalid-data', `Peer "${this.peer}" sent an invalid call control message (${incoming.reason}); it was dropped.`, this.peer);
      return;
    }
    this.remoteSpoke = true;
    this.lastHeard = performance.now();
    if (incoming.kind === 'act') return this.host.act?.(this, incoming.value);
    const message = incoming.message;
    switch (message.t) {
      case 'hb':
        return;
      case 'media-state':
        this.host.mediaState(this, { muted: message.muted, cameraOff: message.cameraOff, screen: message.screen, video: message.video });
        if (message.acts && !this.acts) {
          this.acts = true;
          this.host.act?.(this);
        }
        return;
      case 'decline':
        if (this.outgoing && !this.connected) this.host.end(this, message.reason === 'declined' ? 'declined' : message.reason);
        return;
      case 'hangup':
        this.host.end(this, message.reason === 'no-answer' && !this.outgoing && !this.connected ? 'no-answer' : 'remote-hangup');
        return;
    }
  }

  /** Heartbeat and watchdog, once a second per call. */
  private tick(): void {
    if (this.ended) return;
    const now = performance.now();
    // This page was frozen or throttled (sleep, background): give the other side a fresh chance.
    if (now - this.lastTick > HEARTBEAT_MS * 3) this.lastHeard = now;
    this.lastTick = now;
    if (!this.channel?.isOpen) return;
    this.send(heartbeat());
    if (this.remoteSpoke && now - this.lastHeard > HEARTBEAT_TIMEOUT_MS) this.host.end(this, 'disconnected');
  }
}
