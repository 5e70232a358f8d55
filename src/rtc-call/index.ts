/**
 * `rtc-elements/rtc-call`: only <rtc-call> (importing it registers the element), its events and
 * the shared event and error types. Pages with calls only load no chat code.
 */
export { RtcCall } from './rtc-call.js';
export type { CallOptions, MediaState, DeviceLists, DeviceSelection, CallEndReason, CallOutcome, CallQuality, CallState, RtcStatsDetail } from './rtc-call.js';
export * from './rtc-call.events.js';
// Its class comes with the network adaptation code (loaded with the first statistics): types only.
export type { RtcNetworkQualityEvent, RtcNetworkQualityDetail, NetworkAction, NetworkQuality, NetworkReason } from './network.events.js';
// Their classes come with the reactions' code (loaded on first use): types only, no bytes on the first load.
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
export type { RecordingOptions } from './call-recorder.js';
// The lobby's event class comes with the lobby's code (loaded when it opens): types only.
export type { RtcLobbyReadyEvent, RtcLobbyReadyDetail } from './lobby.events.js';
export type { RtcActiveSpeakerEvent, RtcActiveSpeakerDetail, SpotlightReason } from './layout.events.js';
export * from '../core/events.js';
export { RtcError } from '../core/errors.js';
export type { RtcErrorType, PeerJsErrorType, RtcOwnErrorType } from '../core/errors.js';
export type { RtcStrings } from '../core/strings.js';
