/**
 * The lobby's event (lobby.ts). A module of its own, loaded with the lobby's chunk, so a call
 * without `lobby` does not load it; the entry points export its types.
 */
import type { DeviceSelection } from './media.js';

/** What the user chose in the lobby. */
export interface RtcLobbyReadyDetail {
  /** The chosen devices (ids from `getDevices()`; a missing entry is the browser's default). */
  devices: DeviceSelection;
  /** The microphone is on (off: the call starts muted). */
  audio: boolean;
  /** The camera is on (off: the call starts with `camera-off`; always false with `audio-only`). */
  video: boolean;
}

/** The user joined from the lobby (Join / Call); the call or room join starts right after. */
export class RtcLobbyReadyEvent extends CustomEvent<RtcLobbyReadyDetail> {
  constructor(detail: RtcLobbyReadyDetail) {
    super('rtc-lobby-ready', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-lobby-ready': RtcLobbyReadyEvent;
  }
}
