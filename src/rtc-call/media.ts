/**
 * Camera, microphone and screen capture for <rtc-call>: acquisition with graceful fallback, clear
 * errors, and placeholder tracks that keep a sender slot in the call when a device is missing.
 */
import { RtcError } from '../shared/errors.js';

/** Which devices to use; ids from `getDevices()`. Undefined means the browser's default. */
export interface DeviceSelection {
  audioInput?: string;
  videoInput?: string;
  audioOutput?: string;
}

/** The devices the browser offers (labels are empty until the page was allowed to use them). */
export interface DeviceLists {
  audioInput: MediaDeviceInfo[];
  videoInput: MediaDeviceInfo[];
  audioOutput: MediaDeviceInfo[];
}

export type MediaKind = 'camera' | 'microphone' | 'screen';

const NAMES: Record<MediaKind, string> = { camera: 'camera', microphone: 'microphone', screen: 'screen capture' };

/** Turns a getUserMedia / getDisplayMedia failure into an RtcError with a message a user understands. */
export function mediaError(error: unknown, kinds: MediaKind[], consequence: string): RtcError {
  const what = kinds.map((k) => NAMES[k]).join(' and ');
  const name = error && typeof error === 'object' && 'name' in error ? String((error as { name: unknown }).name) : '';
  const detail = error instanceof Error && error.message ? ` (${error.name}: ${error.message})` : '';
  const tail = consequence ? ` ${consequence}` : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      if (kinds.includes('screen')) return new RtcError('media-denied', `Screen sharing was cancelled or is not allowed${detail}.${tail}`);
      return new RtcError('media-denied', `Access to the ${what} was denied (by the user, the browser or the page's permissions policy)${detail}.${tail}`);
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return new RtcError('media-not-found', `No ${what} was found${detail}.${tail}`);
    case 'OverconstrainedError': {
      const constraint = (error as { constraint?: unknown }).constraint;
      const why = constraint === 'deviceId' ? 'the selected device is not available' : `no device matches the constraint ${String(constraint ?? '')}`;
      return new RtcError('media-not-found', `The ${what} cannot be used: ${why}${detail}.${tail}`);
    }
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new RtcError('media-failed', `The ${what} could not be started; another application may be using it${detail}.${tail}`);
    case 'InvalidStateError':
      if (kinds.includes('screen')) return new RtcError('media-failed', `Screen sharing has to start from a click: the browser requires a user gesture${detail}.${tail}`);
      return new RtcError('media-failed', `The ${what} could not be started${detail}.${tail}`);
    case 'TypeError':
      return new RtcError('media-failed', `The ${what} cannot be used here: media capture needs a secure (https) page${detail}.${tail}`);
    default:
      return new RtcError('media-failed', `The ${what} could not be started${detail || `: ${String(error)}`}.${tail}`);
  }
}

function mediaDevices(): MediaDevices {
  if (!navigator.mediaDevices?.getUserMedia) {
    const error = new TypeError('navigator.mediaDevices is not available (insecure context?)');
    throw error;
  }
  return navigator.mediaDevices;
}

export function audioConstraints(devices: DeviceSelection): MediaTrackConstraints {
  return {
    echoCancellation: true,
    noiseSuppression: true,
    autoGainControl: true,
    ...(devices.audioInput ? { deviceId: { exact: devices.audioInput } } : {}),
  };
}

export function videoConstraints(devices: DeviceSelection, base: MediaTrackConstraints): MediaTrackConstraints {
  return { ...base, ...(devices.videoInput ? { deviceId: { exact: devices.videoInput } } : {}) };
}

/** Gets one kind of track, or the error why not. */
export async function getTrack(kind: 'audio' | 'video', constraints: MediaTrackConstraints): Promise<MediaStreamTrack> {
  const stream = await mediaDevices().getUserMedia(kind === 'audio' ? { audio: constraints } : { video: constraints });
  const track = stream.getTracks().find((t) => t.kind === kind);
  if (!track) {
    stream.getTracks().forEach((t) => t.stop());
    throw Object.assign(new Error(`the browser returned no ${kind} track`), { name: 'NotFoundError' });
  }
  return track;
}

export interface Acquired {
  audio?: MediaStreamTrack;
  video?: MediaStreamTrack;
  /** What failed, one error per kind (or one for both). */
  errors: RtcError[];
}

/**
 * Starts the microphone (and the camera when `video`). Asks for both at once (one permission
 * prompt); if that fails, tries each alone so a missing camera still allows an audio call.
 * Never throws: failures come back in `errors` with what the call does instead.
 */
