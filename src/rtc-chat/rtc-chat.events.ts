import type { FileTransfer, TransferDirection } from './file-types.js';
// The entry points re-export these with the rest. Their classes come with the actions' code
// (loaded on first use): types only, no bytes on the first load.
export type {
  RtcMessageEditEvent,
  RtcMessageDeleteEvent,
  RtcMessageReactionEvent,
  RtcMessageEditDetail,
  RtcMessageDeleteDetail,
  RtcMessageReactionDetail,
} from './chat-actions.events.js';

/** Delivery state of a message this element sent. */
export type DeliveryStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

/** One entry of `<rtc-chat>`'s history (`messages`). */
export interface ChatMessage {
  /** Unique id (the sender's id for rtc-elements peers; a local one for plain PeerJS peers). */
  id: string;
  /** Peer id of the sender (own id for own messages). */
  from: string;
  /** Peer ids the message went to (own messages only). */
  to?: string[];
  /** The value: a string or any JSON value (binary from plain PeerJS peers stays an ArrayBuffer). */
  data: unknown;
  /** Milliseconds since the epoch. */
  time: number;
  /** True for messages this element sent. */
  self: boolean;
  /** Own messages: pending, sent (handed to the channel), delivered (acknowledged) or failed. */
  status?: DeliveryStatus;
  /** Set for file transfers (then `data` is null). */
  file?: FileTransfer;
  /** The id of the message this one replies to. */
  replyTo?: string;
  /** When the sender last edited it (ms since the epoch); `data` is the latest text. */
  edited?: number;
  /** How many times it was edited (at most 20). */
  edits?: number;
  /** The sender deleted it: `data` is null, it shows "Message deleted". */
  deleted?: boolean;
  /** Reactions: emoji -> peer ids that reacted with it (own id included). */
  reactions?: Record<string, string[]>;
}

export interface RtcMessageDetail {
  from: string;
  data: unknown;
  id: string;
  time: number;
  /** True when this element sent the message. */
  self: boolean;
  /** The id of the message it replies to. */
  replyTo?: string;
}

export interface RtcMessageStatusDetail {
  id: string;
  /** The peer the status is about. */
  peer: string;
  status: DeliveryStatus;
}

const SHARED = { bubbles: true, composed: true } as const;

/** Fired for every message shown: received ones and own sent ones (`detail.self`). */
export class RtcMessageEvent extends CustomEvent<RtcMessageDetail> {
  constructor(detail: RtcMessageDetail) {
    super('rtc-message', { ...SHARED, detail });
  }
}

/** Fired when an own message changes delivery state (e.g. the peer acknowledged it). */
export class RtcMessageStatusEvent extends CustomEvent<RtcMessageStatusDetail> {
  constructor(detail: RtcMessageStatusDetail) {
    super('rtc-message-status', { ...SHARED, detail });
  }
}

export interface RtcFileOfferDetail {
  id: string;
  from: string;
  name: string;
  size: number;
  type: string;
  /** True when the file is larger than `confirm-file-size`: it waits for `acceptFile(id)` or `declineFile(id)` (or the buttons in its card). */
  confirm: boolean;
}
export interface RtcFileProgressDetail {
  id: string;
  peer: string;
  direction: TransferDirection;
  bytes: number;
  total: number;
}
export interface RtcFileDetail {
  id: string;
  from: string;
  name: string;
  type: string;
  size: number;
  blob: Blob;
}
export interface RtcFileCancelDetail {
  id: string;
  peer: string;
  direction: TransferDirection;
  by: 'local' | 'remote';
  reason: string;
}

/**
 * A peer offers a file. Cancelable: `preventDefault()` refuses it. With `detail.confirm` it waits
 * for the user's consent (`acceptFile()` / `declineFile()`); otherwise it starts at once.
 */
export class RtcFileOfferEvent extends CustomEvent<RtcFileOfferDetail> {
  constructor(detail: RtcFileOfferDetail) {
    super('rtc-file-offer', { ...SHARED, cancelable: true, detail });
  }
}
/** Progress of a transfer in either direction (about four times a second). */
export class RtcFileProgressEvent extends CustomEvent<RtcFileProgressDetail> {
  constructor(detail: RtcFileProgressDetail) {
    super('rtc-file-progress', { ...SHARED, detail });
  }
}
/** A file arrived and passed its size and SHA-256 checks. */
export class RtcFileEvent extends CustomEvent<RtcFileDetail> {
  constructor(detail: RtcFileDetail) {
    super('rtc-file', { ...SHARED, detail });
  }
}
/** A transfer was cancelled by this side or the peer. */
export class RtcFileCancelEvent extends CustomEvent<RtcFileCancelDetail> {
  constructor(detail: RtcFileCancelDetail) {
    super('rtc-file-cancel', { ...SHARED, detail });
  }
}

// Room events are shared with <rtc-call>: they live in ../core/events.ts.
export { RtcPeerJoinEvent, RtcPeerLeaveEvent, RtcVerificationEvent, type RtcPeerJoinDetail, type RtcVerificationDetail } from '../core/events.js';

export interface RtcTypingDetail {
  peer: string;
  typing: boolean;
}
export interface RtcUnreadDetail {
  count: number;
}

/** A peer started or stopped typing. */
export class RtcTypingEvent extends CustomEvent<RtcTypingDetail> {
  constructor(detail: RtcTypingDetail) {
    super('rtc-typing', { ...SHARED, detail });
  }
}
/** The number of received messages the user has not seen changed (badge it). */
export class RtcUnreadEvent extends CustomEvent<RtcUnreadDetail> {
  constructor(detail: RtcUnreadDetail) {
    super('rtc-unread', { ...SHARED, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-message': RtcMessageEvent;
    'rtc-message-status': RtcMessageStatusEvent;
    'rtc-file-offer': RtcFileOfferEvent;
    'rtc-file-progress': RtcFileProgressEvent;
    'rtc-file': RtcFileEvent;
    'rtc-file-cancel': RtcFileCancelEvent;
    'rtc-typing': RtcTypingEvent;
    'rtc-unread': RtcUnreadEvent;
  }
}
