/**
 * The wire format of <rtc-chat>.
 *
 * Plain PeerJS apps send and receive bare values (strings, JSON). Two rtc-elements peers wrap
 * messages in envelopes, objects whose own key `$rtc` is the protocol version, so they can add
 * ids, timestamps and acknowledgements. A dialled peer only gets envelopes once it has said
 * `hello`, so a plain app never sees one. The key `$rtc` is reserved.
 */
import { TEXT_FRAMES } from '../session/peer-session.js';
import { ID_PATTERN, MAX_IDS, MAX_TIME, MIN_TIME } from './chat-limits.js';
import type { OutboxExtra } from './delivery.js';

export const ENVELOPE_KEY = '$rtc';
export const ENVELOPE_VERSION = 1;

/** `frames`: the sender reads envelopes sent as text frames (TEXT_FRAMES, also in its dial metadata). */
export interface HelloEnvelope {
  $rtc: 1;
  t: 'hello';
  frames?: typeof TEXT_FRAMES;
  /** The sender takes reply, edit, delete and reaction envelopes (chat-actions.ts); a dialler answers such a hello with its own. */
  acts?: 1;
}
export interface MessageEnvelope {
  $rtc: 1;
  t: 'msg';
  id: string;
  time: number;
  data: unknown;
  /** Sender's per-peer sequence number. */
  seq?: number;
  /** Delivery receipts riding along: ids of the receiver's messages the sender has shown. */
  ack?: string[];
  /** The id of the message this one replies to. */
  re?: string;
}
/**
 * An edit, deletion or reaction (chat-actions.ts): sequenced and acknowledged like a message, with
 * its own `id`; `of` is the message it is about. classify() checks the common fields, the actions
 * chunk the rest (`fields`: data, emoji, on).
 */
export interface ActionEnvelope {
  $rtc: 1;
  t: 'edit' | 'del' | 'react';
  id: string;
  time: number;
  seq?: number;
  ack?: string[];
  of: string;
  fields: Record<string, unknown>;
}
/** Delivery receipts; on the wire `id` (one) or `ids` (several), decoded to `ids`. */
export interface AckEnvelope {
  $rtc: 1;
  t: 'ack';
  ids: string[];
}
/** Heartbeat: both sides send one every second; silence means the peer vanished. */
export interface PingEnvelope {
  $rtc: 1;
  t: 'ping';
}
/** Presence: the user is typing (`on`) or stopped. */
export interface TypingEnvelope {
  $rtc: 1;
  t: 'typing';
  on: boolean;
}
/** Read receipt: the user has seen these messages. */
export interface ReadEnvelope {
  $rtc: 1;
  t: 'read';
  ids: string[];
}
/** Sender -> receiver on the chat channel: a file is coming. */
export interface FileOfferEnvelope {
  $rtc: 1;
  t: 'file-offer';
  id: string;
  name: string;
  size: number;
  mime: string;
}
/** File control replies and cancellations, either direction, on the chat channel. */
export interface FileControlEnvelope {
  $rtc: 1;
  t: 'file-accept' | 'file-reject' | 'file-cancel' | 'file-done' | 'file-error';
  id: string;
  reason?: string;
}
/** Sender -> receiver on the file channel, after the last chunk. */
export interface FileEndEnvelope {
  $rtc: 1;
  t: 'file-end';
  id: string;
  sha256: string;
}
export type Envelope =
  HelloEnvelope | MessageEnvelope | AckEnvelope | PingEnvelope | TypingEnvelope | ReadEnvelope | FileOfferEnvelope | FileControlEnvelope | FileEndEnvelope;
export type FileEnvelopeType = (FileOfferEnvelope | FileControlEnvelope | FileEndEnvelope)['t'];
/**
 * A received file-* envelope: classify() checks only its type and id. The file transfer code (a
 * chunk loaded on first use) checks the rest with checkFileEnvelope() (file-protocol.ts) before using it.
 */
export interface ReceivedFileEnvelope {
  $rtc: 1;
  t: FileEnvelopeType;
  id: string;
  fields: Record<string, unknown>;
}
/** What classify() hands on: every envelope checked, file-* ones only as far as ReceivedFileEnvelope says. */
export type ReceivedEnvelope = Exclude<Envelope, FileOfferEnvelope | FileControlEnvelope | FileEndEnvelope> | ReceivedFileEnvelope | ActionEnvelope;

