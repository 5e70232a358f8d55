/**
 * The host side of a room (see room.ts): a second session under the beacon id, which takes the
 * members' room links, counts each member peer id once (an element per link, at most
 * MAX_LINKS_PER_MEMBER), answers every change with the member list, refuses the member after
 * MAX_ROOM_SIZE with `room-full`, and drops members that went silent. In a private room a member is
 * counted (and told anything) only once it proved the key.
 */
import { acquireSession, releaseSession } from './registry.js';
import type { PeerChannel, PeerSession, SessionOptions } from './peer-session.js';
import { MAX_ROOM_SIZE } from '../core/room-limits.js';
import { AUTH_CLOSED, Handshake, type RoomAuth } from './room-auth.js';
import { envelope } from './wire.js';
import { KEEPALIVE_MS, LINK_TIMEOUT_MS } from './room-messages.js';
import { MAX_PENDING_PROOFS } from './room-proofs.js';

/**
 * Rooms hosted from this page, by broker + beacon id. Elements on one page share Peers through
 * the registry, so a second element must join the local host rather than "claim" the same beacon.
 */
const localHosts = new Map<string, RoomHost>();
/** Links the host keeps per member peer id (one per element on its page); more are closed. */
const MAX_LINKS_PER_MEMBER = 4;

/** The room a host serves. */
export interface HostedRoom {
  readonly name: string;
  readonly beacon: string;
  /** Private room (`room-key`): the key, as the handshakes use it. */
  readonly auth: RoomAuth | undefined;
  /** The element's own peer id. */
  ownId(): string | undefined;
  /** Whether the element's `allow` admits `peer`. */
  allowed(peer: string): boolean;
  /** The beacon session opened: this element is the host now. */
  hosting(): void;
  /** Somebody else holds the beacon id (or just took it): the element should join them instead. */
  lost(): void;
  /** The member list the host just told everybody (own id first). */
  members(peers: string[], host: string): void;
  authFailed(peer: string, message: string): void;
}

export class RoomHost {
  private readonly session: PeerSession;
  private offs: Array<() => void> = [];
  private closed = false;
  /** Repeats the member list and drops guests that went silent. */
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Guests by peer id: one link per element (a chat and a call with one peer id are one member). */
  private guests = new Map<string, Set<PeerChannel>>();
  /** Private room: links whose member is still proving the key. */
  private proving = new Set<PeerChannel>();
  private guestHeard = new WeakMap<PeerChannel, number>();

  /**
   * Claims the beacon id with a session like the element's (`options`); undefined when another
   * element of this page hosts the room already (join that one). Call start() next.
   */
  static claim(room: HostedRoom, options: SessionOptions, ownId: string | undefined): RoomHost | undefined {
    const key = `${JSON.stringify(options.broker ?? null)}|${options.key}|${room.beacon}`;
    const local = localHosts.get(key);
    if (local && !local.closed) return undefined;
    return new RoomHost(room, options, ownId, key);
  }

  private constructor(
    private readonly room: HostedRoom,
    options: SessionOptions,
    ownId: string | undefined,
    private readonly key: string,
  ) {
    localHosts.set(key, this);
    const session = acquireSession({ ...options, peerId: room.beacon, token: undefined });
    this.session = session;
    this.offs = [
      // The beacon takes room links only, from peers the element allows (the element's own id too).
      session.admit({ kinds: new Set(['room']), allows: (peer) => peer === ownId || room.allowed(peer) }),
      session.on('open', () => this.opened()),
      session.on('error', (error) => {
        if (!session.isOpen || error.type === 'unavailable-id') room.lost();
      }),
      session.on('channel', (channel) => this.guest(channel)),
    ];
  }

  get isOpen(): boolean {
    return this.session.isOpen;
  }

  /** Hosts at once if the beacon session is open already, or gives up if it failed. */
  start(): void {
    if (this.session.isOpen) this.opened();
    else if (this.session.state === 'error') this.room.lost();
  }

