/**
 * <rtc-call>'s view pieces, as functions of a small view model (`CallView`) and the element's
 * handlers (`CallActions`): the status line, the header, the one-to-one stage (remote tile, own
 * preview, ringing panel), the controls bar and the frame of the devices panel. The element
 * composes them in render(); the room's grid is call-room.ts's.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { BrokerState } from '../core/events.js';
import { MAX_ROOM_SIZE } from '../core/room-limits.js';
import { format } from '../core/strings.js';
import type { CallStrings } from '../core/strings-call.js';
import type { DeviceSettings } from './device-settings.js';
import { icon } from './icons.js';
import type { CallEndReason, CallState } from './rtc-call.events.js';
import { badges, initials, type RemoteMedia, type SelfView } from './tiles.js';

/** How the last one-to-one call ended (the status line says so until the next call). */
export interface LastEnd {
  peer: string;
  reason: CallEndReason;
  outgoing: boolean;
}

/** What the status line says, and its kind (`status--<kind>` styles it). */
export interface StatusLine {
  kind: string;
  text: string;
}

/** What the status line is made of. */
export interface StatusFacts {
  phase: CallState;
  /** The peer of the current (or ringing) call. */
  peer: string | undefined;
  /** `room`: its name and how many are in it (own id included). */
  room: { name: string; members: number } | undefined;
  /** The last error, if any. */
  error: { message: string } | undefined;
  /** The attributes are invalid (the element cannot start). */
  configError: boolean;
  broker: BrokerState;
  lastEnd: LastEnd | undefined;
}

/** The status line: the call, else how the last one ended, else the broker connection. */
export function callStatus(f: StatusFacts, t: CallStrings): StatusLine {
  const peer = f.peer ?? '';
  const room = f.room;
  if (room) {
    if (f.phase === 'connecting') return { kind: 'connecting', text: format(t.joiningRoom, { room: room.name }) };
    return { kind: 'active', text: format(t.roomMembers, { room: room.name, count: room.members, max: MAX_ROOM_SIZE }) };
  }
  switch (f.phase) {
    case 'calling':
      return { kind: 'calling', text: format(t.calling, { peer }) };
    case 'ringing':
      return { kind: 'ringing', text: format(t.incomingCall, { peer }) };
    case 'connecting':
      return { kind: 'connecting', text: format(t.statusDialing, { peer }) };
    case 'active':
      return { kind: 'active', text: format(t.inCall, { peer }) };
    default:
      break;
  }
  if (f.error && (f.configError || f.broker === 'error')) return { kind: 'error', text: format(t.statusError, { message: f.error.message }) };
  const end = f.lastEnd;
  if (end) {
    const p = { peer: end.peer };
    switch (end.reason) {
      case 'declined':
        return { kind: 'ended', text: end.outgoing ? format(t.callDeclined, p) : format(t.callEnded, p) };
      case 'busy':
        return { kind: 'ended', text: format(t.callBusy, p) };
      case 'no-answer':
        return { kind: 'ended', text: end.outgoing ? format(t.callNoAnswer, p) : format(t.callMissed, p) };
      case 'failed':
        return { kind: 'error', text: f.error ? format(t.statusError, { message: f.error.message }) : format(t.callFailed, p) };
      case 'disconnected':
        return { kind: 'error', text: format(t.callLost, p) };
      default:
        return { kind: 'ended', text: format(t.callEnded, p) };
    }
  }
  if (f.broker === 'reconnecting') return { kind: 'reconnecting', text: t.statusReconnecting };
  if (f.error) return { kind: 'error', text: format(t.statusError, { message: f.error.message }) };
  if (f.broker === 'open') return { kind: 'ready', text: t.statusReady };
  if (f.broker === 'connecting') return { kind: 'connecting', text: t.statusConnecting };
  if (f.broker === 'closed') return { kind: 'closed', text: t.statusClosed };
  return { kind: 'idle', text: t.statusIdle };
}

