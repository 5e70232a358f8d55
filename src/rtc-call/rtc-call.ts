import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { define } from '../core/define.js';
import { RtcBaseElement } from '../shared/rtc-base-element.js';
import { toRtcError } from '../core/errors.js';
import type { LinkKind, PeerCall, PeerChannel, PeerSession } from '../session/peer-session.js';
import { declineMessage, hangupMessage } from './call-protocol.js';
import { CallRecord } from './call-record.js';
import type { DeviceLists, DeviceSelection } from './media.js';
import type { CallOutcome, CallState, RtcStatsDetail } from './rtc-call.events.js';
import { initials } from './tiles.js';
import { callStatus, controls, header, oneToOne, settingsFrame, soundButton, type CallActions, type CallView } from './rtc-call.view.js';
import { callEnglish, type CallStrings } from '../core/strings-call.js';
import { styles } from './rtc-call.styles.js';
import { loadStats, StatsPoller } from './stats-poller.js';
import { capture, LocalMedia, ON_UNLESS_OFF, prefetchCapture, type MediaState } from './local-media.js';
import { ChannelDesk } from './call-channels.js';
import { IncomingCalls } from './incoming-calls.js';
import { RoomEntry } from './room-entry.js';
import { CallDialer, type CallOptions, type CallsHost } from './call-dialer.js';
import { CallStage } from './call-stage.js';
import { CallBook } from './call-book.js';
import { SettingsToggle } from './settings-toggle.js';
import { ActsFront } from './call-acts-front.js';
import type { RecordingOptions } from './call-recorder.js';
import type { RtcRecordingDetail } from './call-acts.events.js';
import { LobbyGate } from './lobby-gate.js';
import { lazyModule } from '../core/lazy.js';

/** What <rtc-call> takes from the session's admission gate: media calls and their control channels. */
const CALL_LINKS: ReadonlySet<LinkKind> = new Set<LinkKind>(['media', 'call-control']);

export type { CallEndReason, CallOutcome, CallQuality, CallState, RtcCallErrorType, RtcStatsDetail } from './rtc-call.events.js';
export type { DeviceLists, DeviceSelection } from './media.js';
export type { MediaState } from './local-media.js';
export type { CallOptions } from './call-dialer.js';

/** The camera flip button (camera-flip.ts), loaded once media runs: it counts the cameras. */
const loadFlip = lazyModule(() => import('./camera-flip.js'));

/** Internal reactive state (re-renders, no attribute); kept apart so the manifest does not list it as attributes. */
const CALL_STATE: PropertyDeclarations = Object.fromEntries(['localVersion'].map((name) => [name, { state: true }]));

