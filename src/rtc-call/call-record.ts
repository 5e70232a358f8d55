/** <rtc-call>'s bookkeeping of one call (types only: shared by the element and its lazy parts). */
import type { PeerCall, PeerChannel } from '../session/peer-session.js';
import type { Unsubscribe } from '../core/emitter.js';
import type { RtcError } from '../core/errors.js';
import type { CallMetadata, ControlMessage, RateLimiter } from './call-protocol.js';
import type { StatsSnapshot } from './call-stats.js';
import type { CallEndReason, CallOutcome, CallQuality } from './rtc-call.events.js';
import type { RemoteMedia } from './tiles.js';

export type { RemoteMedia } from './tiles.js';

/** What a record needs of its room (call-room.ts's CallRoom); a room member's call has one. */
export interface RecordRoom {
  connected(rec: CallRecord): void;
  ended(rec: CallRecord, reason: CallEndReason): void;
}

export interface CallRecord {
  peer: string;
  outgoing: boolean;
  call?: PeerCall;
  meta: CallMetadata;
  connected: boolean;
  ended: boolean;
  channel?: PeerChannel;
  channelOffs: Unsubscribe[];
  callOffs: Unsubscribe[];
  outbox: ControlMessage[];
  /** The remote side has sent a valid control message (it speaks the protocol; heartbeats count). */
  remoteSpoke: boolean;
  lastHeard: number;
  lastTick: number;
  timers: Array<ReturnType<typeof setTimeout>>;
  heartbeat?: ReturnType<typeof setInterval>;
  iceTimer?: ReturnType<typeof setTimeout>;
  waiters: Array<(outcome: CallOutcome) => void>;
  remoteStream?: MediaStream;
  failure?: RtcError;
  limiter: RateLimiter;
  rateReportedAt: number;
  statsPrevious?: StatsSnapshot;
  /** The quality level of its last statistics reading (what the indicator on its tile shows). */
  quality?: CallQuality;
  sentState?: string;
  connectTimer?: ReturnType<typeof setTimeout>;
  /** Set for the calls to room members: their room. */
  room?: RecordRoom;
  /** Room members: their last announced media state. */
  media?: RemoteMedia;
  /** Room members: rtc-peer-join fired (so rtc-peer-leave follows once). */
  joined?: boolean;
}