/** What the view shows. */
export interface CallView {
  t: CallStrings;
  phase: CallState;
  /** The peer of the current (or ringing) call. */
  peer: string | undefined;
  /** Own peer id, once registered with the broker. */
  ownId: string | undefined;
  status: StatusLine;
  /** The safety code of the connected one-to-one call. */
  code: string | undefined;
  audioOnly: boolean;
  muted: boolean;
  cameraOff: boolean;
  sharing: boolean;
  /** The other side's announced state, and its stream. */
  remote: RemoteMedia;
  remoteStream: MediaStream | undefined;
  /** The connection quality indicator of the one-to-one call, once there is a reading. */
  quality: TemplateResult | undefined;
  /** The own preview. */
  self: SelfView;
  /** The page took over the ringing (`rtc-incoming-call` was canceled): no ringing panel. */
  ringHidden: boolean;
  /** In a room (`room`, joined). */
  inRoom: boolean;
  /** `room` is set (joined or not). */
  roomNamed: boolean;
  /** In a room: another member's call is connected. */
  membersConnected: boolean;
  /** Registered with the broker: calls can be placed. */
  canDial: boolean;
  /** `remote` is set: a Call button instead of the dial form. */
  hasRemote: boolean;
  /** `signaling="manual"`: the paired peer the dial form aims at (undefined: none yet). */
  paired: string | undefined;
  /** `signaling="manual"` with no peer paired yet: the pairing panel instead of the dial form. */
  unpaired: boolean;
  settingsOpen: boolean;
  fullscreen: boolean;
  pictureInPicture: boolean;
}

/** What the view's buttons and forms do. */
export interface CallActions {
  call(): void;
  dial(event: SubmitEvent): void;
  answer(): void;
  decline(): void;
  hangup(): void;
  joinRoom(): void;
  toggleMuted(): void;
  toggleCamera(): void;
  toggleScreen(): void;
  toggleSettings(): void;
  settingsKey(event: KeyboardEvent): void;
  toggleFullscreen(): void;
  togglePictureInPicture(): void;
  pictureInPictureChanged(on: boolean): void;
  enableSound(): void;
}

/** The header: the page's slot, the status line, own id and the safety code. */
export function header(v: CallView): TemplateResult {
  const t = v.t;
  return html`<div part="header" class="header">
          <slot name="header"></slot>
          <span part="status" class="status status--${v.status.kind}" role="status">${v.status.text}</span>
          ${v.ownId ? html`<span part="peer-id" class="peer-id">${format(t.yourId, { id: v.ownId })}</span>` : nothing}
          ${
            v.code
              ? html`<span part="verification" class="verification"
            title=${format(t.safetyCodeHelp, { peer: v.peer ?? '' })}>${format(t.safetyCode, { code: v.code })}</span>`
              : nothing
          }
        </div>`;
}

/** The button shown when the browser blocked sound until a click. */
export function soundButton(v: CallView, a: CallActions, blocked: boolean): TemplateResult | typeof nothing {
  return blocked
    ? html`<button part="enable-sound" class="enable-sound pill" type="button" @click=${a.enableSound}>${icon('sound')}<span>${v.t.enableSound}</span></button>`
    : nothing;
}

