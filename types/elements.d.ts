// Generated from custom-elements.json by scripts/generate-editor-data.mjs. Do not edit.
// The attributes, properties and event handler props of each element, as framework templates set them.
import type { RtcCall, RtcChat, RtcActiveSpeakerEvent, RtcBrokerStateEvent, RtcCallEndEvent, RtcCallStateEvent, RtcConnectEvent, RtcDisconnectEvent, RtcErrorEvent, RtcFileCancelEvent, RtcFileEvent, RtcFileOfferEvent, RtcFileProgressEvent, RtcHandEvent, RtcIdentityChangedEvent, RtcIncomingCallEvent, RtcLobbyReadyEvent, RtcLocalStreamEvent, RtcMediaStateEvent, RtcMessageDeleteEvent, RtcMessageEditEvent, RtcMessageEvent, RtcMessageReactionEvent, RtcMessageStatusEvent, RtcNetworkQualityEvent, RtcOpenEvent, RtcPairEvent, RtcPeerJoinEvent, RtcPeerLeaveEvent, RtcReactionEvent, RtcRecordingEvent, RtcRecordingStateEvent, RtcRemoteStreamEvent, RtcSpeakingEvent, RtcStatsEvent, RtcTypingEvent, RtcUnpairEvent, RtcUnreadEvent, RtcVerificationEvent } from '../dist/index.js';

/**
 * What an attribute accepts in a template, from its property's type: booleans (present / absent),
 * numbers (or their text), the property's own string values, and JSON text for object properties.
 */
export type AttributeValue<T> = [NonNullable<T>] extends [boolean] ? boolean
  : [NonNullable<T>] extends [number] ? number | string
    : [NonNullable<T>] extends [string] ? NonNullable<T>
      : string;

/** `<rtc-call>`'s attributes under their HTML names (for names that differ from the property). */
export interface RtcCallAttributes {
  /** Shows the record button in the controls during a call. Recording itself is `startRecording()`; the other side always sees a notice. */
  'record-button'?: AttributeValue<RtcCall['recordButton']>;
  /** No camera: calls send and show audio only, with initials tiles. Applies to the next call. */
  'audio-only'?: AttributeValue<RtcCall['audioOnly']>;
  /** Answer incoming calls without asking (camera and microphone start at once). Off by default:
   * without it a call is only answered by a click on Accept or by `answer()`. */
  'auto-answer'?: AttributeValue<RtcCall['autoAnswer']>;
  /** The camera is off. Reflects the state; set it (or call `setCameraOff()`) before or during a call. */
  'camera-off'?: AttributeValue<RtcCall['cameraOff']>;
  /** Milliseconds between `rtc-stats` events (and quality indicator updates) during a connected call; `0` turns both off. */
  'stats-interval'?: AttributeValue<RtcCall['statsInterval']>;
  /** Milliseconds an outgoing call rings before it ends with `no-answer`; `0` rings until hung up. */
  'ring-timeout'?: AttributeValue<RtcCall['ringTimeout']>;
  /** Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
   * derived from it, so someone who knows only the room name finds nothing, and members prove
   * knowledge of it to each other before any media flows (`rtc-error` `room-auth-failed` when
   * one does not). Use a long random value; changing it leaves the room and joins the new one. */
  'room-key'?: AttributeValue<RtcCall['roomKey']>;
  /** Noise suppression on the microphone (on by default). Off with the property set to `false` or the attribute to `off`, `false`, `0` or `no` (a removed attribute is on). Switchable during a call, without renegotiation. */
  'noise-suppression'?: AttributeValue<RtcCall['noiseSuppression']>;
  /** Echo cancellation on the microphone (on by default). Off with the property set to `false` or the attribute to `off`, `false`, `0` or `no` (a removed attribute is on). Switchable during a call, without renegotiation. */
  'echo-cancellation'?: AttributeValue<RtcCall['echoCancellation']>;
  /** Automatic gain control on the microphone (on by default). Off with the property set to `false` or the attribute to `off`, `false`, `0` or `no` (a removed attribute is on). Switchable during a call, without renegotiation. */
  'auto-gain'?: AttributeValue<RtcCall['autoGain']>;
  /** On a bad connection stop sending video by itself (and send it again once the connection recovers), instead of only suggesting it. */
  'auto-audio-only'?: AttributeValue<RtcCall['autoAudioOnly']>;
  /** The lobby remembers the chosen devices for this origin (localStorage) and starts with them next time. */
  'remember-devices'?: AttributeValue<RtcCall['rememberDevices']>;
  /** Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`. */
  'peer-id'?: AttributeValue<RtcCall['peerId']>;
  /** The PeerServer key. */
  'server-key'?: AttributeValue<RtcCall['serverKey']>;
  /** STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property. */
  'ice-servers'?: AttributeValue<RtcCall['iceServers']>;
  /** Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`). */
  'relay-only'?: AttributeValue<RtcCall['relayOnly']>;
  /** Turns off the persistent identity: no certificate is stored for `peer-id` (the safety code
   * changes every session) and no peer's key is remembered (no `rtc-identity-changed`). */
  'no-trust-store'?: AttributeValue<RtcCall['noTrustStore']>;
}

