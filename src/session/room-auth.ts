/**
 * Private rooms (`room-key`): the shared secret never travels. The room's beacon id is derived
 * from it, so someone who knows only the room name finds nothing; and two peers of the room (two
 * members, or a member and the host) prove to each other that they know it before anything else
 * flows between them: a challenge-response with a fresh random nonce from each side, HMAC-SHA256
 * under a key derived from the secret, bound to the room and both peer ids.
 *
 *   initiator → responder  {t: 'auth', n: nI}
 *   responder → initiator  {t: 'auth', n: nR, p: HMAC(k, "R" nI nR idI idR)}
 *   initiator → responder  {t: 'auth', p: HMAC(k, "I" nI nR idI idR)}
 *   responder → initiator  {t: 'auth-ok'}
 *
 * Each side's proof covers the other side's nonce, so a recorded proof is worthless later, and the
 * role letter keeps a responder's proof from being replayed as an initiator's. The HMAC key is a
 * different hash of the secret than the beacon id, so the (public) beacon id reveals nothing of it.
 * Synchronous (the incremental SHA-256 of ./sha256.ts): no WebCrypto, so insecure origins work too.
 */
import { Sha256 } from '../core/sha256.js';
import { envelope } from './wire.js';

/** A handshake that has not finished after this long fails (the channel is closed). */
export const AUTH_TIMEOUT_MS = 10000;
/** The reason of a handshake whose channel closed: the other side left or refused, it did not fail a proof. */
export const AUTH_CLOSED = 'the connection closed';
const NONCE = /^[0-9a-f]{32}$/;
const PROOF = /^[0-9a-f]{64}$/;
const encoder = new TextEncoder();

function digest(...parts: Uint8Array[]): Uint8Array {
  const hash = new Sha256();
  for (const part of parts) hash.update(part);
  const hex = hash.hex();
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

const hexOf = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** HMAC-SHA256 (RFC 2104) with a 32-byte key. */
function hmac(key: Uint8Array, message: string): string {
  const inner = new Uint8Array(64);
  const outer = new Uint8Array(64);
  inner.set(key);
  outer.set(key);
  for (let i = 0; i < 64; i++) {
    inner[i] ^= 0x36;
    outer[i] ^= 0x5c;
  }
  return hexOf(digest(outer, digest(inner, encoder.encode(message))));
}

/** Compares two hex strings in time that depends only on their length. */
export function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** `rtcroom-` + 32 hex digits (128 bits) of SHA-256 over the room's slug and its key. */
export function privateBeaconId(slug: string, key: string): string {
  return `rtcroom-${hexOf(digest(encoder.encode(`rtc-elements room beacon v1\n${slug}\n${key}`))).slice(0, 32)}`;
}

export const randomNonce = (): string => hexOf(crypto.getRandomValues(new Uint8Array(16)));

/** The room secret, as the HMAC key of its handshakes. */
export class RoomAuth {
  private readonly key: Uint8Array;

  constructor(
    readonly beacon: string,
    slug: string,
    secret: string,
  ) {
    this.key = digest(encoder.encode(`rtc-elements room auth v1\n${slug}\n${secret}`));
  }

  proof(role: 'I' | 'R', nonceI: string, nonceR: string, idI: string, idR: string): string {
    // Ids cannot contain "\n" (peer id rules), so the fields cannot run into each other.
    return hmac(this.key, `${this.beacon}\n${role}\n${nonceI}\n${nonceR}\n${idI}\n${idR}`);
  }
}

/** The part of a channel a handshake needs. */
export interface AuthChannel {
  send(value: unknown): void;
}

/**
 * One side of one handshake on one channel. The owner feeds it every value the channel delivers
 * until `state` is no longer 'running' (nothing else is read meanwhile); `done` is called once.
 */
export class Handshake {
  state: 'running' | 'ok' | 'failed' = 'running';
  private nonceI: string | undefined;
  private nonceR: string | undefined;
  private step = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly channel: AuthChannel,
    private readonly auth: RoomAuth,
    private readonly initiator: boolean,
    /** The initiator's and the responder's peer ids, as both sides see them. */
    private readonly idI: string,
    private readonly idR: string,
    private readonly done: (ok: boolean, reason: string) => void,
  ) {}

  /** Starts the timeout; the initiator sends its challenge. */
  start(): void {
    this.timer = setTimeout(() => this.finish(false, `no proof within ${AUTH_TIMEOUT_MS / 1000} s`), AUTH_TIMEOUT_MS);
    if (!this.initiator) return;
    this.nonceI = randomNonce();
    this.send(envelope('auth', { n: this.nonceI }));
  }

  /** The channel closed before the handshake finished. */
  abort(reason: string): void {
    this.finish(false, reason);
  }

  receive(value: unknown): void {
    if (this.state !== 'running') return;
    const m = value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
    if (!m || m.$rtc !== 1) {
      this.finish(false, 'it sent something else than the handshake');
      return;
    }
    const nonce = typeof m.n === 'string' && NONCE.test(m.n) ? m.n : undefined;
    const proof = typeof m.p === 'string' && PROOF.test(m.p) ? m.p : undefined;
    if (this.initiator && this.step === 0 && m.t === 'auth' && nonce && proof) {
      this.nonceR = nonce;
      if (!sameHex(proof, this.auth.proof('R', this.nonceI!, nonce, this.idI, this.idR))) {
        this.finish(false, 'its proof of the room key is wrong');
        return;
      }
      this.step = 1;
      this.send(envelope('auth', { p: this.auth.proof('I', this.nonceI!, nonce, this.idI, this.idR) }));
    } else if (this.initiator && this.step === 1 && m.t === 'auth-ok') {
      this.finish(true, '');
    } else if (!this.initiator && this.step === 0 && m.t === 'auth' && nonce && !proof) {
      this.nonceI = nonce;
      this.nonceR = randomNonce();
      this.step = 1;
      this.send(envelope('auth', { n: this.nonceR, p: this.auth.proof('R', nonce, this.nonceR, this.idI, this.idR) }));
    } else if (!this.initiator && this.step === 1 && m.t === 'auth' && proof && !nonce) {
      if (!sameHex(proof, this.auth.proof('I', this.nonceI!, this.nonceR!, this.idI, this.idR))) {
        this.finish(false, 'its proof of the room key is wrong');
        return;
      }
      this.send(envelope('auth-ok'));
      this.finish(true, '');
    } else {
      this.finish(false, 'it broke the handshake');
    }
  }

  private send(value: unknown): void {
    try {
      this.channel.send(value);
    } catch {
      this.finish(false, AUTH_CLOSED);
    }
  }

  private finish(ok: boolean, reason: string): void {
    if (this.state !== 'running') return;
    this.state = ok ? 'ok' : 'failed';
    clearTimeout(this.timer);
    this.done(ok, reason);
  }
}
