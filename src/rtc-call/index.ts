/**
 * `rtc-elements/rtc-call`: only <rtc-call> (importing it registers the element), its events and
 * the shared event and error types. Pages with calls only load no chat code.
 */
export { RtcCall } from './rtc-call.js';
export type { CallOptions, MediaState, DeviceLists, DeviceSelection, CallEndReason, CallOutcome, CallQuality, CallState, RtcStatsDetail } from './rtc-call.js';
export * from './rtc-call.events.js';
export type { RecordingOptions } from './call-recorder.js';
export * from '../core/events.js';
export { RtcError } from '../core/errors.js';
export type { RtcErrorType, PeerJsErrorType, RtcOwnErrorType } from '../core/errors.js';
export type { RtcStrings } from '../core/strings.js';
