/**
 * `persist`: <rtc-chat>'s history and the messages still waiting for delivery, kept in
 * localStorage under the peer id so they survive a reload. Loaded on first use (a chat without
 * `persist` never fetches this code).
 */
import { sanitizeValue } from '../core/sanitize.js';
import { checkPeerId } from '../core/config.js';
import { OUTBOX_LIMIT, type Delivery, type DeliveryState, type OutboxExtra, type OutboxItem } from './delivery.js';
import { MAX_EDITS, MAX_REACTIONS, validEmoji } from './chat-actions-limits.js';
import { ID, validSeq, validTime } from './chat-protocol.js';
import type { ChatMessage, DeliveryStatus } from './rtc-chat.events.js';
import type { ChatView } from './chat-view.js';

/** Newest seen ids stored per peer (enough for the resends of a reconnect), and in total. */
const STORED_SEEN_PER_PEER = 2000;
const STORED_SEEN_TOTAL = 10000;
/** Longest peer id kept from storage (PeerJS sets no limit; real ones are far shorter). */
const MAX_PEER_ID = 256;
const STATUSES: ReadonlySet<DeliveryStatus> = new Set(['pending', 'sent', 'delivered', 'read', 'failed']);

/** A peer id by the same rule as `peer-id` (config.ts), and not absurdly long. */
function validPeer(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_PEER_ID) return false;
  try {
    checkPeerId(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * One stored history entry, checked as strictly as a received message (storage can be edited by
 * any script of the origin, and older versions stored what they received): a bad one is dropped,
 * never rendered. Returns a clean copy (no file, data sanitized) or undefined.
 */
function checkStored(m: unknown): ChatMessage | undefined {
  if (!m || typeof m !== 'object' || Array.isArray(m)) return undefined;
  const { id, from, to, data, time, self, status, file, replyTo, edited, edits, deleted, reactions } = m as Record<string, unknown>;
  if (typeof id !== 'string' || !ID.test(id) || !validPeer(from) || !validTime(time) || typeof self !== 'boolean') return undefined;
  if (file !== undefined || !Object.prototype.hasOwnProperty.call(m, 'data')) return undefined; // files are never stored
  if (status !== undefined && !(typeof status === 'string' && STATUSES.has(status as DeliveryStatus))) return undefined;
  if (to !== undefined && !(Array.isArray(to) && to.length <= 64 && to.every(validPeer))) return undefined;
  if (replyTo !== undefined && !(typeof replyTo === 'string' && ID.test(replyTo))) return undefined;
  if (edited !== undefined && !validTime(edited)) return undefined;
  if (edits !== undefined && !(Number.isSafeInteger(edits) && (edits as number) > 0 && (edits as number) <= MAX_EDITS)) return undefined;
  if (deleted !== undefined && deleted !== true) return undefined;
  const kept = reactions === undefined ? undefined : checkReactions(reactions);
  if (kept === null) return undefined;
  return {
    id,
    from,
    data: deleted ? null : sanitizeValue(data),
    time,
    self,
    ...(to ? { to: [...(to as string[])] } : {}),
    ...(status ? { status: status as DeliveryStatus } : {}),
    ...(replyTo ? { replyTo: replyTo as string } : {}),
    ...(edited ? { edited: edited as number, edits: (edits as number | undefined) ?? 1 } : {}),
    ...(deleted ? { deleted: true } : {}),
    ...(kept && !deleted ? { reactions: kept } : {}),
  };
}

/** Stored reactions, checked as received ones are (chat-actions.ts); null when malformed. */
function checkReactions(value: unknown): Record<string, string[]> | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>);
  let total = 0;
  const kept: Record<string, string[]> = {};
  for (const [emoji, peers] of entries) {
    if (!validEmoji(emoji) || !Array.isArray(peers) || peers.length === 0 || !peers.every(validPeer)) return null;
    total += peers.length;
    kept[emoji] = [...new Set(peers as string[])];
  }
  return total <= MAX_REACTIONS ? kept : null;
}

/** What is stored: the history without file entries, and the delivery state. */
interface Saved {
  v: 1;
  messages: ChatMessage[];
  delivery: DeliveryState;
}

/** Stores the history and `delivery`'s state under `key`; throws when storage refuses it. */
export function saveChat(key: string, history: readonly ChatMessage[], delivery: Delivery): void {
  const messages = history.filter((m) => !m.file).map(({ file: _file, ...m }) => m);
  const saved: Saved = { v: 1, messages, delivery: snapshotDelivery(delivery) };
  localStorage.setItem(key, JSON.stringify(saved));
}

/**
 * Restores `delivery`'s state from `key` and returns the stored history merged before `current`
 * (newest `max` kept), or undefined when nothing usable is stored. Storage can be edited by
 * anyone: malformed entries are ignored, values sanitized.
 */
export function loadChat(key: string, delivery: Delivery, current: readonly ChatMessage[], max: number): ChatMessage[] | undefined {
  let saved: unknown;
  try {
    saved = JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return undefined; // unreadable or storage disabled: start empty
  }
  if (!saved || typeof saved !== 'object') return undefined;
  const { messages, delivery: state } = saved as { messages?: unknown; delivery?: unknown };
  restoreDelivery(delivery, state);
  if (!Array.isArray(messages)) return undefined;
  const restored = messages
    .slice(-Math.max(1, max))
    .map(checkStored)
    .filter((m): m is ChatMessage => !!m)
    .map((m) => (m.self && m.status !== 'delivered' && delivery.isPending(m.id) ? { ...m, status: 'pending' as const } : m));
  const known = new Set(current.map((m) => m.id));
  return [...restored.filter((m) => !known.has(m.id)), ...current].slice(-Math.max(1, max));
}

