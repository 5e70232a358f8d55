import type { RtcErrorType } from '../core/errors.js';
// The entry points re-export these with the rest. Their classes come with code that loads on
// first use (network adaptation, reactions and recording, the lobby, the room's layout): types
// only, no bytes on the first load.
export type { RtcNetworkQualityEvent, RtcNetworkQualityDetail, NetworkAction, NetworkQuality, NetworkReason } from './network.events.js';
export type {
  RtcReactionEvent,
  RtcHandEvent,
  RtcRecordingStateEvent,
  RtcRecordingEvent,
  RtcReactionDetail,
  RtcHandDetail,
  RtcRecordingStateDetail,
  RtcRecordingDetail,
  RecordingStopReason,
} from './call-acts.events.js';
export type { RtcLobbyReadyEvent, RtcLobbyReadyDetail } from './lobby.events.js';
export type { RtcActiveSpeakerEvent, RtcActiveSpeakerDetail, SpotlightReason } from './layout.events.js';

/** The state of `<rtc-call>`'s one call. */
export type CallState =
  | 'idle' // no call
  | 'calling' // this side called and waits for an answer
  | 'ringing' // a call came in and waits for answer() / decline()
  | 'connecting' // answered; media is being connected
  | 'active'; // media flows both ways

/**
 * Why a call ended.
 * - `hangup`: this side hung up (or cancelled its own ringing call).
 * - `declined`: the callee declined (on both sides).
 * - `remote-hangup`: the other side hung up, cancelled, or closed its page.
 * - `failed`: the call could not be connected (peer unavailable, ICE failed, broker gone).
 * - `disconnected`: an established call lost the other side (network loss, page frozen).
 * - `busy`: the callee is in another call; or call() while this element is in one.
 * - `no-answer`: nobody answered within `ring-timeout` (caller), or a missed call (callee).
 */
export type CallEndReason = 'hangup' | 'declined' | 'remote-hangup' | 'failed' | 'disconnected' | 'busy' | 'no-answer';

/** How `call()` came out: `connected`, or the reason the call ended before it connected. */
export type CallOutcome = 'connected' | CallEndReason;

/** Connection quality as the built-in indicator shows it. */
export type CallQuality = 'good' | 'fair' | 'poor';

export interface RtcIncomingCallDetail {
  /** The caller's peer id. */
  from: string;
  /** What the caller passed as `call(remote, {metadata})` (sanitized JSON), or null. */
  metadata: unknown;
}
export interface RtcLocalStreamDetail {
  /** This side's camera/microphone stream (the one the preview shows). */
  stream: MediaStream;
}
export interface RtcRemoteStreamDetail {
  peer: string;
  /** The other side's media; play it yourself if you hide the built-in tiles. */
  stream: MediaStream;
}
export interface RtcCallEndDetail {
  peer: string;
  reason: CallEndReason;
}
export interface RtcMediaStateDetail {
  /** Whose state this is: this element's own peer id (`self: true`) or the remote one. */
  peer: string;
  /** True for this side's own state, false for the remote side's. */
  self: boolean;
  muted: boolean;
  cameraOff: boolean;
  /** The outgoing video is a screen share. */
  screen: boolean;
  /**
   * Own state only (`self: true`): what the microphone track really does (its getSettings()),
   * each null where the browser has no such switch or cannot say; null without a microphone.
   */
  audioProcessing?: AudioProcessingState | null;
  /** Own state only (`self: true`), once `background` was set: the background applied to the sent camera; `none` until it runs, when it failed, and while the camera is off. */
  background?: 'none' | 'blur' | 'image';
}
/** The microphone's processing: true on, false off, null unsupported (or unknown). */
export interface AudioProcessingState {
  noiseSuppression: boolean | null;
  echoCancellation: boolean | null;
  autoGainControl: boolean | null;
}
export interface RtcSpeakingDetail {
  /** The room member. */
  peer: string;
  /** True when its audio level went above the speaking threshold, false when it fell silent (or left). */
  speaking: boolean;
}
export interface RtcCallStateDetail {
  state: CallState;
  /** The peer the call is with (absent when idle). */
  peer?: string;
}
/** Resolution and frame rate of one video direction. */
export interface VideoStats {
  width: number;
  height: number;
  framesPerSecond: number | null;
}
export interface RtcStatsDetail {
  peer: string;
  /** When the stats were taken (ms, performance.timeOrigin based, as in RTCStats). */
  timestamp: number;
  /** Round-trip time of the selected ICE candidate pair in milliseconds, null before it is known. */
  roundTripTime: number | null;
  /** Received media bits per second over the last interval. */
  bitrateIn: number;
  /** Sent media bits per second over the last interval. */
  bitrateOut: number;
  /** Fraction (0–1) of incoming RTP packets lost over the last interval. */
  packetLoss: number;
  /** Received video: resolution and frames per second (null without incoming video). */
  video: VideoStats | null;
  /** Sent video (null while nothing is sent). */
  sentVideo: VideoStats | null;
  /** What the quality indicator shows. */
  quality: CallQuality;
}