  /** Closes every guest link and releases the beacon id. */
  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (localHosts.get(this.key) === this) localHosts.delete(this.key);
    for (const off of this.offs) off();
    this.offs = [];
    for (const links of this.guests.values()) for (const channel of links) channel.close('local');
    this.guests.clear();
    for (const channel of [...this.proving]) channel.close('local');
    this.proving.clear();
    if (!this.closed) releaseSession(this.session);
    this.closed = true;
  }

  private opened(): void {
    this.room.hosting();
    clearInterval(this.timer);
    this.timer = setInterval(() => {
      const now = Date.now();
      for (const links of [...this.guests.values()]) {
        for (const channel of [...links]) if (now - (this.guestHeard.get(channel) ?? now) > LINK_TIMEOUT_MS) channel.close('timeout');
      }
      this.broadcast(); // doubles as the host's keepalive
    }, KEEPALIVE_MS);
    this.broadcast();
  }

  private guest(channel: PeerChannel): void {
    if (channel.kind !== 'room') {
      channel.close('local');
      return;
    }
    const { room } = this;
    let handshake: Handshake | undefined;
    const admit = () => {
      const own = room.ownId();
      const remote = channel.remote;
      const known = remote === own || this.guests.has(remote);
      const others = [...this.guests.keys()].filter((p) => p !== own);
      if (!known && others.length + 1 >= MAX_ROOM_SIZE) {
        // The members that fill the room: a member believes a room-full only with them.
        try {
          channel.send(envelope('room-full', { peers: [...(own ? [own] : []), ...others].slice(0, MAX_ROOM_SIZE) }));
        } catch {
          /* gone */
        }
        setTimeout(() => channel.close('local'), 200);
        return;
      }
      let links = this.guests.get(remote);
      if (!links) this.guests.set(remote, (links = new Set()));
      if (links.size >= MAX_LINKS_PER_MEMBER) {
        channel.close('local');
        return;
      }
      links.add(channel);
      this.guestHeard.set(channel, Date.now());
      this.broadcast();
    };
    channel.on('open', () => {
      if (!room.auth) {
        admit();
        return;
      }
      // Private room: a guest is counted (and told anything) only once it proved the key.
      if (this.proving.size >= MAX_PENDING_PROOFS) {
        channel.close('local');
        return;
      }
      this.proving.add(channel);
      handshake = new Handshake(channel, room.auth, false, channel.remote, room.beacon, (ok, reason) => {
        this.proving.delete(channel);
        if (ok) {
          admit();
          return;
        }
        if (reason !== AUTH_CLOSED)
          room.authFailed(channel.remote, `"${channel.remote}" did not prove the key of the room "${room.name}" to its host (${reason}); it was closed.`);
        channel.close('local');
      });
      handshake.start();
    });
    channel.on('close', () => {
      handshake?.abort(AUTH_CLOSED);
      this.proving.delete(channel);
      const links = this.guests.get(channel.remote);
      if (!links?.delete(channel)) return;
      if (links.size === 0) this.guests.delete(channel.remote);
      this.broadcast();
    });
    // Members only say they are alive; whatever they send counts as that.
    channel.on('data', (value) => {
      if (handshake?.state === 'running') {
        handshake.receive(value);
        return;
      }
      this.guestHeard.set(channel, Date.now());
    });
  }

  /** Tells everybody (and the element) who is in the room. */
  private broadcast(): void {
    const own = this.room.ownId();
    if (!own || this.closed) return;
    // Another element of this page with the host's own peer id links in too: it is not a second member.
    const peers = [own, ...[...this.guests.keys()].filter((p) => p !== own)];
    const message = envelope('members', { peers, host: own });
    for (const links of this.guests.values()) {
      for (const channel of links) {
        try {
          channel.send(message);
        } catch {
          /* its close handler updates the list */
        }
      }
    }
    this.room.members(peers, own);
  }
}
