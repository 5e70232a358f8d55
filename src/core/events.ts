import type { RtcErrorType } from './errors.js';

/** Options every rtc-* event is dispatched with: it crosses shadow roots and bubbles to the page. */
const SHARED = { bubbles: true, composed: true } as const;

export interface RtcOpenDetail {
  /** This element's effective peer id on the broker. */ id: string;
}
export interface RtcConnectDetail {
  /** The remote peer id. */ peer: string;
}
export type RtcDisconnectReason =
  | 'local' // disconnect() or the element left the page
  | 'remote' // the remote peer closed the connection
  | 'failed' // ICE/DTLS failed or the channel errored
  | 'timeout' // no heartbeat from the remote peer
  | 'replaced'; // a newer connection to the same peer took over
export interface RtcDisconnectDetail {
  peer: string;
  reason: RtcDisconnectReason;
}
export interface RtcErrorDetail {
  /** A PeerJS error type or one of ours; see the README's error table. */
  type: RtcErrorType;
  /** A human-readable explanation. */
  message: string;
  /** The remote peer involved, when there is one. */
  peer?: string;
}
export type BrokerState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed' | 'error';
export interface RtcBrokerStateDetail {
  state: BrokerState;
  /** Milliseconds until the next reconnect attempt, when reconnecting. */ retryIn?: number;
}

/** Fired when the element is registered with the broker and reachable under `detail.id`. */
export class RtcOpenEvent extends CustomEvent<RtcOpenDetail> {
  constructor(detail: RtcOpenDetail) {
    super('rtc-open', { ...SHARED, detail });
  }
}
/** Fired when a connection to a remote peer is open and usable. */
export class RtcConnectEvent extends CustomEvent<RtcConnectDetail> {
  constructor(detail: RtcConnectDetail) {
    super('rtc-connect', { ...SHARED, detail });
  }
}
/** Fired when a connection to a remote peer ends, with the reason. */
export class RtcDisconnectEvent extends CustomEvent<RtcDisconnectDetail> {
  constructor(detail: RtcDisconnectDetail) {
    super('rtc-disconnect', { ...SHARED, detail });
  }
}
/** Fired for every problem: bad attributes, broker trouble, failed connections, hostile data. */
export class RtcErrorEvent extends CustomEvent<RtcErrorDetail> {
  constructor(detail: RtcErrorDetail) {
    super('rtc-error', { ...SHARED, detail });
  }
}
/** Fired when the connection to the broker changes state (it is not needed for open P2P links). */
export class RtcBrokerStateEvent extends CustomEvent<RtcBrokerStateDetail> {
  constructor(detail: RtcBrokerStateDetail) {
    super('rtc-broker-state', { ...SHARED, detail });
  }
}
export interface RtcPairDetail {
  /** The paired peer's id. */
  peer: string;
  /** True on the side that created the invitation. */
  inviter: boolean;
}
/** signaling="manual": a copy-paste pairing completed; the two peers can now connect and call. */
export class RtcPairEvent extends CustomEvent<RtcPairDetail> {
  constructor(detail: RtcPairDetail) {
    super('rtc-pair', { ...SHARED, detail });
  }
}
/** signaling="manual": the pairing to a peer ended (it left or the link failed); pair again to reconnect. */
export class RtcUnpairEvent extends CustomEvent<{ peer: string }> {
  constructor(detail: { peer: string }) {
    super('rtc-unpair', { ...SHARED, detail });
  }
}
export interface RtcPeerJoinDetail {
  /** The member's peer id. */
  peer: string;
  /** The room's name (the `room` attribute). */
  room: string;
}
/** A member joined the room: `<rtc-chat>`'s direct connection to it is open, or `<rtc-call>`'s media call to it is connected. */
export class RtcPeerJoinEvent extends CustomEvent<RtcPeerJoinDetail> {
  constructor(detail: RtcPeerJoinDetail) {
    super('rtc-peer-join', { ...SHARED, detail });
  }
}
/** A member left the room (its connection or call closed). */
export class RtcPeerLeaveEvent extends CustomEvent<RtcPeerJoinDetail> {
  constructor(detail: RtcPeerJoinDetail) {
    super('rtc-peer-leave', { ...SHARED, detail });
  }
}

export interface RtcVerificationDetail {
  peer: string;
  code: string;
}
/** A connection's safety code is known (compare it with the peer out of band). */
export class RtcVerificationEvent extends CustomEvent<RtcVerificationDetail> {
  constructor(detail: RtcVerificationDetail) {
    super('rtc-verification', { ...SHARED, detail });
  }
}

export interface RtcIdentityChangedDetail {
  peer: string;
  /** The fingerprint remembered for `peer` ("sha-256 AB:CD:…"), and the one it shows now. */
  previous: string;
  current: string;
  /** The user had verified the previous key. */
  verified: boolean;
  /** When the previous key was first seen (ms since 1970). */
  firstSeen: number;
}
/** A peer this element has talked to before came back with a different key (another device, or someone in between). */
export class RtcIdentityChangedEvent extends CustomEvent<RtcIdentityChangedDetail> {
  constructor(detail: RtcIdentityChangedDetail) {
    super('rtc-identity-changed', { ...SHARED, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-identity-changed': RtcIdentityChangedEvent;
    'rtc-open': RtcOpenEvent;
    'rtc-connect': RtcConnectEvent;
    'rtc-disconnect': RtcDisconnectEvent;
    'rtc-error': RtcErrorEvent;
    'rtc-broker-state': RtcBrokerStateEvent;
    'rtc-pair': RtcPairEvent;
    'rtc-verification': RtcVerificationEvent;
    'rtc-unpair': RtcUnpairEvent;
    'rtc-peer-join': RtcPeerJoinEvent;
    'rtc-peer-leave': RtcPeerLeaveEvent;
  }
}
