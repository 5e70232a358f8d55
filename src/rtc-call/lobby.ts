/**
 * <rtc-call>'s pre-join lobby (`lobby`), loaded when it first opens (lobby-gate.ts): camera
 * preview, microphone level, a speaker test tone, device pickers (device-settings.ts) and
 * microphone/camera toggles. The tracks it starts become the call's (LocalMedia's preset): joining
 * asks for no camera again. Cancel, Escape, `hangup()` and removing the element release them.
 */
import type { ReactiveController, TemplateResult } from 'lit';
import { RtcError, toRtcError } from '../core/errors.js';
import { format, resolveStrings } from '../core/strings.js';
import { callEnglish } from '../core/strings-call.js';
import { lobbyEnglish } from '../core/strings-lobby.js';
import { acquireMedia, deviceTrack, listDevices, type Acquired } from './capture.js';
import { DeviceSettings, settingsStyles } from './device-settings.js';
import type { LobbyGate, LobbyPanel } from './lobby-gate.js';
import { RtcLobbyReadyEvent } from './lobby.events.js';
import { LevelMeter } from './lobby-meter.js';
import { readDevices, writeDevices } from './lobby-store.js';
import { lobbyStyles, lobbyView } from './lobby-view.js';
import { mergeSelection, type DeviceLists, type DeviceSelection } from './media.js';

const STRINGS = { ...callEnglish, ...lobbyEnglish };

interface Tracks {
  audio?: MediaStreamTrack;
  video?: MediaStreamTrack;
}

const stopAll = (tracks: Tracks): void => {
  tracks.audio?.stop();
  tracks.video?.stop();
};

export class Lobby implements LobbyPanel, ReactiveController {
  private isOpen = false;
  /** What Join goes on with (the call or room join that opened the lobby), and what Cancel tells it. */
  private go: (() => unknown) | undefined;
  private cancelled: (() => void) | undefined;
  /** Who Join calls, for its label. */
  private peer: string | undefined;
  private audio = true;
  private video = true;
  private selection: DeviceSelection = {};
  private tracks: Tracks = {};
  private stream: MediaStream | undefined;
  private starting: Promise<void> | undefined;
  private joining = false;
  private level = 0;
  private readonly meter = new LevelMeter();
  private readonly devices: DeviceSettings;

  constructor(private readonly gate: LobbyGate) {
    const host = gate.host;
    const el = host.el;
    el.addController(this);
    host.addStyles(settingsStyles);
    host.addStyles(lobbyStyles);
    const selection = (): DeviceSelection => this.selection;
    // The pickers of the devices panel, choosing for the preview instead of the call.
    this.devices = new DeviceSettings(
      {
        addController: (c) => el.addController(c),
        removeController: (c) => el.removeController(c),
        requestUpdate: () => el.requestUpdate(),
        get updateComplete() {
          return el.updateComplete;
        },
        get audioOnly() {
          return el.audioOnly;
        },
        get selectedDevices() {
          return selection();
        },
        get noiseSuppression() {
          return el.noiseSuppression;
        },
        set noiseSuppression(on) {
          el.noiseSuppression = on;
        },
        get echoCancellation() {
          return el.echoCancellation;
        },
        set echoCancellation(on) {
          el.echoCancellation = on;
        },
        get autoGain() {
          return el.autoGain;
        },
        set autoGain(on) {
          el.autoGain = on;
        },
        setDevices: (choice) => this.choose(choice),
      },
      () => this.cancel(),
    );
  }

  hostDisconnected(): void {
    // A DOM move (remove and re-add in one task) keeps the lobby; a removal closes it.
    setTimeout(() => {
      if (!this.gate.host.el.isConnected) this.cancel();
    }, 0);
  }

  async open(go?: () => unknown, cancel?: () => void, peer?: string): Promise<void> {
    const el = this.gate.host.el;
    if (el.callState !== 'idle') {
      this.gate.host.error('invalid-state', 'openLobby() was called during a call; nothing happened.');
      return;
    }
    if (go) {
      // A new call()/join replaces the one waiting here (a room's entry asks again with the same functions).
      const previous = this.cancelled;
      this.go = go;
      this.cancelled = cancel;
      this.peer = peer;
      if (previous && previous !== cancel) previous();
    }
    if (this.isOpen) {
      el.requestUpdate();
      return this.starting;
    }
    this.isOpen = true;
    this.audio = !el.muted;
    this.video = !el.audioOnly && !el.cameraOff;
    this.selection = { ...(el.rememberDevices ? readDevices() : {}), ...el.selectedDevices };
    this.level = 0;
    el.requestUpdate();
    this.focus('[part~="lobby-join"]');
    this.starting = this.start().finally(() => {
      this.starting = undefined;
      el.requestUpdate();
    });
    return this.starting;
  }

