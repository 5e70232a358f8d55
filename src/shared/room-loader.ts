import { lazy } from './lazy.js';
import type * as RoomModule from './room.js';

/** At most this many members per room (the beacon refuses more with `room-full`). */
export const MAX_ROOM_SIZE = 6;

/** The room discovery (room.ts), once loaded: elements load it when `room` is first set. */
export let roomModule: typeof RoomModule | undefined;

export const loadRoom = lazy(() => import('./room.js').then((module) => (roomModule = module)));