/** `<rtc-call>`'s writable properties (templates set these as properties, so objects pass as they are). */
export interface RtcCallProperties {
  /** No camera: calls send and show audio only, with initials tiles. Applies to the next call. */
  audioOnly?: RtcCall['audioOnly'];
  /** Answer incoming calls without asking (camera and microphone start at once). Off by default:
   * without it a call is only answered by a click on Accept or by `answer()`. */
  autoAnswer?: RtcCall['autoAnswer'];
  /** The microphone is muted. Reflects the state; set it (or call `setMuted()`) to mute before or during a call. */
  muted?: RtcCall['muted'];
  /** The camera is off. Reflects the state; set it (or call `setCameraOff()`) before or during a call. */
  cameraOff?: RtcCall['cameraOff'];
  /** Milliseconds between `rtc-stats` events (and quality indicator updates) during a connected call; `0` turns both off. */
  statsInterval?: RtcCall['statsInterval'];
  /** Milliseconds an outgoing call rings before it ends with `no-answer`; `0` rings until hung up. */
  ringTimeout?: RtcCall['ringTimeout'];
  /** Joins a group call (a mesh of up to 6 members) with everyone using the same room name on the
   * same broker: camera and microphone start at once (setting `room` is the page's consent), every
   * member sees and hears every other, and calls from members are answered by themselves. Works
   * with a plain PeerServer. Removing it (or `hangup()`) leaves the room. */
  room?: RtcCall['room'];
  /** Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
   * derived from it, so someone who knows only the room name finds nothing, and members prove
   * knowledge of it to each other before any media flows (`rtc-error` `room-auth-failed` when
   * one does not). Use a long random value; changing it leaves the room and joins the new one. */
  roomKey?: RtcCall['roomKey'];
  /** Camera constraints (resolution, frame rate, facing mode) for getUserMedia; the device comes from `setDevices()`. */
  videoConstraints?: RtcCall['videoConstraints'];
  /** Noise suppression on the microphone (on by default). Off with the property set to `false` or the attribute to `off`, `false`, `0` or `no` (a removed attribute is on). Switchable during a call, without renegotiation. */
  noiseSuppression?: RtcCall['noiseSuppression'];
  /** Echo cancellation on the microphone (on by default). Off with the property set to `false` or the attribute to `off`, `false`, `0` or `no` (a removed attribute is on). Switchable during a call, without renegotiation. */
  echoCancellation?: RtcCall['echoCancellation'];
  /** Automatic gain control on the microphone (on by default). Off with the property set to `false` or the attribute to `off`, `false`, `0` or `no` (a removed attribute is on). Switchable during a call, without renegotiation. */
  autoGain?: RtcCall['autoGain'];
  /** On a bad connection stop sending video by itself (and send it again once the connection recovers), instead of only suggesting it. */
  autoAudioOnly?: RtcCall['autoAudioOnly'];
  /** Shows the record button in the controls during a call. Recording itself is `startRecording()`; the other side always sees a notice. */
  recordButton?: RtcCall['recordButton'];
  /** Before the first call or room join a pre-join lobby opens (preview, level, devices); Join goes on with its camera. Answering does not wait for it. */
  lobby?: RtcCall['lobby'];
  /** The lobby remembers the chosen devices for this origin (localStorage) and starts with them next time. */
  rememberDevices?: RtcCall['rememberDevices'];
  /** `room`: `grid` (every tile the same size) or `speaker` (the active speaker or the pinned
   * member large, the others in a filmstrip). In both a pinned member or a screen share takes the
   * large tile. A one-to-one call ignores it. */
  layout?: RtcCall['layout'];
  /** Blurs (`blur`) or replaces (an image URL) the background of the sent camera, by person
   * segmentation in a worker (model and wasm served from dist/rtc-call/mediapipe/); `none` or
   * absent sends the camera as it is. Switchable during a call (no renegotiation). */
  background?: RtcCall['background'];
  /** Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`. */
  peerId?: RtcCall['peerId'];
  /** Broker URL, e.g. `https://peer.example.com:443/myapp`. Without it, PeerJS's hosted broker is used. */
  server?: RtcCall['server'];
  /** The PeerServer key. */
  serverKey?: RtcCall['serverKey'];
  /** STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property. */
  iceServers?: RtcCall['iceServers'];
  /** Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`). */
  relayOnly?: RtcCall['relayOnly'];
  /** Turns off the persistent identity: no certificate is stored for `peer-id` (the safety code
   * changes every session) and no peer's key is remembered (no `rtc-identity-changed`). */
  noTrustStore?: RtcCall['noTrustStore'];
  /** The remote peer id; when set the element connects to it by itself. */
  remote?: RtcCall['remote'];
  /** How peers find each other: `broker` (default: a PeerServer, see `server`), `local` (no
   * broker at all: tabs of this browser signal over a BroadcastChannel; needs `peer-id`) or
   * `manual` (no broker at all: two peers pair by exchanging an invitation and a reply code,
   * see `createInvite()`; works between any two devices that can reach each other). */
  signaling?: RtcCall['signaling'];
  /** Space-separated peer ids allowed to connect or call. When set, anyone else is refused before
   * any of their data is shown or any media is sent (`rtc-error` type `peer-refused`). */
  allow?: RtcCall['allow'];
  /** Replaces any of the element's texts (labels, status lines) for other languages or wording. */
  strings?: RtcCall['strings'];
}

