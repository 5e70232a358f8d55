/**
 * <rtc-call>'s way through the pre-join lobby (`lobby`): before the first call or room join the
 * lobby opens instead, and the call or join goes on when the user joins from it. The lobby itself
 * (./lobby.ts, preview, meter, pickers) loads when it first opens.
 */
import type { CSSResult, ReactiveControllerHost, TemplateResult } from 'lit';
import { lazy, loadFailed } from '../core/lazy.js';
import type { RtcErrorType } from '../core/errors.js';
import type { Acquired } from './capture.js';
import type { DeviceSelection } from './media.js';
import type { CallState } from './rtc-call.events.js';

const loadLobby = lazy(() => import('./lobby.js'));

/** The element's public side the lobby uses. */
export interface LobbyElement extends ReactiveControllerHost, HTMLElement {
  readonly lobby: boolean;
  readonly rememberDevices: boolean;
  readonly audioOnly: boolean;
  readonly muted: boolean;
  readonly cameraOff: boolean;
  readonly remote?: string;
  readonly room?: string;
  readonly callState: CallState;
  readonly videoConstraints: MediaTrackConstraints;
  /** The clean-audio switches: the lobby's capture honours them, its devices panel sets them. */
  noiseSuppression: boolean;
  echoCancellation: boolean;
  autoGain: boolean;
  readonly selectedDevices: DeviceSelection;
  readonly strings?: unknown;
  readonly shadowRoot: ShadowRoot | null;
  readonly updateComplete: Promise<boolean>;
  setMuted(muted: boolean): void;
  setCameraOff(off: boolean): Promise<void>;
  setDevices(selection: { [kind in keyof DeviceSelection]?: string | null }): Promise<void>;
  call(): Promise<unknown>;
  joinRoom(): void;
}

/** What the lobby needs besides the element's public side. */
export interface LobbyHost {
  el: LobbyElement;
  /** The own media: the lobby's tracks go in as its preset, so the call asks for no others. */
  media: { preset: Acquired | undefined };
  error(type: RtcErrorType, message: string): void;
  addStyles(styles: CSSResult): void;
}

/** The lobby once loaded (./lobby.ts). */
export interface LobbyPanel {
  open(go?: () => unknown, cancel?: () => void, peer?: string): Promise<void>;
  /** Cancel / Escape / hangup(): closes and releases the camera. */
  cancel(): void;
  /** A call is answered while the lobby is open: its tracks and choices go to the call. */
  take(): void;
  render(): TemplateResult | undefined;
}

export class LobbyGate {
  /** The lobby, once its code has loaded. */
  lobby: LobbyPanel | undefined;
  /** Joined from the lobby: later calls and joins go straight on. */
  passed = false;

  readonly host: LobbyHost;

  constructor(el: LobbyElement, media: LobbyHost['media'], error: LobbyHost['error'], addStyles: LobbyHost['addStyles']) {
    this.host = { el, media, error, addStyles };
  }

  /** `call()`: with `lobby`, the call waits for Join (Cancel resolves `'hangup'`). */
  through<T>(start: () => Promise<T>, peer: string | undefined): Promise<T | 'hangup'> {
    return new Promise((resolve) => {
      const go = () => resolve(start());
      if (!this.hold(go, () => resolve('hangup'), peer)) go();
    });
  }

  /** With `lobby`, before the first join: opens the lobby (true), which runs `go` on Join, `cancel` on Cancel; `peer`: whom Join calls. */
  hold(go: () => unknown, cancel?: () => void, peer?: string): boolean {
    const el = this.host.el;
    if (!el.lobby || this.passed || el.callState !== 'idle') return false;
    void this.open(go, cancel, peer);
    return true;
  }

  /** Opens the lobby (not during a call: the lobby says so); if its code cannot load, the way goes on without it. */
  open(go?: () => unknown, cancel?: () => void, peer?: string): Promise<void> {
    const { error } = this.host;
    return loadLobby().then(
      (module) => (this.lobby ??= new module.Lobby(this)).open(go, cancel, peer),
      (e: unknown) => {
        const failure = loadFailed('lobby', e);
        error(failure.type, failure.message);
        go?.();
      },
    );
  }
}
