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
import type { CallActs } from './call-acts.js';
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

/**
 * The status line: the call (`phase` with `peer`, or the room: its name and how many are in it),
 * else how the last call ended, else the broker connection (`error`: the last error;
 * `configError`: the attributes are invalid).
 */
export function callStatus(
  t: CallStrings,
  phase: CallState,
  peer: string,
  room: { name: string; members: number } | undefined,
  error: { message: string } | undefined,
  configError: boolean,
  broker: BrokerState,
  end: LastEnd | undefined,
): StatusLine {
  if (room) {
    if (phase === 'connecting') return { kind: 'connecting', text: format(t.joiningRoom, { room: room.name }) };
    return { kind: 'active', text: format(t.roomMembers, { room: room.name, count: room.members, max: MAX_ROOM_SIZE }) };
  }
  switch (phase) {
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
  if (error && (configError || broker === 'error')) return { kind: 'error', text: format(t.statusError, { message: error.message }) };
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
        return { kind: 'error', text: error ? format(t.statusError, { message: error.message }) : format(t.callFailed, p) };
      case 'disconnected':
        return { kind: 'error', text: format(t.callLost, p) };
      default:
        return { kind: 'ended', text: format(t.callEnded, p) };
    }
  }
  if (broker === 'reconnecting') return { kind: 'reconnecting', text: t.statusReconnecting };
  if (error) return { kind: 'error', text: format(t.statusError, { message: error.message }) };
  if (broker === 'open') return { kind: 'ready', text: t.statusReady };
  if (broker === 'connecting') return { kind: 'connecting', text: t.statusConnecting };
  if (broker === 'closed') return { kind: 'closed', text: t.statusClosed };
  return { kind: 'idle', text: t.statusIdle };
}

/** The element's public state and methods the view uses. */
export interface CallElement {
  readonly audioOnly: boolean;
  readonly muted: boolean;
  readonly cameraOff: boolean;
  readonly remote?: string;
  readonly room?: string;
  readonly signaling: string;
  readonly pairedPeers: string[];
  readonly callState: CallState;
  readonly remotePeer: string | undefined;
  readonly verificationCode: string | undefined;
  readonly screenSharing: boolean;
  call(): Promise<unknown>;
  answer(): Promise<void>;
  decline(): void;
  hangup(): void;
  joinRoom(): void;
  setMuted(muted: boolean): void;
  setCameraOff(off: boolean): Promise<void>;
  shareScreen(): Promise<void>;
  stopScreenShare(): Promise<void>;
}

/** What the view shows besides the element's public state. */
export interface CallView {
  t: CallStrings;
  /** Own peer id, once registered with the broker. */
  ownId: string | undefined;
  status: StatusLine;
  /** The other side's announced state, and its stream. */
  remote: RemoteMedia;
  stream: MediaStream | undefined;
  /** The connection quality indicator of the one-to-one call, once there is a reading. */
  quality: TemplateResult | undefined;
  /** The own preview. */
  self: SelfView;
  /** The page took over the ringing (`rtc-incoming-call` was canceled): no ringing panel. */
  ringHidden: boolean;
  /** In a room (`room`, joined). */
  inRoom: boolean;
  /** In a room: another member's call is connected. */
  members: boolean;
  /** Registered with the broker: calls can be placed. */
  canDial: boolean;
  settings: boolean;
  fullscreen: boolean;
  pip: boolean;
  /** After the safety code: the "verified" mark and the warnings about changed keys (shared/identity-guard.ts). */
  identity: unknown;
  /** Inside the safety code: the "verified" mark or the button that sets it. */
  mark: unknown;
  /** Reactions, raised hands and recording, once loaded (call-acts.ts). */
  acts?: CallActs;
  /** The flip-camera button (camera-flip.ts), when shown. */
  flip?: unknown;
}

/** What the view's own buttons do. */
export interface CallActions {
  dial(event: SubmitEvent): void;
  toggleSettings(): void;
  settingsKey(event: KeyboardEvent): void;
  toggleFullscreen(): void;
  togglePictureInPicture(): void;
  pipChanged(on: boolean): void;
  enableSound(): void;
}