/** `<rtc-call>`'s events, by name. */
export interface RtcCallEventMap {
  /** Registered with the broker. `detail: {id}`. */
  'rtc-open': RtcOpenEvent;
  /** A call is connected (media flows). `detail: {peer}`. */
  'rtc-connect': RtcConnectEvent;
  /** A connected call ended. `detail: {peer, reason}` with reason `local`, `remote`, `failed` or `timeout`. */
  'rtc-disconnect': RtcDisconnectEvent;
  /** Something went wrong. `detail: {type, message, peer?}`; see the README's error table. */
  'rtc-error': RtcErrorEvent;
  /** The broker connection changed. `detail: {state, retryIn?}`. */
  'rtc-broker-state': RtcBrokerStateEvent;
  /** The call's safety code is known (compare it with the peer, e.g. read it aloud). `detail: {peer, code}`. */
  'rtc-verification': RtcVerificationEvent;
  /** A peer this `peer-id` has talked to came back with another key (another device, or someone in between); a warning shows until the user trusts it. `detail: {peer, previous, current, verified, firstSeen}`. */
  'rtc-identity-changed': RtcIdentityChangedEvent;
  /** `signaling="manual"`: a copy-paste pairing completed. `detail: {peer, inviter}`. */
  'rtc-pair': RtcPairEvent;
  /** `signaling="manual"`: the pairing with a peer ended. `detail: {peer}`. */
  'rtc-unpair': RtcUnpairEvent;
  /** A call comes in. `detail: {from, metadata}`. Cancelable: `preventDefault()` hides the ringing UI (and skips `auto-answer`), so the page decides. */
  'rtc-incoming-call': RtcIncomingCallEvent;
  /** The camera/microphone started. `detail: {stream}`. */
  'rtc-local-stream': RtcLocalStreamEvent;
  /** The other side's media arrived. `detail: {peer, stream}`. */
  'rtc-remote-stream': RtcRemoteStreamEvent;
  /** A call ended. `detail: {peer, reason}`, reason one of `hangup`, `declined`, `remote-hangup`, `failed`, `disconnected`, `busy`, `no-answer`. */
  'rtc-call-end': RtcCallEndEvent;
  /** Own or remote mute / camera / screen state changed. `detail: {peer, self, muted, cameraOff, screen}`; own (`self: true`) also `audioProcessing: {noiseSuppression, echoCancellation, autoGainControl}` as the microphone really does it (each `null` where unsupported; `null` without a microphone), and `background` once it was set (`none`, `blur`, `image`: what the sent camera has). */
  'rtc-media-state': RtcMediaStateEvent;
  /** The call state changed. `detail: {state, peer?}`. */
  'rtc-call-state': RtcCallStateEvent;
  /** Every `stats-interval` ms during a connected call (in a room: for each connected member). `detail: {peer, timestamp, roundTripTime, bitrateIn, bitrateOut, packetLoss, video, sentVideo, quality}`. */
  'rtc-stats': RtcStatsEvent;
  /** A call's network quality changed level, or the sent video was adapted to it (in a room: per member). `detail: {peer, quality, reasons, loss, rtt, bitrate, action}`, quality `good`, `fair`, `poor` or `bad`, action `none`, `reduce`, `audio-only` or `restore`. */
  'rtc-network-quality': RtcNetworkQualityEvent;
  /** `room`: a member's call is connected (its tile appears). `detail: {peer, room}`. */
  'rtc-peer-join': RtcPeerJoinEvent;
  /** `room`: a member's call ended (it left, closed its page or was lost; its tile goes). `detail: {peer, room}`. */
  'rtc-peer-leave': RtcPeerLeaveEvent;
  /** Someone in the call reacted with an emoji (own `react()` too; shown on their tile). `detail: {peer, emoji, self}`. */
  'rtc-reaction': RtcReactionEvent;
  /** Someone raised or lowered a hand (own `raiseHand()` too; `raised: false` also when a peer with a raised hand leaves). `detail: {peer, raised, self}`. */
  'rtc-hand': RtcHandEvent;
  /** This side or a peer started or stopped recording the call (a notice shows on both sides). `detail: {peer, recording, self, reason?}`, reason of own stops `stopped`, `limit` or `call-ended`. */
  'rtc-recording-state': RtcRecordingStateEvent;
  /** An own recording is finished (also when the call ended during it, or at its limit). `detail: {blob, mimeType, duration, startedAt}`. */
  'rtc-recording': RtcRecordingEvent;
  /** `lobby`: the user joined from the pre-join lobby; the call or room join starts right after. `detail: {devices: {audioInput?, videoInput?, audioOutput?}, audio, video}`. */
  'rtc-lobby-ready': RtcLobbyReadyEvent;
  /** `room`: the member on the large tile changed (`layout="speaker"`, a pin, a screen share). `detail: {peer, pinned, reason}`, reason `speaking`, `pin`, `screen` or `left`. */
  'rtc-active-speaker': RtcActiveSpeakerEvent;
  /** `room`: a member started or stopped speaking (its audio level, read five times a second; `false` also when it leaves). `detail: {peer, speaking}`. */
  'rtc-speaking': RtcSpeakingEvent;
}

