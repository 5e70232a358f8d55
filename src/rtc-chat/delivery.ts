import { RtcError } from '../core/errors.js';
import { MAX_TRACKED_PEERS, RESEND_INTERVAL_MS, SEEN_PER_PEER, SEEN_TOTAL } from './chat-limits.js';

/** A message waiting for its acknowledgement (or for a connection) to one peer. */
export interface OutboxItem {
  id: string;
  /** Per-peer sequence number, 1, 2, 3… for this sender; survives reconnects (and reloads with `persist`). */
  seq: number;
  time: number;
  data: unknown;
  /** When it was last handed to a channel (not persisted); drives retransmission. */
  sentAt?: number;
  /** A reply's `re`, or what makes it an edit, deletion or reaction (chat-actions.ts); never sent to a plain PeerJS app. */
  x?: OutboxExtra;
}

/** Envelope fields on top of a message's (see chat-protocol.ts message()). */
export interface OutboxExtra {
  t?: 'edit' | 'del' | 'react';
  re?: string;
  of?: string;
  emoji?: string;
  on?: boolean;
}

/** What `persist` keeps per peer id. */
export interface DeliveryState {
  outbox: Record<string, OutboxItem[]>;
  seq: Record<string, number>;
  seen: string[];
}

/** Messages one peer may queue for another before send() refuses more. */
export const OUTBOX_LIMIT = 5000;
/** Received ids remembered for duplicate suppression, in total (per peer: SEEN_PER_PEER). */
export const SEEN_LIMIT = SEEN_TOTAL;

/**
 * Exactly-once, in-order delivery bookkeeping for <rtc-chat>: an outbox per peer of messages not
 * yet acknowledged (resent in order after a reconnect), sequence numbers, the ids already shown
 * (so resends are dropped), and a token bucket per peer against floods.
 */
export class Delivery {
  /** Per peer; read and restored by chat-persist.ts (`persist`), else internal. */
  readonly outbox = new Map<string, OutboxItem[]>();
  /** Last sequence number per peer; read and restored by chat-persist.ts. */
  readonly seq = new Map<string, number>();
  /** Every remembered key (`peer` NUL `id`), all peers: one lookup per received message. */
  private seen = new Set<string>();
  /**
   * The same keys per peer in arrival order, each a queue (`keys` from `head`): a peer's oldest is
   * forgotten first once it has SEEN_PER_PEER, and the fullest peer's once all have SEEN_TOTAL, so
   * one peer's flood never pushes out another's ids. (Not Set order: deleting a Set's first entry
   * and asking for the next first one is slow, the iterator walks the deleted slots.)
   */
  private seenOrder = new Map<string, { keys: string[]; head: number }>();
  private buckets = new Map<string, { tokens: number; at: number }>();
  /** When each peer was last sent resends (see outgoing()). */
  private resentAt = new Map<string, number>();

  /** Messages per second a peer may send on average; bursts up to ten seconds' worth. */
  ratePerSecond = 200;
  /**
   * Per peer, the lowest sequence number dropped by flood control. Later messages are dropped too
   * until that one is resent, so what the page sees stays in order (go-back-N).
   */
  private gaps = new Map<string, number>();

  /** Adds a message for `peer`; throws when the outbox is full (nothing is dropped silently). */
  enqueue(peer: string, id: string, time: number, data: unknown, x?: OutboxExtra): OutboxItem {
    const list = this.outbox.get(peer) ?? [];
    if (list.length >= OUTBOX_LIMIT) {
      throw new RtcError('send-failed', `${OUTBOX_LIMIT} messages to "${peer}" are still waiting for delivery; wait for the connection before sending more.`);
    }
    const seq = (this.seq.get(peer) ?? 0) + 1;
    this.seq.set(peer, seq);
    const item: OutboxItem = x ? { id, seq, time, data, x } : { id, seq, time, data };
    list.push(item);
    this.outbox.set(peer, list);
    return item;
  }

  /** Removes an acknowledged message; true if it was waiting. */
  acknowledge(peer: string, id: string): boolean {
    const list = this.outbox.get(peer);
    if (!list) return false;
    const index = list.findIndex((item) => item.id === id);
    if (index < 0) return false;
    list.splice(index, 1);
    if (list.length === 0) this.outbox.delete(peer);
    return true;
  }

  /** Everything still unacknowledged for `peer`, oldest first. */
  pending(peer: string): OutboxItem[] {
    return [...(this.outbox.get(peer) ?? [])];
  }

  /** Whether `id` is still waiting for any peer. */
  isPending(id: string): boolean {
    for (const list of this.outbox.values()) if (list.some((item) => item.id === id)) return true;
    return false;
  }

  /** Forgets `peer`'s outbox (after handing it to a plain PeerJS peer, which sends no acks). */
  clear(peer: string): void {
    this.outbox.delete(peer);
  }

  /** True if `id` from `peer` was already shown; records it otherwise. */
  isDuplicate(peer: string, id: string): boolean {
    const key = `${peer}\u0000${id}`;
    if (this.seen.has(key)) return true;
    this.remember(key);
    return false;
  }

