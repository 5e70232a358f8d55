/**
 * <rtc-call>'s calls: the one-to-one call and the room members' calls, and what each one's start,
 * progress and end mean for the element (its state, its events, its media, its safety codes).
 * The calls themselves are CallRecords (call-record.ts); they report back through `host`.
 */
import type { ReactiveControllerHost } from 'lit';
import { RtcConnectEvent, RtcDisconnectEvent, RtcVerificationEvent, type RtcDisconnectReason } from '../core/events.js';
import type { RtcError, RtcErrorType } from '../core/errors.js';
import { declineMessage, hangupMessage, mediaStateMessage, type ControlMessage } from './call-protocol.js';
import type { CallHost, CallRecord, RemoteMedia } from './call-record.js';
import { channelKey, sayLastWord, type ChannelDesk } from './call-channels.js';
import type { CallStage } from './call-stage.js';
import type { LocalMedia } from './local-media.js';
import type { StatsPoller } from './stats-poller.js';
import type { LastEnd } from './rtc-call.view.js';
import { RtcCallEndEvent, RtcCallStateEvent, RtcMediaStateEvent, RtcRemoteStreamEvent, type CallEndReason, type CallState } from './rtc-call.events.js';

const DISCONNECT_REASONS: Record<CallEndReason, RtcDisconnectReason> = {
  hangup: 'local',
  declined: 'remote',
  'remote-hangup': 'remote',
  failed: 'failed',
  disconnected: 'timeout',
  busy: 'remote',
  'no-answer': 'timeout',
};

/** The element's public side that the calls read and drive. */
export interface BookElement extends ReactiveControllerHost, HTMLElement {
  readonly audioOnly: boolean;
}

/** The element's pieces the calls use, and what they ask of the element itself. */
export interface BookParts {
  media: LocalMedia;
  stage: CallStage;
  desk: ChannelDesk;
  stats(): StatsPoller;
  safetyCode(pc: RTCPeerConnection | undefined, peer: string): Promise<string | undefined>;
  error(type: RtcErrorType, message: string, peer?: string): void;
  /** A new call or room starts: the element's last error no longer applies. */
  fresh(): void;
  /** Reactions, hands and recording notices (call-acts-front.ts). */
  act: NonNullable<CallHost['act']>;
}

export class CallBook {
  phase: CallState = 'idle';
  /** The one-to-one call (calling, ringing or connected). */
  current: CallRecord | undefined;
  /** The peer of the current call, or of the last one. */
  peer: string | undefined;
  /** Calls with room members, by peer id. */
  readonly members = new Map<string, CallRecord>();
  /** The current call's other side, as it last announced itself. */
  remoteMedia: RemoteMedia = { muted: false, cameraOff: false, screen: false, video: true };
  /** The current call's remote stream, once it arrived. */
  shownRemoteStream: MediaStream | undefined;
  /** The page hid the ringing UI (`rtc-incoming-call` cancelled). */
  ringHidden = false;
  /** How the last one-to-one call ended (the status line says it). */
  lastEnd: LastEnd | undefined;
  /** Why this call goes on without a device. */
  callError: RtcError | undefined;
  /** Safety codes of the connected calls, by peer. */
  codes = new Map<string, string>();

  constructor(
    private readonly el: BookElement,
    private readonly parts: BookParts,
  ) {}

  /** Renders again; room members, their streams or their states changed (tiles start playing after). */
  roomChanged(): void {
    this.el.requestUpdate();
    void this.el.updateComplete.then(() => this.parts.stage.playTiles());
  }

  /** What the calls tell the element. */
  readonly host: CallHost = {
    error: (type, message, peer) => this.parts.error(type, message, peer),
    end: (rec, reason, notify) => this.end(rec, reason, { notify }),
    answered: (rec) => {
      if (this.current === rec) this.setPhase('connecting');
    },
    connected: (rec) => {
      const el = this.el;
      if (this.current === rec) this.setPhase('active');
      if (this.current === rec || rec.room) this.parts.stats().start(rec);
      el.dispatchEvent(new RtcConnectEvent({ peer: rec.peer }));
      void this.parts.safetyCode(rec.call?.peerConnection, rec.peer).then((code) => {
        if (!code || rec.ended || this.codes.get(rec.peer) === code) return;
        this.codes = new Map(this.codes).set(rec.peer, code);
        el.requestUpdate();
        el.dispatchEvent(new RtcVerificationEvent({ peer: rec.peer, code }));
      });
    },
    stream: (rec, stream) => {
      if (this.current === rec) {
        this.shownRemoteStream = stream;
        this.el.requestUpdate();
        void this.el.updateComplete.then(() => this.parts.stage.playRemote());
      }
      if (rec.room) this.roomChanged();
      this.el.dispatchEvent(new RtcRemoteStreamEvent({ peer: rec.peer, stream }));
    },
    mediaState: (rec, next) => {
      const same = (was: RemoteMedia | undefined): boolean =>
        !!was && was.muted === next.muted && was.cameraOff === next.cameraOff && was.screen === next.screen && was.video === next.video;
      if (rec.room) {
        if (same(rec.media)) return;
        rec.media = next;
        this.roomChanged();
      } else {
        if (this.current !== rec || same(this.remoteMedia)) return;
        this.remoteMedia = next;
        this.el.requestUpdate();
      }
      this.el.dispatchEvent(new RtcMediaStateEvent({ peer: rec.peer, self: false, muted: next.muted, cameraOff: next.cameraOff, screen: next.screen }));
    },
    opened: (rec) => this.sendState(rec),
    act: (rec, message) => this.parts.act(rec, message),
  };

