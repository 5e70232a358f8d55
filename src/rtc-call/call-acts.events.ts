/**
 * The events of reactions, raised hands and recording (call-acts.ts, call-recorder.ts). A module of
 * their own, loaded with that chunk, so a call that never uses them does not load them; the entry
 * points export their types.
 */
export interface RtcReactionDetail {
  /** Who reacted (own peer id when `self`). */
  peer: string;
  /** One emoji. */
  emoji: string;
  self: boolean;
}
export interface RtcHandDetail {
  /** Whose hand (own peer id when `self`). */
  peer: string;
  raised: boolean;
  self: boolean;
}
/** Why a recording stopped: `stopRecording()`, its size or duration limit, or the end of the call. */
export type RecordingStopReason = 'stopped' | 'limit' | 'call-ended';
export interface RtcRecordingStateDetail {
  /** Who records (own peer id when `self`). */
  peer: string;
  recording: boolean;
  self: boolean;
  /** Own recordings that stopped: why. */
  reason?: RecordingStopReason;
}
export interface RtcRecordingDetail {
  /** What was recorded (audio of everyone, and the chosen video). */
  blob: Blob;
  /** The recorder's container and codecs, e.g. `video/webm;codecs=vp8,opus` (the blob's type). */
  mimeType: string;
  /** Milliseconds recorded. */
  duration: number;
  /** When recording started (ms since the epoch). */
  startedAt: number;
}

const SHARED = { bubbles: true, composed: true } as const;

/** Someone in the call reacted with an emoji (this side with `react()`, or a remote peer). */
export class RtcReactionEvent extends CustomEvent<RtcReactionDetail> {
  constructor(detail: RtcReactionDetail) {
    super('rtc-reaction', { ...SHARED, detail });
  }
}
/** Someone raised or lowered a hand (`raised: false` also when a peer with a raised hand leaves). */
export class RtcHandEvent extends CustomEvent<RtcHandDetail> {
  constructor(detail: RtcHandDetail) {
    super('rtc-hand', { ...SHARED, detail });
  }
}
/** This side or a remote peer started or stopped recording (`recording: false` also when a recording peer leaves). */
export class RtcRecordingStateEvent extends CustomEvent<RtcRecordingStateDetail> {
  constructor(detail: RtcRecordingStateDetail) {
    super('rtc-recording-state', { ...SHARED, detail });
  }
}
/** An own recording is finished: the Blob. */
export class RtcRecordingEvent extends CustomEvent<RtcRecordingDetail> {
  constructor(detail: RtcRecordingDetail) {
    super('rtc-recording', { ...SHARED, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-reaction': RtcReactionEvent;
    'rtc-hand': RtcHandEvent;
    'rtc-recording-state': RtcRecordingStateEvent;
    'rtc-recording': RtcRecordingEvent;
  }
}
