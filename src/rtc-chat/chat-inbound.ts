/**
 * <rtc-chat>'s inbound side: classifies what a chat channel delivers, admits it (rate and size
 * limits, duplicates), sends the receipts, and reports a peer's bad traffic at most once a second.
 */
import type { RtcErrorType } from '../core/errors.js';
import type { PeerChannel } from '../session/peer-session.js';
import { ack, classify, hello, measure, newId, sanitizeValue, type ReceivedFileEnvelope } from './chat-protocol.js';
import { MAX_IDS, MAX_TRACKED_PEERS } from './chat-limits.js';
import type { ChatLinks } from './chat-links.js';
import type { ChatPresence } from './chat-presence.js';
import type { ChatActions } from './chat-actions.js';
import type { Delivery } from './delivery.js';
import type { ChatMessage, DeliveryStatus } from './rtc-chat.events.js';
import { linkState, speaksOurs } from './chat-link-state.js';

/** A peer's invalid or flooding traffic is reported at most once per this interval. */
const PEER_ERROR_INTERVAL_MS = 1000;
/** A receipt waits this long for a message to ride on before it is sent by itself. */
const ACK_DELAY_MS = 40;

/** The element's limits, read as each message arrives. */
export interface InboundHost {
  readonly maxMessageSize: number;
  readonly rateLimit: number;
}

/** What arrivals change in the element. */
export interface InboundHooks {
  /** A restore under way (`persist`): arrivals wait for it. */
  restoring(): Promise<void> | undefined;
  /** Adds a received message to the history (and fires rtc-message). */
  show(entry: ChatMessage): void;
  /** Moves own messages `ids` to `status`. */
  status(ids: readonly string[], peer: string, status: DeliveryStatus): void;
  persist(): void;
  file(peer: string, envelope: ReceivedFileEnvelope): void;
  /** Runs `run` with the message actions (chat-actions.ts, loaded on first use), in order. */
  acts(run: (actions: ChatActions) => void): void;
  error(type: RtcErrorType, message: string, peer: string): void;
}

export class ChatInbound {
  /** Peers whose trouble was already reported in this interval, by kind. */
  private quiet = new Map<string, number>();

  constructor(
    private readonly host: InboundHost,
    private readonly hooks: InboundHooks,
    private readonly delivery: Delivery,
    private readonly links: ChatLinks,
    private readonly presence: ChatPresence,
  ) {}

  /** The last channel to `peer` closed: its error throttles go. */
  forget(peer: string): void {
    for (const key of this.quiet.keys()) if (key.endsWith(`\u0000${peer}`)) this.quiet.delete(key);
  }

  /** A value that arrived on `channel`. */
  receive(channel: PeerChannel, value: unknown): void {
    const restoring = this.hooks.restoring();
    if (restoring) {
      void restoring.then(() => this.receive(channel, value));
      return;
    }
    const peer = channel.remote;
    const incoming = classify(value);
    if (incoming.kind === 'invalid') {
      this.problem('invalid-data', `Peer "${peer}" sent an invalid message (${incoming.reason}); it was dropped.`, peer);
      return;
    }
    if (incoming.kind === 'envelope') {
      const envelope = incoming.envelope;
      if (envelope.t === 'hello') {
        if (envelope.frames) channel.textFrames = true; // classify() keeps only TEXT_FRAMES
        if (envelope.acts) {
          this.hooks.acts((actions) => actions.takes(peer));
          // The dialled side learns what the dialler takes from this answer (the dialled side never answers one).
          try {
            if (channel.outgoing) channel.send(hello());
          } catch {
            /* closed meanwhile; the close handler reports */
          }
        }
        // A repeated hello says nothing new: it must not make us resend (settle() flushes).
        if (!(linkState(channel).settled && speaksOurs(channel))) this.links.settle(channel, true);
        return;
      }
      // An rtc-elements peer says hello first; anything else from an unsettled channel settles it too.
      if (!linkState(channel).settled) this.links.settle(channel, true);
      if (envelope.t === 'ping') return;
      if (envelope.t === 'typing') {
        if (this.admit(peer)) this.presence.typing.notice(peer, envelope.on);
        return;
      }
      // Receipts count against the peer's rate like messages: each may name 500 ids to look up.
      if (envelope.t === 'read') {
        if (this.admit(peer)) this.hooks.status(envelope.ids, peer, 'read');
        return;
      }
      if (envelope.t === 'ack') {
        if (this.admit(peer)) this.acknowledged(peer, envelope.ids);
        return;
      }
      if (envelope.t !== 'msg' && !('of' in envelope)) {
        this.hooks.file(peer, envelope);
        return;
      }
      linkState(channel).ours = true;
      // Flooding: no ack, so an honest sender resends it (and everything after it, in order).
      if (!this.admitEnvelope(peer, envelope.seq)) {
        if (envelope.ack) this.acknowledged(peer, envelope.ack);
        return;
      }
      // The receipt rides on the next message to that peer, at the earliest a reply sent from
      // this message's rtc-message listener, i.e. once the page has seen it; else it leaves on
      // its own shortly. A resend after a reconnect was already shown; it is acknowledged again.
      this.queueAck(peer, envelope.id);
      const fresh = !this.delivery.isDuplicate(peer, envelope.id);
      if (envelope.t !== 'msg') {
        if (fresh) this.hooks.acts((actions) => actions.receive(peer, envelope)); // it checks the rest
        if (envelope.ack) this.acknowledged(peer, envelope.ack);
        return;
      }
      const shown = fresh && this.acceptSize(envelope.data, peer, channel.receivedBytes);
      // The page sees the message first, so a reply leaves before the bookkeeping below.
      if (shown)
        this.hooks.show({
          id: envelope.id,
          from: peer,
          data: sanitizeValue(envelope.data),
          time: Math.min(envelope.time, Date.now()),
          self: false,
          ...(envelope.re ? { replyTo: envelope.re } : {}),
        });
      // Receipts riding on the message were for messages sent before it.
      if (envelope.ack) this.acknowledged(peer, envelope.ack);
      if (shown) {
        this.presence.typing.set(peer, false);
        this.presence.received(peer, envelope.id, true);
      }
      if (fresh) this.hooks.persist();
      return;
    }
    if (!linkState(channel).settled) this.links.settle(channel, false);
    if (!this.admit(peer) || !this.acceptSize(incoming.data, peer, channel.receivedBytes)) return;
    const id = newId();
    this.hooks.show({ id, from: peer, data: sanitizeValue(incoming.data), time: Date.now(), self: false });
    this.presence.received(peer, id, false);
  }

