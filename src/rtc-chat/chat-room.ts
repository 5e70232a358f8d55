/**
 * <rtc-chat>'s `room`: joins it, dials members, admits (or refuses) their connections, fires join
 * and leave. Loaded on first use together with the room discovery (session/room.ts), so a chat
 * without `room` never fetches either.
 */
import type { RtcDisconnectReason } from '../core/events.js';
import { RtcError, toRtcError } from '../core/errors.js';
import type { PeerChannel } from '../session/peer-session.js';
import { Room, type RoomCallbacks } from '../session/room.js';
import { RtcPeerJoinEvent, RtcPeerLeaveEvent } from './rtc-chat.events.js';

/** The element's public side that the room reads and drives. */
export interface ChatRoomElement extends HTMLElement {
  readonly room?: string;
  readonly roomKey?: string;
  readonly remote?: string;
  requestUpdate(): void;
  connect(peer: string): Promise<void>;
  disconnect(peer: string): void;
}

/** What the room asks of the element; `session`, `options`, `allowed` and `error` go to the Room as they are. */
export interface ChatRoomHooks extends Pick<RoomCallbacks, 'session' | 'options' | 'allowed' | 'error'> {
  /** Peers connected now. */
  peers(): string[];
  /** A channel to `peer` is held (open or opening). */
  holds(peer: string): boolean;
}

export class ChatRoom {
  link: Room | undefined;
  /** The member list as the host last announced it. */
  private list: string[] = [];
  /** Members that got rtc-peer-join, so each gets exactly one rtc-peer-leave. */
  private joined = new Set<string>();

  constructor(
    private readonly el: ChatRoomElement,
    private readonly hooks: ChatRoomHooks,
  ) {}

  /** Members of the room, own id first. */
  get members(): string[] {
    if (!this.link) return [];
    const own = this.hooks.session()?.id;
    return [...(own ? [own] : []), ...this.hooks.peers().filter((p) => this.list.includes(p))];
  }

  /** Joins `name` (the element's `room`) and starts its discovery. */
  join(name: string): void {
    const { el, hooks } = this;
    if (this.link) return;
    try {
      this.link = new Room(
        name,
        {
          session: hooks.session,
          options: hooks.options,
          members: (peers) => {
            const before = this.list;
            this.list = peers;
            el.requestUpdate();
            // Members already connected count as joined once the host lists them.
            for (const peer of peers) if (!before.includes(peer) && hooks.peers().includes(peer)) this.up(peer);
          },
          allowed: hooks.allowed,
          dial: (peer) => {
            if (hooks.peers().includes(peer) || hooks.holds(peer)) return false;
            el.connect(peer).catch(() => {
              /* the next member list dials again */
            });
            return true;
          },
          error: hooks.error,
        },
        { key: el.roomKey || undefined },
      );
      this.link.start();
    } catch (error) {
      hooks.error(toRtcError(error, 'invalid-attribute'));
    }
  }

  /** Notes that `peer` was refused; true the first time (a refused member is reported once). */
  firstRefusal(peer: string): boolean {
    return !this.link || this.link.firstRefusal(peer);
  }

  /**
   * A private room: nothing flows with a peer before it proved the room key (`remote` aside).
   * Closes and reports (once) a channel from a peer that has not; true if it did.
   */
  refuses(channel: PeerChannel): boolean {
    const { link } = this;
    const peer = channel.remote;
    if (!link || link.admits(peer) || peer === this.el.remote?.trim()) return false;
    channel.close('local');
    if (link.firstRefusal(peer))
      this.hooks.error(
        new RtcError('room-auth-failed', `A connection from "${peer}" was refused: it has not proven the key of the room "${link.name}".`),
        peer,
      );
    return true;
  }

  /** `peer` is connected: a listed member joined. */
  up(peer: string): void {
    if (!this.link || !this.list.includes(peer) || this.joined.has(peer) || peer === this.hooks.session()?.id) return;
    this.joined.add(peer);
    this.el.dispatchEvent(new RtcPeerJoinEvent({ peer, room: this.link.name }));
  }

  /** `peer`'s last channel closed: a member that joined leaves (the host may have dropped it from its list a moment earlier). */
  down(peer: string, reason: RtcDisconnectReason): void {
    if (!this.link || !this.joined.delete(peer)) return;
    this.el.dispatchEvent(new RtcPeerLeaveEvent({ peer, room: this.link.name }));
    // A member whose link broke but who is still in the room gets redialled (by the lower id).
    const own = this.hooks.session()?.id ?? '';
    if (reason !== 'local' && own < peer) {
      setTimeout(() => {
        if (this.link && this.list.includes(peer) && !this.hooks.peers().includes(peer) && !this.hooks.holds(peer)) this.el.connect(peer).catch(() => {});
      }, 1500);
    }
  }

  leave(): void {
    if (!this.link) return;
    this.joined.clear();
    this.link.stop();
    for (const peer of this.list) if (peer !== this.el.remote?.trim()) this.el.disconnect(peer);
    this.link = undefined;
    this.list = [];
    this.el.requestUpdate();
  }
}