/** Event handler props as React 19, Preact and Svelte 5 take them for custom elements: `on` + the event name. */
export interface RtcCallEventProps {
  /** Registered with the broker. `detail: {id}`. */
  'onrtc-open'?: (event: RtcOpenEvent) => void;
  /** A call is connected (media flows). `detail: {peer}`. */
  'onrtc-connect'?: (event: RtcConnectEvent) => void;
  /** A connected call ended. `detail: {peer, reason}` with reason `local`, `remote`, `failed` or `timeout`. */
  'onrtc-disconnect'?: (event: RtcDisconnectEvent) => void;
  /** Something went wrong. `detail: {type, message, peer?}`; see the README's error table. */
  'onrtc-error'?: (event: RtcErrorEvent) => void;
  /** The broker connection changed. `detail: {state, retryIn?}`. */
  'onrtc-broker-state'?: (event: RtcBrokerStateEvent) => void;
  /** The call's safety code is known (compare it with the peer, e.g. read it aloud). `detail: {peer, code}`. */
  'onrtc-verification'?: (event: RtcVerificationEvent) => void;
  /** A peer this `peer-id` has talked to came back with another key (another device, or someone in between); a warning shows until the user trusts it. `detail: {peer, previous, current, verified, firstSeen}`. */
  'onrtc-identity-changed'?: (event: RtcIdentityChangedEvent) => void;
  /** `signaling="manual"`: a copy-paste pairing completed. `detail: {peer, inviter}`. */
  'onrtc-pair'?: (event: RtcPairEvent) => void;
  /** `signaling="manual"`: the pairing with a peer ended. `detail: {peer}`. */
  'onrtc-unpair'?: (event: RtcUnpairEvent) => void;
  /** A call comes in. `detail: {from, metadata}`. Cancelable: `preventDefault()` hides the ringing UI (and skips `auto-answer`), so the page decides. */
  'onrtc-incoming-call'?: (event: RtcIncomingCallEvent) => void;
  /** The camera/microphone started. `detail: {stream}`. */
  'onrtc-local-stream'?: (event: RtcLocalStreamEvent) => void;
  /** The other side's media arrived. `detail: {peer, stream}`. */
  'onrtc-remote-stream'?: (event: RtcRemoteStreamEvent) => void;
  /** A call ended. `detail: {peer, reason}`, reason one of `hangup`, `declined`, `remote-hangup`, `failed`, `disconnected`, `busy`, `no-answer`. */
  'onrtc-call-end'?: (event: RtcCallEndEvent) => void;
  /** Own or remote mute / camera / screen state changed. `detail: {peer, self, muted, cameraOff, screen}`; own (`self: true`) also `audioProcessing: {noiseSuppression, echoCancellation, autoGainControl}` as the microphone really does it (each `null` where unsupported; `null` without a microphone), and `background` once it was set (`none`, `blur`, `image`: what the sent camera has). */
  'onrtc-media-state'?: (event: RtcMediaStateEvent) => void;
  /** The call state changed. `detail: {state, peer?}`. */
  'onrtc-call-state'?: (event: RtcCallStateEvent) => void;
  /** Every `stats-interval` ms during a connected call (in a room: for each connected member). `detail: {peer, timestamp, roundTripTime, bitrateIn, bitrateOut, packetLoss, video, sentVideo, quality}`. */
  'onrtc-stats'?: (event: RtcStatsEvent) => void;
  /** A call's network quality changed level, or the sent video was adapted to it (in a room: per member). `detail: {peer, quality, reasons, loss, rtt, bitrate, action}`, quality `good`, `fair`, `poor` or `bad`, action `none`, `reduce`, `audio-only` or `restore`. */
  'onrtc-network-quality'?: (event: RtcNetworkQualityEvent) => void;
  /** `room`: a member's call is connected (its tile appears). `detail: {peer, room}`. */
  'onrtc-peer-join'?: (event: RtcPeerJoinEvent) => void;
  /** `room`: a member's call ended (it left, closed its page or was lost; its tile goes). `detail: {peer, room}`. */
  'onrtc-peer-leave'?: (event: RtcPeerLeaveEvent) => void;
  /** Someone in the call reacted with an emoji (own `react()` too; shown on their tile). `detail: {peer, emoji, self}`. */
  'onrtc-reaction'?: (event: RtcReactionEvent) => void;
  /** Someone raised or lowered a hand (own `raiseHand()` too; `raised: false` also when a peer with a raised hand leaves). `detail: {peer, raised, self}`. */
  'onrtc-hand'?: (event: RtcHandEvent) => void;
  /** This side or a peer started or stopped recording the call (a notice shows on both sides). `detail: {peer, recording, self, reason?}`, reason of own stops `stopped`, `limit` or `call-ended`. */
  'onrtc-recording-state'?: (event: RtcRecordingStateEvent) => void;
  /** An own recording is finished (also when the call ended during it, or at its limit). `detail: {blob, mimeType, duration, startedAt}`. */
  'onrtc-recording'?: (event: RtcRecordingEvent) => void;
  /** `lobby`: the user joined from the pre-join lobby; the call or room join starts right after. `detail: {devices: {audioInput?, videoInput?, audioOutput?}, audio, video}`. */
  'onrtc-lobby-ready'?: (event: RtcLobbyReadyEvent) => void;
  /** `room`: the member on the large tile changed (`layout="speaker"`, a pin, a screen share). `detail: {peer, pinned, reason}`, reason `speaking`, `pin`, `screen` or `left`. */
  'onrtc-active-speaker'?: (event: RtcActiveSpeakerEvent) => void;
  /** `room`: a member started or stopped speaking (its audio level, read five times a second; `false` also when it leaves). `detail: {peer, speaking}`. */
  'onrtc-speaking'?: (event: RtcSpeakingEvent) => void;
}

