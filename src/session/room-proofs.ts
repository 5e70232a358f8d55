/**
 * Private rooms: the key proofs between members, kept per session and beacon in a ProofBook so
 * an <rtc-chat> and an <rtc-call> of one page (one session) prove once for both. Proofs with the
 * host run on the room link itself (room.ts).
 */
import { MAX_ROOM_SIZE } from '../core/room-limits.js';
import type { PeerChannel, PeerSession } from './peer-session.js';
import { AUTH_CLOSED, Handshake, type RoomAuth } from './room-auth.js';

/** Handshakes (private rooms) in flight per session and room, both directions together. */
export const MAX_PENDING_PROOFS = 2 * MAX_ROOM_SIZE;
/** Peers whose refusal was reported, remembered so each is reported once (bounded for hostile hosts). */
const MAX_REPORTED = 64;

/** What a book needs of a Room (room.ts) that uses it. */
export interface ProofMember {
  /** The room's last member list. */
  readonly members: string[];
  allowsMember(peer: string): boolean;
  proofSettled(peer: string, ok: boolean, reason: string, report: boolean): void;
}

/**
 * The key proofs between members of a private room, per session (peer id) and beacon: an
 * <rtc-chat> and an <rtc-call> of one page share their session, so one proof serves both.
 */
export interface ProofBook {
  readonly session: PeerSession;
  readonly auth: RoomAuth;
  readonly proven: Set<string>;
  /** Handshakes in flight, by peer, with their channels. */
  readonly pending: Map<string, { handshake: Handshake; channel: PeerChannel }>;
  readonly rooms: Set<ProofMember>;
  /** When each peer may be asked to prove the key again (after a proof that failed or got no answer). */
  readonly tried: Map<string, number>;
  /** Proven peers no list names, since when. */
  readonly absent: Map<string, number>;
  off: () => void;
}
const books = new WeakMap<PeerSession, Map<string, ProofBook>>();

/** A member that failed (or did not answer) a key proof is asked again after this long at the earliest. */
export const PROOF_RETRY_MS = 5000;
const PROOF_RETRY_AFTER_FAILURE_MS = 30000;
/** A proven member the room's lists have not named for this long has to prove the key again. */
const PROOF_FORGET_MS = 30000;

export function bookFor(session: PeerSession, auth: RoomAuth): ProofBook {
  let byBeacon = books.get(session);
  if (!byBeacon) books.set(session, (byBeacon = new Map()));
  let book = byBeacon.get(auth.beacon);
  if (!book) {
    const created: ProofBook = { session, auth, proven: new Set(), pending: new Map(), rooms: new Set(), tried: new Map(), absent: new Map(), off: () => {} };
    // The gate admits proof channels (kind `room` on a member's own session) from peers a room allows.
    const offChannel = session.on('channel', (channel) => acceptProof(created, channel));
    const offAdmit = session.admit({ kinds: new Set(['room']), allows: (peer) => [...created.rooms].some((room) => room.allowsMember(peer)) });
    created.off = () => {
      offChannel();
      offAdmit();
    };
    byBeacon.set(auth.beacon, (book = created));
  }
  return book;
}

export function closeBook(book: ProofBook): void {
  book.off();
  for (const { channel } of book.pending.values()) channel.close('local');
  book.pending.clear();
  const byBeacon = books.get(book.session);
  if (byBeacon?.get(book.auth.beacon) === book) byBeacon.delete(book.auth.beacon);
}

/** Responder: a member with a lower id proves the key to us (and we to it) on a `room` channel. */
function acceptProof(book: ProofBook, channel: PeerChannel): void {
  const meta = channel.metadata;
  if (channel.kind !== 'room' || !meta || typeof meta !== 'object' || (meta as Record<string, unknown>).proof !== book.auth.beacon) return;
  const peer = channel.remote;
  const rooms = [...book.rooms];
  // Refused peers are reported by the member lists that name them; a stranger is just closed.
  if (!rooms.some((room) => room.allowsMember(peer)) || book.pending.has(peer) || book.pending.size >= MAX_PENDING_PROOFS) {
    channel.close('local');
    return;
  }
  const handshake = new Handshake(channel, book.auth, false, peer, book.session.id ?? '', (ok, reason) =>
    settleProof(book, peer, channel, ok, reason, reason !== AUTH_CLOSED, false),
  );
  book.pending.set(peer, { handshake, channel });
  channel.on('data', (value) => handshake.receive(value));
  channel.on('close', () => handshake.abort(AUTH_CLOSED));
  handshake.start();
}

/** Keeps the retry times bounded when many peers fail (stale ones go first, then the oldest). */
export function pruneTried(book: ProofBook): void {
  if (book.tried.size <= MAX_REPORTED) return;
  const now = Date.now();
  for (const [peer, until] of book.tried) if (until < now) book.tried.delete(peer);
  while (book.tried.size > MAX_REPORTED) book.tried.delete(book.tried.keys().next().value!);
}

export function settleProof(book: ProofBook, peer: string, channel: PeerChannel, ok: boolean, reason: string, report: boolean, initiator: boolean): void {
  if (book.pending.get(peer)?.channel === channel) book.pending.delete(peer);
  if (ok) {
    book.proven.add(peer);
    book.absent.delete(peer);
  } else {
    book.tried.set(peer, Date.now() + (report ? PROOF_RETRY_AFTER_FAILURE_MS : PROOF_RETRY_MS));
    pruneTried(book);
  }
  // The initiator closes a finished proof channel; a responder's closes in any case a bit later.
  if (!ok || initiator) channel.close('local');
  else setTimeout(() => channel.close('local'), 5000);
  for (const room of [...book.rooms]) room.proofSettled(peer, ok, reason, report);
}

/** Proofs of peers no list has named for a while count no more (an id can change hands on the broker). */
export function forgetAbsent(book: ProofBook): void {
  const now = Date.now();
  for (const peer of book.proven) {
    if ([...book.rooms].some((room) => room.members.includes(peer))) {
      book.absent.delete(peer);
      continue;
    }
    const since = book.absent.get(peer);
    if (since === undefined) book.absent.set(peer, now);
    else if (now - since > PROOF_FORGET_MS) {
      book.proven.delete(peer);
      book.absent.delete(peer);
    }
  }
}

/** Adds to a bounded set of reported peers (the oldest goes first). */
export function remember(set: Set<string>, peer: string): void {
  if (set.size >= MAX_REPORTED) set.delete(set.values().next().value!);
  set.add(peer);
}
