/** <rtc-call>'s way in and out of a group call (`room`): loading its code, joining (camera first) and leaving. */
import type { CSSResult } from 'lit';
import { lazyModule } from '../core/lazy.js';
import { toRtcError, type RtcErrorType } from '../core/errors.js';
import { loadRoom } from '../session/room-loader.js';
import type { CallRoom, CallRoomHost } from './call-room.js';
import { prefetchCapture, type LocalMedia } from './local-media.js';

/** Group calls (`room`), once loaded: they load when `room` is first set (with the room discovery, in parallel). */
const loadCallRoom = lazyModule(() => Promise.all([import('./call-room.js'), loadRoom()]).then(([module]) => module));

/** The element's settings a room follows (its public properties). */
export interface RoomSettings {
  readonly room?: string;
  readonly roomKey?: string;
  readonly audioOnly: boolean;
  readonly isConnected: boolean;
}

/** What joining and leaving mean for the element. */
export interface RoomEntryHost {
  brokerOpen(): boolean;
  error(type: RtcErrorType, message: string): void;
  loadFailed(error: unknown): void;
  addStyles(styles: CSSResult): void;
  /** What the room may do with the element (all but `full`, which leaves). */
  roomHost(): Omit<CallRoomHost, 'full'>;
  /** A one-to-one call gives way to the room. */
  giveWay(): void;
  /** In the room now (connecting to its members once the camera is on). */
  entered(): void;
  /** The camera is on and the room's discovery runs. */
  joined(): void;
  /** Out of the room. */
  left(): void;
  /** The lobby (`lobby`) holds the entry: true when it took over; `go` on Join, `cancel` on Cancel. */
  hold?(go: () => void, cancel: () => void): boolean;
}

export class RoomEntry {
  /** The group call, from joining until leaving. */
  room: CallRoom | undefined;
  /** `hangup()` left the room (or it was full): stay out until `joinRoom()` or a new `room`. */
  out = false;

  constructor(
    private readonly el: RoomSettings,
    private readonly media: LocalMedia,
    private readonly host: RoomEntryHost,
  ) {}

  /**
   * Joins `room`: camera and microphone first (setting `room` is the page's consent), then the
   * room's discovery. The group call code (./call-room.ts) loads on first use.
   */
  enter(): void {
    const { el, host } = this;
    const name = el.room?.trim();
    if (!name || this.room || this.out || !host.brokerOpen()) return;
    const callRoom = loadCallRoom.loaded;
    if (!callRoom) {
      // Enter once the code is here, if the room is still wanted.
      prefetchCapture();
      loadCallRoom().then(
        () => {
          if (el.isConnected && el.room?.trim() === name) this.enter();
        },
        (error: unknown) => {
          host.loadFailed(error);
        },
      );
      return;
    }
    if (host.hold?.(this.resume, this.stay)) return;
    let room: CallRoom;
    try {
      const full = (): void => {
        // The room said no: leave it, release the camera, keep the message in the status line.
        this.out = true;
        this.leave();
      };
      room = new callRoom.CallRoom(name, { ...host.roomHost(), full }, el.roomKey || undefined);
    } catch (error) {
      const rtcError = toRtcError(error, 'invalid-attribute');
      host.error(rtcError.type, rtcError.message);
      return;
    }
    host.addStyles(callRoom.roomStyles);
    host.giveWay();
    this.room = room;
    host.entered();
    void this.media.start(undefined, !el.audioOnly).then(() => {
      if (this.room !== room) return;
      room.start();
      host.joined();
    });
  }

  /** The lobby's Join enters; its Cancel stays out (until `joinRoom()`), the same functions each time. */
  private readonly resume = (): void => this.enter();
  private readonly stay = (): void => {
    this.out = true;
  };

  /** Leaves the room: hangs up every member, stops the discovery and the camera. */
  leave(): void {
    const room = this.room;
    if (!room) return;
    this.room = undefined;
    room.leave();
    this.host.left();
  }
}
