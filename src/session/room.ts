/**
 * Rooms (small mesh groups) on a plain PeerServer, with no server changes.
 *
 * Discovery: the room "beacon" is a second PeerJS peer with the deterministic id
 * `rtcroom-<name>`. Whoever holds that id is the room host: members dial it (channel kind `room`),
 * and it answers every change with the member list `{t: 'members', peers}`. Members then connect
 * to each other directly (the lower peer id dials, so pairs never connect twice); the beacon only
 * introduces them. Elements on one page with the same peer id (an <rtc-chat> and an <rtc-call>)
 * each dial the beacon over their shared session; the host counts that peer once and answers
 * every one of its links. When the host leaves, its beacon id frees up: the member with the lowest id
 * claims it at once, the others retry after a short wait and find the new host. At most
 * MAX_ROOM_SIZE members; the beacon refuses more with `{t: 'room-full', peers}`.
 *
 * Trust: whoever holds the beacon id is believed only as far as a member can check. Its lists are
 * validated (peer ids, size, duplicates, the member itself listed) and bad ones dropped with
 * `invalid-data`; its `room-full` must be consistent with what it said before; members it names
 * are dialled only if `allow` admits them, and only so many per minute. With a room key
 * (./room-auth.ts) the beacon id is derived from the key, and host and members prove knowledge
 * of it to each other before the host's word counts or any member is shown or dialled.
 */
import type { PeerChannel, PeerSession, SessionOptions } from './peer-session.js';
import { RtcError } from '../core/errors.js';
import { MAX_ROOM_SIZE } from '../core/room-limits.js';
import { AUTH_CLOSED, AUTH_TIMEOUT_MS, Handshake, RoomAuth, privateBeaconId } from './room-auth.js';
import { Backoff } from '../core/backoff.js';
import { envelope } from './wire.js';
import { KEEPALIVE_MS, LINK_TIMEOUT_MS, parse } from './room-messages.js';
import { RoomHost } from './room-host.js';
import { MAX_PENDING_PROOFS, PROOF_RETRY_MS, bookFor, closeBook, forgetAbsent, pruneTried, remember, settleProof, type ProofBook } from './room-proofs.js';

export { MAX_ROOM_SIZE };
const RETRY_BASE_MS = 400;
const RETRY_MAX_MS = 8000;
/** Members other than the lowest id wait this long before trying to become host themselves. */
const SUCCESSION_WAIT_MS = 1500;
/**
 * A member dials at most DIAL_BURST members the host names at once, then one per DIAL_REFILL_MS:
 * a host cannot make members dial an unbounded number of peers, or the same ones in a loop.
 */
const DIAL_BURST = 2 * MAX_ROOM_SIZE;
const DIAL_REFILL_MS = 5000;
function slugOf(name: string): string | undefined {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug && slug.length <= 60 ? slug : undefined;
}

/**
 * The PeerJS id of a room's beacon, undefined for names that cannot be one: `rtcroom-<name>`, or
 * with a room key `rtcroom-` and 32 hex digits of SHA-256 over name and key (see ./room-auth.ts).
 */
export function beaconId(name: string, key?: string): string | undefined {
  const slug = slugOf(name);
  if (!slug) return undefined;
  return key ? privateBeaconId(slug, key) : `rtcroom-${slug}`;
}

/** Options of a room beyond its name. */
export interface RoomOptions {
  /** The room key (`room-key`): a private room. Empty or undefined: a public one. */
  key?: string;
}

export interface RoomCallbacks {
  /** The element's own session (its peer id is the member id). */
  session(): PeerSession | undefined;
  /** Options for the beacon session: same broker, key and ICE as the element. */
  options(): SessionOptions | undefined;
  /** The member list changed (own id included). */
  members(peers: string[], host: string | undefined): void;
  /**
   * Connect to this member (a chat connection, or a media call); called by the lower id of each
   * pair. True when it dialled, false when there was nothing to do (already connected).
   */
  dial(peer: string): boolean;
  /** Whether the element's `allow` admits `peer`. */
  allowed(peer: string): boolean;
  error(error: RtcError, peer?: string): void;
}

