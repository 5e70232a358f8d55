/** At most this many members per room (the beacon refuses more with `room-full`). */
export const MAX_ROOM_SIZE = 6;
