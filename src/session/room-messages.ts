/** The room link: its keepalive, and what a member reads from the host on it, validated (see room.ts: Trust). */
import { isPeerId } from '../core/config.js';
import { MAX_ROOM_SIZE } from '../core/room-limits.js';

/**
 * Room links carry a keepalive both ways: the host repeats the member list and members say
 * "alive". A page that vanishes without closing its connections (crash, killed tab, lost network)
 * is otherwise only noticed when ICE gives up, which can take half a minute or more; meanwhile
 * members would follow a host that is gone, and the host would list members that are gone.
 */
export const KEEPALIVE_MS = 3000;
export const LINK_TIMEOUT_MS = 10000;

export type RoomMessage =
  { t: 'members'; peers: string[]; host: string } | { t: 'full'; peers: string[] | undefined } | { t: 'alive' } | { t: 'invalid'; reason: string };

/** A list of distinct valid peer ids, at most MAX_ROOM_SIZE; otherwise why not. */
function peerList(value: unknown): string[] | string {
  if (!Array.isArray(value)) return 'the member list is not a list';
  if (value.length > MAX_ROOM_SIZE) return `it names ${value.length} members (at most ${MAX_ROOM_SIZE})`;
  const seen = new Set<string>();
  for (const peer of value) {
    if (typeof peer !== 'string' || !isPeerId(peer)) return 'it names an invalid peer id';
    if (peer.startsWith('rtcroom-')) return 'it names a room beacon as a member';
    if (seen.has(peer)) return `it names "${peer}" twice`;
    seen.add(peer);
  }
  return [...seen];
}

export function parse(value: unknown): RoomMessage {
  if (!value || typeof value !== 'object') return { t: 'invalid', reason: 'not an object' };
  const record = value as Record<string, unknown>;
  if (record.$rtc !== 1) return { t: 'invalid', reason: 'not a room message' };
  if (record.t === 'alive') return { t: 'alive' };
  if (record.t === 'room-full') {
    const peers = record.peers === undefined ? undefined : peerList(record.peers);
    if (typeof peers === 'string') return { t: 'invalid', reason: `its room-full is malformed (${peers})` };
    return { t: 'full', peers };
  }
  if (record.t !== 'members') return { t: 'invalid', reason: 'an unknown message type' };
  const peers = peerList(record.peers);
  if (typeof peers === 'string') return { t: 'invalid', reason: peers };
  if (typeof record.host !== 'string' || !peers.includes(record.host)) return { t: 'invalid', reason: 'its host is not on its member list' };
  return { t: 'members', peers, host: record.host };
}
