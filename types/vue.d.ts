// Generated from custom-elements.json by scripts/generate-editor-data.mjs. Do not edit.
// Vue 3 template types for <rtc-chat> and <rtc-call>: `import type {} from 'rtc-elements/vue';` once.
// Bindings are checked against the properties' types (`peer-id="alice"` as peerId), `@rtc-message` handlers get the
// event class. Bind objects in camelCase (`:iceServers="ice"`): Vue sets a property only under its exact name.
import type { DefineComponent } from 'vue';
import type { RtcCall, RtcChat, RtcActiveSpeakerEvent, RtcBrokerStateEvent, RtcCallEndEvent, RtcCallStateEvent, RtcConnectEvent, RtcDisconnectEvent, RtcErrorEvent, RtcFileCancelEvent, RtcFileEvent, RtcFileOfferEvent, RtcFileProgressEvent, RtcHandEvent, RtcIdentityChangedEvent, RtcIncomingCallEvent, RtcLobbyReadyEvent, RtcLocalStreamEvent, RtcMediaStateEvent, RtcMessageDeleteEvent, RtcMessageEditEvent, RtcMessageEvent, RtcMessageReactionEvent, RtcMessageStatusEvent, RtcNetworkQualityEvent, RtcOpenEvent, RtcPairEvent, RtcPeerJoinEvent, RtcPeerLeaveEvent, RtcReactionEvent, RtcRecordingEvent, RtcRecordingStateEvent, RtcRemoteStreamEvent, RtcSpeakingEvent, RtcStatsEvent, RtcTypingEvent, RtcUnpairEvent, RtcUnreadEvent, RtcVerificationEvent } from '../dist/index.js';
import type { RtcCallProperties, RtcChatProperties } from './elements.js';