/**
 * @tag rtc-call
 * @summary A one-to-one audio/video call over WebRTC, brokered by PeerJS, with its own UI; with `room`, a group call of up to 6.
 *
 * @attr {string} call-state - Reflects the call state (`idle`, `calling`, `ringing`, `connecting`, `active`) for styling; read-only.
 * @attr {boolean} record-button - Shows a record button in the controls during a call (recording is opt-in; `startRecording()` works without it).
 *
 * @event {RtcOpenEvent} rtc-open - Registered with the broker. `detail: {id}`.
 * @event {RtcConnectEvent} rtc-connect - A call is connected (media flows). `detail: {peer}`.
 * @event {RtcDisconnectEvent} rtc-disconnect - A connected call ended. `detail: {peer, reason}` with reason `local`, `remote`, `failed` or `timeout`.
 * @event {RtcErrorEvent} rtc-error - Something went wrong. `detail: {type, message, peer?}`; see the README's error table.
 * @event {RtcBrokerStateEvent} rtc-broker-state - The broker connection changed. `detail: {state, retryIn?}`.
 * @event {RtcVerificationEvent} rtc-verification - The call's safety code is known (compare it with the peer, e.g. read it aloud). `detail: {peer, code}`.
 * @event {RtcIdentityChangedEvent} rtc-identity-changed - A peer this `peer-id` has talked to came back with another key (another device, or someone in between); a warning shows until the user trusts it. `detail: {peer, previous, current, verified, firstSeen}`.
 * @event {RtcPairEvent} rtc-pair - `signaling="manual"`: a copy-paste pairing completed. `detail: {peer, inviter}`.
 * @event {RtcUnpairEvent} rtc-unpair - `signaling="manual"`: the pairing with a peer ended. `detail: {peer}`.
 * @event {RtcIncomingCallEvent} rtc-incoming-call - A call comes in. `detail: {from, metadata}`. Cancelable: `preventDefault()` hides the ringing UI (and skips `auto-answer`), so the page decides.
 * @event {RtcLocalStreamEvent} rtc-local-stream - The camera/microphone started. `detail: {stream}`.
 * @event {RtcRemoteStreamEvent} rtc-remote-stream - The other side's media arrived. `detail: {peer, stream}`.
 * @event {RtcCallEndEvent} rtc-call-end - A call ended. `detail: {peer, reason}`, reason one of `hangup`, `declined`, `remote-hangup`, `failed`, `disconnected`, `busy`, `no-answer`.
 * @event {RtcMediaStateEvent} rtc-media-state - Own or remote mute / camera / screen state changed. `detail: {peer, self, muted, cameraOff, screen}`; own (`self: true`) also `audioProcessing: {noiseSuppression, echoCancellation, autoGainControl}` as the microphone really does it (each `null` where unsupported; `null` without a microphone), and `background` once it was set (`none`, `blur`, `image`: what the sent camera has).
 * @event {RtcCallStateEvent} rtc-call-state - The call state changed. `detail: {state, peer?}`.
 * @event {RtcStatsEvent} rtc-stats - Every `stats-interval` ms during a connected call (in a room: for each connected member). `detail: {peer, timestamp, roundTripTime, bitrateIn, bitrateOut, packetLoss, video, sentVideo, quality}`.
 * @event {RtcNetworkQualityEvent} rtc-network-quality - A call's network quality changed level, or the sent video was adapted to it (in a room: per member). `detail: {peer, quality, reasons, loss, rtt, bitrate, action}`, quality `good`, `fair`, `poor` or `bad`, action `none`, `reduce`, `audio-only` or `restore`.
 * @event {RtcPeerJoinEvent} rtc-peer-join - `room`: a member's call is connected (its tile appears). `detail: {peer, room}`.
 * @event {RtcPeerLeaveEvent} rtc-peer-leave - `room`: a member's call ended (it left, closed its page or was lost; its tile goes). `detail: {peer, room}`.
 * @event {RtcReactionEvent} rtc-reaction - Someone in the call reacted with an emoji (own `react()` too; shown on their tile). `detail: {peer, emoji, self}`.
 * @event {RtcHandEvent} rtc-hand - Someone raised or lowered a hand (own `raiseHand()` too; `raised: false` also when a peer with a raised hand leaves). `detail: {peer, raised, self}`.
 * @event {RtcRecordingStateEvent} rtc-recording-state - This side or a peer started or stopped recording the call (a notice shows on both sides). `detail: {peer, recording, self, reason?}`, reason of own stops `stopped`, `limit` or `call-ended`.
 * @event {RtcRecordingEvent} rtc-recording - An own recording is finished (also when the call ended during it, or at its limit). `detail: {blob, mimeType, duration, startedAt}`.
 * @event {RtcLobbyReadyEvent} rtc-lobby-ready - `lobby`: the user joined from the pre-join lobby; the call or room join starts right after. `detail: {devices: {audioInput?, videoInput?, audioOutput?}, audio, video}`.
 * @event {RtcActiveSpeakerEvent} rtc-active-speaker - `room`: the member on the large tile changed (`layout="speaker"`, a pin, a screen share). `detail: {peer, pinned, reason}`, reason `speaking`, `pin`, `screen` or `left`.
 * @event {RtcSpeakingEvent} rtc-speaking - `room`: a member started or stopped speaking (its audio level, read five times a second; `false` also when it leaves). `detail: {peer, speaking}`.
 *
 * @slot header - Content at the start of the header, before the status line.
 * @slot idle - Shown on the stage while there is no call (default: own initials).
 * @slot remote-avatar - Replaces the remote side's initials (audio-only calls, camera off).
 * @slot local-avatar - Replaces own initials in the preview tile when no video is sent.
 *
 * @csspart base - The outer container.
 * @csspart header - The header bar with the status line.
 * @csspart status - The status line (also announces changes to screen readers).
 * @csspart notice - The last error during a call, under the status line.
 * @csspart peer-id - Own peer id in the header.
 * @csspart stage - The video area (this is what goes full screen).
 * @csspart remote-tile - The large remote tile.
 * @csspart remote-video - The remote `<video>` (also plays the remote audio).
 * @csspart remote-avatar - The remote initials shown instead of video.
 * @csspart remote-name - The remote peer id on the remote tile.
 * @csspart remote-badges - The remote state badges (muted, camera off, sharing).
 * @csspart badge - Each badge.
 * @csspart quality - The connection quality indicator on the remote tile, in a room on each member's tile (also `quality-good`, `quality-fair`, `quality-poor`).
 * @csspart local-tile - The small own preview tile.
 * @csspart local-video - The own preview `<video>` (mirrored unless sharing the screen).
 * @csspart local-avatar - Own initials shown when no video is sent.
 * @csspart idle-avatar - Own initials on the idle stage.
 * @csspart enable-sound - The button shown when the browser blocked sound until a click.
 * @csspart incoming - The incoming call panel.
 * @csspart incoming-title - Its "Incoming call from …" text.
 * @csspart accept-button - Accept.
 * @csspart decline-button - Decline.
 * @csspart controls - The controls bar.
 * @csspart verification - The safety code in the header during a 1:1 call (compare it with the peer to rule out a man in the middle).
 * @csspart verified - "✓ Verified" next to the safety code of a peer whose key the user marked verified.
 * @csspart verify-button - The button next to the safety code that marks the peer verified (after comparing the codes).
 * @csspart identity-warning - The warning (role=alert) shown when a known peer comes back with a new key, with the code to compare.
 * @csspart identity-accept - Its "I compared the codes — trust the new key" button.
 * @csspart identity-dismiss - Its Dismiss button.
 * @csspart pairing - With `signaling="manual"` before pairing: the copy-paste pairing panel (shown instead of the dial form).
 * @csspart pairing-code - The invitation or reply code to send to the other person.
 * @csspart pairing-input - Where the code received from the other person is pasted.
 * @csspart pairing-button - Every button of the panel; also `pairing-create`, `pairing-copy`, `pairing-use`, `pairing-scan`.
 * @csspart qr - The QR code of the invitation or reply (an SVG, dark on white; size `--rtc-qr-size`).
 * @csspart pairing-scan-video - The camera preview while scanning a code (where the browser has `BarcodeDetector`).
 * @csspart dial-form - The form with a peer id input, shown when idle without `remote`.
 * @csspart dial-input - Its input.
 * @csspart call-button - The call button.
 * @csspart hangup-button - The hang-up button.
 * @csspart mute-button - The microphone button.
 * @csspart camera-button - The camera button.
 * @csspart screen-button - The screen share button.
 * @csspart settings-button - The devices button.
 * @csspart fullscreen-button - The full screen button.
 * @csspart pip-button - The picture-in-picture button.
 * @csspart reactions-button - The reactions button in the controls bar during a connected call (opens the menu).
 * @csspart reactions-menu - The menu of reactions (six emojis) and "Raise hand"/"Lower hand" (arrow keys move, Escape closes).
 * @csspart reaction - A reaction on a tile: a floating emoji that fades (a static badge for 3 s under `prefers-reduced-motion`).
 * @csspart hand - The ✋ badge on the tile of someone whose hand is raised.
 * @csspart record-button - With `record-button`: starts and stops recording.
 * @csspart recording-indicator - The notice (role=status) above the stage while this side or a peer records ("● … is recording this call").
 * @csspart settings - The device settings panel.
 * @csspart device-select - Each device `<select>`.
 * @csspart audio-processing - The devices panel's group of microphone processing checkboxes.
 * @csspart audio-processing-checkbox - Each of its checkboxes (noise suppression, echo cancellation, gain control).
 * @csspart network-notice - The notice on a very poor connection: suggests audio only (or, with `auto-audio-only`, says the video is paused).
 * @csspart network-audio-only-button - Its "Switch to audio only" button (turns the camera off).
 * @csspart network-dismiss - Its Dismiss button.
 * @csspart background-select - The devices panel's background `<select>` (none, blur; the page's image when `background` is a URL).
 * @csspart grid - `room`: the grid of tiles on the stage (one per member, plus the own view).
 * @csspart tile - `room`: every tile of the grid (also `tile-remote` or `tile-self`).
 * @csspart tile-remote - `room`: a member's tile.
 * @csspart tile-speaking - `room`: the tile of a member who is speaking (outlined in the success color).
 * @csspart tile-self - `room`: the own tile (mirrored preview).
 * @csspart tile-video - `room`: the `<video>` of a tile (a member's also plays its audio).
 * @csspart tile-avatar - `room`: the initials shown on a tile without video.
 * @csspart tile-label - `room`: the peer id (or "You") on a tile.
 * @csspart tile-badges - `room`: a member's state badges (muted, camera off, sharing).
 * @csspart tile-pip-button - `room`: the picture-in-picture button on a member's tile with video.
 * @csspart flip-camera-button - Switches between the front and back camera (next camera) during a video call; shown only with more than one camera.
 * @csspart lobby - The pre-join lobby (`lobby`, `openLobby()`), shown instead of the stage and controls.
 * @csspart lobby-preview - The lobby's camera preview `<video>` (mirrored).
 * @csspart lobby-meter - The lobby's microphone level meter (role=progressbar, `aria-valuenow` 0-100).
 * @csspart lobby-mic-toggle - The lobby's microphone on/off toggle (aria-pressed).
 * @csspart lobby-camera-toggle - The lobby's camera on/off toggle (aria-pressed).
 * @csspart lobby-speaker-test - Plays a short test tone on the chosen speaker.
 * @csspart lobby-join - The lobby's Join / Call button.
 * @csspart lobby-cancel - The lobby's Cancel button (as Escape): leaves the lobby and releases the camera.
 * @csspart tile-pin-button - `room`: the pin button on each member's tile (`aria-pressed` while pinned).
 * @csspart tile-pinned - `room`: the tile of the pinned member.
 * @csspart tile-main - `room`: the large tile's slot (the speaker layout, a pin or a screen share).
 * @csspart filmstrip - `layout="speaker"`: the row of the other tiles under the large one (scrolls horizontally).
 *
 * @cssproperty --rtc-font-family - Font of the element.
 * @cssproperty --rtc-font-size - Base font size.
 * @cssproperty --rtc-color-text - Text color.
 * @cssproperty --rtc-color-muted - Secondary text (status).
 * @cssproperty --rtc-color-background - Background of the element and of the round buttons.
 * @cssproperty --rtc-color-surface - Background of header, controls and settings.
 * @cssproperty --rtc-color-border - Borders and dividers.
 * @cssproperty --rtc-color-accent - Focus ring and primary buttons.
 * @cssproperty --rtc-color-accent-text - Text on accent color.
 * @cssproperty --rtc-color-error - Error text.
 * @cssproperty --rtc-color-success - Call and accept buttons, active indicator.
 * @cssproperty --rtc-color-danger - Hang-up and decline buttons (default #b3261e).
 * @cssproperty --rtc-color-danger-text - Text on the danger color.
 * @cssproperty --rtc-radius - Corner radius.
 * @cssproperty --rtc-spacing - Base spacing unit.
 * @cssproperty --rtc-qr-size - Width of the pairing panel's QR code and scanning preview (default 16rem).
 * @cssproperty --rtc-call-stage-background - Background of the video area (default #101318).
 * @cssproperty --rtc-call-stage-color - Text on the video area.
 * @cssproperty --rtc-call-avatar-background - Background of the initials tiles.
 * @cssproperty --rtc-call-aspect-ratio - Aspect ratio of the video area (default 16 / 9).
 * @cssproperty --rtc-call-video-fit - object-fit of the remote video (default contain).
 * @cssproperty --rtc-call-preview-width - Width of the own preview tile (default 28%).
 * @cssproperty --rtc-call-filmstrip-tile-size - Width of a filmstrip tile in the speaker layout (default 9rem; 16:9).
 */
