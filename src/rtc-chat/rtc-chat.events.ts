/** Delivery state of a message this element sent. */
export type DeliveryStatus = 'pending' | 'sent' | 'delivered' | 'failed';

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
}

export interface RtcMessageDetail {
  from: string;
  data: unknown;
  id: string;
  time: number;
  /** True when this element sent the message. */
  self: boolean;
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
  constructor(detail: RtcMessageDetail) { super('rtc-message', { ...SHARED, detail }); }
}

/** Fired when an own message changes delivery state (e.g. the peer acknowledged it). */
export class RtcMessageStatusEvent extends CustomEvent<RtcMessageStatusDetail> {
  constructor(detail: RtcMessageStatusDetail) { super('rtc-message-status', { ...SHARED, detail }); }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-message': RtcMessageEvent;
    'rtc-message-status': RtcMessageStatusEvent;
  }
}