  /** Records a received message's key (`peer` NUL `id`); chat-persist.ts restores them with it. */
  remember(key: string): void {
    if (this.seen.has(key)) return;
    const peer = key.slice(0, Math.max(0, key.indexOf('\u0000')));
    let queue = this.seenOrder.get(peer);
    if (!queue) this.seenOrder.set(peer, (queue = { keys: [], head: 0 }));
    if (queue.keys.length - queue.head >= SEEN_PER_PEER) this.forgetOldest(peer);
    else if (this.seen.size >= SEEN_TOTAL) this.forgetOldest(this.fullestPeer());
    this.seen.add(key);
    queue.keys.push(key);
  }

  private forgetOldest(peer: string | undefined): void {
    const queue = peer === undefined ? undefined : this.seenOrder.get(peer);
    if (!queue || queue.head >= queue.keys.length) return;
    this.seen.delete(queue.keys[queue.head++]);
    if (queue.head >= queue.keys.length) this.seenOrder.delete(peer!);
    else if (queue.head > 1024 && queue.head * 2 > queue.keys.length) {
      queue.keys = queue.keys.slice(queue.head);
      queue.head = 0;
    }
  }

  private fullestPeer(): string | undefined {
    let best: string | undefined;
    let most = 0;
    for (const [peer, queue] of this.seenOrder) {
      const count = queue.keys.length - queue.head;
      if (count > most) {
        most = count;
        best = peer;
      }
    }
    return best;
  }

  /** Remembered keys, oldest first per peer; with `perPeer`, only each peer's newest that many (what chat-persist.ts stores). */
  seenInOrder(perPeer = SEEN_PER_PEER): string[] {
    const all: string[] = [];
    for (const { keys, head } of this.seenOrder.values()) for (let i = Math.max(head, keys.length - perPeer); i < keys.length; i++) all.push(keys[i]);
    return all;
  }

  /** Remembered ids of `peer`. */
  seenCount(peer: string): number {
    const queue = this.seenOrder.get(peer);
    return queue ? queue.keys.length - queue.head : 0;
  }

  /**
   * Keeps per-peer maps at MAX_TRACKED_PEERS: the least recently touched entry goes. Entries are
   * not dropped when a peer disconnects: reconnecting must not refill its bucket or reset its
   * resend pacing.
   */
  private touch<V>(map: Map<string, V>, peer: string, value: V): void {
    map.delete(peer); // re-inserted last: Map order is the LRU order
    map.set(peer, value);
    if (map.size > MAX_TRACKED_PEERS) map.delete(map.keys().next().value as string);
  }

  /** Takes one token from `peer`'s bucket; false means the peer is flooding. */
  admit(peer: string, now = Date.now()): boolean {
    const rate = Math.max(1, this.ratePerSecond);
    const capacity = rate * 10;
    const bucket = this.buckets.get(peer) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.touch(this.buckets, peer, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /**
   * Admission for a sequenced message: false while an earlier dropped message has not come back,
   * or when the bucket is empty (which opens such a gap). `flooding` tells the two apart.
   */
  admitSequenced(peer: string, seq: number, now = Date.now()): { ok: boolean; flooding: boolean } {
    const gap = this.gaps.get(peer);
    if (gap !== undefined && seq > gap) return { ok: false, flooding: false };
    if (!this.admit(peer, now)) {
      this.touch(this.gaps, peer, Math.min(gap ?? seq, seq));
      return { ok: false, flooding: true };
    }
    if (gap !== undefined && seq <= gap) this.gaps.delete(peer);
    return { ok: true, flooding: false };
  }

  /** Items unacknowledged for longer than `ms`: then everything pending is due again, in order (see outgoing()). */
  due(peer: string, ms: number, now = Date.now()): OutboxItem[] {
    const list = this.outbox.get(peer);
    if (!list?.length) return [];
    const oldest = list[0];
    return oldest.sentAt !== undefined && now - oldest.sentAt > ms ? [...list] : [];
  }

  /**
   * What may go to `peer` now, oldest first, marked as sent. Items never sent go at once (each is
   * sent once). Items already sent (resends) go at most once per RESEND_INTERVAL_MS per peer,
   * whoever asks (a hello, a reconnect, the retransmission timer): a peer cannot make us resend the
   * backlog on demand. Order is kept: what follows a held-back resend waits too, and `retryIn`
   * says when it may go.
   */
  outgoing(peer: string, now = Date.now()): { items: OutboxItem[]; retryIn?: number } {
    const list = this.outbox.get(peer);
    if (!list?.length) return { items: [] };
    const last = this.resentAt.get(peer);
    const wait = last === undefined ? 0 : Math.max(0, last + RESEND_INTERVAL_MS - now);
    const items: OutboxItem[] = [];
    let resends = 0;
    for (const item of list) {
      if (item.sentAt !== undefined) {
        if (wait > 0) return { items, retryIn: wait };
        resends++;
      }
      item.sentAt = now;
      items.push(item);
    }
    if (resends) this.touch(this.resentAt, peer, now);
    return { items };
  }
}