/** Everything a JSX or Svelte template may set on `<rtc-call>` besides the global HTML attributes. */
export type RtcCallTemplateProps = RtcCallAttributes & RtcCallProperties & RtcCallEventProps;

/** `<rtc-chat>`'s attributes under their HTML names (for names that differ from the property). */
export interface RtcChatAttributes {
  /** Largest message, in bytes of UTF-8 JSON, that is sent or accepted. */
  'max-message-size'?: AttributeValue<RtcChat['maxMessageSize']>;
  /** How many messages the history keeps; older ones are dropped from view. */
  'max-messages'?: AttributeValue<RtcChat['maxMessages']>;
  /** Largest file accepted from a peer, in bytes (default 2 GiB). Bigger offers are refused. */
  'max-file-size'?: AttributeValue<RtcChat['maxFileSize']>;
  /** Incoming file offers larger than this many bytes (default 25 MiB) wait for the user's Accept
   * (the card's button, or `acceptFile()`); smaller ones are received at once. `0` asks for every file. */
  'confirm-file-size'?: AttributeValue<RtcChat['confirmFileSize']>;
  /** Hides the attach button and ignores dropped or pasted files (receiving still works). */
  'no-files'?: AttributeValue<RtcChat['noFiles']>;
  /** Shows message text exactly as it arrived: no bold, italic, code, code blocks or links (the
   * formatting is only ever a rendering; what is sent and received is the same either way). */
  'no-format'?: AttributeValue<RtcChat['noFormat']>;
  /** Average messages per second accepted from one peer (bursts of five seconds' worth); beyond it messages are dropped with `rate-limited`. */
  'rate-limit'?: AttributeValue<RtcChat['rateLimit']>;
  /** Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
   * derived from it, so someone who knows only the room name finds nothing, and members prove
   * knowledge of it to each other before any message or file flows (`rtc-error`
   * `room-auth-failed` when one does not). Use a long random value; changing it leaves the room
   * and joins the new one. */
  'room-key'?: AttributeValue<RtcChat['roomKey']>;
  /** Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`. */
  'peer-id'?: AttributeValue<RtcChat['peerId']>;
  /** The PeerServer key. */
  'server-key'?: AttributeValue<RtcChat['serverKey']>;
  /** STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property. */
  'ice-servers'?: AttributeValue<RtcChat['iceServers']>;
  /** Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`). */
  'relay-only'?: AttributeValue<RtcChat['relayOnly']>;
  /** Turns off the persistent identity: no certificate is stored for `peer-id` (the safety code
   * changes every session) and no peer's key is remembered (no `rtc-identity-changed`). */
  'no-trust-store'?: AttributeValue<RtcChat['noTrustStore']>;
}

