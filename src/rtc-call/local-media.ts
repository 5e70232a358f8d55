/** <rtc-call>'s own camera, microphone and screen: capture, device switching, camera on/off, its media state. */
import type { PeerCall } from '../session/peer-session.js';
import { loadFailed, lazy, lazyModule } from '../core/lazy.js';
import { RtcError, toRtcError, type RtcErrorType } from '../core/errors.js';
import type { CallRecord } from './call-record.js';
import type { Acquired, AudioSettings } from './capture.js';
import { mergeSelection, placeholderTrack, replaceOutgoing, type DeviceSelection, type Placeholder } from './media.js';
import { RtcLocalStreamEvent, RtcMediaStateEvent } from './rtc-call.events.js';

/** Camera, microphone and screen capture load when media is first started (or a call rings). */
const loadCapture = lazyModule(() => import('./capture.js'));
/** Screen sharing and turning the camera off and on load on first use (./media-changes.ts). */
const loadChanges = lazy(() => import('./media-changes.js'));
/** Background blur / replace (./background.ts) loads once `background` is set. */
const loadBackground = lazy(() => import('./background.js'));
/** Loads the capture code ahead of its use; a failure is reported when it is used. */
export const prefetchCapture = (): void => {
  loadCapture().catch(() => {});
};

/** The capture code; a failed load rejects with an RtcError `load-failed`. */
export function capture(): Promise<typeof import('./capture.js')> {
  return loadCapture().catch((error: unknown) => {
    throw loadFailed('media capture', error);
  });
}

/** Swaps placeholders for "nothing" once the call has its senders, then stops them. */
export async function dropPlaceholders(call: PeerCall, placeholders: Placeholder[]): Promise<void> {
  for (const placeholder of placeholders) {
    const kind = placeholder.track.kind === 'audio' ? 'audio' : 'video';
    try {
      await replaceOutgoing(call.peerConnection, kind, null);
    } catch {
      // closed meanwhile
    }
    placeholder.dispose();
  }
}

/** The clean-audio attributes' converter: on unless set to `off`, `false`, `0` or `no` (so a bare or removed attribute is on). */
export const ON_UNLESS_OFF = { fromAttribute: (value: string | null): boolean => !/^(off|false|0|no)$/i.test(value ?? '') };

/** A media state (own or remote). */
export interface MediaState {
  muted: boolean;
  cameraOff: boolean;
  screen: boolean;
}

interface LocalTracks {
  /** Camera and microphone tracks (what the preview shows). */
  stream: MediaStream;
  audio?: MediaStreamTrack;
  video?: MediaStreamTrack;
}

/** The element's settings that the local media follows (its public properties). */
export interface MediaSettings extends AudioSettings {
  readonly muted: boolean;
  cameraOff: boolean;
  readonly audioOnly: boolean;
  readonly videoConstraints: MediaTrackConstraints;
  readonly background?: string;
}

/** What the local media needs of its element. */
export interface MediaHost {
  /** The one-to-one call, if any. */
  call(): CallRecord | undefined;
  /** The room, while in one. */
  room(): object | undefined;
  /** In a room: some member's call is connected. */
  roomConnected(): boolean;
  /** The one-to-one call rings (not answered yet). */
  ringing(): boolean;
  /** The one-to-one call's other side takes video. */
  remoteVideo(): boolean;
  /** The connections that carry our media (the call's, or every room member's). */
  connections(): Array<RTCPeerConnection | undefined>;
  error(type: RtcErrorType, message: string, peer?: string): void;
  /** A device could not be started (the call goes on without it). */
  captureFailed(error: RtcError, peer?: string): void;
  fire(event: Event): void;
  /** Tracks changed: render again. */
  changed(): void;
  ownId(): string;
  /** Tells the other side(s) our media state. */
  announce(): void;
}

export class LocalMedia {
  local: LocalTracks | undefined;
  screenTrack: MediaStreamTrack | undefined;
  /** The screen track in a stream of its own, for the preview. */
  screenPreview: MediaStream | undefined;
  /** The screen is shared (set once the connections send it). */
  sharing = false;
  devices: DeviceSelection = {};
  /** Tracks the lobby started (lobby.ts): the next start() takes them instead of asking the browser again. */
  preset: Acquired | undefined;
  lastLocalState: string | undefined;
  private acquiring: Promise<void> | undefined;
  private cameraQueue: Promise<void> = Promise.resolve();
  /** The background processing, once `background` was set (./background.ts). */
  bg: import('./background.js').Background | undefined;

  constructor(
    /** @internal */ readonly el: MediaSettings,
    /** @internal */ readonly host: MediaHost,
  ) {}

  /** Starts camera and microphone (once; callers meanwhile wait for the same start). */
  async start(peer: string | undefined, wantVideo: boolean): Promise<void> {
    if (this.local) return;
    this.acquiring ??= this.acquire(peer, wantVideo).finally(() => {
      this.acquiring = undefined;
    });
    await this.acquiring;
  }