/** The state worth keeping: outboxes (without send times), sequence numbers, the newest 2000 seen ids. */
export function snapshotDelivery(delivery: Delivery): DeliveryState {
  const strip = (items: OutboxItem[]) => items.map(({ sentAt: _sentAt, ...item }) => item);
  return {
    outbox: Object.fromEntries([...delivery.outbox].map(([peer, items]) => [peer, strip(items)])),
    seq: Object.fromEntries(delivery.seq),
    seen: delivery.seenInOrder(STORED_SEEN_PER_PEER).slice(-STORED_SEEN_TOTAL),
  };
}

/** Merges a snapshot into `delivery`, ignoring anything malformed. */
export function restoreDelivery(delivery: Delivery, state: unknown): void {
  if (!state || typeof state !== 'object') return;
  const { outbox, seq, seen } = state as Record<string, unknown>;
  if (outbox && typeof outbox === 'object') {
    for (const [peer, list] of Object.entries(outbox as Record<string, unknown>)) {
      if (!Array.isArray(list)) continue;
      if (!validPeer(peer)) continue;
      const items = list
        .slice(-OUTBOX_LIMIT)
        .filter(
          (item): item is OutboxItem =>
            !!item &&
            typeof item === 'object' &&
            typeof (item as OutboxItem).id === 'string' &&
            ID.test((item as OutboxItem).id) &&
            validSeq((item as OutboxItem).seq) &&
            validTime((item as OutboxItem).time) &&
            'data' in (item as object),
        )
        .map(({ id, seq, time, data, x }) => {
          const extra = checkExtra(x);
          return { id, seq, time, data: sanitizeValue(data), ...(extra ? { x: extra } : {}) };
        })
        .filter((item) => item.x !== null) as OutboxItem[];
      const merged = [...(delivery.outbox.get(peer) ?? [])];
      for (const item of items) if (!merged.some((m) => m.id === item.id)) merged.push(item);
      merged.sort((a, b) => a.seq - b.seq);
      if (merged.length) delivery.outbox.set(peer, merged.slice(-OUTBOX_LIMIT));
    }
  }
  if (seq && typeof seq === 'object') {
    for (const [peer, value] of Object.entries(seq as Record<string, unknown>)) {
      if (validPeer(peer) && validSeq(value)) delivery.seq.set(peer, Math.max(value, delivery.seq.get(peer) ?? 0));
    }
  }
  if (Array.isArray(seen)) {
    for (const key of seen.slice(-STORED_SEEN_TOTAL)) {
      if (typeof key !== 'string') continue;
      const [peer, id, ...rest] = key.split('\u0000');
      if (rest.length === 0 && validPeer(peer) && id !== undefined && ID.test(id)) delivery.remember(key);
    }
  }
}

/** A stored outbox item's reply or action fields: undefined when there are none, null when malformed (the item is dropped). */
function checkExtra(x: unknown): OutboxExtra | undefined | null {
  if (x === undefined) return undefined;
  if (!x || typeof x !== 'object') return null;
  const { t, re, of, emoji, on } = x as Record<string, unknown>;
  const id = (v: unknown) => typeof v === 'string' && ID.test(v);
  if (t === undefined) return id(re) ? { re: re as string } : null;
  if (t !== 'edit' && t !== 'del' && t !== 'react') return null;
  if (!id(of)) return null;
  if (t !== 'react') return { t, of: of as string };
  return validEmoji(emoji) && typeof on === 'boolean' ? { t, of: of as string, emoji, on } : null;
}

const STORAGE_PREFIX = 'rtc-elements:chat:';

/** The element's public side that persistence reads. */
export interface StoreHost {
  readonly persist: boolean;
  readonly peerId?: string;
  readonly maxMessages: number;
}

/** When to restore and save <rtc-chat>'s history and outbox; created once this code is loaded. */
export class ChatStore {
  private restoredFor: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: StoreHost,
    private readonly view: ChatView,
    private readonly delivery: Delivery,
    private readonly failed: (message: string) => void,
  ) {}

  private key(): string | undefined {
    const id = this.host.peerId?.trim();
    return this.host.persist && id ? `${STORAGE_PREFIX}${id}` : undefined;
  }

  /** Merges the stored history and outbox for this peer id into the element's (once per id); true if it did. */
  restore(): boolean {
    const key = this.key();
    if (!key || this.restoredFor === key) return false;
    this.restoredFor = key;
    const merged = loadChat(key, this.delivery, this.view.history, this.host.maxMessages);
    if (merged) this.view.messages = merged;
    return true;
  }

  /** Saves soon (changes within 200 ms are saved together). */
  schedule(): void {
    if (!this.host.persist || this.timer !== undefined) return;
    this.timer = setTimeout(() => this.save(), 200);
  }

  save(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const key = this.key();
    if (!key) return;
    try {
      saveChat(key, this.view.history, this.delivery);
    } catch (error) {
      this.failed(`Could not save the chat for persist (${(error as Error).message}).`);
    }
  }
}
