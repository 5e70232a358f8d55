/**
 * The wire format of <rtc-call>'s control channel.
 *
 * Every call between two rtc-elements peers has its own small data connection (kind
 * `call-control`, metadata `{rtcElements: 1, kind: "call-control", call: <media connection id>}`),
 * dialled by the caller right after the media call. Both ends are rtc-elements, so every message
 * is an envelope: an object whose own key `$rtc` is the protocol version (1) and `t` the type.
 *
 * Remote data is hostile: `classifyControl` accepts only the exact shapes below and never throws.
 */
import { sanitizeValue } from '../core/sanitize.js';
import { RtcError } from '../core/errors.js';
import { PROTOCOL_MARK } from '../session/peer-session.js';

/** Sent every second by both sides; silence for a few seconds means the other side is gone. */
export interface HeartbeatMessage {
  $rtc: 1;
  t: 'hb';
}
/** The sender's media state; sent when the channel opens and on every change. */
export interface MediaStateMessage {
  $rtc: 1;
  t: 'media-state';
  /** The microphone is muted (or there is none). */
  muted: boolean;
  /** The camera is off (or there is none). */
  cameraOff: boolean;
  /** The outgoing video is a screen share. */
  screen: boolean;
  /** False when the sender is audio-only (it never sends video). */
  video: boolean;
  /** The sender understands `react`, `hand` and `rec` (older versions leave it out: nothing of those is sent to them). */
  acts?: true;
}
/** Why a callee refuses: the user declined, it is in another call, or nobody answered in time. */
export type DeclineReason = 'declined' | 'busy' | 'no-answer';
/** The callee refuses a ringing call. */
export interface DeclineMessage {
  $rtc: 1;
  t: 'decline';
  reason: DeclineReason;
}
/** Either side ends the call (also: the caller cancels a ringing call; `no-answer` when it rang too long). */
export interface HangupMessage {
  $rtc: 1;
  t: 'hangup';
  reason?: 'no-answer';
}

/**
 * A reaction (`e`: one emoji), a hand raised or lowered (`on`), recording started or stopped
 * (`on`). classifyControl hands them on as `act`, unchecked: their strict check (`checkAct()`),
 * rates and state are in the lazily loaded call-acts.ts, so the call's first load stays small.
 */
export interface ReactMessage {
  $rtc: 1;
  t: 'react';
  e: string;
}
export interface ToggleMessage {
  $rtc: 1;
  t: 'hand' | 'rec';
  on: boolean;
}
export type ActMessage = ReactMessage | ToggleMessage;

export type ControlMessage = HeartbeatMessage | MediaStateMessage | DeclineMessage | HangupMessage | ActMessage;

export type IncomingControl =
  | { kind: 'message'; message: ControlMessage }
  /** `react`, `hand` or `rec`, for call-acts.ts's `checkAct()`. */
  | { kind: 'act'; value: Record<string, unknown> }
  | { kind: 'invalid'; reason: string };

const own = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/** Classifies one value received on a control channel. Never throws; never trusts the sender. */
export function classifyControl(value: unknown): IncomingControl {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !own(value, '$rtc')) {
    return { kind: 'invalid', reason: 'not a control envelope' };
  }
  const record = value as Record<string, unknown>;
  if (record.$rtc !== 1) return { kind: 'invalid', reason: `unsupported protocol version ${String(record.$rtc).slice(0, 20)}` };
  switch (record.t) {
    case 'hb':
      return { kind: 'message', message: { $rtc: 1, t: 'hb' } };
    case 'hangup':
      return { kind: 'message', message: record.reason === 'no-answer' ? { $rtc: 1, t: 'hangup', reason: 'no-answer' } : { $rtc: 1, t: 'hangup' } };
    case 'decline': {
      const reason: DeclineReason = record.reason === 'busy' || record.reason === 'no-answer' ? record.reason : 'declined';
      return { kind: 'message', message: { $rtc: 1, t: 'decline', reason } };
    }
    case 'media-state': {
      const { muted, cameraOff, screen, video } = record;
      if (typeof muted !== 'boolean' || typeof cameraOff !== 'boolean' || typeof screen !== 'boolean' || typeof video !== 'boolean') {
        return { kind: 'invalid', reason: 'media state without boolean muted, cameraOff, screen and video' };
      }
      return { kind: 'message', message: { $rtc: 1, t: 'media-state', muted, cameraOff, screen, video, ...(record.acts === true && { acts: true }) } };
    }
    case 'react':
    case 'hand':
    case 'rec':
      return { kind: 'act', value: record };
    default:
      return { kind: 'invalid', reason: `unknown control message type "${String(record.t).slice(0, 40)}"` };
  }
}

