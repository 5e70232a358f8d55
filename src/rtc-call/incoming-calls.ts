/** <rtc-call>'s incoming calls: offers (refused, busy, glare, ringing, auto-answer) and their control channels. */
import type { PeerCall, PeerChannel } from '../session/peer-session.js';
import { controlCallId, declineMessage, readCallMetadata, type CallMetadata, type DeclineReason } from './call-protocol.js';
import type { CallsHost } from './call-dialer.js';
import type { CallRecord } from './call-record.js';
import { channelKey, sayLastWord, type ChannelDesk } from './call-channels.js';
import { prefetchCapture } from './local-media.js';
import { RtcIncomingCallEvent } from './rtc-call.events.js';

/** The callee's ringing outlasts the caller's ring-timeout by this much, so the caller decides. */
const CALLEE_RING_MARGIN_MS = 2000;

/**
 * Calls and control channels some <rtc-call> on this page has taken. Elements sharing a session
 * (same peer-id) all hear every incoming call; the first one takes it, the others ignore it.
 */
const claimed = new WeakSet<PeerCall | PeerChannel>();

/** The element's settings and methods the answer policy uses (its public API). */
export interface IncomingSettings {
  readonly autoAnswer: boolean;
  readonly ringTimeout: number;
  answer(): Promise<void>;
  dispatchEvent(event: Event): boolean;
}

/** What incoming calls need of their element besides what dialing needs too. */
export interface IncomingHost {
  /** Calls with room members, by peer id. */
  readonly members: Map<string, CallRecord>;
  allowed(peer: string): boolean;
  /** The page took over the ringing (canceled `rtc-incoming-call`): no ringing panel. */
  ringHidden(hidden: boolean): void;
}

export class IncomingCalls {
  constructor(
    private readonly el: IncomingSettings,
    private readonly desk: ChannelDesk,
    private readonly host: CallsHost,
    private readonly more: IncomingHost,
  ) {}

  /** A call offered to this element's session. */
  offer(call: PeerCall): void {
    if (claimed.has(call)) return;
    claimed.add(call);
    const host = this.host;
    const room = host.room();
    if (!this.more.allowed(call.remote)) {
      // Refused before anything is shown or any device starts; the caller hears "declined".
      this.refuse(call, 'declined');
      // In a room, a refused member is reported once, not at every call it places.
      if (!room || room.firstRefusal(call.remote)) host.error('peer-refused', `A call from "${call.remote}" was refused: it is not in allow.`, call.remote);
      return;
    }
    const meta = readCallMetadata(call.metadata);
    if (meta.problem) host.error('invalid-data', `The call metadata from "${call.remote}" was dropped: ${meta.problem}.`, call.remote);
    if (room) {
      room.incoming(call, meta);
      return;
    }
    const current = host.current();
    if (current) {
      if (current.outgoing && current.peer === call.remote && !current.connected) {
        this.resolveGlare(current, call, meta);
        return;
      }
      this.refuse(call, 'busy');
      return;
    }
    const rec = host.record(call.remote, false, meta);
    rec.call = call;
    host.begin(rec, 'ringing');
    this.attach(rec, call);
    prefetchCapture(); // answering starts the camera
    const ring = Number(this.el.ringTimeout);
    if (Number.isFinite(ring) && ring > 0) {
      rec.timers.push(
        setTimeout(() => {
          if (host.phase() === 'ringing' && host.current() === rec) host.end(rec, 'no-answer', { notify: declineMessage('no-answer') });
        }, ring + CALLEE_RING_MARGIN_MS),
      );
    }
    const event = new RtcIncomingCallEvent({ from: call.remote, metadata: meta.app });
    this.el.dispatchEvent(event);
    if (rec.ended) return; // a listener hung up
    this.more.ringHidden(event.defaultPrevented);
    if (this.el.autoAnswer && !event.defaultPrevented) void this.el.answer();
  }

  /** A control channel opened to this element's session: to its call, parked until the call comes, or answered late. */
  channel(channel: PeerChannel): void {
    if (channel.kind !== 'call-control' || claimed.has(channel)) return;
    claimed.add(channel);
    const host = this.host;
    const id = controlCallId(channel.metadata);
    if (!id) {
      host.error('invalid-data', `Peer "${channel.remote}" opened a call control connection without a valid call id; it was closed.`, channel.remote);
      channel.close('local');
      return;
    }
    const key = channelKey(channel.remote, id);
    if (this.desk.answerLate(channel, key)) return;
    const rec = host.current();
    if (rec && !rec.ended && !rec.outgoing && rec.call?.id === id && rec.peer === channel.remote) {
      rec.attachChannel(channel);
      return;
    }
    const member = this.more.members.get(channel.remote);
    if (member && !member.ended && !member.outgoing && !member.channel && member.call?.id === id) {
      member.attachChannel(channel);
      return;
    }
    if (!this.desk.park(channel, key)) {
      host.error('rate-limited', `Peer "${channel.remote}" opened call control connections without calls; one was closed.`, channel.remote);
      channel.close('local');
    }
  }

  /** A caller refused by `allow` hears "declined" on its muted control channel, as it would from a person. */
  lastWord(channel: PeerChannel): boolean {
    if (channel.kind !== 'call-control') return false;
    sayLastWord(channel, declineMessage('declined'));
    return true;
  }

  /** Turns down an incoming call without disturbing the current one. */
  refuse(call: PeerCall, reason: DeclineReason | 'ignore'): void {
    const message = reason === 'ignore' ? undefined : declineMessage(reason);
    call.close('local');
    this.desk.turnDown(channelKey(call.remote, call.id), message);
  }

  /** Follows the media connection of `rec`; an incoming call also takes its control channel if that came first. */
  attach(rec: CallRecord, call: PeerCall): void {
    rec.attachCall(call);
    if (rec.outgoing) return;
    const parked = this.desk.take(channelKey(rec.peer, call.id));
    if (!parked) return;
    rec.attachChannel(parked.channel);
    for (const value of parked.buffered) rec.receive(value);
  }

  /** Both sides dialled each other: the call from the lower peer id wins on both sides. */
  private resolveGlare(current: CallRecord, call: PeerCall, meta: CallMetadata): void {
    const host = this.host;
    if (current.call && (host.session()?.id ?? '') < call.remote) {
      this.refuse(call, 'ignore');
      return;
    }
    // Theirs wins: drop our outgoing call silently and answer theirs (the user wanted this call).
    const rec = host.record(call.remote, false, meta);
    rec.call = call;
    rec.inherit(current);
    host.end(current, 'hangup', { silent: true });
    host.begin(rec, 'ringing');
    this.attach(rec, call);
    void this.el.answer();
  }
}
