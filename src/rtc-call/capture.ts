/**
 * Camera, microphone and screen capture for <rtc-call>, loaded when media is first started (or a
 * call rings): acquisition with graceful fallback, and errors a user understands.
 */
import { RtcError } from '../core/errors.js';
import type { DeviceLists, DeviceSelection } from './media.js';
import type { AudioProcessingState } from './rtc-call.events.js';

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
      if (kinds.includes('screen'))
        return new RtcError('media-failed', `Screen sharing has to start from a click: the browser requires a user gesture${detail}.${tail}`);
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

/** The element's clean-audio settings (`noise-suppression`, `echo-cancellation`, `auto-gain`). */
export interface AudioSettings {
  readonly noiseSuppression: boolean;
  readonly echoCancellation: boolean;
  readonly autoGain: boolean;
}

const PROCESSING_KEYS = ['noiseSuppression', 'echoCancellation', 'autoGainControl'] as const;

/** The microphone processing the element's settings ask for. */
export function processingWish(audio: AudioSettings): { noiseSuppression: boolean; echoCancellation: boolean; autoGainControl: boolean } {
  return { noiseSuppression: audio.noiseSuppression !== false, echoCancellation: audio.echoCancellation !== false, autoGainControl: audio.autoGain !== false };
}

/** `exact`: the processing switches the browser knows as exact constraints (a new capture must not reuse an open source with other settings). */
export function audioConstraints(devices: DeviceSelection, audio: AudioSettings, exact = false): MediaTrackConstraints {
  const wish: MediaTrackConstraints = processingWish(audio);
  if (exact) {
    const supported: MediaTrackSupportedConstraints = navigator.mediaDevices?.getSupportedConstraints?.() ?? {};
    for (const key of PROCESSING_KEYS) if (supported[key]) wish[key] = { exact: wish[key] as boolean };
  }
  return { ...wish, ...(devices.audioInput ? { deviceId: { exact: devices.audioInput } } : {}) };
}

/** What the microphone track really does (getSettings), null where the browser cannot say or has no such switch; null without a microphone. */
export function processingOf(track: MediaStreamTrack | undefined): AudioProcessingState | null {
  if (!track) return null;
  const supported: MediaTrackSupportedConstraints = navigator.mediaDevices?.getSupportedConstraints?.() ?? {};
  const settings: MediaTrackSettings = track.getSettings?.() ?? {};
  const state = {} as AudioProcessingState;
  for (const key of PROCESSING_KEYS) {
    const value = settings[key];
    state[key] = supported[key] && typeof value === 'boolean' ? value : null;
  }
  return state;
}

function videoConstraints(devices: DeviceSelection, base: MediaTrackConstraints): MediaTrackConstraints {
  return { ...base, ...(devices.videoInput ? { deviceId: { exact: devices.videoInput } } : {}) };
}

/** Gets one kind of track, or the error why not. */
async function getTrack(kind: 'audio' | 'video', constraints: MediaTrackConstraints): Promise<MediaStreamTrack> {
  const stream = await mediaDevices().getUserMedia(kind === 'audio' ? { audio: constraints } : { video: constraints });
  const track = stream.getTracks().find((t) => t.kind === kind);
  if (!track) {
    stream.getTracks().forEach((t) => t.stop());
    throw Object.assign(new Error(`the browser returned no ${kind} track`), { name: 'NotFoundError' });
  }
  return track;
}

/** Starts the chosen microphone or camera during a call; throws an RtcError that ends with `consequence`. */
export async function deviceTrack(
  kind: 'audio' | 'video',
  devices: DeviceSelection,
  video: MediaTrackConstraints,
  consequence: string,
  audio: AudioSettings,
  exact = false,
): Promise<MediaStreamTrack> {
  try {
    return await getTrack(kind, kind === 'audio' ? audioConstraints(devices, audio, exact) : videoConstraints(devices, video));
  } catch (error) {
    throw mediaError(error, [kind === 'audio' ? 'microphone' : 'camera'], consequence);
  }
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
export async function acquireMedia(wantVideo: boolean, devices: DeviceSelection, video: MediaTrackConstraints, audio: AudioSettings): Promise<Acquired> {
  const audioC = audioConstraints(devices, audio);
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
        result.errors.push(
          mediaError(
            audio.status === 'rejected' ? audio.reason : bothError,
            ['camera', 'microphone'],
            'The call goes on receive-only: you can see and hear the other side, they cannot see or hear you.',
          ),
        );
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

/** The devices the browser offers. Throws an RtcError. */
export async function listDevices(): Promise<DeviceLists> {
  const lists: DeviceLists = { audioInput: [], videoInput: [], audioOutput: [] };
  if (!navigator.mediaDevices?.enumerateDevices) return lists;
  let devices: MediaDeviceInfo[];
  try {
    devices = await navigator.mediaDevices.enumerateDevices();
  } catch (error) {
    throw new RtcError('media-failed', `The devices could not be listed: ${(error as Error)?.message ?? String(error)}`);
  }
  for (const device of devices) {
    if (device.kind === 'audioinput') lists.audioInput.push(device);
    else if (device.kind === 'videoinput') lists.videoInput.push(device);
    else if (device.kind === 'audiooutput') lists.audioOutput.push(device);
  }
  return lists;
}

/** Plays `videos` on the chosen speaker (undefined: the default one). Throws an RtcError. */
export async function setSink(videos: Array<HTMLVideoElement | undefined>, id: string | undefined): Promise<void> {
  const sinks = videos as Array<(HTMLVideoElement & { setSinkId?: (id: string) => Promise<void> }) | undefined>;
  if (!sinks[0]?.setSinkId) {
    if (id) throw new RtcError('media-failed', 'This browser cannot choose the speaker (no setSinkId); the default one is used.');
    return;
  }
  try {
    for (const video of sinks) await video?.setSinkId?.(id ?? '');
  } catch (error) {
    throw mediaError(error, [], 'The previous speaker stays in use.');
  }
}