export class Room {
  readonly name: string;
  readonly beacon: string;
  stopped = false;
  /** Private room (`room-key`): the key, as the handshakes use it. */
  private readonly auth: RoomAuth | undefined;
  private link: PeerChannel | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelays = new Backoff(RETRY_BASE_MS, RETRY_MAX_MS, 200);
  /** Set while this element is the host (room-host.ts). */
  private host: RoomHost | undefined;
  /** The host's last valid member list (own id included). */
  private lastMembers: string[] = [];
  /** What the element was last told: the list without members `allow` refuses or that have not proven the key. */
  private shown: string[] = [];
  private shownHost: string | undefined;
  /** Peers whose refusal (peer-refused) or failed key proof (room-auth-failed) was reported. */
  private reported = new Set<string>();
  private authReported = new Set<string>();
  private lastInvalid = 0;
  private dialTokens = DIAL_BURST;
  private dialAt = Date.now();
  private book_: ProofBook | undefined;

  /** Throws an RtcError for a name that cannot be a room. */
  constructor(
    name: string,
    private readonly cb: RoomCallbacks,
    options: RoomOptions = {},
  ) {
    this.name = name;
    const slug = slugOf(name);
    if (!slug) throw new RtcError('invalid-attribute', `The room name "${name}" must contain letters or digits (at most 60).`);
    const key = options.key || undefined;
    this.beacon = beaconId(name, key)!;
    this.auth = key ? new RoomAuth(this.beacon, slug, key) : undefined;
  }

  get isHost(): boolean {
    return !!this.host?.isOpen;
  }
  get members(): string[] {
    return [...this.lastMembers];
  }
  get isPrivate(): boolean {
    return !!this.auth;
  }

  /**
   * Whether `peer` may exchange anything with this element as a room member: in a public room
   * anyone (`allow` aside); in a private one only a peer that proved the key.
   */
  admits(peer: string): boolean {
    return !this.auth || !!this.book()?.proven.has(peer);
  }

  /** @internal Whether `allow` admits `peer` (proof channels from others are closed). */
  allowsMember(peer: string): boolean {
    return !this.stopped && this.cb.allowed(peer);
  }

  /**
   * Notes that `peer` was refused; true the first time. The element asks before it reports a
   * refused connection or call, so each refused member is reported once, not per attempt.
   */
  firstRefusal(peer: string): boolean {
    if (this.reported.has(peer)) return false;
    remember(this.reported, peer);
    return true;
  }

  /** `allow` changed: members it refuses now leave the view (reported once), newly allowed ones are dialled. */
  allowChanged(): void {
    const readmitted = [...this.reported].filter((peer) => this.cb.allowed(peer));
    for (const peer of readmitted) this.reported.delete(peer);
    this.publish();
    // A lower id whose dial we refused does not try again by itself: this side dials it now.
    const own = this.cb.session()?.id ?? '';
    for (const peer of readmitted) if (peer < own && this.shown.includes(peer)) this.dial(peer);
  }