export type Incoming = { kind: 'plain'; data: unknown } | { kind: 'envelope'; envelope: ReceivedEnvelope } | { kind: 'invalid'; reason: string };

export const ID = ID_PATTERN;
export { MAX_IDS };

function validIds(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= MAX_IDS && value.every((id) => typeof id === 'string' && ID.test(id));
}

/** A message time within the sane window (chat-limits.ts). */
export function validTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= MIN_TIME && value <= MAX_TIME;
}

/** A sequence number: a safe integer from 1. */
export function validSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** A short, printable rendering of a bad value for an error message. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 20));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return Array.isArray(value) ? `an array of ${value.length}` : `a ${typeof value}`;
}

const bad = (t: string, field: string, value: unknown, rule: string): Incoming => ({
  kind: 'invalid',
  reason: `${t} field "${field}" is ${shown(value)}, not ${rule}`,
});

function own(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/**
 * Classifies one received value. Never throws; never trusts the sender: every field the element
 * uses is checked here (file-* ones in file-protocol.ts), and a bad one makes the whole envelope
 * invalid, so nothing out of range reaches the history, the renderer or storage.
 */
export function classify(value: unknown): Incoming {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !own(value, ENVELOPE_KEY)) {
    return { kind: 'plain', data: value };
  }
  const record = value as Record<string, unknown>;
  if (record[ENVELOPE_KEY] !== ENVELOPE_VERSION)
    return { kind: 'invalid', reason: `unsupported protocol version ${String(record[ENVELOPE_KEY]).slice(0, 20)}` };
  switch (record.t) {
    case 'hello':
      // An unknown `frames` value may be a later protocol's: the hello stays valid, without text frames.
      return {
        kind: 'envelope',
        envelope: { $rtc: 1, t: 'hello', ...(record.frames === TEXT_FRAMES ? { frames: TEXT_FRAMES } : {}), ...(record.acts === 1 ? { acts: 1 } : {}) },
      };
    case 'ping':
      return { kind: 'envelope', envelope: { $rtc: 1, t: 'ping' } };
    case 'typing':
      if (typeof record.on !== 'boolean') return bad('typing', 'on', record.on, 'true or false');
      return { kind: 'envelope', envelope: { $rtc: 1, t: 'typing', on: record.on } };
    case 'read': {
      const ids = record.ids;
      if (!validIds(ids)) return bad('read', 'ids', ids, `a list of at most ${MAX_IDS} ids`);
      return { kind: 'envelope', envelope: { $rtc: 1, t: 'read', ids: [...ids] } };
    }
    case 'ack': {
      const ids = record.ids === undefined ? [record.id] : record.ids;
      if (!validIds(ids) || ids.length === 0) return bad('ack', record.ids === undefined ? 'id' : 'ids', record.ids ?? record.id, `1 to ${MAX_IDS} ids`);
      return { kind: 'envelope', envelope: { $rtc: 1, t: 'ack', ids: [...ids] } };
    }
    case 'edit':
    case 'del':
    case 'react':
    case 'msg': {
      const t = record.t;
      // `re` (msg) and `of` (the others): the id of the message it is about.
      const about = t === 'msg' ? 're' : 'of';
      for (const key of ['id', about])
        if ((key === 'id' || record[key] !== undefined || t !== 'msg') && (typeof record[key] !== 'string' || !ID.test(record[key])))
          return bad(t, key, record[key], 'an id (1-64 letters, digits, - or _)');
      // No time at all: older senders may omit it, so it is "now"; a time that is there must be sane.
      if (record.time !== undefined && !validTime(record.time)) return bad(t, 'time', record.time, 'a time between 1970 and 2100');
      const time = record.time === undefined ? Date.now() : (record.time as number);
      if (!own(record, 'data')) return { kind: 'invalid', reason: `${t} without field "data"` };
      if (record.seq !== undefined && !validSeq(record.seq)) return bad(t, 'seq', record.seq, 'a whole number from 1');
      const seq = record.seq as number | undefined;
      if (record.ack !== undefined && !validIds(record.ack)) return bad(t, 'ack', record.ack, `a list of at most ${MAX_IDS} ids`);
      const acked = record.ack as string[] | undefined;
      const common = { $rtc: 1, id: record.id as string, time, ...(seq ? { seq } : {}), ...(acked?.length ? { ack: [...acked] } : {}) } as const;
      if (t !== 'msg') return { kind: 'envelope', envelope: { ...common, t, of: record.of as string, fields: record } };
      return { kind: 'envelope', envelope: { ...common, t, data: record.data, ...(record.re ? { re: record.re as string } : {}) } };
    }
    case 'file-offer':
    case 'file-accept':
    case 'file-reject':
    case 'file-cancel':
    case 'file-done':
    case 'file-error':
    case 'file-end':
      if (typeof record.id !== 'string' || !ID.test(record.id)) return bad(record.t, 'id', record.id, 'an id (1-64 letters, digits, - or _)');
      return { kind: 'envelope', envelope: { $rtc: 1, t: record.t, id: record.id, fields: record } };
    default:
      return { kind: 'invalid', reason: `unknown envelope type "${String(record.t).slice(0, 40)}"` };
  }
}

