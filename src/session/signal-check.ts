/**
 * Shape checks for the signaling messages PeerJS would handle (from the broker, another tab with
 * signaling="local", or a paired peer with signaling="manual"). PeerJS trusts them: an OFFER
 * naming an unknown serialization makes it call `undefined` as a constructor (an uncaught error
 * in the socket's listener), and CANDIDATEs for connections it does not know pile up forever.
 * Pure logic: the session decides what to do with a message that passes.
 */

/** What PeerJS reads from a signaling message. */
export interface Signal {
  type: string;
  src?: string;
  payload?: Record<string, unknown>;
}

/** PeerJS's connection ids are `dc_` / `mc_` and a random token; anything much longer is junk. */
const CONNECTION_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A full SDP with every candidate of a few interfaces is a few KB; 64 KB leaves ample room. */
export const MAX_SDP_CHARS = 65536;
export const MAX_CANDIDATE_CHARS = 2048;
/** Metadata of our own connections is a few dozen bytes; an app's call metadata is capped at 4 KB when sent. */
export const MAX_METADATA_CHARS = 8192;
/** Serializations PeerJS 1.5 has; offers naming another are refused before PeerJS looks them up. */
export const PEERJS_SERIALIZATIONS: readonly string[] = ['raw', 'json', 'binary', 'binary-utf8'];

/** Types a remote peer (through the broker) may send us. The rest come from the broker itself. */
export const RELAYED_TYPES: readonly string[] = ['OFFER', 'ANSWER', 'CANDIDATE', 'LEAVE', 'EXPIRE'];
const BROKER_TYPES: readonly string[] = ['OPEN', 'ERROR', 'ID-TAKEN', 'INVALID-KEY', 'HEARTBEAT'];

export type SignalCheck = { ok: Signal } | { problem: string };

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

function sdpProblem(sdp: unknown, type: 'offer' | 'answer'): string | undefined {
  if (!isRecord(sdp) || sdp.type !== type || typeof sdp.sdp !== 'string') return `an ${type} without an SDP`;
  if (sdp.sdp.length > MAX_SDP_CHARS) return `an SDP of ${sdp.sdp.length} characters`;
  if (!sdp.sdp.startsWith('v=0')) return 'an SDP that is not one';
  return undefined;
}

function metadataSize(metadata: unknown): number {
  if (metadata === undefined) return 0;
  try {
    return JSON.stringify(metadata)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

/** Checks the shape of one signaling message; `ok` carries the same message when it may reach PeerJS. */
export function checkSignal(message: unknown): SignalCheck {
  if (!isRecord(message) || typeof message.type !== 'string') return { problem: 'a message without a type' };
  const { type, payload, src } = message;
  if (BROKER_TYPES.includes(type)) {
    // Only the broker (or the local/manual stand-in) says these, never with a sender: a peer
    // relaying ID-TAKEN or ERROR (another tab over signaling="local") would make PeerJS give up its id.
    if (src !== undefined) return { problem: `a ${type} sent by a peer` };
    // PeerJS reads payload.msg of ERROR without checking for a payload.
    if (type === 'ERROR' && !isRecord(payload)) return { ok: { type, payload: { msg: 'The broker reported an error.' } } };
    return { ok: message as unknown as Signal };
  }
  if (!RELAYED_TYPES.includes(type)) return { problem: `a message of unknown type "${type.slice(0, 32)}"` };
  if (typeof src !== 'string') return { problem: `a ${type} without a sender` };
  if (type === 'LEAVE' || type === 'EXPIRE') return { ok: message as unknown as Signal };
  if (!isRecord(payload) || typeof payload.connectionId !== 'string' || !CONNECTION_ID.test(payload.connectionId)) {
    return { problem: `a ${type} without a valid connection id` };
  }
  if (type === 'OFFER') {
    if (payload.type !== 'media' && payload.type !== 'data') return { problem: 'an offer for neither data nor media' };
    const sdp = sdpProblem(payload.sdp, 'offer');
    if (sdp) return { problem: sdp };
    if (payload.type === 'data' && (typeof payload.serialization !== 'string' || !PEERJS_SERIALIZATIONS.includes(payload.serialization))) {
      return { problem: 'an offer naming an unknown serialization' };
    }
    if (payload.label !== undefined && (typeof payload.label !== 'string' || payload.label.length > 128)) return { problem: 'an offer with an invalid label' };
    if (metadataSize(payload.metadata) > MAX_METADATA_CHARS) return { problem: 'an offer with oversized metadata' };
  } else if (type === 'ANSWER') {
    const sdp = sdpProblem(payload.sdp, 'answer');
    if (sdp) return { problem: sdp };
  } else {
    const candidate = payload.candidate;
    if (!isRecord(candidate) || typeof candidate.candidate !== 'string' || candidate.candidate.length > MAX_CANDIDATE_CHARS) {
      return { problem: 'a candidate that is not one' };
    }
  }
  return { ok: message as unknown as Signal };
}