export const heartbeat = (): HeartbeatMessage => ({ $rtc: 1, t: 'hb' });
export const hangupMessage = (reason?: 'no-answer'): HangupMessage => (reason ? { $rtc: 1, t: 'hangup', reason } : { $rtc: 1, t: 'hangup' });
export const declineMessage = (reason: DeclineReason): DeclineMessage => ({ $rtc: 1, t: 'decline', reason });
export const mediaStateMessage = (state: Omit<MediaStateMessage, '$rtc' | 't'>): MediaStateMessage => ({ $rtc: 1, t: 'media-state', ...state });

/** Largest call metadata (UTF-8 JSON bytes) sent or accepted. */
export const MAX_METADATA_BYTES = 4096;

/** What the caller put into the media connection's metadata. */
export interface CallMetadata {
  /** The caller is rtc-elements (it will dial a control channel). */
  ours: boolean;
  /** The page's own metadata (call(remote, {metadata})), sanitized; null when absent or unusable. */
  app: unknown;
  /** False when the caller said it is audio-only. */
  video: boolean;
  /** Why `app` was dropped, if it was. */
  problem?: string;
}

/**
 * Reads a remote call's metadata. Ours look like `{rtcElements: 1, app?: <page metadata>, video}`;
 * a plain PeerJS app's metadata is passed on as it is (sanitized). Oversized or non-JSON metadata
 * is dropped with a reason.
 */
export function readCallMetadata(metadata: unknown): CallMetadata {
  const isRecord = metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata);
  const ours = isRecord && own(metadata as object, PROTOCOL_MARK);
  const raw = ours ? (metadata as Record<string, unknown>).app : metadata;
  const video = ours ? (metadata as Record<string, unknown>).video !== false : true;
  if (raw === undefined || raw === null) return { ours, app: null, video };
  let bytes: number;
  try {
    const text = JSON.stringify(raw);
    bytes = text === undefined ? Infinity : new TextEncoder().encode(text).byteLength;
  } catch {
    return { ours, app: null, video, problem: 'it is not JSON' };
  }
  if (bytes > MAX_METADATA_BYTES) return { ours, app: null, video, problem: `it is larger than ${MAX_METADATA_BYTES} bytes` };
  return { ours, app: sanitizeValue(raw), video };
}

/** The control channel's call id from its metadata, if it is one of ours. */
export function controlCallId(metadata: unknown): string | undefined {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return undefined;
  const id = (metadata as Record<string, unknown>).call;
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : undefined;
}

/**
 * A token bucket: `take()` is false once a peer sends faster than `rate` messages per second
 * (with bursts up to `burst`).
 */
export class RateLimiter {
  private tokens: number;
  private last = performance.now();
  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }
  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Checks call metadata before it travels: JSON, at most MAX_METADATA_BYTES. */
export function checkMetadata(metadata: unknown): unknown {
  if (metadata === undefined || metadata === null) return undefined;
  let text: string | undefined;
  try {
    text = JSON.stringify(metadata);
  } catch (error) {
    throw new RtcError('send-failed', `The call metadata cannot be sent: it is not JSON-serializable (${(error as Error).message}).`);
  }
  if (text === undefined) throw new RtcError('send-failed', 'The call metadata cannot be sent: it is not JSON-serializable.');
  const bytes = new TextEncoder().encode(text).byteLength;
  if (bytes > MAX_METADATA_BYTES) throw new RtcError('message-too-large', `The call metadata is ${bytes} bytes; the limit is ${MAX_METADATA_BYTES}.`);
  return JSON.parse(text) as unknown;
}
