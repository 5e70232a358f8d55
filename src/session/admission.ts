/**
 * The trust boundary: which incoming connections and calls the session lets PeerJS set up.
 *
 * Every OFFER (from the broker, a BroadcastChannel or a paired peer) is judged here before PeerJS
 * creates anything for it. A stranger that is not admitted never gets an RTCPeerConnection whose
 * data we decode: at most a muted one that only tells it "no" (see adoptMuted in signal-screen.ts).
 * Pure logic, no PeerJS: the unit tests drive it directly.
 */
import { isPeerId } from '../core/config.js';

export type ChannelKind = 'chat' | 'call-control' | 'file' | 'room';
/** What an offer asks for: a data channel of one of our kinds, a pairing link, or a media call. */
export type LinkKind = ChannelKind | 'signal' | 'media';

/** The metadata mark of our own connections (both sides know they may use envelopes). */
export const PROTOCOL_MARK = 'rtcElements';
/** The metadata kind of the copy-paste pairing channel (never handed to elements). */
export const SIGNAL_KIND = 'signal';

const CHANNEL_KINDS: readonly string[] = ['chat', 'call-control', 'file', 'room'];

/**
 * PeerJS serializations each kind may use. Plain PeerJS apps chat with PeerJS's default
 * (`binary`) or `json`; our own channels use `json`, files `raw`. Anything else is refused, so
 * no decoder we did not choose ever runs.
 */
export const SERIALIZATIONS: Readonly<Record<LinkKind, readonly string[]>> = {
  chat: ['json', 'binary', 'binary-utf8'],
  'call-control': ['json'],
  file: ['raw'],
  room: ['json'],
  signal: ['json'],
  media: [],
};

/** What the gate asks of each element (or room beacon, or pairing) attached to a session. */
export interface Admits {
  /** The kinds of incoming link it handles. */
  readonly kinds: ReadonlySet<LinkKind>;
  /** Whether `peer` may reach it (its `allow`). */
  allows(peer: string): boolean;
}

export type Verdict<P extends Admits> =
  { admit: true; kind: LinkKind; audience: P[] } | { admit: false; kind: LinkKind | undefined; reason: RefusalReason; handlers: P[] };

export type RefusalReason = 'invalid-id' | 'unknown-kind' | 'unhandled-kind' | 'serialization' | 'not-allowed' | 'too-many';

/**
 * The kind an offer asks for, from its metadata: unmarked data connections are plain PeerJS
 * chat; marked ones must name a kind we have. Undefined for anything else.
 */
export function offerKind(type: unknown, metadata: unknown): LinkKind | undefined {
  if (type === 'media') return 'media';
  if (type !== 'data') return undefined;
  if (!metadata || typeof metadata !== 'object' || !Object.prototype.hasOwnProperty.call(metadata, PROTOCOL_MARK)) return 'chat';
  const kind = (metadata as Record<string, unknown>).kind;
  if (kind === SIGNAL_KIND) return 'signal';
  return typeof kind === 'string' && CHANNEL_KINDS.includes(kind) ? (kind as ChannelKind) : undefined;
}

/** Judges one offer against the policies attached to the session. */
export function judge<P extends Admits>(peer: unknown, kind: LinkKind | undefined, serialization: unknown, policies: Iterable<P>): Verdict<P> {
  if (typeof peer !== 'string' || !isPeerId(peer)) return { admit: false, kind, reason: 'invalid-id', handlers: [] };
  if (!kind) return { admit: false, kind, reason: 'unknown-kind', handlers: [] };
  if (kind !== 'media' && (typeof serialization !== 'string' || !SERIALIZATIONS[kind].includes(serialization))) {
    return { admit: false, kind, reason: 'serialization', handlers: [] };
  }
  const handlers = [...policies].filter((p) => p.kinds.has(kind));
  if (handlers.length === 0) return { admit: false, kind, reason: 'unhandled-kind', handlers };
  const audience = handlers.filter((p) => safeAllows(p, peer));
  if (audience.length === 0) return { admit: false, kind, reason: 'not-allowed', handlers };
  return { admit: true, kind, audience };
}

function safeAllows(policy: Admits, peer: string): boolean {
  try {
    return policy.allows(peer);
  } catch {
    return false;
  }
}

/** A human message for a refusal, for `rtc-error` `peer-refused`. */
export function refusalMessage(peer: string, kind: LinkKind | undefined, reason: RefusalReason): string {
  const what = kind === 'media' ? 'A call' : 'A connection';
  switch (reason) {
    case 'not-allowed':
      return `${what} from "${peer}" was refused: it is not in allow.`;
    case 'too-many':
      return `${what} from "${peer}" was refused: it opened too many connections at once.`;
    case 'serialization':
      return `A connection from "${peer}" was refused: it asked for a data format this element does not accept.`;
    case 'unhandled-kind':
    case 'unknown-kind':
      return `A connection from "${peer}" was refused: nothing on this page handles what it asked for.`;
    case 'invalid-id':
      return `A connection from an invalid peer id was refused.`;
  }
}

/**
 * Remembers keys for `intervalMs` and says whether a key is new in that window. Holds at most
 * `maxKeys` (oldest forgotten first), so a peer inventing ids cannot grow it.
 */
export class Throttle {
  private seen = new Map<string, number>();
  constructor(
    private readonly intervalMs: number,
    private readonly maxKeys = 256,
  ) {}

  /** True the first time `key` is seen in the interval (and then records it). */
  take(key: string, now = Date.now()): boolean {
    const last = this.seen.get(key);
    if (last !== undefined && now - last < this.intervalMs) return false;
    this.seen.delete(key);
    this.seen.set(key, now);
    while (this.seen.size > this.maxKeys) this.seen.delete(this.seen.keys().next().value as string);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}

/**
 * A token bucket per key (bounded like Throttle): `burst` tokens, refilled at `perSecond`.
 * Used for new connections per peer, so one peer cannot open thousands.
 */
export class Buckets {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly maxKeys = 256,
  ) {}

  take(key: string, now = Date.now()): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    while (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  get size(): number {
    return this.buckets.size;
  }
}
