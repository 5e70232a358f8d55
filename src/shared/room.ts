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
 * MAX_ROOM_SIZE members; the beacon refuses more with `{t: 'room-full'}`.
 */
import { acquireSession, releaseSession } from '../session/registry.js';
import type { PeerChannel, PeerSession, SessionOptions } from '../session/peer-session.js';
import { RtcError } from './errors.js';
import { MAX_ROOM_SIZE } from './room-loader.js';

export { MAX_ROOM_SIZE };
/**
 * Rooms hosted from this page, by broker + beacon id. Elements on one page share Peers through
 * the registry, so a second element must join the local host rather than "claim" the same beacon.
 */
const localHosts = new Map<string, Room>();
const RETRY_BASE_MS = 400;
const RETRY_MAX_MS = 8000;
/** Members other than the lowest id wait this long before trying to become host themselves. */
const SUCCESSION_WAIT_MS = 1500;
/** Links the host keeps per member peer id (one per element on its page); more are closed. */
const MAX_LINKS_PER_MEMBER = 4;
/**
 * Room links carry a keepalive both ways: the host repeats the member list and members say
 * "alive". A page that vanishes without closing its connections (crash, killed tab, lost network)
 * is otherwise only noticed when ICE gives up, which can take half a minute or more; meanwhile
 * members would follow a host that is gone, and the host would list members that are gone.
 */
const KEEPALIVE_MS = 3000;
const LINK_TIMEOUT_MS = 10000;

/** `rtcroom-<name>`: the PeerJS id of a room's beacon; undefined for names that cannot be one. */
export function beaconId(name: string): string | undefined {
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (!slug || slug.length > 60) return undefined;
  return `rtcroom-${slug}`;
}

export interface RoomCallbacks {
  /** The element's own session (its peer id is the member id). */
  session(): PeerSession | undefined;
  /** Options for the beacon session: same broker, key and ICE as the element. */
  options(): SessionOptions | undefined;
  /** The member list changed (own id included). */
  members(peers: string[], host: string | undefined): void;
  /** Connect to this member (a chat connection, or a media call); called by the lower id of each pair. */
  dial(peer: string): void;
  error(error: RtcError): void;
  /** The element's `allow` (absent: everybody); the beacon admits only these. */
  allowed?(peer: string): boolean;
}

interface RoomMessage { t: 'members'; peers: string[]; host: string }

function parse(value: unknown): RoomMessage | 'full' | 'alive' | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (record.$rtc !== 1) return undefined;
  if (record.t === 'room-full') return 'full';
  if (record.t === 'alive') return 'alive';
  if (record.t !== 'members' || !Array.isArray(record.peers) || typeof record.host !== 'string') return undefined;
  const peers = record.peers.filter((p): p is string => typeof p === 'string' && /^[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*$/.test(p)).slice(0, MAX_ROOM_SIZE);
  return { t: 'members', peers, host: record.host };
}

export class Room {
  readonly name: string;
  readonly beacon: string;
  stopped = false;
  private link: PeerChannel | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  /** Set while this element is the host. */
  private hostSession: PeerSession | undefined;
  private hostOffs: Array<() => void> = [];
  /** Guests by peer id: one link per element (a chat and a call with one peer id are one member). */
  private guests = new Map<string, Set<PeerChannel>>();
  private lastMembers: string[] = [];

  constructor(name: string, private readonly cb: RoomCallbacks) {
    this.name = name;
    const id = beaconId(name);
    if (!id) throw new RtcError('invalid-attribute', `The room name "${name}" must contain letters or digits (at most 60).`);
    this.beacon = id;
  }

  get isHost(): boolean { return !!this.hostSession?.isOpen; }
  get members(): string[] { return [...this.lastMembers]; }