  /** Makes `rec` the current call. */
  begin(rec: CallRecord, phase: CallState): void {
    this.current = rec;
    this.peer = rec.peer;
    this.lastEnd = undefined;
    this.callError = undefined;
    this.parts.fresh();
    this.ringHidden = false;
    this.remoteMedia = { muted: false, cameraOff: false, screen: false, video: rec.meta.video };
    this.shownRemoteStream = undefined;
    this.parts.media.lastLocalState = undefined;
    this.setPhase(phase);
    this.el.requestUpdate();
  }

  setPhase(phase: CallState): void {
    if (this.phase === phase) return;
    this.phase = phase;
    this.el.setAttribute('call-state', phase);
    this.el.requestUpdate();
    const peer = this.current?.peer;
    this.el.dispatchEvent(new RtcCallStateEvent(phase === 'idle' || !peer ? { state: phase } : { state: phase, peer }));
  }

  /** Entering a room. */
  entered(): void {
    this.lastEnd = undefined;
    this.callError = undefined;
    this.parts.fresh();
    this.roomChanged();
    this.setPhase('connecting');
  }

  /** Out of the room. */
  left(): void {
    this.members.clear();
    if (!this.current) {
      this.parts.media.release();
      this.parts.stage.ended();
      this.setPhase('idle');
    }
    this.roomChanged();
  }

  /** The last word for the current call when this side ends it: a ringing callee declines (`declined` or `busy`). */
  private farewell(rec: CallRecord, declined: 'declined' | 'busy' = 'declined'): ControlMessage {
    return rec.outgoing || this.phase !== 'ringing' ? hangupMessage() : declineMessage(declined);
  }

  /** Ends the current call for a room (the other side hears "busy" if it was still ringing). */
  giveWay(): void {
    const current = this.current;
    if (current) this.end(current, 'hangup', { notify: this.farewell(current, 'busy') });
  }

  /** Hangs up everything: the page goes away (`ended`: how the current call ends), or the session did. */
  endAll(declined: boolean): void {
    for (const member of [...this.members.values()]) this.end(member, 'hangup', { notify: hangupMessage() });
    const rec = this.current;
    if (rec) this.end(rec, declined && !rec.outgoing && this.phase === 'ringing' ? 'declined' : 'hangup', { notify: this.farewell(rec) });
  }

  /**
   * Ends a call once. `notify` is the last word to the other side; `silent` drops the record
   * without events or releasing media (another record for the same peer takes over).
   */
  end(rec: CallRecord, reason: CallEndReason, opts: { notify?: ControlMessage; silent?: boolean } = {}): void {
    if (rec.ended) return;
    const { el, parts } = this;
    const channel = rec.close();
    if (this.codes.has(rec.peer)) {
      const codes = new Map(this.codes);
      codes.delete(rec.peer);
      this.codes = codes;
      el.requestUpdate();
    }
    if (channel) sayLastWord(channel, opts.notify);
    else if (rec.call && !rec.outgoing) parts.desk.remember(channelKey(rec.peer, rec.call.id), opts.notify); // its channel is still on the way
    rec.call?.close('local');
    const wasCurrent = this.current === rec;
    if (opts.silent) return;
    const room = rec.room;
    if (room) {
      // A member's tile goes.
      if (this.members.get(rec.peer) === rec) this.members.delete(rec.peer);
      this.roomChanged();
    } else if (wasCurrent) {
      this.current = undefined;
      parts.stats().stop();
      parts.media.release();
      parts.stage.ended();
      this.shownRemoteStream = undefined;
      this.lastEnd = { peer: rec.peer, reason, outgoing: rec.outgoing };
      this.setPhase('idle');
    }
    if (rec.connected) el.dispatchEvent(new RtcDisconnectEvent({ peer: rec.peer, reason: DISCONNECT_REASONS[reason] }));
    if (room) room.ended(rec, reason);
    else el.dispatchEvent(new RtcCallEndEvent({ peer: rec.peer, reason }));
    rec.settle(reason);
  }

  /** Tells the other side of `rec` our media state. */
  sendState(rec: CallRecord): void {
    const media = this.parts.media;
    // A ringing callee says nothing about itself (heartbeats only) until it answers.
    if (!rec.outgoing && !media.local) return;
    const state = media.state();
    rec.announce(mediaStateMessage({ ...state, cameraOff: state.cameraOff || rec.videoPaused, video: !this.el.audioOnly, acts: true }));
  }

  /** Tells every call our media state. */
  announce(): void {
    if (this.current) this.sendState(this.current);
    for (const member of this.members.values()) this.sendState(member);
  }

  /** The connected calls whose statistics count: the one-to-one call's, or every room member's. */
  watched(): CallRecord[] {
    return [this.current, ...this.members.values()].filter((rec): rec is CallRecord => !!rec?.connected && !rec.ended);
  }

  /** The connections this element sends media on: the one-to-one call's, or every room member's. */
  connections(inRoom: boolean): Array<RTCPeerConnection | undefined> {
    if (!inRoom && this.members.size === 0) return [this.current?.call?.peerConnection];
    return [...this.members.values()].map((rec) => rec.call?.peerConnection);
  }
}