export class RtcCall extends RtcBaseElement<keyof CallStrings> {
  static override styles = styles;
  /** Lit reactive properties: the public ones (attributes as documented on each field), then internal state. */
  static override properties: PropertyDeclarations = {
    audioOnly: { type: Boolean, attribute: 'audio-only', reflect: true },
    autoAnswer: { type: Boolean, attribute: 'auto-answer' },
    muted: { type: Boolean, reflect: true },
    cameraOff: { type: Boolean, attribute: 'camera-off', reflect: true },
    statsInterval: { type: Number, attribute: 'stats-interval' },
    ringTimeout: { type: Number, attribute: 'ring-timeout' },
    room: {},
    roomKey: { attribute: 'room-key' },
    videoConstraints: { attribute: false },
    noiseSuppression: { attribute: 'noise-suppression', converter: ON_UNLESS_OFF },
    echoCancellation: { attribute: 'echo-cancellation', converter: ON_UNLESS_OFF },
    autoGain: { attribute: 'auto-gain', converter: ON_UNLESS_OFF },
    autoAudioOnly: { type: Boolean, attribute: 'auto-audio-only' },
    recordButton: { type: Boolean, attribute: 'record-button' },
    lobby: { type: Boolean },
    rememberDevices: { type: Boolean, attribute: 'remember-devices' },
    layout: { reflect: true },
    background: {},
    ...CALL_STATE,
  };
  protected readonly english = callEnglish;
  protected readonly linkKinds = CALL_LINKS;