/** `<rtc-chat>`'s writable properties (templates set these as properties, so objects pass as they are). */
export interface RtcChatProperties {
  /** Largest message, in bytes of UTF-8 JSON, that is sent or accepted. */
  maxMessageSize?: RtcChat['maxMessageSize'];
  /** How many messages the history keeps; older ones are dropped from view. */
  maxMessages?: RtcChat['maxMessages'];
  /** Largest file accepted from a peer, in bytes (default 2 GiB). Bigger offers are refused. */
  maxFileSize?: RtcChat['maxFileSize'];
  /** Incoming file offers larger than this many bytes (default 25 MiB) wait for the user's Accept
   * (the card's button, or `acceptFile()`); smaller ones are received at once. `0` asks for every file. */
  confirmFileSize?: RtcChat['confirmFileSize'];
  /** Hides the attach button and ignores dropped or pasted files (receiving still works). */
  noFiles?: RtcChat['noFiles'];
  /** Shows message text exactly as it arrived: no bold, italic, code, code blocks or links (the
   * formatting is only ever a rendering; what is sent and received is the same either way). */
  noFormat?: RtcChat['noFormat'];
  /** Average messages per second accepted from one peer (bursts of five seconds' worth); beyond it messages are dropped with `rate-limited`. */
  rateLimit?: RtcChat['rateLimit'];
  /** Keeps the history and the messages still waiting for delivery in localStorage, per peer id,
   * so they survive a page reload (and pending ones are delivered after it). Opt-in. */
  persist?: RtcChat['persist'];
  /** Joins a small group chat (up to 6 members) with everyone who uses the same room name on the
   * same broker: every member talks to every other directly. Works with a plain PeerServer. */
  room?: RtcChat['room'];
  /** Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
   * derived from it, so someone who knows only the room name finds nothing, and members prove
   * knowledge of it to each other before any message or file flows (`rtc-error`
   * `room-auth-failed` when one does not). Use a long random value; changing it leaves the room
   * and joins the new one. */
  roomKey?: RtcChat['roomKey'];
  /** Received messages the user has not seen yet (the element was scrolled out of view or the tab
   * hidden). Reflected as the `unread` attribute for styling; `rtc-unread` fires on changes. */
  unread?: RtcChat['unread'];
  /** The history shown, oldest first. Read it; to clear it, assign `[]`. A read returns a snapshot:
   * the element never changes an array it handed out, and a read after a change is a new array. */
  messages?: RtcChat['messages'];
  /** Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`. */
  peerId?: RtcChat['peerId'];
  /** Broker URL, e.g. `https://peer.example.com:443/myapp`. Without it, PeerJS's hosted broker is used. */
  server?: RtcChat['server'];
  /** The PeerServer key. */
  serverKey?: RtcChat['serverKey'];
  /** STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property. */
  iceServers?: RtcChat['iceServers'];
  /** Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`). */
  relayOnly?: RtcChat['relayOnly'];
  /** Turns off the persistent identity: no certificate is stored for `peer-id` (the safety code
   * changes every session) and no peer's key is remembered (no `rtc-identity-changed`). */
  noTrustStore?: RtcChat['noTrustStore'];
  /** The remote peer id; when set the element connects to it by itself. */
  remote?: RtcChat['remote'];
  /** How peers find each other: `broker` (default: a PeerServer, see `server`), `local` (no
   * broker at all: tabs of this browser signal over a BroadcastChannel; needs `peer-id`) or
   * `manual` (no broker at all: two peers pair by exchanging an invitation and a reply code,
   * see `createInvite()`; works between any two devices that can reach each other). */
  signaling?: RtcChat['signaling'];
  /** Space-separated peer ids allowed to connect or call. When set, anyone else is refused before
   * any of their data is shown or any media is sent (`rtc-error` type `peer-refused`). */
  allow?: RtcChat['allow'];
  /** Replaces any of the element's texts (labels, status lines) for other languages or wording. */
  strings?: RtcChat['strings'];
}

