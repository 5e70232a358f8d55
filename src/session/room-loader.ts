import { lazyModule } from '../core/lazy.js';

export { MAX_ROOM_SIZE } from '../core/room-limits.js';

/** The room discovery (room.ts): elements load it when `room` is first set; `loadRoom.loaded` once there. */
export const loadRoom = lazyModule(() => import('./room.js'));