export const hello = (): HelloEnvelope => ({ $rtc: 1, t: 'hello', frames: TEXT_FRAMES, acts: 1 });
export const ping = (): PingEnvelope => ({ $rtc: 1, t: 'ping' });
/** Wire form of a receipt: `id` for one (the common case), `ids` for a batch. */
export const ack = (ids: string[]): Record<string, unknown> => (ids.length === 1 ? { $rtc: 1, t: 'ack', id: ids[0] } : { $rtc: 1, t: 'ack', ids });
/** `x`: fields of a reply (`re`) or an action (`t`, `of`, …) on top. */
export const message = (
  id: string,
  time: number,
  data: unknown,
  seq?: number,
  acked?: string[],
  x?: OutboxExtra,
): MessageEnvelope | Record<string, unknown> => ({
  $rtc: 1,
  t: 'msg',
  id,
  time,
  data,
  ...(seq ? { seq } : {}),
  ...(acked?.length ? { ack: acked } : {}),
  ...x,
});

/**
 * Size of a value as it travels (UTF-8 JSON), or a reason it cannot travel.
 * Used both to refuse oversized sends and to drop oversized receipts.
 */
export function measure(value: unknown): { bytes: number } | { error: string } {
  if (value instanceof ArrayBuffer) return { bytes: value.byteLength };
  if (ArrayBuffer.isView(value)) return { bytes: value.byteLength };
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    return { error: `it is not JSON-serializable (${(error as Error).message})` };
  }
  if (text === undefined) return { error: 'it is not JSON-serializable (undefined, a function or a symbol)' };
  return { bytes: utf8Length(text) };
}

/** UTF-8 byte count of a string, without encoding it (this runs twice per chat message). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2;
      i++;
    } else bytes += 2; // the rest of the BMP, and lone surrogates (encoded as U+FFFD: 3 bytes)
  }
  return bytes;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const ID_BYTES = 12;
let randomPool = new Uint8Array(0);
let poolAt = 0;

/**
 * A random 96-bit id, usable in insecure contexts too (crypto.randomUUID needs https). The
 * random bytes are drawn 64 ids at a time: one getRandomValues call per id cost more than the
 * rest of sending a chat message.
 */
export function newId(): string {
  if (poolAt + ID_BYTES > randomPool.length) {
    randomPool = crypto.getRandomValues(new Uint8Array(ID_BYTES * 64));
    poolAt = 0;
  }
  let id = '';
  for (let i = 0; i < ID_BYTES; i++) id += HEX[randomPool[poolAt++]];
  return id;
}

// sanitizeValue lives in core/sanitize.ts (<rtc-call> uses it too, without the rest of this module).
export { sanitizeValue } from '../core/sanitize.js';

/**
 * Types received files may keep on their Blob (blobTypeFor, file-protocol.ts). Everything else becomes
 * application/octet-stream, so opening a received "text/html" or "image/svg+xml" can never run
 * script in the page's origin.
 */
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);
export const isPreviewable = (mime: string): boolean => PREVIEWABLE.has(mime);