/** `<rtc-chat>`'s events, by name. */
export interface RtcChatEventMap {
  /** Registered with the broker. `detail: {id}`. */
  'rtc-open': RtcOpenEvent;
  /** A connection to a peer is open. `detail: {peer}`. */
  'rtc-connect': RtcConnectEvent;
  /** A connection to a peer ended. `detail: {peer, reason}`. */
  'rtc-disconnect': RtcDisconnectEvent;
  /** Something went wrong. `detail: {type, message, peer?}`; see the README's error table. */
  'rtc-error': RtcErrorEvent;
  /** The broker connection changed. `detail: {state, retryIn?}`. */
  'rtc-broker-state': RtcBrokerStateEvent;
  /** `signaling="manual"`: a copy-paste pairing completed. `detail: {peer, inviter}`. */
  'rtc-pair': RtcPairEvent;
  /** `signaling="manual"`: the pairing with a peer ended. `detail: {peer}`. */
  'rtc-unpair': RtcUnpairEvent;
  /** A message was received or sent. `detail: {from, data, id, time, self, replyTo?}` (`replyTo`: the id of the message it replies to). */
  'rtc-message': RtcMessageEvent;
  /** A message was edited by its author (received, or own through `editMessage()`). `detail: {id, from, data, time, self}`. */
  'rtc-message-edit': RtcMessageEditEvent;
  /** A message was deleted by its author. `detail: {id, from, self}`. */
  'rtc-message-delete': RtcMessageDeleteEvent;
  /** A reaction on a message was added (`on`) or taken back. `detail: {id, from, emoji, on, self}`. */
  'rtc-message-reaction': RtcMessageReactionEvent;
  /** An own message changed delivery state. `detail: {id, peer, status}`. */
  'rtc-message-status': RtcMessageStatusEvent;
  /** A peer offers a file; cancelable (`preventDefault()` refuses it). `detail: {id, from, name, size, type, confirm}`; with `confirm` (larger than `confirm-file-size`) it waits for `acceptFile(id)` / `declineFile(id)` or the card's buttons. */
  'rtc-file-offer': RtcFileOfferEvent;
  /** Transfer progress, both directions. `detail: {id, peer, direction, bytes, total}`. */
  'rtc-file-progress': RtcFileProgressEvent;
  /** A file arrived and passed its SHA-256 check. `detail: {id, from, name, type, size, blob}`. */
  'rtc-file': RtcFileEvent;
  /** A transfer was cancelled. `detail: {id, peer, direction, by, reason}`. */
  'rtc-file-cancel': RtcFileCancelEvent;
  /** A peer started or stopped typing. `detail: {peer, typing}`. */
  'rtc-typing': RtcTypingEvent;
  /** The count of received messages the user has not seen changed. `detail: {count}`. */
  'rtc-unread': RtcUnreadEvent;
  /** A connection's safety code is known. `detail: {peer, code}`. */
  'rtc-verification': RtcVerificationEvent;
  /** A peer this `peer-id` has talked to came back with another key (another device, or someone in between); a warning shows until the user trusts it. `detail: {peer, previous, current, verified, firstSeen}`. */
  'rtc-identity-changed': RtcIdentityChangedEvent;
  /** A member joined the room. `detail: {peer, room}`. */
  'rtc-peer-join': RtcPeerJoinEvent;
  /** A member left the room. `detail: {peer, room}`. */
  'rtc-peer-leave': RtcPeerLeaveEvent;
}

