/**
 * `rtc-elements/rtc-chat`: only <rtc-chat> (importing it registers the element), its events and
 * the shared event and error types. Pages with chat only load no call code.
 */
export { RtcChat } from './rtc-chat.js';
export type {
  ChatMessage,
  DeliveryStatus,
  SendOptions,
  SendFileOptions,
  FileTransfer,
  TransferDirection,
  TransferStatus,
  TransferTuning,
  FileTransfers,
} from './rtc-chat.js';
export * from './rtc-chat.events.js';
export * from '../core/events.js';
export { RtcError } from '../core/errors.js';
export type { RtcErrorType, PeerJsErrorType, RtcOwnErrorType } from '../core/errors.js';
export type { RtcStrings } from '../core/strings.js';
