/**
 * <rtc-chat>'s links: the chat channels it holds and their protocol lifecycle (hello, heartbeat,
 * redial of `remote`, paced resends of the outbox), and when a peer counts as connected.
 */
import type { RtcDisconnectReason } from '../core/events.js';
import { RtcError } from '../core/errors.js';
import type { PeerChannel, PeerSession } from '../session/peer-session.js';
import { HEARTBEAT_MS, HEARTBEAT_TIMEOUT_MS } from '../core/heartbeat.js';
import { Backoff } from '../core/backoff.js';
import { hello, message, newId, ping } from './chat-protocol.js';
import { JSON_CHANNEL_LIMIT } from './chat-limits.js';
import type { Delivery, OutboxExtra } from './delivery.js';
import { linkState, speaksOurs } from './chat-link-state.js';

/**
 * How long a dialler waits for the dialled side's hello before treating it as a plain PeerJS app.
 * An rtc-elements peer says hello the moment the channel opens, so this only delays plain peers;
 * it is generous because a busy machine (or tab) can take a few hundred ms to run that hello.
 */
const HELLO_WAIT_MS = 1500;
/** Redial delays while `remote` is unreachable: 0.5 s, 1 s, 2 s … up to 30 s. */
const REDIAL_BASE_MS = 500;
const REDIAL_MAX_MS = 30000;
/** Messages unacknowledged this long are sent again (all pending ones, in order). */
const RETRANSMIT_MS = 3000;
/** A dial shows "Connecting…" once it has taken this long (on this loopback a connection takes ~40 ms). */
const DIALING_SHOWN_MS = 150;

/** The element's public side that the links use. */
export interface LinksHost {
  readonly isConnected: boolean;
  readonly remote?: string;
  requestUpdate(): void;
  connect(peer: string): Promise<void>;
}

/** What the links tell the element, and ask of it. */
export interface LinkHooks {
  session(): PeerSession | undefined;
  brokerOpen(): boolean;
  /** Peers that count as connected now. */
  peers(): string[];
  /** A peer's first channel is ready / its last one closed. */
  up(peer: string): void;
  down(peer: string, reason: RtcDisconnectReason): void;
  /** The last channel to `peer` closed. */
  gone(peer: string): void;
  ready(channel: PeerChannel): void;
  receive(channel: PeerChannel, value: unknown): void;
  error(error: RtcError, peer: string): void;
  /** Receipts for `peer` to put on an outgoing message. */
  takeAcks(peer: string): string[] | undefined;
  /** `ids` were handed to `peer`: pending ones count as sent. */
  sent(ids: string[], peer: string): void;
}