/** `<rtc-call>`'s events as Vue listener props (`@rtc-open` checks `onRtcOpen`). */
export interface RtcCallVueEvents {
  /** Registered with the broker. `detail: {id}`. */
  onRtcOpen?: (event: RtcOpenEvent) => void;
  /** A call is connected (media flows). `detail: {peer}`. */
  onRtcConnect?: (event: RtcConnectEvent) => void;
  /** A connected call ended. `detail: {peer, reason}` with reason `local`, `remote`, `failed` or `timeout`. */
  onRtcDisconnect?: (event: RtcDisconnectEvent) => void;
  /** Something went wrong. `detail: {type, message, peer?}`; see the README's error table. */
  onRtcError?: (event: RtcErrorEvent) => void;
  /** The broker connection changed. `detail: {state, retryIn?}`. */
  onRtcBrokerState?: (event: RtcBrokerStateEvent) => void;
  /** The call's safety code is known (compare it with the peer, e.g. read it aloud). `detail: {peer, code}`. */
  onRtcVerification?: (event: RtcVerificationEvent) => void;
  /** A peer this `peer-id` has talked to came back with another key (another device, or someone in between); a warning shows until the user trusts it. `detail: {peer, previous, current, verified, firstSeen}`. */
  onRtcIdentityChanged?: (event: RtcIdentityChangedEvent) => void;
  /** `signaling="manual"`: a copy-paste pairing completed. `detail: {peer, inviter}`. */
  onRtcPair?: (event: RtcPairEvent) => void;
  /** `signaling="manual"`: the pairing with a peer ended. `detail: {peer}`. */
  onRtcUnpair?: (event: RtcUnpairEvent) => void;
  /** A call comes in. `detail: {from, metadata}`. Cancelable: `preventDefault()` hides the ringing UI (and skips `auto-answer`), so the page decides. */
  onRtcIncomingCall?: (event: RtcIncomingCallEvent) => void;
  /** The camera/microphone started. `detail: {stream}`. */
  onRtcLocalStream?: (event: RtcLocalStreamEvent) => void;
  /** The other side's media arrived. `detail: {peer, stream}`. */
  onRtcRemoteStream?: (event: RtcRemoteStreamEvent) => void;
  /** A call ended. `detail: {peer, reason}`, reason one of `hangup`, `declined`, `remote-hangup`, `failed`, `disconnected`, `busy`, `no-answer`. */
  onRtcCallEnd?: (event: RtcCallEndEvent) => void;
  /** Own or remote mute / camera / screen state changed. `detail: {peer, self, muted, cameraOff, screen}`; own (`self: true`) also `audioProcessing: {noiseSuppression, echoCancellation, autoGainControl}` as the microphone really does it (each `null` where unsupported; `null` without a microphone), and `background` once it was set (`none`, `blur`, `image`: what the sent camera has). */
  onRtcMediaState?: (event: RtcMediaStateEvent) => void;
  /** The call state changed. `detail: {state, peer?}`. */
  onRtcCallState?: (event: RtcCallStateEvent) => void;
  /** Every `stats-interval` ms during a connected call (in a room: for each connected member). `detail: {peer, timestamp, roundTripTime, bitrateIn, bitrateOut, packetLoss, video, sentVideo, quality}`. */
  onRtcStats?: (event: RtcStatsEvent) => void;
  /** A call's network quality changed level, or the sent video was adapted to it (in a room: per member). `detail: {peer, quality, reasons, loss, rtt, bitrate, action}`, quality `good`, `fair`, `poor` or `bad`, action `none`, `reduce`, `audio-only` or `restore`. */
  onRtcNetworkQuality?: (event: RtcNetworkQualityEvent) => void;
  /** `room`: a member's call is connected (its tile appears). `detail: {peer, room}`. */
  onRtcPeerJoin?: (event: RtcPeerJoinEvent) => void;
  /** `room`: a member's call ended (it left, closed its page or was lost; its tile goes). `detail: {peer, room}`. */
  onRtcPeerLeave?: (event: RtcPeerLeaveEvent) => void;
  /** Someone in the call reacted with an emoji (own `react()` too; shown on their tile). `detail: {peer, emoji, self}`. */
  onRtcReaction?: (event: RtcReactionEvent) => void;
  /** Someone raised or lowered a hand (own `raiseHand()` too; `raised: false` also when a peer with a raised hand leaves). `detail: {peer, raised, self}`. */
  onRtcHand?: (event: RtcHandEvent) => void;
  /** This side or a peer started or stopped recording the call (a notice shows on both sides). `detail: {peer, recording, self, reason?}`, reason of own stops `stopped`, `limit` or `call-ended`. */
  onRtcRecordingState?: (event: RtcRecordingStateEvent) => void;
  /** An own recording is finished (also when the call ended during it, or at its limit). `detail: {blob, mimeType, duration, startedAt}`. */
  onRtcRecording?: (event: RtcRecordingEvent) => void;
  /** `lobby`: the user joined from the pre-join lobby; the call or room join starts right after. `detail: {devices: {audioInput?, videoInput?, audioOutput?}, audio, video}`. */
  onRtcLobbyReady?: (event: RtcLobbyReadyEvent) => void;
  /** `room`: the member on the large tile changed (`layout="speaker"`, a pin, a screen share). `detail: {peer, pinned, reason}`, reason `speaking`, `pin`, `screen` or `left`. */
  onRtcActiveSpeaker?: (event: RtcActiveSpeakerEvent) => void;
  /** `room`: a member started or stopped speaking (its audio level, read five times a second; `false` also when it leaves). `detail: {peer, speaking}`. */
  onRtcSpeaking?: (event: RtcSpeakingEvent) => void;
}

