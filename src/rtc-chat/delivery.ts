import { RtcError } from '../shared/errors.js';

/** A message waiting for its acknowledgement (or for a connection) to one peer. */
export interface OutboxItem {
  id: string;
  /** Per-peer sequence number, 1, 2, 3… for this sender; survives reconnects (and reloads with `persist`). */
  seq: number;
  time: number;
  data: unknown;
  /** When it was last handed to a channel (not persisted); drives retransmission. */
  sentAt?: number;
}

/** What `persist` keeps per peer id. */
export interface DeliveryState {
  outbox: Record<string, OutboxItem[]>;
  seq: Record<string, number>;
  seen: string[];
}

/** Messages one peer may queue for another before send() refuses more. */
export const OUTBOX_LIMIT = 5000;
/** Received ids remembered for duplicate suppression. */
export const SEEN_LIMIT = 10000;

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
  private seen = new Set<string>();
  /**
   * The same keys in arrival order, a ring: the oldest is forgotten first. (Deleting a Set's first
   * entry and asking it for the next first one is slow: the iterator walks the deleted slots.)
   */
  private seenOrder: string[] = [];
  private seenNext = 0;
  private buckets = new Map<string, { tokens: number; at: number }>();

  /** Messages per second a peer may send on average; bursts up to ten seconds' worth. */
  ratePerSecond = 200;
  /**
   * Per peer, the lowest sequence number dropped by flood control. Later messages are dropped too
   * until that one is resent, so what the page sees stays in order (go-back-N).
   */
  private gaps = new Map<string, number>();

  /** Adds a message for `peer`; throws when the outbox is full (nothing is dropped silently). */
  enqueue(peer: string, id: string, time: number, data: unknown): OutboxItem {
    const list = this.outbox.get(peer) ?? [];
    if (list.length >= OUTBOX_LIMIT) {
      throw new RtcError('send-failed', `${OUTBOX_LIMIT} messages to "${peer}" are still waiting for delivery; wait for the connection before sending more.`);
    }
    const seq = (this.seq.get(peer) ?? 0) + 1;
    this.seq.set(peer, seq);
    const item = { id, seq, time, data };
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
    this.seen.add(key);
    if (this.seenOrder.length < SEEN_LIMIT) {
      this.seenOrder.push(key);
      return;
    }
    this.seen.delete(this.seenOrder[this.seenNext]);
    this.seenOrder[this.seenNext] = key;
    this.seenNext = (this.seenNext + 1) % SEEN_LIMIT;
  }

  /** Remembered keys, oldest first (what chat-persist.ts stores). */
  seenInOrder(): string[] {
    return [...this.seenOrder.slice(this.seenNext), ...this.seenOrder.slice(0, this.seenNext)];
  }

  /** Takes one token from `peer`'s bucket; false means the peer is flooding. */
  admit(peer: string, now = Date.now()): boolean {
    const rate = Math.max(1, this.ratePerSecond);
    const capacity = rate * 10;
    const bucket = this.buckets.get(peer) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(peer, bucket);
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
      this.gaps.set(peer, Math.min(gap ?? seq, seq));
      return { ok: false, flooding: true };
    }
    if (gap !== undefined && seq <= gap) this.gaps.delete(peer);
    return { ok: true, flooding: false };
  }

  /** Items unacknowledged for longer than `ms`: then everything pending is due again, in order. */
  due(peer: string, ms: number, now = Date.now()): OutboxItem[] {
    const list = this.outbox.get(peer);
    if (!list?.length) return [];
    const oldest = list[0];
    return oldest.sentAt !== undefined && now - oldest.sentAt > ms ? [...list] : [];
  }
}