  /** No camera: calls send and show audio only, with initials tiles. Applies to the next call. */
  audioOnly = false;

  /**
   * Answer incoming calls without asking (camera and microphone start at once). Off by default:
   * without it a call is only answered by a click on Accept or by `answer()`.
   */
  autoAnswer = false;

  /** The microphone is muted. Reflects the state; set it (or call `setMuted()`) to mute before or during a call. */
  muted = false;

  /** The camera is off. Reflects the state; set it (or call `setCameraOff()`) before or during a call. */
  cameraOff = false;

  /** Milliseconds between `rtc-stats` events (and quality indicator updates) during a connected call; `0` turns both off. */
  statsInterval = 2000;

  /** Milliseconds an outgoing call rings before it ends with `no-answer`; `0` rings until hung up. */
  ringTimeout = 45000;

  /**
   * Joins a group call (a mesh of up to 6 members) with everyone using the same room name on the
   * same broker: camera and microphone start at once (setting `room` is the page's consent), every
   * member sees and hears every other, and calls from members are answered by themselves. Works
   * with a plain PeerServer. Removing it (or `hangup()`) leaves the room.
   */
  room?: string;

  /**
   * Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
   * derived from it, so someone who knows only the room name finds nothing, and members prove
   * knowledge of it to each other before any media flows (`rtc-error` `room-auth-failed` when
   * one does not). Use a long random value; changing it leaves the room and joins the new one.
   */
  roomKey?: string;