  /** Joins: dial the beacon, or become it when nobody holds it. */
  start(): void {
    if (this.stopped) return;
    const session = this.cb.session();
    if (this.link || this.host) return;
    // Not registered yet (or a new session after a reconnect): try again shortly.
    if (!session?.isOpen) {
      this.retry();
      return;
    }
    this.book(); // a private room answers key proofs from the start
    let channel: PeerChannel;
    try {
      channel = session.openDedicatedChannel(this.beacon, 'room', 'json');
    } catch (error) {
      this.cb.error(error instanceof RtcError ? error : new RtcError('connection-failed', String(error)));
      this.retry();
      return;
    }
    this.link = channel;
    channel.retain();
    let opened = false;
    let heard = 0;
    /** The host listed this member on this link: a room-full afterwards is a lie. */
    let listed = false;
    let handshake: Handshake | undefined;
    let trusted = false;
    const linked = () => {
      trusted = true;
      this.retryDelays.reset();
      heard = Date.now();
      clearInterval(this.linkTimer);
      this.linkTimer = setInterval(() => {
        if (this.link !== channel) {
          clearInterval(this.linkTimer);
          return;
        }
        // A host that stopped talking is gone: drop the link, and succession starts.
        if (Date.now() - heard > LINK_TIMEOUT_MS) {
          channel.close('timeout');
          return;
        }
        try {
          channel.send(envelope('alive'));
        } catch {
          /* the close handler takes over */
        }
      }, KEEPALIVE_MS);
    };
    channel.on('open', () => {
      opened = true;
      if (!this.auth) {
        linked();
        return;
      }
      // Private room: the host's word counts only once it proved the key (and we did).
      handshake = new Handshake(channel, this.auth, true, session.id ?? '', this.beacon, (ok, reason) => {
        if (ok) {
          linked();
          return;
        }
        if (reason !== AUTH_CLOSED)
          this.authFailed(this.beacon, `The host of the room "${this.name}" did not prove the room key (${reason}); it is not followed.`);
        channel.close('local');
      });
      handshake.start();
    });
    channel.on('data', (value) => {
      if (handshake?.state === 'running') {
        handshake.receive(value);
        return;
      }
      if (!trusted) return;
      heard = Date.now();
      const message = parse(value);
      const own = this.cb.session()?.id ?? '';
      if (message.t === 'alive') return;
      if (message.t === 'invalid') {
        this.invalid(`The host of the room "${this.name}" sent a bad message (${message.reason}); it was ignored.`);
      } else if (message.t === 'full') {
        // A host that listed us, or cannot show a full room without us, does not get obeyed.
        if (listed || !message.peers || message.peers.length < MAX_ROOM_SIZE || message.peers.includes(own)) {
          this.invalid(
            `The host of the room "${this.name}" says the room is full, but ${listed ? 'its own member list has this member in it' : 'it does not show the members that fill it'}; ignored.`,
          );
          return;
        }
        this.cb.error(new RtcError('room-full', `The room "${this.name}" already has ${MAX_ROOM_SIZE} members.`));
        this.stop();
      } else if (!message.peers.includes(own)) {
        this.invalid(`The host of the room "${this.name}" sent a member list without this member; it was ignored.`);
      } else {
        listed = true;
        this.apply(message.peers, message.host);
      }
    });
    channel.on('close', () => {
      handshake?.abort(AUTH_CLOSED);
      if (this.link === channel) clearInterval(this.linkTimer);
      this.link = undefined;
      if (this.stopped) return;
      // Nobody answered at the beacon id: take it. Lost the host: the lowest member takes it first.
      const own = this.cb.session()?.id ?? '';
      const others = this.lastMembers.filter((p) => p !== own && p !== this.hostOf());
      const first = !opened || others.every((p) => own < p);
      this.retryTimer = setTimeout(() => this.claimOrJoin(), first ? 0 : SUCCESSION_WAIT_MS);
    });
  }

