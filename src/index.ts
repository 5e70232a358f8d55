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
export type { RecordingOptions } from './rtc-call/call-recorder.js';
export * from './core/events.js';
export { RtcError } from './core/errors.js';
export type { RtcErrorType, PeerJsErrorType, RtcOwnErrorType } from './core/errors.js';
export type { RtcStrings } from './core/strings.js';
