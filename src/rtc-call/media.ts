/**
 * <rtc-call>'s media plumbing that a call needs while it runs: placeholder tracks that keep a
 * sender slot when a device is missing, and swapping what a call sends. Capture (camera,
 * microphone, screen) is in ./capture.ts, loaded when media is first started.
 */
import { RtcError } from '../core/errors.js';

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
    const dispose = () => {
      track?.stop();
      context.close().catch(() => {});
    };
    if (!track) {
      dispose();
      return undefined;
    }
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

const DEVICE_KINDS = ['audioInput', 'videoInput', 'audioOutput'] as const;

/** setDevices(): `selection` over the current choice (null or '' is the default); throws on anything else. */
export function mergeSelection(previous: DeviceSelection, selection: unknown): DeviceSelection {
  if (!selection || typeof selection !== 'object' || Array.isArray(selection)) {
    throw new RtcError('invalid-attribute', 'setDevices() takes an object like {audioInput, videoInput, audioOutput} with device ids from getDevices().');
  }
  const next: DeviceSelection = { ...previous };
  for (const kind of DEVICE_KINDS) {
    const value = (selection as Record<string, unknown>)[kind];
    if (value === undefined) continue;
    if (value === null || value === '') {
      delete next[kind];
      continue;
    }
    if (typeof value !== 'string' || value.length > 1024) {
      throw new RtcError('invalid-attribute', `setDevices(): ${kind} must be a device id string from getDevices() (or null for the default).`);
    }
    next[kind] = value;
  }
  return next;
}