/** Event handler props as React 19, Preact and Svelte 5 take them for custom elements: `on` + the event name. */
export interface RtcChatEventProps {
  /** Registered with the broker. `detail: {id}`. */
  'onrtc-open'?: (event: RtcOpenEvent) => void;
  /** A connection to a peer is open. `detail: {peer}`. */
  'onrtc-connect'?: (event: RtcConnectEvent) => void;
  /** A connection to a peer ended. `detail: {peer, reason}`. */
  'onrtc-disconnect'?: (event: RtcDisconnectEvent) => void;
  /** Something went wrong. `detail: {type, message, peer?}`; see the README's error table. */
  'onrtc-error'?: (event: RtcErrorEvent) => void;
  /** The broker connection changed. `detail: {state, retryIn?}`. */
  'onrtc-broker-state'?: (event: RtcBrokerStateEvent) => void;
  /** `signaling="manual"`: a copy-paste pairing completed. `detail: {peer, inviter}`. */
  'onrtc-pair'?: (event: RtcPairEvent) => void;
  /** `signaling="manual"`: the pairing with a peer ended. `detail: {peer}`. */
  'onrtc-unpair'?: (event: RtcUnpairEvent) => void;
  /** A message was received or sent. `detail: {from, data, id, time, self, replyTo?}` (`replyTo`: the id of the message it replies to). */
  'onrtc-message'?: (event: RtcMessageEvent) => void;
  /** A message was edited by its author (received, or own through `editMessage()`). `detail: {id, from, data, time, self}`. */
  'onrtc-message-edit'?: (event: RtcMessageEditEvent) => void;
  /** A message was deleted by its author. `detail: {id, from, self}`. */
  'onrtc-message-delete'?: (event: RtcMessageDeleteEvent) => void;
  /** A reaction on a message was added (`on`) or taken back. `detail: {id, from, emoji, on, self}`. */
  'onrtc-message-reaction'?: (event: RtcMessageReactionEvent) => void;
  /** An own message changed delivery state. `detail: {id, peer, status}`. */
  'onrtc-message-status'?: (event: RtcMessageStatusEvent) => void;
  /** A peer offers a file; cancelable (`preventDefault()` refuses it). `detail: {id, from, name, size, type, confirm}`; with `confirm` (larger than `confirm-file-size`) it waits for `acceptFile(id)` / `declineFile(id)` or the card's buttons. */
  'onrtc-file-offer'?: (event: RtcFileOfferEvent) => void;
  /** Transfer progress, both directions. `detail: {id, peer, direction, bytes, total}`. */
  'onrtc-file-progress'?: (event: RtcFileProgressEvent) => void;
  /** A file arrived and passed its SHA-256 check. `detail: {id, from, name, type, size, blob}`. */
  'onrtc-file'?: (event: RtcFileEvent) => void;
  /** A transfer was cancelled. `detail: {id, peer, direction, by, reason}`. */
  'onrtc-file-cancel'?: (event: RtcFileCancelEvent) => void;
  /** A peer started or stopped typing. `detail: {peer, typing}`. */
  'onrtc-typing'?: (event: RtcTypingEvent) => void;
  /** The count of received messages the user has not seen changed. `detail: {count}`. */
  'onrtc-unread'?: (event: RtcUnreadEvent) => void;
  /** A connection's safety code is known. `detail: {peer, code}`. */
  'onrtc-verification'?: (event: RtcVerificationEvent) => void;
  /** A peer this `peer-id` has talked to came back with another key (another device, or someone in between); a warning shows until the user trusts it. `detail: {peer, previous, current, verified, firstSeen}`. */
  'onrtc-identity-changed'?: (event: RtcIdentityChangedEvent) => void;
  /** A member joined the room. `detail: {peer, room}`. */
  'onrtc-peer-join'?: (event: RtcPeerJoinEvent) => void;
  /** A member left the room. `detail: {peer, room}`. */
  'onrtc-peer-leave'?: (event: RtcPeerLeaveEvent) => void;
}

/** Everything a JSX or Svelte template may set on `<rtc-chat>` besides the global HTML attributes. */
export type RtcChatTemplateProps = RtcChatAttributes & RtcChatProperties & RtcChatEventProps;