  /** Camera constraints (resolution, frame rate, facing mode) for getUserMedia; the device comes from `setDevices()`. */
  videoConstraints: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 } };

  /** Noise suppression on the microphone (on by default). Off with the property set to `false` or the attribute to `off`, `false`, `0` or `no` (a removed attribute is on). Switchable during a call, without renegotiation. */
  noiseSuppression = true;

  /** Echo cancellation on the microphone (on by default). Off with the property set to `false` or the attribute to `off`, `false`, `0` or `no` (a removed attribute is on). Switchable during a call, without renegotiation. */
  echoCancellation = true;

  /** Automatic gain control on the microphone (on by default). Off with the property set to `false` or the attribute to `off`, `false`, `0` or `no` (a removed attribute is on). Switchable during a call, without renegotiation. */
  autoGain = true;

  /** On a bad connection stop sending video by itself (and send it again once the connection recovers), instead of only suggesting it. */
  autoAudioOnly = false;

  /** Shows the record button in the controls during a call. Recording itself is `startRecording()`; the other side always sees a notice. */
  recordButton = false;

  /** Before the first call or room join a pre-join lobby opens (preview, level, devices); Join goes on with its camera. Answering does not wait for it. */
  lobby = false;

  /** The lobby remembers the chosen devices for this origin (localStorage) and starts with them next time. */
  rememberDevices = false;

  /**
   * `room`: `grid` (every tile the same size) or `speaker` (the active speaker or the pinned
   * member large, the others in a filmstrip). In both a pinned member or a screen share takes the
   * large tile. A one-to-one call ignores it.
   */
  layout: 'grid' | 'speaker' = 'grid';

  /**
   * Blurs (`blur`) or replaces (an image URL) the background of the sent camera, by person
   * segmentation in a worker (model and wasm served from dist/rtc-call/mediapipe/); `none` or
   * absent sends the camera as it is. Switchable during a call (no renegotiation).
   */
  background?: string;

  private localVersion = 0;
  /** Playing videos, full screen, picture in picture. */
  private stage = new CallStage(this, (type, message) => this.reportError(type, message));
  /** The device settings panel. */
  private settings = new SettingsToggle(
    this,
    (styles) => this.addStyles(styles),
    (error) => this.reportLoadFailure('device settings', error),
  );
  /** Own camera, microphone and screen. */
  private media: LocalMedia = new LocalMedia(this, {
    call: () => this.book.current,
    room: () => this.rooms.room,
    roomConnected: () => [...this.book.members.values()].some((r) => r.connected),
    ringing: () => this.book.phase === 'ringing',
    remoteVideo: () => this.book.remoteMedia.video,
    connections: () => this.book.connections(!!this.rooms.room),
    error: (type, message, peer) => this.reportError(type, message, peer),
    captureFailed: (error, peer) => {
      this.book.callError = error;
      this.reportError(error.type, error.message, peer);
    },
    fire: (event) => this.dispatchEvent(event),
    changed: () => {
      this.localVersion++;
      loadFlip().then(
        (flip) => flip.check(this),
        () => {},
      );
    },
    ownId: () => this.session?.id ?? this.peerId ?? '',
    announce: () => this.book.announce(),
  });
  /** Control channels that came before their calls, and last words for those that come after. */
  private desk = new ChannelDesk();
  private stats = new StatsPoller({
    interval: () => this.statsInterval,
    calls: () => this.book.watched(),
    changed: () => this.book.roomChanged(),
    addStyles: (css) => this.addStyles(css),
    loadFailed: (error) => this.reportLoadFailure('call statistics', error),
    fire: (event) => this.dispatchEvent(event),
    // The network adaptation (loaded with the first sample) adapts the sent video and tells the other side.
    el: this,
    media: this.media,
    t: () => this.t,
    announce: (rec) => this.book.sendState(rec),
  });
  /** The calls, one-to-one and with room members, and what they mean for this element. */
  private book: CallBook = new CallBook(this, {
    media: this.media,
    stage: this.stage,
    desk: this.desk,
    stats: () => this.stats,
    safetyCode: (pc, peer) => this.safetyCode(pc, peer),
    error: (type, message, peer) => this.reportError(type, message, peer),
    fresh: () => {
      this.lastError = undefined;
    },
    act: (rec, message) => this.acts.act(rec, message),
  });
  /** Room mode (./call-room.ts): joining and leaving. */
  private rooms: RoomEntry = new RoomEntry(this, this.media, {
    brokerOpen: () => this.brokerState === 'open',
    error: (type, message) => this.reportError(type, message),
    loadFailed: (error) => this.reportLoadFailure('room', error),
    addStyles: (styles) => this.addStyles(styles),
    roomHost: () => ({
      members: this.book.members,
      session: () => this.session,
      options: () => this.validSessionOptions(),
      allowed: (peer) => this.isAllowed(peer),
      error: (type, message, peer) => this.reportError(type, message, peer),
      fire: (event) => this.dispatchEvent(event),
      record: this.calls.record,
      place: (rec, session) => this.dialer.place(rec, session),
      answer: (rec, call) => {
        this.incoming.attach(rec, call);
        this.dialer.respond(rec, call, !this.audioOnly && rec.meta.video);
      },
      end: (rec, reason, notify) => this.book.end(rec, reason, { notify }),
      refuse: (call, reason) => this.incoming.refuse(call, reason),
      changed: () => this.book.roomChanged(),
      quality: (rec, t) => (rec.quality ? loadStats.loaded?.qualityIndicator(rec.quality, t) : undefined),
      togglePictureInPicture: (video) => this.stage.togglePictureInPicture(video),
      acts: (peer) => this.acts.view?.tile(peer),
      layout: () => this.layout,
    }),
    giveWay: () => this.book.giveWay(),
    entered: () => this.book.entered(),
    joined: () => this.book.setPhase('active'),
    left: () => this.book.left(),
    hold: (go, cancel) => this.gate.hold(go, cancel),
  });
  /** Reactions, raised hands and recording (./call-acts.ts, loaded on first use). */
  private acts = new ActsFront({
    el: this,
    media: this.media,
    book: this.book,
    error: (type, message, peer) => this.reportError(type, message, peer),
    addStyles: (styles) => this.addStyles(styles),
  });
  /** What dialing and incoming calls may do with this element. */
  private calls: CallsHost = {
    current: () => this.book.current,
    phase: () => this.book.phase,
    room: () => this.rooms.room,
    session: () => this.session,
    error: (type, message, peer) => this.reportError(type, message, peer),
    record: (peer, outgoing, meta) => new CallRecord(this.book.host, peer, outgoing, meta),
    begin: (rec, phase) => this.book.begin(rec, phase),
    end: (rec, reason, opts) => this.book.end(rec, reason, opts),
  };
  /** The pre-join lobby (`lobby`, `openLobby()`), loaded when it first opens. */
  private gate = new LobbyGate(
    this,
    this.media,
    (type, message) => this.reportError(type, message),
    (css) => this.addStyles(css),
  );
  /** Outgoing calls, and answering with the local media. */
  private dialer = new CallDialer(this, this.media, this.calls, () => this.peer.configError);
  /** Offers, ringing, glare, the answer policy and incoming control channels. */
  private incoming = new IncomingCalls(this, this.desk, this.calls, {
    members: this.book.members,
    allowed: (peer) => this.isAllowed(peer),
    ringHidden: (hidden) => {
      this.book.ringHidden = hidden;
      this.requestUpdate();
    },
  });

  // ---------------------------------------------------------------- read-only state

  /**
   * The safety code of the current 1:1 call: derived from both DTLS certificate fingerprints, it
   * is the same on both sides unless someone (e.g. a compromised broker) sits in the middle.
   * Compare it out of band, e.g. read it aloud in the call. Undefined while not connected.
   */
  get verificationCode(): string | undefined {
    const peer = this.book.current?.connected ? this.book.current.peer : undefined;
    return peer ? this.book.codes.get(peer) : undefined;
  }

  /** The safety code of the call with `peer` (1:1 or a room member). */
  getVerificationCode(peer: string): string | undefined {
    return this.book.codes.get(peer);
  }

  /** The call state: `idle`, `calling`, `ringing`, `connecting` or `active`. */
  get callState(): CallState {
    return this.book.phase;
  }

  /** The peer id of the current (or ringing) call, if any. */
  get remotePeer(): string | undefined {
    return this.book.peer;
  }

  /** Own camera/microphone stream during a call (undefined otherwise, and while neither could be started). */
  get localStream(): MediaStream | undefined {
    const stream = this.media.local?.stream;
    return stream && stream.getTracks().length > 0 ? stream : undefined;
  }

  /** The other side's media during a call. */
  get remoteStream(): MediaStream | undefined {
    return this.book.current?.remoteStream;
  }

  /** True while this side shares its screen. */
  get screenSharing(): boolean {
    return this.media.sharing;
  }

  /** The other side's last announced state, during a call. */
  get remoteMediaState(): MediaState | undefined {
    if (!this.book.current) return undefined;
    const { muted, cameraOff, screen } = this.book.remoteMedia;
    return { muted, cameraOff, screen };
  }

  /** `room`: own peer id first, then every member whose call is connected (one tile each). */
  get roomMembers(): string[] {
    if (!this.rooms.room) return [];
    const own = this.session?.id;
    return [...(own ? [own] : []), ...[...this.book.members.values()].filter((r) => r.connected).map((r) => r.peer)];
  }

  /** `room`: each connected member's media (a copy of the map; the streams are live). */
  get remoteStreams(): Map<string, MediaStream> {
    const streams = new Map<string, MediaStream>();
    for (const rec of this.book.members.values()) if (rec.connected && rec.remoteStream) streams.set(rec.peer, rec.remoteStream);
    return streams;
  }

  /** The devices chosen with `setDevices()` (undefined entries: the browser's default). */
  get selectedDevices(): DeviceSelection {
    return { ...this.media.devices };
  }

  // ---------------------------------------------------------------- methods

  /**
   * Calls `remoteId` (default: the `remote` attribute): starts camera and microphone and rings
   * the other side. Resolves with `'connected'` once media flows, or with the reason the call
   * ended before that (`declined`, `busy`, `no-answer`, `failed`, `hangup`, ...). Rejects (and
   * fires `rtc-error`) only when the call cannot be placed: no or invalid peer id, calling
   * itself, not registered with the broker, unusable metadata. Calling the peer this element is
   * already in a call with returns that call's outcome; calling someone else while in a call
   * fires `rtc-error` (`invalid-state`) and resolves `'busy'`.
   */
  call(remoteId?: string, options: CallOptions = {}): Promise<CallOutcome> {
    return this.gate.through(() => this.dialer.call(remoteId, options), (remoteId ?? this.remote)?.trim());
  }

  /**
   * Accepts the ringing call: starts camera and microphone and connects. Resolves once answered
   * (media then connects; `rtc-connect` follows). With nothing ringing it fires `rtc-error`
   * (`invalid-state`) and does nothing else; never throws.
   */
  async answer(): Promise<void> {
    const rec = this.book.current;
    if (!rec || rec.outgoing || this.book.phase !== 'ringing' || !rec.call) {
      if (rec && !rec.outgoing && (this.book.phase === 'connecting' || this.book.phase === 'active')) return; // answered already
      this.reportError('invalid-state', 'answer() was called with no incoming call ringing; nothing happened.');
      return;
    }
    rec.clearTimers();
    this.book.setPhase('connecting');
    const call = rec.call;
    const video = !this.audioOnly && rec.meta.video;
    this.gate.lobby?.take();
    await this.media.start(rec.peer, video);
    if (!rec.ended) this.dialer.respond(rec, call, video);
  }

  /** Declines the ringing call (the caller gets `rtc-call-end` with `declined`). Does nothing when nothing rings. */
  decline(): void {
    const rec = this.book.current;
    if (!rec || rec.outgoing || this.book.phase !== 'ringing') return;
    this.book.end(rec, 'declined', { notify: declineMessage('declined') });
  }

  /**
   * Ends the call: hangs up an active call, cancels an outgoing one, declines a ringing one.
   * Does nothing without a call, so calling it twice is safe.
   */
  hangup(): void {
    this.gate.lobby?.cancel();
    if (this.rooms.room) {
      this.rooms.out = true;
      this.rooms.leave();
      return;
    }
    const rec = this.book.current;
    if (!rec) return;
    if (!rec.outgoing && this.book.phase === 'ringing') {
      this.decline();
      return;
    }
    this.book.end(rec, 'hangup', { notify: hangupMessage() });
  }

  /**
   * Joins the room named by `room` again after `hangup()` left it (or it was full). Setting `room`
   * joins by itself; this is what the built-in Join button does. A one-to-one call in progress is
   * hung up first.
   */
  joinRoom(): void {
    if (!this.room?.trim()) {
      this.reportError('invalid-state', 'joinRoom() needs the room attribute.');
      return;
    }
    this.rooms.out = false;
    this.rooms.enter();
  }

  /**
   * Opens the pre-join lobby (also without `lobby`) while there is no call; Join then joins `room`,
   * calls `remote`, or just keeps the choices. Resolves once its preview runs (or failed: `rtc-error`).
   */
  openLobby(): Promise<void> {
    return this.gate.open();
  }

  /** Closes the lobby and releases its camera and microphone (as its Cancel); a `call()` waiting for it resolves `'hangup'`. */
  closeLobby(): void {
    this.gate.lobby?.cancel();
  }

  /** Mutes or unmutes the microphone (before or during a call); the other side is told. */
  setMuted(muted: boolean): void {
    this.muted = Boolean(muted);
    this.media.applyMuted();
  }

  /**
   * Turns the camera off (the camera light goes off) or on again, before or during a call.
   * Turning it on during a call restarts the camera; if that fails the camera stays off and the
   * promise rejects (and `rtc-error` fires).
   */
  setCameraOff(off: boolean): Promise<void> {
    this.cameraOff = Boolean(off);
    return this.media.applyCamera();
  }

  /**
   * Shares the screen (or a window/tab, as the browser offers) instead of the camera, by
   * replacing the outgoing video track: the call is not renegotiated. Resolves once sharing;
   * rejects (and fires `rtc-error`) when there is no connected video call or the user cancels.
   */
  shareScreen(): Promise<void> {
    return this.media.shareScreen();
  }

  /** Stops sharing the screen and sends the camera again (or nothing when it is off). Does nothing when not sharing. */
  stopScreenShare(): Promise<void> {
    return this.media.stopScreenShare();
  }

  /**
   * Lists microphones, cameras and speakers. Labels are empty until the page has been allowed to
   * use a device (e.g. after the first call).
   */
  async getDevices(): Promise<DeviceLists> {
    try {
      return await (await capture()).listDevices();
    } catch (error) {
      const rtcError = toRtcError(error, 'media-failed');
      this.reportError(rtcError.type, rtcError.message);
      throw rtcError;
    }
  }

  /**
   * Chooses devices by `deviceId` (from `getDevices()`); `undefined` keeps the current choice,
   * `''` or `null` goes back to the browser's default. During a call the microphone and camera
   * are switched at once (no renegotiation) and the speaker is switched where the browser can
   * (`setSinkId`). Rejects (and fires `rtc-error`) when a device cannot be used; the previous one
   * stays in use. Outside a call the choice is used by the next call.
   */
  setDevices(selection: { audioInput?: string | null; videoInput?: string | null; audioOutput?: string | null }): Promise<void> {
    return this.media.setDevices(selection, () => [this.stage.remoteVideo, ...this.stage.tileVideos()]);
  }

  /**
   * The connection statistics right now (as in `rtc-stats`) of the one-to-one call, or with `peer`
   * of the call with that peer (a room member); null without such a connected call.
   */
  async getStats(peer?: string): Promise<RtcStatsDetail | null> {
    return (await this.stats.read(peer === undefined || peer === this.book.current?.peer ? this.book.current : this.book.members.get(peer)))?.detail ?? null;
  }

  /** Sends a reaction (one emoji) to everyone in the call and shows it on the own tile; `rtc-reaction` fires. */
  react(emoji: string): void {
    this.acts.run('react', emoji).catch(() => {});
  }

  /** Raises (or with `false` lowers) the own hand: a ✋ on the own tile and for everyone in the call; `rtc-hand` fires. */
  raiseHand(on = true): void {
    this.acts.run('hand', on !== false).catch(() => {});
  }

  /** Records the call in this page (everyone's audio and one video, see RecordingOptions); the other side sees a notice. Rejects (and fires `rtc-error`) without a call or MediaRecorder. */
  startRecording(options?: RecordingOptions): Promise<void> {
    return this.acts.run('startRecording', options);
  }

  /** Stops recording; resolves with what `rtc-recording` carries (undefined when not recording). */
  stopRecording(): Promise<RtcRecordingDetail | undefined> {
    return this.acts.run('stopRecording');
  }

  /** True while this side records the call. */
  get recording(): boolean {
    return !!this.acts.view?.recording;
  }

  /** `room`: shows `peer` (a connected member) on the large tile whoever speaks or shares, until `unpin()` or it leaves; else `rtc-error` (`invalid-state`). */
  pin(peer: string): void {
    if (this.rooms.room) this.rooms.room.spotlight.pin(peer);
    else this.reportError('invalid-state', 'pin() needs a room.');
  }

  /** `room`: ends the pin; the large tile follows the speaker (or a share) again. */
  unpin(): void {
    this.rooms.room?.spotlight.unpin();
  }

  // ---------------------------------------------------------------- lifecycle

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this.onPageHide);
    document.addEventListener('fullscreenchange', this.stage.fullscreenChanged);
    navigator.mediaDevices?.addEventListener?.('devicechange', this.settings.devicesChanged);
  }

  protected override handleOpen(id: string): void {
    super.handleOpen(id);
    // Reachable now, so a call may follow: fetch the capture code while nothing happens, so that
    // the first outgoing call does not wait for it before the camera prompt. (Not part of the
    // page's initial load; incoming calls and rooms fetch it too.)
    setTimeout(prefetchCapture, 0);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.onPageHide);
    document.removeEventListener('fullscreenchange', this.stage.fullscreenChanged);
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.settings.devicesChanged);
    // A DOM move (remove and re-add in one task) stays in the room; a removal leaves it.
    setTimeout(() => {
      if (!this.isConnected) this.rooms.leave();
    }, 0);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (
      (changed.has('room') && (changed.get('room') ?? '') !== (this.room ?? '')) ||
      (changed.has('roomKey') && (changed.get('roomKey') ?? '') !== (this.roomKey ?? ''))
    ) {
      this.rooms.leave();
      this.rooms.out = false;
    }
    if ((changed.has('room') || changed.has('roomKey') || changed.has('brokerState')) && this.brokerState === 'open') this.rooms.enter();
    // A new session (peer-id changed) or a broker reconnect: the room's discovery dials again (no-op while linked).
    if (changed.has('brokerState') && this.brokerState === 'open' && this.rooms.room && this.book.phase === 'active') this.rooms.room.start();
    // Members allow refuses now: their calls end, and the room neither shows nor dials them.
    if (changed.has('allow')) this.rooms.room?.allowChanged();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.getAttribute('call-state') !== this.book.phase) this.setAttribute('call-state', this.book.phase);
    if (changed.has('muted') && changed.get('muted') !== undefined) this.media.applyMuted();
    if (changed.has('cameraOff') && changed.get('cameraOff') !== undefined) this.media.applyCamera().catch(() => {});
    // (Without a microphone yet nothing happens: the next capture asks for the settings.)
    if (['noiseSuppression', 'echoCancellation', 'autoGain'].some((k) => changed.has(k))) this.media.applyAudio();
    if (changed.has('background')) this.media.applyBackground();
    if (changed.has('statsInterval') && this.book.watched().length) this.stats.start(...this.book.watched());
    const rec = this.book.current;
    if (changed.has('allow') && rec && !rec.outgoing && !this.isAllowed(rec.peer)) {
      this.reportError('peer-refused', `The call with "${rec.peer}" was ended: it is no longer in allow.`, rec.peer);
      this.hangup();
    }
  }

  protected override pairedPeer(_peer: string, _inviter: boolean): void {
    this.requestUpdate(); // the dial form comes back, aimed at the paired peer
  }

  protected override sessionDetached(session: PeerSession): void {
    // Wait a tick: a DOM move re-attaches the same session, and the call goes on.
    setTimeout(() => {
      if (this.session === session) return;
      // Member calls belong to the old peer id; the room dials again from the new session.
      this.book.endAll(false);
      this.desk.closeAll();
      if (!this.session) this.brokerState = 'idle';
    }, 0);
  }

  protected override incomingCall(call: PeerCall): void {
    this.incoming.offer(call);
  }

  /** A refused room member is reported once, whether the gate or the member list refused it first. */
  protected override refused(peer: string, message: string): void {
    if (!this.rooms.room || !peer || this.rooms.room.firstRefusal(peer)) super.refused(peer, message);
  }

  /** A caller refused by `allow` hears "declined" on its muted control channel, as it would from a person. */
  protected override lastWord(channel: PeerChannel): boolean {
    return this.incoming.lastWord(channel);
  }

  protected override incomingChannel(channel: PeerChannel): void {
    this.incoming.channel(channel);
  }

  // ---------------------------------------------------------------- UI helpers

  private readonly onPageHide = (): void => this.book.endAll(true);

  /** What the view's own buttons and forms do. */
  private readonly actions: CallActions = {
    dial: (event) => {
      event.preventDefault();
      const input = (event.target as HTMLFormElement).querySelector('input');
      // Without a broker the paired peer is the one to call (its id is the placeholder).
      const id = input?.value.trim() || (this.signaling === 'manual' ? this.pairedPeers[0] : undefined);
      if (!id) {
        input?.focus();
        return;
      }
      this.call(id).catch(() => {});
    },
    toggleSettings: this.settings.toggle,
    settingsKey: this.settings.key,
    toggleFullscreen: this.stage.toggleFullscreen,
    togglePictureInPicture: () => this.stage.togglePictureInPicture(),
    pipChanged: this.stage.pipChanged,
    enableSound: this.stage.enableSound,
  };

  // ---------------------------------------------------------------- render

  override render(): TemplateResult {
    const t = this.t;
    const room = this.rooms.room;
    const ownId = this.session?.isOpen ? this.session.id : undefined;
    void this.localVersion; // re-render when local tracks change
    const media = this.media;
    const localVideoTrack = media.screenTrack ?? (this.cameraOff ? undefined : media.local?.video);
    const showLocalVideo = !!localVideoTrack && !this.audioOnly;
    const quality = this.book.current?.quality;
    const members = this.roomMembers.length;
    const status = callStatus(
      t,
      this.book.phase,
      this.book.peer ?? '',
      room ? { name: room.name, members } : undefined,
      this.lastError,
      !!this.peer.configError,
      this.brokerState,
      this.book.lastEnd,
    );
    const v: CallView = {
      t,
      ownId,
      status,
      remote: this.book.remoteMedia,
      stream: this.book.shownRemoteStream,
      quality: quality ? loadStats.loaded?.qualityIndicator(quality, t) : undefined,
      self: {
        video: showLocalVideo,
        videoClass: showLocalVideo ? (media.screenTrack ? '' : 'mirrored') : 'hidden',
        stream: showLocalVideo ? (media.screenPreview ?? media.local?.stream) : undefined,
        initials: initials(ownId ?? this.peerId),
      },
      ringHidden: this.book.ringHidden,
      inRoom: !!room,
      members: members > 1,
      canDial: this.brokerState === 'open',
      settings: this.settings.open,
      fullscreen: this.stage.fullscreen,
      pip: this.stage.pip,
      identity: this.identityView(t),
      mark: this.identityView(t, this.book.current?.peer),
      acts: this.acts.view,
      flip: loadFlip.loaded?.flipButton(this, showLocalVideo),
    };
    const a = this.actions;
    const sound = soundButton(v, a, this.stage.soundBlocked);
    return html`
      <div part="base" class="call">
        ${header(this, v)}
        ${this.gate.lobby?.render()}
        ${this.book.phase !== 'idle' && this.book.callError ? html`<p part="notice" class="notice">${this.book.callError.message}</p>` : nothing}
        ${this.stats.notice()}
        ${this.acts.view?.notice()}
        <div part="stage" class="stage">
          ${room ? html`${room.render(v.t, this.audioOnly, v.self)}${sound}` : oneToOne(this, v, a, sound)}
        </div>
        ${controls(this, v, a)}
        ${this.book.phase === 'idle' && !this.remote?.trim() && !room && this.signaling === 'manual' && this.pairedPeers.length === 0 && this.brokerState === 'open' ? this.renderPairing(v.t) : nothing}
        ${settingsFrame(v, a, this.settings.panel)}
      </div>
    `;
  }
}

define('rtc-call', RtcCall);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-call': RtcCall;
  }
}
