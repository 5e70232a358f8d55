/**
 * No-broker signaling by copy-paste (`signaling="manual"`).
 *
 * Pairing: the inviter's Peer dials a placeholder id with a `signal` data connection; its offer
 * (SDP with every ICE candidate already in it) becomes an invitation code. The invitee feeds that
 * offer to its own Peer as if a broker had delivered it, and its answer becomes a reply code.
 * Once the inviter pastes the reply, the two Peers share a DTLS-encrypted `signal` channel, and
 * from then on that channel *is* their broker: every later OFFER / ANSWER / CANDIDATE between the
 * two (chat channels, file channels, calls) travels over it, so elements work unchanged.
 */
import { SocketStandIn } from './socket-stand-in.js';
import { checkSignal } from './signal-check.js';

/** What PeerJS sends to (and expects from) its server socket. */
export interface SignalMessage {
  type: string;
  payload?: unknown;
  src?: string;
  dst?: string;
}

/** Message types a paired peer may relay to us; anything else (LEAVE, OPEN, ...) is dropped. */
const RELAYED = new Set(['OFFER', 'ANSWER', 'CANDIDATE']);

/** Whether an OFFER payload is one PeerJS can take without throwing (the gate's own shape check). */
export function isSaneOffer(payload: Record<string, unknown>): boolean {
  return 'ok' in checkSignal({ type: 'OFFER', src: 'pairing', payload });
}

/**
 * A stand-in for PeerJS's server socket. Outgoing messages go to a pairing in progress (collected
 * for a code), to a paired peer's signal channel, or nowhere (an offer then expires, which PeerJS
 * reports as peer-unavailable, as a broker would).
 */
export class ManualSignalingSocket extends SocketStandIn {
  private open = false;
  private routes = new Map<string, (message: SignalMessage) => void>();
  private collectors = new Map<string, (message: SignalMessage) => void>();

  start(_id: string, _token: string): void {
    // Nothing to register with: the id is ours the moment we pick it.
    setTimeout(() => {
      this.open = true;
      this.emit('message', { type: 'OPEN' });
    }, 0);
  }

  send(data: SignalMessage): void {
    if (!this.open || !data || typeof data.type !== 'string' || data.type === 'HEARTBEAT' || typeof data.dst !== 'string') return;
    const dst = data.dst;
    const message: SignalMessage = { type: data.type, payload: data.payload };
    const collect = this.collectors.get(dst);
    if (collect) {
      collect(message);
      return;
    }
    const route = this.routes.get(dst);
    if (route) {
      try {
        route(message);
      } catch (error) {
        this.emit('error', error);
      }
      return;
    }
    if (data.type === 'OFFER') setTimeout(() => this.deliver({ type: 'EXPIRE', src: dst }), 0);
  }

  /** Hands a message to PeerJS as if the broker had sent it. */
  deliver(message: SignalMessage): void {
    if (this.open) this.emit('message', message);
  }

  /** Relays a message a paired peer sent over its signal channel (its id is forced as src). */
  relay(from: string, value: unknown): boolean {
    if (!value || typeof value !== 'object') return false;
    const { type, payload } = value as SignalMessage;
    if (typeof type !== 'string' || !RELAYED.has(type) || !payload || typeof payload !== 'object') return false;
    if (typeof (payload as { connectionId?: unknown }).connectionId !== 'string') return false;
    if (type === 'OFFER' && !isSaneOffer(payload as Record<string, unknown>)) return false;
    try {
      this.deliver({ type, payload, src: from });
    } catch {
      return false; // PeerJS choked on it (e.g. an SDP it cannot parse): drop, never throw
    }
    return true;
  }

  /** Messages to `dst` go to `collector` (a pairing in progress) until the returned function runs. */
  collect(dst: string, collector: (message: SignalMessage) => void): () => void {
    this.collectors.set(dst, collector);
    return () => {
      if (this.collectors.get(dst) === collector) this.collectors.delete(dst);
    };
  }

  /** Messages to `peer` travel over its signal channel from now on. */
  route(peer: string, send: (message: SignalMessage) => void): () => void {
    this.routes.set(peer, send);
    return () => {
      if (this.routes.get(peer) === send) this.routes.delete(peer);
    };
  }

  hasRoute(peer: string): boolean {
    return this.routes.has(peer);
  }

  close(): void {
    this.open = false;
    this.routes.clear();
    this.collectors.clear();
  }

  get disconnected(): boolean {
    return !this.open;
  }
}

/** An invitation (the inviter's offer) or a reply (the invitee's answer), as carried in a code. */
export interface PairingCode {
  kind: 'invite' | 'reply';
  /** The sender's peer id. */
  from: string;
  /** reply only: the inviter's id. */
  to?: string;
  /** The placeholder id the inviter dialled; a reply names it so it finds its invitation. */
  ref: string;
  message: SignalMessage;
}

const PREFIX = { invite: 'rtc-invite:', reply: 'rtc-reply:' } as const;
/** Codes are a few kilobytes at most; anything longer is not ours. */
export const MAX_CODE_LENGTH = 32 * 1024;

async function pipe(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream): Promise<Uint8Array<ArrayBuffer>> {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** `rtc-invite:` or `rtc-reply:` + base64url of the deflated JSON (SDP compresses about 2:1). */
export async function encodePairingCode(code: PairingCode): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify({ v: 1, f: code.from, t: code.to, r: code.ref, m: code.message }));
  return PREFIX[code.kind] + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** Parses a pasted code; throws a plain Error with a human reason for anything malformed. */
export async function decodePairingCode(text: string): Promise<PairingCode> {
  const trimmed = text.replace(/\s+/g, '');
  if (trimmed.length > MAX_CODE_LENGTH) throw new Error(`the code is ${trimmed.length} characters long; real codes are far shorter`);
  const kind = trimmed.startsWith(PREFIX.invite) ? 'invite' : trimmed.startsWith(PREFIX.reply) ? 'reply' : undefined;
  if (!kind) throw new Error('it does not start with "rtc-invite:" or "rtc-reply:"');
  let raw: unknown;
  try {
    const bytes = await pipe(fromBase64Url(trimmed.slice(PREFIX[kind].length)), new DecompressionStream('deflate-raw'));
    if (bytes.byteLength > 4 * MAX_CODE_LENGTH) throw new Error('too large');
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error('it is damaged or incomplete (copy the whole code)');
  }
  const record = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const message = record.m as SignalMessage | undefined;
  const payload = message?.payload as Record<string, unknown> | undefined;
  const sdp = payload?.sdp as { type?: unknown; sdp?: unknown } | undefined;
  const expected = kind === 'invite' ? 'OFFER' : 'ANSWER';
  if (
    record.v !== 1 ||
    typeof record.f !== 'string' ||
    typeof record.r !== 'string' ||
    !message ||
    message.type !== expected ||
    !payload ||
    typeof payload.connectionId !== 'string' ||
    !sdp ||
    typeof sdp.sdp !== 'string' ||
    (kind === 'reply' && typeof record.t !== 'string')
  ) {
    throw new Error('it is not a valid rtc-elements pairing code');
  }
  return { kind, from: record.f, ...(typeof record.t === 'string' ? { to: record.t } : {}), ref: record.r, message: { type: message.type, payload } };
}

/** Resolves when ICE gathering is complete, or after `capMs` (an unreachable STUN server stalls it). */
export function gatheringDone(pc: RTCPeerConnection | null | undefined, capMs: number): Promise<void> {
  if (!pc || pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const timer = setTimeout(done, capMs);
    pc.addEventListener('icegatheringstatechange', check);
  });
}