const SHARED = { bubbles: true, composed: true } as const;

/** A call comes in. Cancelable: `preventDefault()` hides the built-in ringing UI (and skips `auto-answer`). */
export class RtcIncomingCallEvent extends CustomEvent<RtcIncomingCallDetail> {
  constructor(detail: RtcIncomingCallDetail) {
    super('rtc-incoming-call', { ...SHARED, cancelable: true, detail });
  }
}
/** The camera/microphone stream was started (call() or answer()). */
export class RtcLocalStreamEvent extends CustomEvent<RtcLocalStreamDetail> {
  constructor(detail: RtcLocalStreamDetail) {
    super('rtc-local-stream', { ...SHARED, detail });
  }
}
/** The other side's media arrived. */
export class RtcRemoteStreamEvent extends CustomEvent<RtcRemoteStreamDetail> {
  constructor(detail: RtcRemoteStreamDetail) {
    super('rtc-remote-stream', { ...SHARED, detail });
  }
}
/** A call (ringing, outgoing or active) ended; fired once per call, on both sides. */
export class RtcCallEndEvent extends CustomEvent<RtcCallEndDetail> {
  constructor(detail: RtcCallEndDetail) {
    super('rtc-call-end', { ...SHARED, detail });
  }
}
/** This side's or the remote side's mute / camera / screen-share state changed. */
export class RtcMediaStateEvent extends CustomEvent<RtcMediaStateDetail> {
  constructor(detail: RtcMediaStateDetail) {
    super('rtc-media-state', { ...SHARED, detail });
  }
}
/** The call state changed (idle, calling, ringing, connecting, active). */
export class RtcCallStateEvent extends CustomEvent<RtcCallStateDetail> {
  constructor(detail: RtcCallStateDetail) {
    super('rtc-call-state', { ...SHARED, detail });
  }
}
/** `room`: a member started or stopped speaking (the tile's `tile-speaking` part follows it). */
export class RtcSpeakingEvent extends CustomEvent<RtcSpeakingDetail> {
  constructor(detail: RtcSpeakingDetail) {
    super('rtc-speaking', { ...SHARED, detail });
  }
}
/** Periodic connection statistics of the active call (every `stats-interval` ms). */
export class RtcStatsEvent extends CustomEvent<RtcStatsDetail> {
  constructor(detail: RtcStatsDetail) {
    super('rtc-stats', { ...SHARED, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-incoming-call': RtcIncomingCallEvent;
    'rtc-local-stream': RtcLocalStreamEvent;
    'rtc-remote-stream': RtcRemoteStreamEvent;
    'rtc-call-end': RtcCallEndEvent;
    'rtc-media-state': RtcMediaStateEvent;
    'rtc-call-state': RtcCallStateEvent;
    'rtc-stats': RtcStatsEvent;
    'rtc-speaking': RtcSpeakingEvent;
  }
}

/** Error types <rtc-call> reports (for documentation; see the README's error table). */
export type RtcCallErrorType = Extract<
  RtcErrorType,
  | 'media-denied'
  | 'media-not-found'
  | 'media-failed'
  | 'invalid-state'
  | 'not-connected'
  | 'invalid-attribute'
  | 'invalid-id'
  | 'peer-unavailable'
  | 'connection-failed'
  | 'invalid-data'
  | 'rate-limited'
  | 'send-failed'
  | 'message-too-large'
  | 'room-full'
  | 'room-auth-failed'
  | 'unsupported'
  | 'background-failed'
  | 'load-failed'
  | 'recording-failed'
  | 'unsupported'
>;