  /** Joins: dial the beacon, or become it when nobody holds it. */
  start(): void {
    if (this.stopped) return;
    const session = this.cb.session();
    if (this.link || this.hostSession) return;
    // Not registered yet (or a new session after a reconnect): try again shortly.
    if (!session?.isOpen) { this.retry(); return; }
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
    channel.on('open', () => {
      opened = true;
      this.attempt = 0;
      heard = Date.now();
      clearInterval(this.linkTimer);
      this.linkTimer = setInterval(() => {
        if (this.link !== channel) { clearInterval(this.linkTimer); return; }
        // A host that stopped talking is gone: drop the link, and succession starts.
        if (Date.now() - heard > LINK_TIMEOUT_MS) { channel.close('timeout'); return; }
        try { channel.send({ $rtc: 1, t: 'alive' }); } catch { /* the close handler takes over */ }
      }, KEEPALIVE_MS);
    });
    channel.on('data', (value) => {
      heard = Date.now();
      const message = parse(value);
      if (message === 'alive') return;
      if (message === 'full') {
        this.cb.error(new RtcError('room-full', `The room "${this.name}" already has ${MAX_ROOM_SIZE} members.`));
        this.stop();
        return;
      }
      if (message) this.apply(message.peers, message.host);
    });
    channel.on('close', () => {
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
  /** Host side: repeats the member list and drops guests that went silent. */
  private hostTimer: ReturnType<typeof setInterval> | undefined;
  private guestHeard = new WeakMap<PeerChannel, number>();

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.linkTimer);
    this.link?.close('local');
    this.link = undefined;
    this.resign();
    this.lastMembers = [];
  }

  private hostId: string | undefined;
  private hostOf(): string | undefined { return this.hostId; }

  private apply(peers: string[], host: string): void {
    const repeat = host === this.hostId && peers.length === this.lastMembers.length && peers.every((p, i) => p === this.lastMembers[i]);
    this.hostId = host;
    this.lastMembers = peers;
    if (repeat) return; // the host's keepalive: nothing changed
    const own = this.cb.session()?.id;
    for (const peer of peers) if (own && peer !== own && own < peer) this.cb.dial(peer);
    this.cb.members([...peers], host);
  }

  private claimOrJoin(): void {
    if (this.stopped || this.link || this.hostSession) return;
    const options = this.cb.options();
    const own = this.cb.session();
    if (!options || !own?.isOpen) { this.retry(); return; }
    const hostKey = `${JSON.stringify(options.broker ?? null)}|${options.key}|${this.beacon}`;
    const local = localHosts.get(hostKey);
    if (local && local !== this && !local.stopped) { this.retry(); return; } // join the host on this page
    localHosts.set(hostKey, this);
    this.hostKey = hostKey;
    const beaconSession = acquireSession({ ...options, peerId: this.beacon, token: undefined });
    this.hostSession = beaconSession;
    const fail = () => {
      // Somebody else holds the beacon id (or just took it): join them instead.
      this.resign();
      this.retry();
    };
    this.hostOffs = [
      // The beacon takes room links only, from peers the element allows (the element's own id too).
      beaconSession.admit({ kinds: new Set(['room']), allows: (peer) => peer === own.id || (this.cb.allowed?.(peer) ?? true) }),
      beaconSession.on('open', () => this.becameHost()),
      beaconSession.on('error', (error) => { if (!beaconSession.isOpen || error.type === 'unavailable-id') fail(); }),
      beaconSession.on('channel', (channel) => this.guest(channel)),
    ];
    if (beaconSession.isOpen) this.becameHost();
    else if (beaconSession.state === 'error') fail();
  }

  private becameHost(): void {
    this.attempt = 0;
    clearInterval(this.hostTimer);
    this.hostTimer = setInterval(() => {
      const now = Date.now();
      for (const links of [...this.guests.values()]) {
        for (const channel of [...links]) if (now - (this.guestHeard.get(channel) ?? now) > LINK_TIMEOUT_MS) channel.close('timeout');
      }
      this.broadcast(); // doubles as the host's keepalive
    }, KEEPALIVE_MS);
    this.broadcast();
  }

  private guest(channel: PeerChannel): void {
    if (channel.kind !== 'room') { channel.close('local'); return; }
    channel.on('open', () => {
      const own = this.cb.session()?.id;
      const remote = channel.remote;
      const known = remote === own || this.guests.has(remote);
      const others = [...this.guests.keys()].filter((p) => p !== own).length;
      if (!known && others + 1 >= MAX_ROOM_SIZE) {
        try { channel.send({ $rtc: 1, t: 'room-full' }); } catch { /* gone */ }
        setTimeout(() => channel.close('local'), 200);
        return;
      }
      let links = this.guests.get(remote);
      if (!links) this.guests.set(remote, (links = new Set()));
      if (links.size >= MAX_LINKS_PER_MEMBER) { channel.close('local'); return; }
      links.add(channel);
      this.guestHeard.set(channel, Date.now());
      this.broadcast();
    });
    channel.on('close', () => {
      const links = this.guests.get(channel.remote);
      if (!links?.delete(channel)) return;
      if (links.size === 0) this.guests.delete(channel.remote);
      this.broadcast();
    });
    // Members only say they are alive; whatever they send counts as that.
    channel.on('data', () => { this.guestHeard.set(channel, Date.now()); });
  }

  /** Host: tells everybody (and itself) who is in the room. */
  private broadcast(): void {
    const own = this.cb.session()?.id;
    if (!own || !this.hostSession) return;
    // Another element of this page with the host's own peer id links in too: it is not a second member.
    const peers = [own, ...[...this.guests.keys()].filter((p) => p !== own)];
    const message = { $rtc: 1, t: 'members', peers, host: own };
    for (const links of this.guests.values()) {
      for (const channel of links) {
        try { channel.send(message); } catch { /* its close handler updates the list */ }
      }
    }
    this.apply(peers, own);
  }

  private hostKey: string | undefined;

  private resign(): void {
    clearInterval(this.hostTimer);
    this.hostTimer = undefined;
    if (this.hostKey && localHosts.get(this.hostKey) === this) localHosts.delete(this.hostKey);
    this.hostKey = undefined;
    for (const off of this.hostOffs) off();
    this.hostOffs = [];
    for (const links of this.guests.values()) for (const channel of links) channel.close('local');
    this.guests.clear();
    if (this.hostSession) releaseSession(this.hostSession);
    this.hostSession = undefined;
  }

  private retry(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** this.attempt) + Math.random() * 200;
    this.attempt++;
    this.retryTimer = setTimeout(() => this.start(), delay);
  }
}