/** `<rtc-chat>`'s events as Vue listener props (`@rtc-open` checks `onRtcOpen`). */
export interface RtcChatVueEvents {
  /** Registered with the broker. `detail: {id}`. */
  onRtcOpen?: (event: RtcOpenEvent) => void;
  /** A connection to a peer is open. `detail: {peer}`. */
  onRtcConnect?: (event: RtcConnectEvent) => void;
  /** A connection to a peer ended. `detail: {peer, reason}`. */
  onRtcDisconnect?: (event: RtcDisconnectEvent) => void;
  /** Something went wrong. `detail: {type, message, peer?}`; see the README's error table. */
  onRtcError?: (event: RtcErrorEvent) => void;
  /** The broker connection changed. `detail: {state, retryIn?}`. */
  onRtcBrokerState?: (event: RtcBrokerStateEvent) => void;
  /** `signaling="manual"`: a copy-paste pairing completed. `detail: {peer, inviter}`. */
  onRtcPair?: (event: RtcPairEvent) => void;
  /** `signaling="manual"`: the pairing with a peer ended. `detail: {peer}`. */
  onRtcUnpair?: (event: RtcUnpairEvent) => void;
  /** A message was received or sent. `detail: {from, data, id, time, self, replyTo?}` (`replyTo`: the id of the message it replies to). */
  onRtcMessage?: (event: RtcMessageEvent) => void;
  /** A message was edited by its author (received, or own through `editMessage()`). `detail: {id, from, data, time, self}`. */
  onRtcMessageEdit?: (event: RtcMessageEditEvent) => void;
  /** A message was deleted by its author. `detail: {id, from, self}`. */
  onRtcMessageDelete?: (event: RtcMessageDeleteEvent) => void;
  /** A reaction on a message was added (`on`) or taken back. `detail: {id, from, emoji, on, self}`. */
  onRtcMessageReaction?: (event: RtcMessageReactionEvent) => void;
  /** An own message changed delivery state. `detail: {id, peer, status}`. */
  onRtcMessageStatus?: (event: RtcMessageStatusEvent) => void;
  /** A peer offers a file; cancelable (`preventDefault()` refuses it). `detail: {id, from, name, size, type, confirm}`; with `confirm` (larger than `confirm-file-size`) it waits for `acceptFile(id)` / `declineFile(id)` or the card's buttons. */
  onRtcFileOffer?: (event: RtcFileOfferEvent) => void;
  /** Transfer progress, both directions. `detail: {id, peer, direction, bytes, total}`. */
  onRtcFileProgress?: (event: RtcFileProgressEvent) => void;
  /** A file arrived and passed its SHA-256 check. `detail: {id, from, name, type, size, blob}`. */
  onRtcFile?: (event: RtcFileEvent) => void;
  /** A transfer was cancelled. `detail: {id, peer, direction, by, reason}`. */
  onRtcFileCancel?: (event: RtcFileCancelEvent) => void;
  /** A peer started or stopped typing. `detail: {peer, typing}`. */
  onRtcTyping?: (event: RtcTypingEvent) => void;
  /** The count of received messages the user has not seen changed. `detail: {count}`. */
  onRtcUnread?: (event: RtcUnreadEvent) => void;
  /** A connection's safety code is known. `detail: {peer, code}`. */
  onRtcVerification?: (event: RtcVerificationEvent) => void;
  /** A peer this `peer-id` has talked to came back with another key (another device, or someone in between); a warning shows until the user trusts it. `detail: {peer, previous, current, verified, firstSeen}`. */
  onRtcIdentityChanged?: (event: RtcIdentityChangedEvent) => void;
  /** A member joined the room. `detail: {peer, room}`. */
  onRtcPeerJoin?: (event: RtcPeerJoinEvent) => void;
  /** A member left the room. `detail: {peer, room}`. */
  onRtcPeerLeave?: (event: RtcPeerLeaveEvent) => void;
}

declare module 'vue' {
  interface GlobalComponents {
    'rtc-call': DefineComponent<RtcCallProperties & RtcCallVueEvents>;
    'rtc-chat': DefineComponent<RtcChatProperties & RtcChatVueEvents>;
  }
}

export {};