  private async acquire(peer: string | undefined, wantVideo: boolean): Promise<void> {
    let got: Acquired;
    const preset = this.preset;
    this.preset = undefined;
    try {
      const { acquireMedia } = await capture();
      got = preset ?? (await acquireMedia(wantVideo && !this.el.cameraOff, this.devices, this.el.videoConstraints, this.el));
    } catch (error) {
      // Without the capture code the call goes on receive-only, like without devices.
      got = { errors: [toRtcError(error, 'load-failed')] };
    }
    const owner = this.host.call();
    // Still wanted: by the call that asked (or another one that took over), or by the room.
    const wanted = this.host.room() ? true : !!owner && !owner.ended;
    if (!wanted || this.local) {
      got.audio?.stop();
      got.video?.stop();
      return;
    }
    for (const error of got.errors) this.host.captureFailed(error, peer);
    const tracks = [got.audio, got.video].filter((t): t is MediaStreamTrack => !!t);
    this.local = { stream: new MediaStream(tracks), audio: got.audio, video: got.video };
    if (got.audio) got.audio.enabled = !this.el.muted;
    for (const track of tracks) this.watch(track);
    this.host.changed();
    if (tracks.length) this.host.fire(new RtcLocalStreamEvent({ stream: this.local.stream }));
    this.emit();
  }

  /** Follows `background` (loads its code the first time it is set to something other than none). */
  applyBackground(): void {
    const b = this.el.background;
    if (this.bg || (b && b !== 'none')) {
      loadBackground().then(
        (m) => m.follow(this),
        (error: unknown) => this.host.error('load-failed', loadFailed('background', error).message),
      );
    }
  }

  /** The video track to send for the camera track `camera` (the processed one while a background is applied). */
  sendable<T extends MediaStreamTrack | undefined>(camera: T): T | MediaStreamTrack {
    return camera && this.bg ? this.bg.out(camera) : camera;
  }

  /** A device that stops by itself (unplugged, revoked) is reported; the call goes on without it. */
  watch(track: MediaStreamTrack): void {
    track.addEventListener('ended', () => {
      const local = this.local;
      if (!local || (local.audio !== track && local.video !== track)) return;
      const kind = track.kind === 'audio' ? 'microphone' : 'camera';
      local.stream.removeTrack(track);
      if (track.kind === 'audio') local.audio = undefined;
      else local.video = undefined;
      this.host.error('media-failed', `The ${kind} stopped (unplugged or taken away by the system); the call goes on without it.`, this.host.call()?.peer);
      if (track.kind === 'video' && !this.screenTrack) for (const pc of this.host.connections()) void replaceOutgoing(pc, 'video', null).catch(() => {});
      this.host.changed();
      this.emit();
    });
  }

  /** The stream handed to PeerJS: real tracks, with placeholders for missing ones (see placeholderTrack). */
  outgoingStream(video: boolean): { stream: MediaStream; placeholders: Placeholder[] } {
    const placeholders: Placeholder[] = [];
    const tracks: MediaStreamTrack[] = [];
    const add = (real: MediaStreamTrack | undefined, kind: 'audio' | 'video') => {
      if (real) {
        tracks.push(real);
        return;
      }
      const placeholder = placeholderTrack(kind);
      if (!placeholder) return;
      placeholders.push(placeholder);
      tracks.push(placeholder.track);
    };
    add(this.local?.audio, 'audio');
    // A room member that joins while this side shares its screen gets the screen.
    if (video) add(this.screenTrack ?? this.sendable(this.el.cameraOff ? undefined : this.local?.video), 'video');
    return { stream: new MediaStream(tracks), placeholders };
  }

  /** setDevices(): the chosen microphone or camera, started; if it cannot be, the previous choice comes back. */
  async deviceTrack(kind: 'audio' | 'video', next: DeviceSelection, previous: DeviceSelection): Promise<MediaStreamTrack> {
    try {
      return await (
        await capture()
      ).deviceTrack(kind, next, this.el.videoConstraints, `The previous ${kind === 'audio' ? 'microphone' : 'camera'} stays in use.`, this.el);
    } catch (error) {
      const key = kind === 'audio' ? 'audioInput' : 'videoInput';
      this.devices = { ...this.devices, [key]: previous[key] };
      throw error;
    }
  }

  swapTrack(kind: 'audio' | 'video', track: MediaStreamTrack): void {
    const local = this.local;
    if (!local) {
      track.stop();
      return;
    }
    const old = kind === 'audio' ? local.audio : local.video;
    if (old) {
      local.stream.removeTrack(old);
      old.stop();
    }
    this.addTrack(local, track);
    if (kind === 'audio') {
      local.audio = track;
      track.enabled = !this.el.muted;
    } else {
      local.video = track;
    }
    this.watch(track);
    if (kind === 'audio' || !this.screenTrack) {
      for (const pc of this.host.connections()) {
        replaceOutgoing(pc, kind, kind === 'video' ? (this.el.cameraOff ? null : this.sendable(track)) : track).catch((error: unknown) => {
          const rtcError = toRtcError(error, 'media-failed');
          this.host.error(rtcError.type, rtcError.message, this.host.call()?.peer);
        });
      }
    }
    this.host.changed();
    this.emit();
  }