export class ChatLinks {
  /** Channels this element holds, by remote peer id. */
  readonly held = new Map<string, Set<PeerChannel>>();
  /** The `remote` peer last dialled. */
  dialed: string | undefined;
  private offs = new Map<PeerChannel, Array<() => void>>();
  private redialTimer: ReturnType<typeof setTimeout> | undefined;
  private redialDelays = new Backoff(REDIAL_BASE_MS, REDIAL_MAX_MS);
  /** Peers whose outage was already reported (see error()). */
  private outages = new Set<string>();
  /** When each channel last delivered anything (heartbeats included). */
  private lastSeen = new WeakMap<PeerChannel, number>();
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  /** Pending hello waits, cleared as soon as they are moot so they hold no closed channel alive. */
  private helloTimers = new Map<PeerChannel, ReturnType<typeof setTimeout>>();
  /** sendFile() calls waiting for a channel to settle. */
  private settleWaiters = new Map<PeerChannel, Array<() => void>>();
  /** Paced flushes waiting to run, per peer (at most one each). */
  private flushTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly host: LinksHost,
    private readonly hooks: LinkHooks,
    private readonly delivery: Delivery,
  ) {}

  /**
   * The peer `open()` is dialling. The status line says "Connecting…" only once `dialingShown`
   * (the dial has taken DIALING_SHOWN_MS), so a quick connection does not flash it, and no render
   * competes with the connection's setup for the main thread.
   */
  dialing: string | undefined;
  dialingShown = false;
  private dialingTimer: ReturnType<typeof setTimeout> | undefined;

  private showDialing(target: string | undefined): void {
    clearTimeout(this.dialingTimer);
    this.dialingTimer = undefined;
    const wasShown = this.dialingShown;
    this.dialing = target;
    this.dialingShown = false;
    if (target) {
      this.dialingTimer = setTimeout(() => {
        this.dialingShown = true;
        this.host.requestUpdate();
      }, DIALING_SHOWN_MS);
    } else if (wasShown) {
      this.host.requestUpdate();
    }
  }

  /** Opens (or reuses) a chat channel to `target` and holds it; resolves once it is ready. */
  async open(session: PeerSession, target: string): Promise<void> {
    const channel = session.openChannel(target, 'chat');
    this.hold(channel);
    if (channel.isReady) return;
    this.showDialing(target);
    try {
      await whenReady(channel);
    } finally {
      if (this.dialing === target) this.showDialing(undefined);
    }
  }

  /** A redial of `remote` is waiting. */
  get redialing(): boolean {
    return this.redialTimer !== undefined;
  }

  /** Older messages to `peer` are held back by resend pacing. */
  paced(peer: string): boolean {
    return this.flushTimers.has(peer);
  }

  /**
   * send(): hands a message of `bytes` to the open channel of each of `wanted` (default: every
   * peer), and queues it for `remote` while that one is being redialled (rather than refuse it).
   */
  post(data: unknown, bytes: number, wanted: string[] | undefined, x?: OutboxExtra): { id: string; time: number; to: string[]; waiting: boolean } {
    const open = this.targets(wanted);
    const recipients = new Set(open.map((c) => c.remote));
    const remote = this.host.remote?.trim();
    const queueFor = remote && !recipients.has(remote) && (!wanted || wanted.includes(remote)) && this.hooks.session() ? remote : undefined;
    if (recipients.size === 0 && !queueFor)
      throw new RtcError('not-connected', `Not connected to ${wanted ? wanted.join(', ') : 'any peer'}; connect first (remote attribute or connect()).`);
    for (const channel of open) {
      if (channel.serialization === 'json' && bytes > JSON_CHANNEL_LIMIT)
        throw new RtcError('message-too-large', `Messages over ${JSON_CHANNEL_LIMIT} bytes cannot travel on this connection.`);
    }
    const id = newId();
    const time = Date.now();
    const waiting = this.deliver(open, id, time, data, x) || !!queueFor;
    if (queueFor) this.delivery.enqueue(queueFor, id, time, data, x);
    return { id, time, to: [...recipients, ...(queueFor ? [queueFor] : [])], waiting };
  }

  /** sendFile(): the peers of `wanted` (default: every peer) to send a file to, once each link is settled; throws if one cannot take files. */
  async fileTargets(wanted: string[] | undefined): Promise<string[]> {
    const targets = this.targets(wanted);
    if (targets.length === 0) throw new RtcError('not-connected', `Not connected to ${wanted ? wanted.join(', ') : 'any peer'}; connect before sending files.`);
    await Promise.all(targets.map((c) => this.whenSettled(c)));
    const plain = targets.find((c) => !speaksOurs(c));
    if (plain) throw new RtcError('send-failed', `Peer "${plain.remote}" is a plain PeerJS app and cannot receive files through <rtc-chat>.`);
    return targets.map((c) => c.remote);
  }

  /** The open, ready channel to each of `wanted` (default: every peer), at most one per peer. */
  targets(wanted?: string[]): PeerChannel[] {
    const session = this.hooks.session();
    if (!session) return [];
    const targets: PeerChannel[] = [];
    const usable = (c: PeerChannel) => c.isOpen && c.isReady;
    for (const [peer, channels] of this.held) {
      if (wanted && !wanted.includes(peer)) continue;
      if (channels.size === 1) {
        // The usual case, once per message: no need to ask the session which of several to prefer.
        const [only] = channels;
        if (usable(only)) targets.push(only);
        continue;
      }
      const preferred = session.findChannel(peer, 'chat');
      const channel = preferred && channels.has(preferred) && usable(preferred) ? preferred : [...channels].find(usable);
      if (channel) targets.push(channel);
    }
    return targets;
  }

  /**
   * Hands a new message to each of `channels`; true when it waits in the outbox for any of them
   * (the remote's protocol is not known yet, or older messages go first).
   */
  deliver(channels: PeerChannel[], id: string, time: number, data: unknown, x?: OutboxExtra): boolean {
    let waiting = false;
    for (const channel of channels) {
      const peer = channel.remote;
      // Just dialled: it leaves with flush() once the remote's protocol is known. Older messages
      // held back by resend pacing: this one goes after them, in order.
      if (!linkState(channel).settled || (speaksOurs(channel) && this.paced(peer))) {
        this.delivery.enqueue(peer, id, time, data, x);
        waiting = true;
      } else if (speaksOurs(channel)) {
        const item = this.delivery.enqueue(peer, id, time, data, x);
        item.sentAt = Date.now();
        channel.send(message(id, time, data, item.seq, this.hooks.takeAcks(peer), x));
      } else if (!x?.t) {
        channel.send(data);
      }
    }
    return waiting;
  }

  hold(channel: PeerChannel): void {
    let set = this.held.get(channel.remote);
    if (!set) this.held.set(channel.remote, (set = new Set()));
    if (set.has(channel)) return;
    set.add(channel);
    channel.retain();
    const peer = channel.remote;
    const offs = [
      channel.on('open', () => this.opened(channel)),
      channel.on('ready', () => this.readied(channel)),
      channel.on('data', (value) => {
        this.lastSeen.set(channel, Date.now());
        this.hooks.receive(channel, value);
      }),
      channel.on('error', (error) => this.error(peer, error)),
      channel.on('close', (reason) => {
        offs.forEach((off) => off());
        this.closed(channel, reason);
      }),
    ];
    this.offs.set(channel, offs);
    if (channel.isOpen) this.opened(channel);
  }

  unhold(channel: PeerChannel, close: boolean): void {
    const set = this.held.get(channel.remote);
    if (!set?.delete(channel)) return;
    this.offs.get(channel)?.forEach((off) => off());
    this.offs.delete(channel);
    if (close) channel.close('local');
    else channel.release();
    if (set.size === 0) this.held.delete(channel.remote);
    this.update(channel.remote, 'local');
  }

  /** Closes every channel held (or only those to `peer`). */
  drop(peer?: string): void {
    if (!peer || peer === this.host.remote?.trim()) this.stopRedial();
    for (const [remote, channels] of [...this.held]) {
      if (peer && remote !== peer) continue;
      for (const channel of [...channels]) this.unhold(channel, true);
    }
    if (!peer || peer === this.dialed) this.dialed = undefined;
  }

  /** While redialling `remote`, its repeated failures are reported once, not every attempt. */
  private error(peer: string, error: RtcError): void {
    const remote = peer === this.host.remote?.trim();
    if (remote && this.redialDelays.attempts > 0 && this.outages.has(peer)) return;
    if (remote) this.outages.add(peer);
    this.hooks.error(error, peer);
  }

  /**
   * Sends what is still unacknowledged for `peer`, in order (the receiver drops duplicates).
   * Resends are paced (Delivery.outgoing): what is held back goes with a later flush, never lost.
   */
  flush(peer: string): void {
    const [channel] = this.targets([peer]);
    if (!channel || !linkState(channel).settled) return;
    clearTimeout(this.flushTimers.get(peer));
    this.flushTimers.delete(peer);
    const { items, retryIn } = this.delivery.outgoing(peer);
    // Held back by resend pacing: the rest goes as soon as the pace allows (and send() queues behind it).
    if (retryIn !== undefined) {
      this.flushTimers.set(
        peer,
        setTimeout(() => {
          this.flushTimers.delete(peer);
          this.flush(peer);
        }, retryIn),
      );
    }
    if (items.length === 0) return;
    try {
      for (const item of items) {
        // An edit, deletion or reaction means nothing to a plain PeerJS app: it never gets one.
        if (speaksOurs(channel)) channel.send(message(item.id, item.time, item.data, item.seq, this.hooks.takeAcks(peer), item.x));
        else if (!item.x?.t) channel.send(item.data);
      }
    } catch {
      return; // the channel died mid-flush; the next connection flushes again
    }
    // A plain PeerJS app sends no acks: what it was handed counts as sent.
    if (!speaksOurs(channel)) this.delivery.clear(peer);
    this.hooks.sent(
      items.map((item) => item.id),
      peer,
    );
  }

  private scheduleRedial(): void {
    const host = this.host;
    if (this.redialTimer !== undefined || !host.isConnected || !host.remote?.trim()) return;
    const delay = this.redialDelays.next();
    this.redialTimer = setTimeout(() => {
      this.redialTimer = undefined;
      const remote = host.remote?.trim();
      if (!remote || this.hooks.peers().includes(remote) || !host.isConnected) return;
      if (!this.hooks.brokerOpen()) {
        this.scheduleRedial();
        return;
      } // the broker is needed to dial
      this.dialed = remote;
      host.connect(remote).catch(() => {
        /* the close handler schedules the next attempt */
      });
    }, delay);
    host.requestUpdate();
  }

  stopRedial(): void {
    clearTimeout(this.redialTimer);
    this.redialTimer = undefined;
    this.redialDelays.reset();
  }

  /** Stops every timer (the element left the page). */
  stop(): void {
    clearTimeout(this.dialingTimer);
    this.stopRedial();
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** One timer per element: pings every rtc-elements peer, closes channels that went silent. */
  private startHeartbeat(): void {
    if (this.heartbeat !== undefined) return;
    this.heartbeat = setInterval(() => {
      const now = Date.now();
      let any = false;
      for (const channels of this.held.values()) {
        for (const channel of channels) {
          if (!channel.isOpen || !channel.isReady || !speaksOurs(channel)) continue;
          any = true;
          if (now - (this.lastSeen.get(channel) ?? now) > HEARTBEAT_TIMEOUT_MS) {
            channel.close('timeout');
            continue;
          }
          try {
            channel.send(ping());
            if (channel === this.targets([channel.remote])[0] && this.delivery.due(channel.remote, RETRANSMIT_MS, now).length) this.flush(channel.remote);
          } catch {
            /* the close handler reports it */
          }
        }
      }
      if (!any) {
        clearInterval(this.heartbeat);
        this.heartbeat = undefined;
      }
    }, HEARTBEAT_MS);
  }

  private opened(channel: PeerChannel): void {
    if (!linkState(channel).settled && !this.helloTimers.has(channel)) {
      this.helloTimers.set(
        channel,
        setTimeout(() => this.settle(channel, false), HELLO_WAIT_MS),
      );
    }
    if (channel.isReady) {
      this.update(channel.remote, 'local');
      return;
    }
    // The dialler learns that we speak envelopes only from this hello.
    if (!channel.outgoing && speaksOurs(channel)) {
      try {
        channel.send(hello());
      } catch {
        /* closed meanwhile; the close handler reports */
      }
    }
    // A dialled channel is usable at once (connect() resolves, rtc-connect fires): what is sent
    // meanwhile waits in the outbox until the hello says envelopes, or a short wait says plain values.
    // Every holder's 'ready' listener updates its peer list.
    if (channel.isOpen) channel.markReady();
  }

  /** The remote side's protocol is known now: rtc-elements (`ours`) or a plain PeerJS app. */
  settle(channel: PeerChannel, ours: boolean): void {
    clearTimeout(this.helloTimers.get(channel));
    this.helloTimers.delete(channel);
    if (ours) linkState(channel).ours = true;
    linkState(channel).settled = true;
    this.wakeSettleWaiters(channel);
    if (channel.isOpen) this.flush(channel.remote);
  }

  private wakeSettleWaiters(channel: PeerChannel): void {
    this.settleWaiters.get(channel)?.forEach((wake) => wake());
    this.settleWaiters.delete(channel);
  }

  /** Resolves once `channel` is settled (or closed). */
  whenSettled(channel: PeerChannel): Promise<void> {
    if (linkState(channel).settled || !channel.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.settleWaiters.set(channel, [...(this.settleWaiters.get(channel) ?? []), resolve]));
  }

  private readied(channel: PeerChannel): void {
    this.lastSeen.set(channel, Date.now());
    this.hooks.ready(channel);
    this.startHeartbeat();
    this.update(channel.remote, 'local');
  }

  private closed(channel: PeerChannel, reason: RtcDisconnectReason): void {
    clearTimeout(this.helloTimers.get(channel));
    this.helloTimers.delete(channel);
    this.wakeSettleWaiters(channel);
    const peer = channel.remote;
    const set = this.held.get(peer);
    set?.delete(channel);
    this.offs.delete(channel);
    if (set && set.size === 0) this.held.delete(peer);
    if (peer === this.dialed && !this.held.has(peer)) {
      this.dialed = undefined;
      // A dial that never opened (peer-unavailable, ICE failure) is retried too.
      if (reason !== 'local' && peer === this.host.remote?.trim() && !this.hooks.peers().includes(peer)) this.scheduleRedial();
    }
    if (!this.held.has(peer)) {
      // Its outbox, seen ids, rate bucket and resend pacing stay (bounded in Delivery), so a reconnect resets none of them.
      clearTimeout(this.flushTimers.get(peer));
      this.flushTimers.delete(peer);
      this.hooks.gone(peer);
    }
    this.update(peer, reason);
  }

  /** Tells the host when a peer's first channel opens or last one closes. */
  private update(peer: string, reason: RtcDisconnectReason): void {
    const open = [...(this.held.get(peer) ?? [])].some((c) => c.isOpen && c.isReady);
    const was = this.hooks.peers().includes(peer);
    if (open && !was) {
      if (peer === this.host.remote?.trim()) this.stopRedial();
      this.outages.delete(peer);
      this.hooks.up(peer);
      this.flush(peer);
    } else if (!open && was) {
      this.hooks.down(peer, reason);
      if (reason !== 'local' && peer === this.host.remote?.trim()) this.scheduleRedial();
    }
  }
}

/** Resolves once `channel` is ready; rejects when it closes or fails first. */
export function whenReady(channel: PeerChannel): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const offs = [
      channel.on('ready', () => {
        offs.forEach((off) => off());
        resolve();
      }),
      channel.on('close', () => {
        offs.forEach((off) => off());
        reject(new RtcError('connection-failed', `The connection to "${channel.remote}" closed before it opened.`));
      }),
      channel.on('error', (error) => {
        offs.forEach((off) => off());
        reject(error);
      }),
    ];
  });
}