  /** Member side: the keepalive of the link to the host. */
  private linkTimer: ReturnType<typeof setInterval> | undefined;

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.linkTimer);
    this.link?.close('local');
    this.link = undefined;
    this.resign();
    this.lastMembers = [];
    this.shown = [];
    this.leaveBook();
  }

  private hostId: string | undefined;
  private hostOf(): string | undefined {
    return this.hostId;
  }

  /** A valid member list from the host (or, hosting, our own). */
  private apply(peers: string[], host: string): void {
    this.hostId = host;
    this.lastMembers = peers;
    this.publish();
  }

  /**
   * Tells the element who is in the room, as far as it may know: members `allow` refuses are
   * reported (once) and left out, and in a private room so are members that have not proven the
   * key yet (the lower id of each pair starts that proof). Members new to the view are dialled.
   */
  private publish(): void {
    if (this.stopped) return;
    const own = this.cb.session()?.id;
    const book = this.book();
    const view: string[] = [];
    for (const peer of this.lastMembers) {
      if (peer === own) {
        view.push(peer);
        continue;
      }
      if (!this.cb.allowed(peer)) {
        if (this.firstRefusal(peer))
          this.cb.error(new RtcError('peer-refused', `Room member "${peer}" is not in allow: it is neither shown nor connected.`), peer);
        continue;
      }
      if (book && !book.proven.has(peer)) {
        if (own && own < peer) this.prove(book, peer);
        continue;
      }
      view.push(peer);
    }
    if (book) forgetAbsent(book);
    const changed = this.shownHost !== this.hostId || view.length !== this.shown.length || view.some((p, i) => p !== this.shown[i]);
    this.shown = view;
    this.shownHost = this.hostId;
    if (!changed) return; // the host's keepalive: nothing changed
    for (const peer of view) if (own && peer !== own && own < peer) this.dial(peer);
    this.cb.members([...view], this.hostId);
  }

  /** Dials a listed member, within the dial budget. */
  private dial(peer: string): void {
    if (!this.spend()) return;
    if (this.cb.dial(peer)) this.dialTokens--;
  }

  /** Whether the budget allows one more dial (it is charged by the caller); reports when it does not. */
  private spend(): boolean {
    const now = Date.now();
    this.dialTokens = Math.min(DIAL_BURST, this.dialTokens + (now - this.dialAt) / DIAL_REFILL_MS);
    this.dialAt = now;
    if (this.dialTokens >= 1) return true;
    this.invalid(
      `The host of the room "${this.name}" keeps naming new members; this member dials at most ${DIAL_BURST} at once and one more every ${DIAL_REFILL_MS / 1000} s.`,
    );
    return false;
  }

  /** Initiator: proves the key to `peer` (and has it prove it back) before it is shown or dialled. */
  private prove(book: ProofBook, peer: string): void {
    const session = this.cb.session();
    if (!session?.isOpen || book.pending.has(peer) || book.pending.size >= MAX_PENDING_PROOFS) return;
    if ((book.tried.get(peer) ?? 0) > Date.now()) return;
    if (!this.spend()) return;
    let channel: PeerChannel;
    try {
      channel = session.openDedicatedChannel(peer, 'room', 'json', { proof: this.beacon });
    } catch {
      return;
    }
    this.dialTokens--;
    book.tried.set(peer, Date.now() + PROOF_RETRY_MS);
    pruneTried(book);
    let opened = false;
    const handshake = new Handshake(channel, book.auth, true, session.id ?? '', peer, (ok, reason) =>
      settleProof(book, peer, channel, ok, reason, opened && reason !== AUTH_CLOSED, true),
    );
    book.pending.set(peer, { handshake, channel });
    // A member that is not there (yet) never opens the channel; that is no failed proof.
    const noAnswer = setTimeout(() => handshake.abort('no answer'), AUTH_TIMEOUT_MS);
    channel.on('open', () => {
      opened = true;
      clearTimeout(noAnswer);
      handshake.start();
    });
    channel.on('data', (value) => handshake.receive(value));
    channel.on('close', () => {
      clearTimeout(noAnswer);
      handshake.abort(AUTH_CLOSED);
    });
  }

  /** @internal A key proof with `peer` finished (on this page's session, for any element). */
  proofSettled(peer: string, ok: boolean, reason: string, report: boolean): void {
    if (this.stopped) return;
    if (ok) this.authReported.delete(peer);
    else if (report) this.authFailed(peer, `Room member "${peer}" did not prove the room key (${reason}); it was closed and is not shown.`);
    this.publish();
  }

  private book(): ProofBook | undefined {
    if (!this.auth || this.stopped) return undefined;
    const session = this.cb.session();
    if (!session || this.book_?.session === session) return this.book_;
    this.leaveBook();
    const book = bookFor(session, this.auth);
    book.rooms.add(this);
    this.book_ = book;
    return book;
  }

  private leaveBook(): void {
    const book = this.book_;
    this.book_ = undefined;
    if (!book) return;
    book.rooms.delete(this);
    if (book.rooms.size === 0) closeBook(book);
  }

  /** Bad data from the host: reported at most once a second, never followed. */
  private invalid(message: string): void {
    const now = Date.now();
    if (now - this.lastInvalid < 1000) return;
    this.lastInvalid = now;
    this.cb.error(new RtcError('invalid-data', message));
  }

  private authFailed(peer: string, message: string): void {
    if (this.authReported.has(peer)) return;
    remember(this.authReported, peer);
    this.cb.error(new RtcError('room-auth-failed', message), peer);
  }

  private claimOrJoin(): void {
    if (this.stopped || this.link || this.host) return;
    const options = this.cb.options();
    const own = this.cb.session();
    if (!options || !own?.isOpen) {
      this.retry();
      return;
    }
    const host = RoomHost.claim(
      {
        name: this.name,
        beacon: this.beacon,
        auth: this.auth,
        ownId: () => this.cb.session()?.id,
        allowed: (peer) => this.cb.allowed(peer),
        hosting: () => this.retryDelays.reset(),
        lost: () => {
          this.resign();
          this.retry();
        },
        members: (peers, host) => this.apply(peers, host),
        authFailed: (peer, message) => this.authFailed(peer, message),
      },
      options,
      own.id,
    );
    if (!host) {
      this.retry(); // join the host on this page
      return;
    }
    this.host = host;
    host.start();
  }

  private resign(): void {
    this.host?.close();
    this.host = undefined;
  }

  private retry(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    const delay = this.retryDelays.next();
    this.retryTimer = setTimeout(() => this.start(), delay);
  }
}