  /** Adds a track to the local stream; the first track of a stream that had none fires rtc-local-stream. */
  addTrack(local: LocalTracks, track: MediaStreamTrack): void {
    const wasEmpty = local.stream.getTracks().length === 0;
    local.stream.addTrack(track);
    if (wasEmpty) this.host.fire(new RtcLocalStreamEvent({ stream: local.stream }));
  }

  release(): void {
    const local = this.local;
    this.local = undefined;
    this.sharing = false;
    local?.stream.getTracks().forEach((t) => t.stop());
    local?.audio?.stop();
    local?.video?.stop();
    if (this.screenTrack) {
      this.screenTrack.stop();
      this.screenTrack = undefined;
      this.screenPreview = undefined;
    }
    this.host.changed();
  }

  /** The code that changes media during a call; a failed load is reported and rejects. */
  private changes(): Promise<typeof import('./media-changes.js')> {
    return loadChanges().catch((error: unknown) => {
      const rtcError = loadFailed('media controls', error);
      this.host.error(rtcError.type, rtcError.message, this.host.call()?.peer);
      throw rtcError;
    });
  }

  /** `shareScreen()`: the screen instead of the camera, by replacing the outgoing video track (no renegotiation). */
  async shareScreen(): Promise<void> {
    return (await this.changes()).shareScreen(this);
  }

  /** `stopScreenShare()`: the camera again (or nothing when it is off). */
  async stopScreenShare(): Promise<void> {
    if (this.screenTrack) return (await this.changes()).stopScreenShare(this);
  }

  /** `setDevices()`; `videos`: the elements playing remote audio (the speaker choice applies to them). */
  async setDevices(selection: unknown, videos: () => Array<HTMLVideoElement | undefined>): Promise<void> {
    const host = this.host;
    const previous = { ...this.devices };
    let next: DeviceSelection;
    try {
      next = mergeSelection(previous, selection);
    } catch (error) {
      const rtcError = toRtcError(error, 'invalid-attribute');
      host.error(rtcError.type, rtcError.message);
      throw rtcError;
    }
    this.devices = next;
    const peer = host.call()?.peer;
    try {
      if (next.audioOutput !== previous.audioOutput) await (await capture()).setSink(videos(), next.audioOutput);
    } catch (error) {
      this.devices = { ...this.devices, audioOutput: previous.audioOutput };
      const rtcError = toRtcError(error, 'media-failed');
      host.error(rtcError.type, rtcError.message, peer);
      throw rtcError;
    }
    const local = this.local;
    if (!local) return;
    try {
      if (next.audioInput !== previous.audioInput && local.audio) this.swapTrack('audio', await this.deviceTrack('audio', next, previous));
      if (next.videoInput !== previous.videoInput && local.video) this.swapTrack('video', await this.deviceTrack('video', next, previous));
    } catch (error) {
      const rtcError = toRtcError(error, 'media-failed');
      host.error(rtcError.type, rtcError.message, peer);
      throw rtcError;
    }
  }

  applyMuted(): void {
    const audio = this.local?.audio;
    if (audio) audio.enabled = !this.el.muted;
    this.emit();
  }

  /** The camera follows `camera-off` (in order: each change waits for the one before). */
  applyCamera(): Promise<void> {
    const run = async (): Promise<void> => {
      if (!this.local || (!this.host.call() && !this.host.room()) || this.el.audioOnly) this.emit();
      else await (await this.changes()).applyCamera(this);
    };
    const next = this.cameraQueue.then(run, run);
    this.cameraQueue = next.catch(() => {});
    return next;
  }

  /** The microphone follows `noise-suppression`, `echo-cancellation`, `auto-gain` (no renegotiation; each change waits for the one before). */
  applyAudio(): void {
    if (this.local?.audio)
      this.changes().then(
        (changes) => changes.applyAudio(this),
        () => {},
      );
  }

  state(): MediaState {
    const local = this.local;
    return {
      muted: this.el.muted || (!!local && !local.audio),
      cameraOff: this.el.cameraOff || this.el.audioOnly || (!!local && !local.video),
      screen: !!this.screenTrack,
    };
  }

  /** Fires rtc-media-state for own changes and tells the other side. */
  emit(): void {
    const state = { ...this.state(), audioProcessing: loadCapture.loaded?.processingOf(this.local?.audio) ?? null };
    const key = JSON.stringify(state) + this.bg?.mode;
    if (key !== this.lastLocalState) {
      this.lastLocalState = key;
      const peer = this.host.ownId();
      this.host.fire(new RtcMediaStateEvent({ peer, self: true, ...state, ...(this.bg && { background: this.bg.mode }) }));
    }
    this.host.announce();
  }
}
