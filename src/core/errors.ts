/**
 * Every `rtc-error` carries one of these types. PeerJS's own error types are passed through
 * unchanged; the rest are ours. The README's "Errors" table documents each one.
 */
export type PeerJsErrorType =
  | 'browser-incompatible'
  | 'disconnected'
  | 'invalid-id'
  | 'invalid-key'
  | 'network'
  | 'peer-unavailable'
  | 'ssl-unavailable'
  | 'server-error'
  | 'socket-error'
  | 'socket-closed'
  | 'unavailable-id'
  | 'webrtc';

export type RtcOwnErrorType =
  /** `server` is not a usable http(s)/ws(s) URL. */
  | 'invalid-server'
  /** `ice-servers` is not a JSON array of RTCIceServer objects. */
  | 'invalid-ice-servers'
  /** Some other attribute has a value the element cannot use. */
  | 'invalid-attribute'
  /** The broker did not answer in time. */
  | 'broker-timeout'
  /** `send()`/`call()` with no open connection, or no remote peer given. */
  | 'not-connected'
  /** A value could not be sent (not JSON-serializable, too large, channel failed). */
  | 'send-failed'
  /** The connection to a peer failed or dropped unexpectedly. */
  | 'connection-failed'
  /** A remote peer sent something malformed or hostile; it was dropped. */
  | 'invalid-data'
  /** A remote peer sent more than the configured limits allow. */
  | 'message-too-large'
  | 'rate-limited'
  /** A connection or call from a peer not in `allow` was refused. */
  | 'peer-refused'
  /** Camera/microphone/screen capture failed (denied, missing, in use). */
  | 'media-denied'
  | 'media-not-found'
  | 'media-failed'
  /** A remote file offer exceeded `max-file-size` and was refused. */
  | 'file-too-large'
  /** A received file did not match its size or SHA-256; it was discarded. */
  | 'file-integrity'
  /** A file transfer broke off (connection lost, channel failed). */
  | 'file-failed'
  /** The receiver refused a file this element offered. */
  | 'file-refused'
  /** Rejection reason of sendFile() when either side cancelled (no rtc-error is fired for it). */
  | 'file-cancelled'
  /** A room already has its maximum number of members. */
  | 'room-full'
  /** A private room (`room-key`): a member or host did not prove knowledge of the key; it was closed. */
  | 'room-auth-failed'
  /** signaling="manual": a pasted invitation or reply code is malformed, not for this peer, or expired. */
  | 'invalid-code'
  /** An operation that needs a call had none (e.g. `answer()` with nothing ringing). */
  | 'invalid-state'
  /**
   * Code for a feature loaded on first use (file transfer, rooms, copy-paste pairing, local
   * signaling, call statistics) could not be loaded, e.g. a chunk of the script-tag build is missing.
   */
  | 'load-failed'
  /** <rtc-call>'s startRecording(): nothing to record, or the recorder failed. */
  | 'recording-failed'
  /** The browser lacks an API a feature needs (e.g. MediaRecorder, or `background` without MediaStreamTrackProcessor); the element goes on without the feature. */
  | 'unsupported'
  /** `background`: the image or the segmentation model could not be loaded or run; the camera is sent as it is. */
  | 'background-failed';

export type RtcErrorType = PeerJsErrorType | RtcOwnErrorType;

/** An Error with a machine-readable `type`; what the elements throw and reject with. */
export class RtcError extends Error {
  readonly type: RtcErrorType;
  constructor(type: RtcErrorType, message: string) {
    super(message);
    this.name = 'RtcError';
    this.type = type;
  }
}

/** Turns anything thrown (PeerJS errors, DOMExceptions, strings) into an RtcError. */
export function toRtcError(error: unknown, fallback: RtcErrorType = 'connection-failed'): RtcError {
  if (error instanceof RtcError) return error;
  if (error && typeof error === 'object') {
    const { type, message } = error as { type?: unknown; message?: unknown };
    const text = typeof message === 'string' && message ? message : String(error);
    if (typeof type === 'string' && PEERJS_TYPES.has(type)) return new RtcError(type as RtcErrorType, text);
    return new RtcError(fallback, text);
  }
  return new RtcError(fallback, String(error));
}

const PEERJS_TYPES = new Set<string>([
  'browser-incompatible',
  'disconnected',
  'invalid-id',
  'invalid-key',
  'network',
  'peer-unavailable',
  'ssl-unavailable',
  'server-error',
  'socket-error',
  'socket-closed',
  'unavailable-id',
  'webrtc',
]);
