// The room discovery moved to src/shared/room.ts (both <rtc-chat> and <rtc-call> use it).
export { MAX_ROOM_SIZE, Room, beaconId, type RoomCallbacks } from '../shared/room.js';