export async function acquireMedia(wantVideo: boolean, devices: DeviceSelection, video: MediaTrackConstraints): Promise<Acquired> {
  const audioC = audioConstraints(devices);
  const videoC = videoConstraints(devices, video);
  try {
    const stream = await mediaDevices().getUserMedia(wantVideo ? { audio: audioC, video: videoC } : { audio: audioC });
    return { audio: stream.getAudioTracks()[0], video: stream.getVideoTracks()[0], errors: [] };
  } catch (bothError) {
    if (!wantVideo) {
      return { errors: [mediaError(bothError, ['microphone'], 'The call goes on receive-only: you can hear the other side, they cannot hear you.')] };
    }
    const [audio, videoTrack] = await Promise.allSettled([getTrack('audio', audioC), getTrack('video', videoC)]);
    const result: Acquired = { errors: [] };
    if (audio.status === 'fulfilled') result.audio = audio.value;
    if (videoTrack.status === 'fulfilled') result.video = videoTrack.value;
    if (!result.audio && !result.video) {
      // Same cause for both (e.g. denied): one message.
      const audioName = audio.status === 'rejected' ? errorName(audio.reason) : '';
      const videoName = videoTrack.status === 'rejected' ? errorName(videoTrack.reason) : '';
      if (audioName === videoName) {
        result.errors.push(mediaError(audio.status === 'rejected' ? audio.reason : bothError, ['camera', 'microphone'], 'The call goes on receive-only: you can see and hear the other side, they cannot see or hear you.'));
        return result;
      }
    }
    if (!result.video && videoTrack.status === 'rejected') {
      result.errors.push(mediaError(videoTrack.reason, ['camera'], result.audio ? 'The call goes on with audio only.' : 'The other side cannot see you.'));
    }
    if (!result.audio && audio.status === 'rejected') {
      result.errors.push(mediaError(audio.reason, ['microphone'], 'The other side cannot hear you.'));
    }
    return result;
  }
}

function errorName(error: unknown): string {
  return error && typeof error === 'object' && 'name' in error ? String((error as { name: unknown }).name) : '';
}

/** Starts screen capture (video only). Throws an RtcError. */
export async function acquireScreen(): Promise<MediaStreamTrack> {
  const devices = navigator.mediaDevices;
  if (!devices?.getDisplayMedia) throw new RtcError('media-failed', 'This browser cannot share the screen (no getDisplayMedia).');
  try {
    const stream = await devices.getDisplayMedia({ video: true, audio: false });
    const track = stream.getVideoTracks()[0];
    if (!track) throw Object.assign(new Error('no video track'), { name: 'NotFoundError' });
    return track;
  } catch (error) {
    throw error instanceof RtcError ? error : mediaError(error, ['screen'], 'The call goes on with the camera.');
  }
}

export async function listDevices(): Promise<DeviceLists> {
  const lists: DeviceLists = { audioInput: [], videoInput: [], audioOutput: [] };
  if (!navigator.mediaDevices?.enumerateDevices) return lists;
  for (const device of await navigator.mediaDevices.enumerateDevices()) {
    if (device.kind === 'audioinput') lists.audioInput.push(device);
    else if (device.kind === 'videoinput') lists.videoInput.push(device);
    else if (device.kind === 'audiooutput') lists.audioOutput.push(device);
  }
  return lists;
}

/**
 * Tracks that stand in for a missing camera or microphone while a call is set up, so the call has
 * an audio and a video sender (a later camera, microphone or screen share then needs no
 * renegotiation). They are swapped for "nothing" right after the call is set up and stopped.
 */
export interface Placeholder {
  track: MediaStreamTrack;
  dispose(): void;
}

export function placeholderTrack(kind: 'audio' | 'video'): Placeholder | undefined {
  try {
    if (kind === 'video') {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 180;
      // captureStream(0): frames only on requestFrame(), which never happens.
      const track = canvas.captureStream(0).getVideoTracks()[0];
      return track ? { track, dispose: () => track.stop() } : undefined;
    }
    const Context = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Context) return undefined;
    const context = new Context();
    const track = context.createMediaStreamDestination().stream.getAudioTracks()[0];
    const dispose = () => { track?.stop(); context.close().catch(() => {}); };
    if (!track) { dispose(); return undefined; }
    return { track, dispose };
  } catch {
    return undefined;
  }
}

/** The transceiver of `kind` in a call's peer connection (by its receiver, which always has a track). */
export function transceiverOf(pc: RTCPeerConnection | undefined, kind: 'audio' | 'video'): RTCRtpTransceiver | undefined {
  if (!pc || pc.signalingState === 'closed') return undefined;
  const candidates = pc.getTransceivers().filter((t) => t.currentDirection !== 'stopped' && t.receiver.track?.kind === kind);
  // Prefer the negotiated one (it has a mid) over an unassociated one addTrack made.
  return candidates.find((t) => t.mid !== null) ?? candidates[0];
}

/** Replaces what the call sends for `kind` without renegotiation; ignores a closed connection. */
export async function replaceOutgoing(pc: RTCPeerConnection | undefined, kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<boolean> {
  const transceiver = transceiverOf(pc, kind);
  if (!transceiver) return false;
  if (transceiver.sender.track === track) return true;
  await transceiver.sender.replaceTrack(track);
  return true;
}
