/** <rtc-chat>'s `room`: joins it (session/room.ts, loaded on first use), dials members, fires join and leave. */
import type { RtcDisconnectReason } from '../core/events.js';
import { toRtcError } from '../core/errors.js';
import type { Room, RoomCallbacks } from '../session/room.js';
import { loadRoom } from '../session/room-loader.js';
import { RtcPeerJoinEvent, RtcPeerLeaveEvent } from './rtc-chat.events.js';

/** The element's public side that the room uses. */
export interface RoomHost extends HTMLElement {
  readonly room?: string;
  readonly roomKey?: string;
  readonly remote?: string;
  requestUpdate(): void;
  connect(peer: string): Promise<void>;
  disconnect(peer: string): void;
}

/** What the room asks of the element; `session`, `options`, `allowed` and `error` go to the Room as they are. */
export interface RoomHooks extends Pick<RoomCallbacks, 'session' | 'options' | 'allowed' | 'error'> {
  /** Peers connected now. */
  peers(): string[];
  /** A channel to `peer` is held (open or opening). */
  holds(peer: string): boolean;
  brokerOpen(): boolean;
  loadFailed(error: unknown): void;
}

export class ChatRoom {
  link: Room | undefined;
  /** The member list as the host last announced it. */
  list: string[] = [];
  /** Members that got rtc-peer-join, so each gets exactly one rtc-peer-leave. */
  private joined = new Set<string>();

  constructor(
    private readonly host: RoomHost,
    private readonly hooks: RoomHooks,
  ) {}

  /** Members of the room, own id first. */
  get members(): string[] {
    if (!this.link) return [];
    const own = this.hooks.session()?.id;
    return [...(own ? [own] : []), ...this.hooks.peers().filter((p) => this.list.includes(p))];
  }

  join(): void {
    const { host, hooks } = this;
    const name = host.room?.trim();
    if (!name || this.link) return;
    const roomModule = loadRoom.loaded;
    if (!roomModule) {
      // The room code loads on first use; join once it is here, if the room is still wanted.
      loadRoom().then(
        () => {
          if (!host.isConnected || host.room?.trim() !== name || !hooks.brokerOpen()) return;
          this.join();
          (this.link as Room | undefined)?.start();
        },
        (error: unknown) => hooks.loadFailed(error),
      );
      return;
    }
    try {
      this.link = new roomModule.Room(
        name,
        {
          session: hooks.session,
          options: hooks.options,
          members: (peers) => {
            const before = this.list;
            this.list = peers;
            host.requestUpdate();
            // Members already connected count as joined once the host lists them.
            for (const peer of peers) if (!before.includes(peer) && hooks.peers().includes(peer)) this.up(peer);
          },
          allowed: hooks.allowed,
          dial: (peer) => {
            if (hooks.peers().includes(peer) || hooks.holds(peer)) return false;
            host.connect(peer).catch(() => {
              /* the next member list dials again */
            });
            return true;
          },
          error: hooks.error,
        },
        { key: host.roomKey || undefined },
      );
      this.link.start();
    } catch (error) {
      hooks.error(toRtcError(error, 'invalid-attribute'));
    }
  }

  /** `peer` is connected: a listed member joined. */
  up(peer: string): void {
    if (!this.link || !this.list.includes(peer) || this.joined.has(peer) || peer === this.hooks.session()?.id) return;
    this.joined.add(peer);
    this.host.dispatchEvent(new RtcPeerJoinEvent({ peer, room: this.link.name }));
  }

  /** `peer`'s last channel closed: a member that joined leaves (the host may have dropped it from its list a moment earlier). */
  down(peer: string, reason: RtcDisconnectReason): void {
    if (!this.link || !this.joined.delete(peer)) return;
    this.host.dispatchEvent(new RtcPeerLeaveEvent({ peer, room: this.link.name }));
    // A member whose link broke but who is still in the room gets redialled (by the lower id).
    const own = this.hooks.session()?.id ?? '';
    if (reason !== 'local' && own < peer) {
      setTimeout(() => {
        if (this.link && this.list.includes(peer) && !this.hooks.peers().includes(peer) && !this.hooks.holds(peer)) this.host.connect(peer).catch(() => {});
      }, 1500);
    }
  }

  leave(): void {
    if (!this.link) return;
    this.joined.clear();
    this.link.stop();
    for (const peer of this.list) if (peer !== this.host.remote?.trim()) this.host.disconnect(peer);
    this.link = undefined;
    this.list = [];
    this.host.requestUpdate();
  }
}
