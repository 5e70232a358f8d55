/**
 * `persist`: <rtc-chat>'s history and the messages still waiting for delivery, kept in
 * localStorage under the peer id so they survive a reload. Loaded on first use (a chat without
 * `persist` never fetches this code).
 */
import { sanitizeValue } from '../shared/sanitize.js';
import { OUTBOX_LIMIT, type Delivery, type DeliveryState, type OutboxItem } from './delivery.js';
import type { ChatMessage } from './rtc-chat.events.js';

/** What is stored: the history without file entries, and the delivery state. */
interface Saved { v: 1; messages: ChatMessage[]; delivery: DeliveryState }

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
  const restored = messages.filter((m): m is ChatMessage => !!m && typeof m === 'object'
    && typeof (m as ChatMessage).id === 'string' && typeof (m as ChatMessage).from === 'string'
    && typeof (m as ChatMessage).time === 'number' && typeof (m as ChatMessage).self === 'boolean')
    .map((m) => ({ ...m, data: sanitizeValue(m.data), file: undefined }))
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
    seen: delivery.seenInOrder().slice(-2000),
  };
}

/** Merges a snapshot into `delivery`, ignoring anything malformed. */
export function restoreDelivery(delivery: Delivery, state: unknown): void {
  if (!state || typeof state !== 'object') return;
  const { outbox, seq, seen } = state as Record<string, unknown>;
  if (outbox && typeof outbox === 'object') {
    for (const [peer, list] of Object.entries(outbox as Record<string, unknown>)) {
      if (!Array.isArray(list)) continue;
      const items = list.filter((item): item is OutboxItem => !!item && typeof item === 'object'
        && typeof (item as OutboxItem).id === 'string' && typeof (item as OutboxItem).seq === 'number'
        && typeof (item as OutboxItem).time === 'number' && 'data' in (item as object));
      const merged = [...(delivery.outbox.get(peer) ?? [])];
      for (const item of items) if (!merged.some((m) => m.id === item.id)) merged.push(item);
      merged.sort((a, b) => a.seq - b.seq);
      if (merged.length) delivery.outbox.set(peer, merged.slice(-OUTBOX_LIMIT));
    }
  }
  if (seq && typeof seq === 'object') {
    for (const [peer, value] of Object.entries(seq as Record<string, unknown>)) {
      if (typeof value === 'number' && Number.isSafeInteger(value)) delivery.seq.set(peer, Math.max(value, delivery.seq.get(peer) ?? 0));
    }
  }
  if (Array.isArray(seen)) for (const key of seen) if (typeof key === 'string') delivery.remember(key);
}