  private acknowledged(peer: string, ids: string[]): void {
    const done = ids.filter((id) => this.delivery.acknowledge(peer, id));
    if (done.length === 0) return;
    this.hooks.status(done, peer, 'delivered');
    this.hooks.persist();
  }

  /** Receipts not yet sent, per peer; see queueAck(). */
  private unsentAcks = new Map<string, string[]>();
  private ackTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Delayed receipts, as in TCP: each one rides on the next message to that peer if there is one
   * within ACK_DELAY_MS (in a conversation there usually is), else they leave together in one
   * `ack` envelope. Halves the messages a back-and-forth exchange needs.
   */
  private queueAck(peer: string, id: string): void {
    const list = this.unsentAcks.get(peer) ?? [];
    list.push(id);
    this.unsentAcks.set(peer, list);
    if (list.length >= MAX_IDS) this.sendAcks();
    else this.ackTimer ??= setTimeout(() => this.sendAcks(), ACK_DELAY_MS);
  }

  /** Receipts for `peer` to put on an outgoing message (and forget). */
  takeAcks(peer: string): string[] | undefined {
    const list = this.unsentAcks.get(peer);
    if (!list) return undefined;
    this.unsentAcks.delete(peer);
    return list;
  }

  sendAcks(): void {
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    for (const [peer, ids] of this.unsentAcks) {
      const [channel] = this.links.targets([peer]);
      // Without a channel the sender resends after reconnecting and is acknowledged then.
      if (!channel || !speaksOurs(channel)) continue;
      try {
        channel.send(ack(ids));
      } catch {
        /* the close handler reports a dead channel */
      }
    }
    this.unsentAcks.clear();
  }

  private admitEnvelope(peer: string, seq: number | undefined): boolean {
    if (seq === undefined) return this.admit(peer);
    this.delivery.ratePerSecond = Number.isFinite(this.host.rateLimit) && this.host.rateLimit > 0 ? this.host.rateLimit : 200;
    const { ok, flooding } = this.delivery.admitSequenced(peer, seq);
    if (flooding)
      this.problem('rate-limited', `Peer "${peer}" sends more than ${this.delivery.ratePerSecond} messages per second; it must resend the excess.`, peer);
    return ok;
  }

  /** Flood control: false (and one rate-limited error per second) when `peer` sends too fast. */
  private admit(peer: string): boolean {
    this.delivery.ratePerSecond = Number.isFinite(this.host.rateLimit) && this.host.rateLimit > 0 ? this.host.rateLimit : 200;
    if (this.delivery.admit(peer)) return true;
    this.problem(
      'rate-limited',
      `Peer "${peer}" sends more than ${this.delivery.ratePerSecond} messages per second; messages over the limit are dropped.`,
      peer,
    );
    return false;
  }

  /** Reports a peer's bad traffic at most once per second per kind, so a flood cannot flood events too. */
  problem(type: 'invalid-data' | 'rate-limited' | 'message-too-large', message: string, peer: string): void {
    const key = `${type}\u0000${peer}`;
    const now = Date.now();
    if (now - (this.quiet.get(key) ?? 0) < PEER_ERROR_INTERVAL_MS) return;
    this.quiet.delete(key);
    this.quiet.set(key, now);
    if (this.quiet.size > MAX_TRACKED_PEERS * 4) this.quiet.delete(this.quiet.keys().next().value as string);
    this.hooks.error(type, message, peer);
  }

  /** `wireBytes`: the encoded size of the whole message, when known; within the limit it settles it. */
  private acceptSize(data: unknown, peer: string, wireBytes?: number): boolean {
    if (wireBytes !== undefined && wireBytes <= this.host.maxMessageSize) return true;
    const size = measure(data);
    if ('error' in size) {
      this.problem('invalid-data', `Peer "${peer}" sent a value that is not JSON; it was dropped.`, peer);
      return false;
    }
    if (size.bytes > this.host.maxMessageSize) {
      this.problem(
        'message-too-large',
        `Peer "${peer}" sent a ${size.bytes}-byte message; the limit is ${this.host.maxMessageSize} bytes (max-message-size). It was dropped.`,
        peer,
      );
      return false;
    }
    return true;
  }
}