  private async start(): Promise<void> {
    const { el, error } = this.gate.host;
    let got: Acquired = await acquireMedia(this.video, this.selection, el.videoConstraints, el);
    if (got.errors.some((e) => e.type === 'media-not-found') && (this.selection.audioInput || this.selection.videoInput)) {
      // A remembered (or chosen) device is gone: the browser's default ones instead.
      stopAll(got);
      this.selection = { audioOutput: this.selection.audioOutput };
      got = await acquireMedia(this.video, this.selection, el.videoConstraints, el);
    }
    if (!this.isOpen) {
      stopAll(got);
      return;
    }
    for (const e of got.errors) error(e.type, e.message);
    this.tracks = { audio: got.audio, video: got.video };
    if (got.audio) got.audio.enabled = this.audio;
    this.preview();
    await this.known();
    void this.devices.refresh();
  }

  /** Drops chosen (or remembered) devices the browser does not list now, e.g. an unplugged speaker. */
  private async known(): Promise<void> {
    let lists: DeviceLists;
    try {
      lists = await listDevices();
    } catch {
      return;
    }
    const next: DeviceSelection = { ...this.selection };
    for (const kind of ['audioInput', 'videoInput', 'audioOutput'] as const) {
      const id = next[kind];
      if (id && !lists[kind].some((d) => d.deviceId === id)) delete next[kind];
    }
    this.selection = next;
  }

  /** The preview stream and the meter follow the tracks. */
  private preview(): void {
    const { audio, video } = this.tracks;
    this.stream = new MediaStream([audio, video].filter((t): t is MediaStreamTrack => !!t));
    if (audio) this.meter.start(audio, this.show);
    else this.meter.stop();
    this.gate.host.el.requestUpdate();
  }

  /** The meter's new level, written in place (ten times a second; no render of the element). */
  private readonly show = (level: number): void => {
    this.level = level;
    const meter = this.gate.host.el.shadowRoot?.querySelector<HTMLElement>('[part~="lobby-meter"]');
    meter?.setAttribute('aria-valuenow', String(level));
    const bar = meter?.firstElementChild as HTMLElement | null | undefined;
    if (bar) bar.style.transform = `scaleX(${level / 100})`;
  };

  /** A picker changed: the preview switches to that device (the previous one stays on failure). */
  private async choose(choice: { [kind in keyof DeviceSelection]?: string | null }): Promise<void> {
    const { el, error } = this.gate.host;
    const previous = this.selection;
    const next = mergeSelection(previous, choice);
    this.selection = next;
    for (const kind of ['audio', 'video'] as const) {
      const key = kind === 'audio' ? 'audioInput' : 'videoInput';
      if (next[key] === previous[key] || !this.tracks[kind]) continue;
      let track: MediaStreamTrack;
      try {
        track = await deviceTrack(kind, next, el.videoConstraints, `The previous ${kind === 'audio' ? 'microphone' : 'camera'} stays in use.`, el);
      } catch (e) {
        this.selection = { ...this.selection, [key]: previous[key] };
        const rtcError = toRtcError(e, 'media-failed');
        error(rtcError.type, rtcError.message);
        throw rtcError;
      }
      if (!this.isOpen || !this.tracks[kind]) {
        track.stop();
        return;
      }
      this.tracks[kind]?.stop();
      this.tracks[kind] = track;
      if (kind === 'audio') track.enabled = this.audio;
      this.preview();
    }
    el.requestUpdate();
  }

  private readonly toggleAudio = (): void => {
    this.audio = !this.audio;
    if (this.tracks.audio) this.tracks.audio.enabled = this.audio;
    if (!this.audio) this.show(0);
    this.gate.host.el.requestUpdate();
  };

  /** Camera off stops it (its light goes off); on starts it again. */
  private readonly toggleVideo = async (): Promise<void> => {
    const { el, error } = this.gate.host;
    this.video = !this.video;
    el.requestUpdate();
    if (!this.video) {
      this.tracks.video?.stop();
      this.tracks.video = undefined;
      this.preview();
      return;
    }
    if (this.tracks.video || this.starting) return;
    try {
      const track = await deviceTrack('video', this.selection, el.videoConstraints, 'The camera stays off.', el);
      if (!this.isOpen || !this.video || this.tracks.video) {
        track.stop();
        return;
      }
      this.tracks.video = track;
      this.preview();
    } catch (e) {
      this.video = false;
      const rtcError = toRtcError(e, 'media-failed');
      error(rtcError.type, rtcError.message);
      el.requestUpdate();
    }
  };

