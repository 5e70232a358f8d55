import { lazy } from './lazy.js';
import type * as RoomModule from './room.js';

export { MAX_ROOM_SIZE } from './room-limits.js';

/** The room discovery (room.ts), once loaded: elements load it when `room` is first set. */
export let roomModule: typeof RoomModule | undefined;

export const loadRoom = lazy(() => import('./room.js').then((module) => (roomModule = module)));