/** The one-to-one stage: the remote tile, the own preview during a call, the ringing panel. */
export function oneToOne(v: CallView, a: CallActions, sound: TemplateResult | typeof nothing): TemplateResult {
  const { t, phase, peer, remote } = v;
  const inCall = phase !== 'idle';
  const remoteHasVideo = !!v.remoteStream?.getVideoTracks().length;
  const showRemoteVideo = phase === 'active' && !v.audioOnly && remote.video && remoteHasVideo && (!remote.cameraOff || remote.screen);
  return html`
          <div part="remote-tile" class="tile remote">
            <video part="remote-video" class=${showRemoteVideo ? '' : 'hidden'} playsinline autoplay
              .srcObject=${v.remoteStream ?? null}
              aria-label=${format(t.remoteVideo, { peer: peer ?? '' })}
              @enterpictureinpicture=${() => a.pictureInPictureChanged(true)}
              @leavepictureinpicture=${() => a.pictureInPictureChanged(false)}></video>
            ${!inCall ? html`<div part="idle-avatar" class="avatar" aria-hidden="true"><slot name="idle">${v.self.initials}</slot></div>` : nothing}
            ${inCall && !showRemoteVideo && phase !== 'ringing' ? html`<div part="remote-avatar" class="avatar" aria-hidden="true"><slot name="remote-avatar">${initials(peer)}</slot></div>` : nothing}
            ${phase === 'active' ? remoteOverlay(v) : nothing}
            ${sound}
          </div>
          ${inCall && phase !== 'ringing' ? localTile(v) : nothing}
          ${phase === 'ringing' && !v.ringHidden ? ringingPanel(v, a) : nothing}`;
}

/** The remote peer's name, state badges and connection quality on its tile. */
function remoteOverlay(v: CallView): TemplateResult {
  return html`
      <span part="remote-name" class="peer-name">${v.peer}</span>
      <div part="remote-badges" class="badges">${badges(v.remote, v.t)}</div>
      ${v.quality ?? nothing}
    `;
}

/** The own preview tile. */
function localTile(v: CallView): TemplateResult {
  const self = v.self;
  return html`
            <div part="local-tile" class="tile local">
              <video part="local-video" class=${self.videoClass} playsinline autoplay muted
                .muted=${true} .srcObject=${self.stream ?? null} aria-label=${v.t.localVideo}></video>
              ${self.video ? nothing : html`<div part="local-avatar" class="avatar" aria-hidden="true"><slot name="local-avatar">${self.initials}</slot></div>`}
            </div>`;
}

/** The incoming call panel: who calls, Accept and Decline. */
function ringingPanel(v: CallView, a: CallActions): TemplateResult {
  const t = v.t;
  return html`
            <div part="incoming" class="incoming" role="group" aria-labelledby="incoming-title">
              <div class="avatar" aria-hidden="true">${initials(v.peer)}</div>
              <p part="incoming-title" id="incoming-title" class="incoming-title">${format(t.incomingCall, { peer: v.peer ?? '' })}</p>
              <div class="incoming-actions">
                <button part="accept-button" class="accept pill" type="button" @click=${a.answer}>${icon('phone')}<span>${t.answer}</span></button>
                <button part="decline-button" class="decline pill" type="button" @click=${a.decline}>${icon('hangup')}<span>${t.decline}</span></button>
              </div>
            </div>`;
}