  /** A short tone (Web Audio) on the chosen speaker: AudioContext.setSinkId, else an <audio> with setSinkId. */
  private readonly testSpeaker = async (): Promise<void> => {
    const { error } = this.gate.host;
    const Context = window.AudioContext;
    if (!Context) {
      error('media-failed', 'This browser cannot play a test sound (no Web Audio).');
      return;
    }
    const context = new Context() as AudioContext & { setSinkId?: (id: string) => Promise<void> };
    let audio: (HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> }) | undefined;
    try {
      const sink = this.selection.audioOutput;
      let out: AudioNode = context.destination;
      if (sink && context.setSinkId) {
        await context.setSinkId(sink);
      } else if (sink) {
        audio = document.createElement('audio');
        if (!audio.setSinkId) throw new RtcError('media-failed', 'This browser cannot choose the speaker (no setSinkId).');
        await audio.setSinkId(sink);
        const destination = context.createMediaStreamDestination();
        audio.srcObject = destination.stream;
        out = destination;
      }
      await context.resume();
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      const now = context.currentTime;
      oscillator.frequency.value = 660;
      gain.gain.setValueAtTime(0.0001, now);
      gain.gain.exponentialRampToValueAtTime(0.25, now + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.6);
      oscillator.connect(gain).connect(out);
      oscillator.onended = () => {
        void context.close().catch(() => {});
        if (audio) audio.srcObject = null;
      };
      oscillator.start(now);
      oscillator.stop(now + 0.65);
      await audio?.play();
    } catch (e) {
      void context.close().catch(() => {});
      const message = e instanceof Error ? e.message : String(e);
      error('media-failed', `The test sound could not be played on the chosen speaker (${message}).`);
    }
  };

  private readonly key = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.cancel();
  };

  /** Join: the choices go to the element, the tracks to the call, and the call or join goes on. */
  private readonly join = async (): Promise<void> => {
    if (!this.isOpen || this.joining) return;
    this.joining = true;
    try {
      await this.starting;
    } finally {
      this.joining = false;
    }
    if (this.isOpen) this.handOver(this.go ?? this.defaultGo());
  };

  /** `openLobby()` with nothing waiting: Join joins `room`, calls `remote`, or just keeps the choices. */
  private defaultGo(): (() => unknown) | undefined {
    const el = this.gate.host.el;
    if (el.room?.trim()) return () => el.joinRoom();
    if (el.remote?.trim()) return () => el.call().catch(() => {});
    return undefined;
  }

  private handOver(go: (() => unknown) | undefined): void {
    const { el, media } = this.gate.host;
    const devices = { ...this.selection };
    // Both synchronous while no call has media yet (no device is switched, nothing is asked for).
    el.setDevices({ audioInput: devices.audioInput ?? null, videoInput: devices.videoInput ?? null }).catch(() => {});
    el.setDevices({ audioOutput: devices.audioOutput ?? null }).catch(() => {});
    el.setMuted(!this.audio);
    el.setCameraOff(!this.video).catch(() => {});
    if (el.rememberDevices) writeDevices(devices);
    const got: Acquired = { audio: this.tracks.audio, video: this.video ? this.tracks.video : undefined, errors: [] };
    const detail = { devices, audio: this.audio, video: this.video };
    this.tracks = {};
    this.close();
    this.gate.passed = true;
    el.dispatchEvent(new RtcLobbyReadyEvent(detail));
    media.preset = got;
    go?.();
    // Nothing took them (nothing to join, or the call could not start): they stop here.
    if (media.preset === got) {
      media.preset = undefined;
      stopAll(got);
    }
  }

  /** A call is answered while the lobby is open: the answer takes its tracks (or asks itself, if they are not there yet). */
  take(): void {
    if (!this.isOpen) return;
    if (this.starting) this.cancel();
    else this.handOver(undefined);
  }

  cancel(): void {
    if (!this.isOpen) return;
    const cancelled = this.cancelled;
    this.close();
    this.focus('[part~="call-button"], [part~="dial-input"]');
    cancelled?.();
  }

  private close(): void {
    this.isOpen = false;
    this.go = this.cancelled = this.peer = undefined;
    this.meter.stop();
    stopAll(this.tracks);
    this.tracks = {};
    this.stream = undefined;
    this.gate.host.el.requestUpdate();
  }

  private focus(selector: string): void {
    const el = this.gate.host.el;
    void el.updateComplete.then(() => el.shadowRoot?.querySelector<HTMLElement>(selector)?.focus());
  }

  render(): TemplateResult | undefined {
    const el = this.gate.host.el;
    // While a call rings (or runs) the stage shows it; the lobby waits behind.
    if (!this.isOpen || el.callState !== 'idle') return undefined;
    const lang = el.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
    const t = resolveStrings(lang, el.strings, STRINGS);
    const room = el.room?.trim();
    const peer = this.go ? this.peer : room ? undefined : el.remote?.trim();
    const joinLabel = peer ? format(t.lobbyCall, { peer }) : room ? format(t.lobbyJoinRoom, { room }) : this.go ? t.call : t.lobbyDone;
    return lobbyView(
      {
        t,
        stream: this.stream,
        audio: this.audio,
        video: this.video,
        audioOnly: el.audioOnly,
        starting: !!this.starting,
        level: this.level,
        joinLabel,
        devices: this.devices.render(t),
      },
      {
        join: () => void this.join(),
        cancel: () => this.cancel(),
        toggleAudio: this.toggleAudio,
        toggleVideo: () => void this.toggleVideo(),
        testSpeaker: () => void this.testSpeaker(),
        key: this.key,
        touched: () => this.meter.resume(),
      },
    );
  }
}
