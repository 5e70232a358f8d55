/**
 * rtc-elements: drop-in Web Components for peer-to-peer chat and calls.
 * Importing this module registers <rtc-chat> and <rtc-call>. One element only:
 * `rtc-elements/rtc-chat` or `rtc-elements/rtc-call`; string tables: `rtc-elements/strings`.
 */
export { RtcChat } from './rtc-chat/rtc-chat.js';
export type { ChatMessage, DeliveryStatus, SendOptions } from './rtc-chat/rtc-chat.js';
export * from './rtc-chat/rtc-chat.events.js';
export { RtcCall } from './rtc-call/rtc-call.js';
export type { CallOptions, MediaState, DeviceLists, DeviceSelection } from './rtc-call/rtc-call.js';
export * from './rtc-call/rtc-call.events.js';
// Its class comes with the network adaptation code (loaded with the first statistics): types only.
export type { RtcNetworkQualityEvent, RtcNetworkQualityDetail, NetworkAction, NetworkQuality, NetworkReason } from './rtc-call/network.events.js';
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
} from './rtc-call/call-acts.events.js';
export type { RecordingOptions } from './rtc-call/call-recorder.js';
// The lobby's event class comes with the lobby's code (loaded when it opens): types only.
export type { RtcLobbyReadyEvent, RtcLobbyReadyDetail } from './rtc-call/lobby.events.js';
export type { RtcActiveSpeakerEvent, RtcActiveSpeakerDetail, SpotlightReason } from './rtc-call/layout.events.js';
export * from './core/events.js';
export { RtcError } from './core/errors.js';
export type { RtcErrorType, PeerJsErrorType, RtcOwnErrorType } from './core/errors.js';
export type { RtcStrings } from './core/strings.js';