/** The controls bar: call, hang up or join/leave the room; microphone, camera, screen, devices, full screen, picture-in-picture. */
export function controls(v: CallView, a: CallActions): TemplateResult {
  const { t, phase } = v;
  const inCall = phase !== 'idle';
  const connected = phase === 'active';
  const canShare = !v.audioOnly && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
  const canFullscreen = document.fullscreenEnabled;
  const canPip = document.pictureInPictureEnabled && !v.audioOnly && !v.inRoom;
  // With room: Leave while in it, Join while out of it (unless a one-to-one call is on).
  const roomControls = v.inRoom || (v.roomNamed && !inCall);
  return html`
      <div part="controls" class="controls" role="group" aria-label=${t.callControls}>
        ${
          roomControls
            ? v.inRoom
              ? html`
          <button part="hangup-button" class="end pill" type="button" @click=${a.hangup}>${icon('hangup')}<span>${t.leaveRoom}</span></button>`
              : html`
          <button part="call-button" class="start pill" type="button" ?disabled=${!v.canDial} @click=${a.joinRoom}>${icon('phone')}<span>${t.joinRoom}</span></button>`
            : nothing
        }
        ${
          !roomControls && !inCall && !v.hasRemote && !v.unpaired
            ? html`
          <form part="dial-form" class="dial" @submit=${a.dial}>
            <label class="sr-only" for="dial-input">${t.callPeerLabel}</label>
            <input part="dial-input" id="dial-input" autocomplete="off" spellcheck="false" placeholder=${v.paired ?? t.connectPlaceholder}>
            <button part="call-button" class="start pill" type="submit" ?disabled=${!v.canDial}>${icon('phone')}<span>${t.call}</span></button>
          </form>`
            : nothing
        }
        ${
          !roomControls && !inCall && v.hasRemote
            ? html`
          <button part="call-button" class="start pill" type="button" ?disabled=${!v.canDial} @click=${a.call}>${icon('phone')}<span>${t.call}</span></button>`
            : nothing
        }
        ${
          !roomControls && inCall && phase !== 'ringing'
            ? html`
          <button part="hangup-button" class="end pill" type="button" @click=${a.hangup}>${icon('hangup')}<span>${t.hangup}</span></button>`
            : nothing
        }
        <button part="mute-button" class="round ${v.muted ? 'off' : ''}" type="button" title=${v.muted ? t.unmute : t.mute}
          aria-label=${v.muted ? t.unmute : t.mute} @click=${a.toggleMuted}>${icon(v.muted ? 'micOff' : 'mic')}</button>
        ${
          v.audioOnly
            ? nothing
            : html`
          <button part="camera-button" class="round ${v.cameraOff ? 'off' : ''}" type="button" title=${v.cameraOff ? t.cameraOn : t.cameraOff}
            aria-label=${v.cameraOff ? t.cameraOn : t.cameraOff} @click=${a.toggleCamera}>${icon(v.cameraOff ? 'cameraOff' : 'camera')}</button>`
        }
        ${
          canShare
            ? html`
          <button part="screen-button" class="round ${v.sharing ? 'off' : ''}" type="button" ?disabled=${v.inRoom ? !v.membersConnected : !connected || !v.remote.video}
            title=${v.sharing ? t.stopShareScreen : t.shareScreen} aria-label=${v.sharing ? t.stopShareScreen : t.shareScreen}
            @click=${a.toggleScreen}>${icon(v.sharing ? 'screenStop' : 'screen')}</button>`
            : nothing
        }
        <button part="settings-button" class="round" type="button" title=${t.settings} aria-label=${t.settings}
          aria-expanded=${v.settingsOpen ? 'true' : 'false'} aria-controls="settings" @click=${a.toggleSettings}>${icon('devices')}</button>
        ${
          canFullscreen
            ? html`
          <button part="fullscreen-button" class="round" type="button" title=${v.fullscreen ? t.exitFullscreen : t.fullscreen}
            aria-label=${v.fullscreen ? t.exitFullscreen : t.fullscreen} @click=${a.toggleFullscreen}>${icon(v.fullscreen ? 'fullscreenExit' : 'fullscreen')}</button>`
            : nothing
        }
        ${
          canPip
            ? html`
          <button part="pip-button" class="round" type="button" ?disabled=${!connected}
            title=${v.pictureInPicture ? t.exitPictureInPicture : t.pictureInPicture}
            aria-label=${v.pictureInPicture ? t.exitPictureInPicture : t.pictureInPicture} @click=${a.togglePictureInPicture}>${icon('pip')}</button>`
            : nothing
        }
      </div>
    `;
}

/** The devices panel's frame; `panel`: the panel, once its code has loaded (device-settings.ts). */
export function settingsFrame(v: CallView, a: CallActions, panel: DeviceSettings | undefined): TemplateResult {
  const t = v.t;
  return html`<div part="settings" id="settings" class="settings" role="group" aria-label=${t.settings}
          ?hidden=${!v.settingsOpen || !panel} @keydown=${a.settingsKey}>${v.settingsOpen ? panel?.render(t) : nothing}</div>`;
}
