/**
 * Every use of PeerJS's private members, in one place. They were written against PeerJS 1.5
 * (1.5.5); PeerJS exports no version at runtime, so checkPeerInternals() checks that the members
 * are there with the shape used here, and a PeerJS that lacks them fails with a clear
 * `browser-incompatible` error instead of breaking later inside a listener.
 */
import { Peer, type DataConnection, type MediaConnection } from 'peerjs';
import { RtcError } from '../core/errors.js';
import type { Signal } from './signal-check.js';

/** The PeerJS 1.5 version the private-member patches below were written against. @internal */
export const PEERJS_TESTED = '1.5';

/** The private members of a PeerJS 1.5 Peer this library uses. @internal */
export interface PeerInternals {
  /** Replaced by the local/manual peers: PeerJS creates its signaling socket here in the constructor. */
  _createServerConnection(): unknown;
  /** Every signaling message goes through it; the admission gate wraps it. */
  _handleMessage(message: unknown): void;
  getConnection(peer: string, connectionId: string): (DataConnection | MediaConnection) | null;
  _connections: Map<string, Array<DataConnection | MediaConnection>>;
  /** ANSWER/CANDIDATE held for a connection not set up yet; replayed on answer. */
  _lostMessages: Map<string, Signal[]>;
  socket?: { _socket?: WebSocket };
  open: boolean;
  destroyed: boolean;
  disconnected: boolean;
}

/** The private members of a PeerJS 1.5 DataConnection this library uses. */
interface DataConnectionInternals {
  /** Called by PeerJS's RTCDataChannel listener; installDecoder replaces it. */
  _handleDataMessage?: (event: MessageEvent) => void;
  /** Messages PeerJS queues itself (its 50 ms send buffer). */
  bufferSize?: number;
}

const incompatible = (member: string) =>
  new RtcError('browser-incompatible', `This PeerJS build has no ${member}; rtc-elements needs PeerJS ${PEERJS_TESTED}.`);

let checked = false;
/** Checks once that Peer has the private methods patched here; throws `browser-incompatible` if not. @internal */
export function checkPeerInternals(): void {
  if (checked) return;
  const proto = Peer.prototype as unknown as Partial<PeerInternals>;
  for (const member of ['_createServerConnection', '_handleMessage', 'getConnection'] as const) {
    if (typeof proto[member] !== 'function') throw incompatible(member);
  }
  checked = true;
}

/** The private view of a constructed Peer; checks the per-instance maps. @internal */
export function internalsOf(peer: Peer): PeerInternals {
  const internals = peer as unknown as PeerInternals;
  if (!(internals._connections instanceof Map)) throw incompatible('_connections');
  if (!(internals._lostMessages instanceof Map)) throw incompatible('_lostMessages');
  return internals;
}

/** A Peer subclass whose signaling "server" is `socket()` instead of PeerJS's WebSocket. @internal */
export function peerWithSocket(socket: () => { on(event: 'message', listener: (data: unknown) => void): unknown }): typeof Peer {
  checkPeerInternals();
  class SocketPeer extends Peer {}
  (SocketPeer.prototype as unknown as Pick<PeerInternals, '_createServerConnection'>)._createServerConnection = function create(this: PeerInternals) {
    const created = socket();
    created.on('message', (data) => this._handleMessage(data));
    return created;
  };
  return SocketPeer;
}

/** Wraps the Peer's signaling handler; `next` is PeerJS's own. @internal */
export function hookSignals(internals: PeerInternals, hook: (message: unknown, next: (message: Signal) => void) => void): void {
  const handle = internals._handleMessage;
  internals._handleMessage = (message: unknown) => hook(message, (signal) => handle.call(internals, signal));
}

/** Live connections PeerJS holds to `peer`, or to everybody. @internal */
export function connectionCount(internals: PeerInternals, peer?: string): number {
  if (peer !== undefined) return internals._connections.get(peer)?.length ?? 0;
  let total = 0;
  for (const list of internals._connections.values()) total += list.length;
  return total;
}

/** Holds a signal for a connection PeerJS has not set up yet (at most `max`); false when full. @internal */
export function holdSignal(internals: PeerInternals, connectionId: string, signal: Signal, max: number): boolean {
  const stored = internals._lostMessages.get(connectionId) ?? [];
  if (stored.length >= max) return false;
  stored.push(signal);
  internals._lostMessages.set(connectionId, stored);
  return true;
}

/** @internal */
export function forgetHeldSignals(internals: PeerInternals, connectionId: string): void {
  internals._lostMessages.delete(connectionId);
}

/** Hands a signal to one connection's handler (PeerJS's is async on 1.5). @internal */
export function applySignal(connection: DataConnection | MediaConnection, signal: Signal): unknown {
  return (connection as unknown as { handleMessage(m: Signal): unknown }).handleMessage(signal);
}

/** Whether the broker WebSocket is open (PeerJS's Socket wraps it as `_socket`). @internal */
export const brokerSocketOpen = (internals: PeerInternals): boolean => internals.socket?._socket?.readyState === WebSocket.OPEN;

/** Makes PeerJS believe the broker sent OPEN (see PeerSession.watchResume). @internal */
export function announceOpen(internals: PeerInternals): void {
  internals._handleMessage({ type: 'OPEN' });
}

/** Whether PeerJS still queues earlier sends of this connection. @internal */
export const queuedSends = (connection: DataConnection): number => (connection as unknown as DataConnectionInternals).bufferSize ?? 0;

/** Replaces the connection's decoder of incoming RTCDataChannel messages (see installDecoder). @internal */
export function replaceDataDecoder(connection: DataConnection, decode: (event: MessageEvent) => void): void {
  const target = connection as unknown as DataConnectionInternals;
  if (typeof target._handleDataMessage !== 'function') throw incompatible('_handleDataMessage');
  target._handleDataMessage = decode;
}