/** The header: the page's slot, the status line, own id and the safety code. */
export function header(el: CallElement, v: CallView): TemplateResult {
  const t = v.t;
  const code = el.verificationCode;
  return html`<div part="header" class="header">
          <slot name="header"></slot>
          <span part="status" class="status status--${v.status.kind}" role="status">${v.status.text}</span>
          ${v.ownId ? html`<span part="peer-id" class="peer-id">${format(t.yourId, { id: v.ownId })}</span>` : nothing}
          ${
            code
              ? html`<span part="verification" class="verification"
            title=${format(t.safetyCodeHelp, { peer: el.remotePeer ?? '' })}>${format(t.safetyCode, { code })} ${v.mark}</span>`
              : nothing
          }
          ${v.identity}
        </div>`;
}

/** The button shown when the browser blocked sound until a click. */
export function soundButton(v: CallView, a: CallActions, blocked: boolean): TemplateResult | typeof nothing {
  return blocked
    ? html`<button part="enable-sound" class="enable-sound pill" type="button" @click=${a.enableSound}>${icon('sound')}<span>${v.t.enableSound}</span></button>`
    : nothing;
}

/** The one-to-one stage: the remote tile, the own preview during a call, the ringing panel. */
export function oneToOne(el: CallElement, v: CallView, a: CallActions, sound: TemplateResult | typeof nothing): TemplateResult {
  const { t, remote } = v;
  const phase = el.callState;
  const peer = el.remotePeer;
  const inCall = phase !== 'idle';
  const remoteHasVideo = !!v.stream?.getVideoTracks().length;
  const showRemoteVideo = phase === 'active' && !el.audioOnly && remote.video && remoteHasVideo && (!remote.cameraOff || remote.screen);
  return html`
          <div part="remote-tile" class="tile remote">
            <video part="remote-video" class=${showRemoteVideo ? '' : 'hidden'} playsinline autoplay
              .srcObject=${v.stream ?? null}
              aria-label=${format(t.remoteVideo, { peer: peer ?? '' })}
              @enterpictureinpicture=${() => a.pipChanged(true)}
              @leavepictureinpicture=${() => a.pipChanged(false)}></video>
            ${!inCall ? html`<div part="idle-avatar" class="avatar" aria-hidden="true"><slot name="idle">${v.self.initials}</slot></div>` : nothing}
            ${inCall && !showRemoteVideo && phase !== 'ringing' ? html`<div part="remote-avatar" class="avatar" aria-hidden="true"><slot name="remote-avatar">${initials(peer)}</slot></div>` : nothing}
            ${phase === 'active' ? remoteOverlay(v, peer) : nothing}
            ${phase === 'active' && peer ? v.acts?.tile(peer) : nothing}
            ${sound}
          </div>
          ${inCall && phase !== 'ringing' ? localTile(v) : nothing}
          ${phase === 'ringing' && !v.ringHidden ? ringingPanel(el, v, peer) : nothing}`;
}

/** The remote peer's name, state badges and connection quality on its tile. */
function remoteOverlay(v: CallView, peer: string | undefined): TemplateResult {
  return html`
      <span part="remote-name" class="peer-name">${peer}</span>
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
              ${v.acts?.tile()}
            </div>`;
}

/** The incoming call panel: who calls, Accept and Decline. */
function ringingPanel(el: CallElement, v: CallView, peer: string | undefined): TemplateResult {
  const t = v.t;
  return html`
            <div part="incoming" class="incoming" role="group" aria-labelledby="incoming-title">
              <div class="avatar" aria-hidden="true">${initials(peer)}</div>
              <p part="incoming-title" id="incoming-title" class="incoming-title">${format(t.incomingCall, { peer: peer ?? '' })}</p>
              <div class="incoming-actions">
                <button part="accept-button" class="accept pill" type="button" @click=${() => {
                  void el.answer();
                }}>${icon('phone')}<span>${t.answer}</span></button>
                <button part="decline-button" class="decline pill" type="button" @click=${() => el.decline()}>${icon('hangup')}<span>${t.decline}</span></button>
              </div>
            </div>`;
}

