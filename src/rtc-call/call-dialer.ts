/** <rtc-call>'s media connections: placing an outgoing call (checks, camera first, control channel, ring timeout) and answering one with the local media. */
import type { PeerCall, PeerSession } from '../session/peer-session.js';
import { checkPeerId } from '../core/config.js';
import { RtcError, toRtcError, type RtcErrorType } from '../core/errors.js';
import { checkMetadata, hangupMessage, type CallMetadata, type ControlMessage } from './call-protocol.js';
import type { CallRecord } from './call-record.js';
import type { CallRoom } from './call-room.js';
import { dropPlaceholders, type LocalMedia } from './local-media.js';
import type { CallEndReason, CallOutcome, CallState } from './rtc-call.events.js';

/** Options of `call()`. */
export interface CallOptions {
  /** Any JSON value (at most 4096 bytes) the callee receives in `rtc-incoming-call`'s `detail.metadata`. */
  metadata?: unknown;
}

/** The element's settings and methods dialing uses (its public API). */
export interface DialerSettings {
  readonly audioOnly: boolean;
  readonly ringTimeout: number;
  readonly remote?: string;
  answer(): Promise<void>;
}

/** What setting up calls needs of the element (dialing and incoming calls share it). */
export interface CallsHost {
  current(): CallRecord | undefined;
  phase(): CallState;
  room(): CallRoom | undefined;
  session(): PeerSession | undefined;
  error(type: RtcErrorType, message: string, peer?: string): void;
  record(peer: string, outgoing: boolean, meta: CallMetadata): CallRecord;
  /** Makes `rec` the current call. */
  begin(rec: CallRecord, phase: CallState): void;
  end(rec: CallRecord, reason: CallEndReason, opts?: { notify?: ControlMessage; silent?: boolean }): void;
}

export class CallDialer {
  constructor(
    private readonly el: DialerSettings,
    private readonly media: LocalMedia,
    private readonly host: CallsHost,
    /** Why the element has no session (invalid attributes), if that is why. */
    private readonly configError: () => RtcError | undefined,
  ) {}

  /** `call()`: see its documentation on the element. */
  async call(remoteId: string | undefined, options: CallOptions): Promise<CallOutcome> {
    const host = this.host;
    const target = (remoteId ?? this.el.remote ?? '').trim();
    let session: PeerSession;
    let app: unknown;
    try {
      if (!target) throw new RtcError('not-connected', 'call() needs a peer id: pass one or set the remote attribute.');
      checkPeerId(target, 'remote peer id');
      const found = host.session();
      if (!found) throw this.configError() ?? new RtcError('not-connected', 'The element is not on the page or not configured yet.');
      session = found;
      if (target === session.id) throw new RtcError('invalid-attribute', 'A peer cannot call itself; remote must be another peer id.');
      if (!session.isOpen) throw new RtcError('not-connected', 'Not registered with the broker yet; wait for rtc-open before calling.');
      app = checkMetadata(options?.metadata);
    } catch (error) {
      const rtcError = toRtcError(error, 'invalid-attribute');
      host.error(rtcError.type, rtcError.message, target || undefined);
      throw rtcError;
    }
    const room = host.room();
    if (room) {
      host.error('invalid-state', `This element is in the room "${room.name}"; leave it (hangup()) before calling "${target}" one-to-one.`, target);
      return 'busy';
    }
    const current = host.current();
    if (current) {
      if (current.peer === target) {
        if (host.phase() === 'ringing') void this.el.answer();
        return current.outcome();
      }
      host.error('invalid-state', `Already in a call with "${current.peer}"; hang up first. "${target}" was not called.`, target);
      return 'busy';
    }
    const rec = host.record(target, true, { ours: true, app: null, video: true });
    host.begin(rec, 'calling');
    const outcome = rec.outcome();
    await this.media.start(rec.peer, !this.el.audioOnly);
    if (rec.ended) return outcome;
    if (host.session() !== session || session.isDead) {
      host.error('not-connected', 'The element lost its broker session while starting the call.', target);
      host.end(rec, 'failed');
      return outcome;
    }
    if (!this.place(rec, session, app)) return outcome;
    const ring = Number(this.el.ringTimeout);
    if (Number.isFinite(ring) && ring > 0) {
      rec.timers.push(
        setTimeout(() => {
          if (!rec.connected) host.end(rec, 'no-answer', { notify: hangupMessage('no-answer') });
        }, ring),
      );
    }
    return outcome;
  }

  /** Calls `rec.peer` with the local media and opens the control channel; false when the call failed (`rec` ended). */
  place(rec: CallRecord, session: PeerSession, app?: unknown): boolean {
    const video = !this.el.audioOnly;
    const { stream, placeholders } = this.media.outgoingStream(video);
    let peerCall: PeerCall;
    try {
      peerCall = session.call(rec.peer, stream, { ...(app === undefined ? {} : { app }), video });
    } catch (error) {
      placeholders.forEach((p) => p.dispose());
      const rtcError = toRtcError(error);
      this.host.error(rtcError.type, rtcError.message, rec.peer);
      this.host.end(rec, 'failed');
      return false;
    }
    rec.attachCall(peerCall);
    void dropPlaceholders(peerCall, placeholders);
    try {
      rec.attachChannel(session.openDedicatedChannel(rec.peer, 'call-control', 'json', { call: peerCall.id }));
    } catch {
      // The call works without its control channel (no remote mute state, no heartbeat).
    }
    return true;
  }

  /** Answers `call` with the local media (placeholders for missing devices). */
  respond(rec: CallRecord, call: PeerCall, video: boolean): void {
    const { stream, placeholders } = this.media.outgoingStream(video);
    try {
      call.answer(stream);
    } catch (error) {
      placeholders.forEach((p) => p.dispose());
      const rtcError = toRtcError(error);
      this.host.error(rtcError.type, rtcError.message, rec.peer);
      this.host.end(rec, 'failed', { notify: hangupMessage() });
      return;
    }
    void dropPlaceholders(call, placeholders);
    rec.startConnectTimer();
  }
}