/** The controls bar: call, hang up or join/leave the room; microphone, camera, screen, devices, full screen, picture-in-picture. */
export function controls(el: CallElement, v: CallView, a: CallActions): TemplateResult {
  const t = v.t;
  const phase = el.callState;
  const inCall = phase !== 'idle';
  const connected = phase === 'active';
  const { audioOnly, muted, cameraOff, screenSharing: sharing } = el;
  const manual = el.signaling === 'manual';
  const canShare = !audioOnly && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
  const canFullscreen = document.fullscreenEnabled;
  const canPip = document.pictureInPictureEnabled && !audioOnly && !v.inRoom;
  const hasRemote = !!el.remote?.trim();
  // With room: Leave while in it, Join while out of it (unless a one-to-one call is on).
  const roomControls = v.inRoom || (!!el.room?.trim() && !inCall);
  return html`
      <div part="controls" class="controls" role="group" aria-label=${t.callControls}>
        ${
          roomControls
            ? v.inRoom
              ? html`
          <button part="hangup-button" class="end pill" type="button" @click=${() => el.hangup()}>${icon('hangup')}<span>${t.leaveRoom}</span></button>`
              : html`
          <button part="call-button" class="start pill" type="button" ?disabled=${!v.canDial} @click=${() => el.joinRoom()}>${icon('phone')}<span>${t.joinRoom}</span></button>`
            : nothing
        }
        ${
          !roomControls && !inCall && !hasRemote && !(manual && el.pairedPeers.length === 0)
            ? html`
          <form part="dial-form" class="dial" @submit=${a.dial}>
            <label class="sr-only" for="dial-input">${t.callPeerLabel}</label>
            <input part="dial-input" id="dial-input" autocomplete="off" spellcheck="false" placeholder=${(manual ? el.pairedPeers[0] : undefined) ?? t.connectPlaceholder}>
            <button part="call-button" class="start pill" type="submit" ?disabled=${!v.canDial}>${icon('phone')}<span>${t.call}</span></button>
          </form>`
            : nothing
        }
        ${
          !roomControls && !inCall && hasRemote
            ? html`
          <button part="call-button" class="start pill" type="button" ?disabled=${!v.canDial} @click=${() => {
            el.call().catch(() => {});
          }}>${icon('phone')}<span>${t.call}</span></button>`
            : nothing
        }
        ${
          !roomControls && inCall && phase !== 'ringing'
            ? html`
          <button part="hangup-button" class="end pill" type="button" @click=${() => el.hangup()}>${icon('hangup')}<span>${t.hangup}</span></button>`
            : nothing
        }
        <button part="mute-button" class="round ${muted ? 'off' : ''}" type="button" title=${muted ? t.unmute : t.mute}
          aria-label=${muted ? t.unmute : t.mute} @click=${() => el.setMuted(!muted)}>${icon(muted ? 'micOff' : 'mic')}</button>
        ${
          audioOnly
            ? nothing
            : html`
          <button part="camera-button" class="round ${cameraOff ? 'off' : ''}" type="button" title=${cameraOff ? t.cameraOn : t.cameraOff}
            aria-label=${cameraOff ? t.cameraOn : t.cameraOff} @click=${() => {
              el.setCameraOff(!cameraOff).catch(() => {});
            }}>${icon(cameraOff ? 'cameraOff' : 'camera')}</button>`
        }
        ${v.flip}
        ${
          canShare
            ? html`
          <button part="screen-button" class="round ${sharing ? 'off' : ''}" type="button" ?disabled=${v.inRoom ? !v.members : !connected || !v.remote.video}
            title=${sharing ? t.stopShareScreen : t.shareScreen} aria-label=${sharing ? t.stopShareScreen : t.shareScreen}
            @click=${() => {
              (sharing ? el.stopScreenShare() : el.shareScreen()).catch(() => {});
            }}>${icon(sharing ? 'screenStop' : 'screen')}</button>`
            : nothing
        }
        <button part="settings-button" class="round" type="button" title=${t.settings} aria-label=${t.settings}
          aria-expanded=${v.settings ? 'true' : 'false'} aria-controls="settings" @click=${a.toggleSettings}>${icon('devices')}</button>
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
            title=${v.pip ? t.exitPictureInPicture : t.pictureInPicture}
            aria-label=${v.pip ? t.exitPictureInPicture : t.pictureInPicture} @click=${a.togglePictureInPicture}>${icon('pip')}</button>`
            : nothing
        }
        ${v.acts?.controls()}
      </div>
    `;
}

/** The devices panel's frame; `panel`: the panel, once its code has loaded (device-settings.ts). */
export function settingsFrame(v: CallView, a: CallActions, panel: DeviceSettings | undefined): TemplateResult {
  const t = v.t;
  return html`<div part="settings" id="settings" class="settings" role="group" aria-label=${t.settings}
          ?hidden=${!v.settings || !panel} @keydown=${a.settingsKey}>${v.settings ? panel?.render(t) : nothing}</div>`;
}
