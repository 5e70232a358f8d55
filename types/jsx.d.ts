import type {
  CallEndReason,
  CallOutcome,
  CallQuality,
  CallState,
  RtcStatsDetail,
  DeviceLists,
  DeviceSelection,
  RtcCall,
} from "../dist/rtc-call/rtc-call.js";
import type {
  ChatMessage,
  DeliveryStatus,
  FileTransfer,
  TransferDirection,
  TransferStatus,
  TransferTuning,
  FileTransfers,
  RtcChat,
} from "../dist/rtc-chat/rtc-chat.js";
import type { RtcBaseElement } from "../dist/shared/rtc-base-element.js";

/**
 * This type can be used to create scoped tags for your components.
 *
 * Usage:
 *
 * ```ts
 * import type { ScopedElements } from "path/to/library/jsx-integration";
 *
 * declare module "my-library" {
 *   namespace JSX {
 *     interface IntrinsicElements
 *       extends ScopedElements<'test-', ''> {}
 *   }
 * }
 * ```
 *
 * @deprecated Runtime scoped elements result in duplicate types and can confusing for developers. It is recommended to use the `prefix` and `suffix` options to generate new types instead.
 */
export type ScopedElements<
  Prefix extends string = "",
  Suffix extends string = "",
> = {
  [
    Key in keyof CustomElements as `${Prefix}${Key}${Suffix}`
  ]: CustomElements[Key];
};

type BaseProps<T extends HTMLElement> = {
  /** Content added between the opening and closing tags of the element */
  children?: any | undefined;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  class?: string | undefined;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  className?: string | undefined;
  /** Takes an object where the key is the class name(s) and the value is a boolean expression. When true, the class is applied, and when false, it is removed. */
  classList?: Record<string, boolean | undefined> | undefined;
  /** Specifies the text direction of the element. */
  dir?: "ltr" | "rtl" | undefined;
  /** Contains a space-separated list of the part names of the element that should be exposed on the host element. */
  exportparts?: string | undefined;
  /** For <label> and <output>, lets you associate the label with some control. */
  htmlFor?: string | undefined;
  /** Specifies whether the element should be hidden. */
  hidden?: boolean | string | undefined;
  /** A unique identifier for the element. */
  id?: string | undefined;
  /** Keys tell React which array item each component corresponds to */
  key?: string | number | undefined;
  /** Specifies the language of the element. */
  lang?: string | undefined;
  /** Defines the element's semantic role for accessibility APIs. */
  role?: string | undefined;
  /** Contains a space-separated list of the part names of the element. Part names allows CSS to select and style specific elements in a shadow tree via the ::part pseudo-element. */
  part?: string | undefined;
  /** Use the ref attribute with a variable to assign a DOM element to the variable once the element is rendered. */
  ref?: (T | ((e: T) => void)) | undefined;
  /** Adds a reference for a custom element slot */
  slot?: string | undefined;
  /** Prop for setting inline styles */
  style?: Record<string, string | number> | undefined;
  /** Overrides the default Tab button behavior. Avoid using values other than -1 and 0. */
  tabIndex?: number | undefined;
  /** Specifies the tooltip text for the element. */
  title?: string | undefined;
  /** Passing 'no' excludes the element content from being translated. */
  translate?: "yes" | "no" | undefined;
  /** The popover global attribute is used to designate an element as a popover element. */
  popover?: "auto" | "hint" | "manual" | undefined;
  /** Turns an element element into a popover control button; takes the ID of the popover element to control as its value. */
  popovertarget?: "top" | "bottom" | "left" | "right" | "auto" | undefined;
  /** Specifies the action to be performed on a popover element being controlled by a control element. */
  popovertargetaction?: "show" | "hide" | "toggle" | undefined;
};

type BaseEvents = {};

export type RtcCallProps = {
  /** Reflects the call state (`idle`, `calling`, `ringing`, `connecting`, `active`) for styling; read-only. */
  "call-state"?: unknown | undefined;
  /** Reflects the call state (`idle`, `calling`, `ringing`, `connecting`, `active`) for styling; read-only. */
  undefined?: unknown | undefined;
  /** No camera: calls send and show audio only, with initials tiles. Applies to the next call. */
  "audio-only"?: RtcCall["audioOnly"] | undefined;
  /** No camera: calls send and show audio only, with initials tiles. Applies to the next call. */
  audioOnly?: RtcCall["audioOnly"] | undefined;
  /** Answer incoming calls without asking (camera and microphone start at once). Off by default:
without it a call is only answered by a click on Accept or by `answer()`. */
  "auto-answer"?: RtcCall["autoAnswer"] | undefined;
  /** Answer incoming calls without asking (camera and microphone start at once). Off by default:
without it a call is only answered by a click on Accept or by `answer()`. */
  autoAnswer?: RtcCall["autoAnswer"] | undefined;
  /** The microphone is muted. Reflects the state; set it (or call `setMuted()`) to mute before or during a call. */
  muted?: RtcCall["muted"] | undefined;
  /** The camera is off. Reflects the state; set it (or call `setCameraOff()`) before or during a call. */
  "camera-off"?: RtcCall["cameraOff"] | undefined;
  /** The camera is off. Reflects the state; set it (or call `setCameraOff()`) before or during a call. */
  cameraOff?: RtcCall["cameraOff"] | undefined;
  /** Milliseconds between `rtc-stats` events (and quality indicator updates) during a connected call; `0` turns both off. */
  "stats-interval"?: RtcCall["statsInterval"] | undefined;
  /** Milliseconds between `rtc-stats` events (and quality indicator updates) during a connected call; `0` turns both off. */
  statsInterval?: RtcCall["statsInterval"] | undefined;
  /** Milliseconds an outgoing call rings before it ends with `no-answer`; `0` rings until hung up. */
  "ring-timeout"?: RtcCall["ringTimeout"] | undefined;
  /** Milliseconds an outgoing call rings before it ends with `no-answer`; `0` rings until hung up. */
  ringTimeout?: RtcCall["ringTimeout"] | undefined;
  /** Joins a group call (a mesh of up to 6 members) with everyone using the same room name on the
same broker: camera and microphone start at once (setting `room` is the page's consent), every
member sees and hears every other, and calls from members are answered by themselves. Works
with a plain PeerServer. Removing it (or `hangup()`) leaves the room. */
  room?: RtcCall["room"] | undefined;
  /** Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
derived from it, so someone who knows only the room name finds nothing, and members prove
knowledge of it to each other before any media flows (`rtc-error` `room-auth-failed` when
one does not). Use a long random value; changing it leaves the room and joins the new one. */
  "room-key"?: RtcCall["roomKey"] | undefined;
  /** Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
derived from it, so someone who knows only the room name finds nothing, and members prove
knowledge of it to each other before any media flows (`rtc-error` `room-auth-failed` when
one does not). Use a long random value; changing it leaves the room and joins the new one. */
  roomKey?: RtcCall["roomKey"] | undefined;
  /** Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`. */
  "peer-id"?: RtcCall["peerId"] | undefined;
  /** Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`. */
  peerId?: RtcCall["peerId"] | undefined;
  /** Broker URL, e.g. `https://peer.example.com:443/myapp`. Without it, PeerJS's hosted broker is used. */
  server?: RtcCall["server"] | undefined;
  /** The PeerServer key. */
  "server-key"?: RtcCall["serverKey"] | undefined;
  /** The PeerServer key. */
  serverKey?: RtcCall["serverKey"] | undefined;
  /** STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property. */
  "ice-servers"?: RtcCall["iceServers"] | undefined;
  /** STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property. */
  iceServers?: RtcCall["iceServers"] | undefined;
  /** Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`). */
  "relay-only"?: RtcCall["relayOnly"] | undefined;
  /** Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`). */
  relayOnly?: RtcCall["relayOnly"] | undefined;
  /** The remote peer id; when set the element connects to it by itself. */
  remote?: RtcCall["remote"] | undefined;
  /** How peers find each other: `broker` (default: a PeerServer, see `server`), `local` (no
broker at all: tabs of this browser signal over a BroadcastChannel; needs `peer-id`) or
`manual` (no broker at all: two peers pair by exchanging an invitation and a reply code,
see `createInvite()`; works between any two devices that can reach each other). */
  signaling?: RtcCall["signaling"] | undefined;
  /** Space-separated peer ids allowed to connect or call. When set, anyone else is refused before
any of their data is shown or any media is sent (`rtc-error` type `peer-refused`). */
  allow?: RtcCall["allow"] | undefined;
  /** Replaces any of the element's texts (labels, status lines) for other languages or wording. */
  strings?: RtcCall["strings"] | undefined;
  /** Camera constraints (resolution, frame rate, facing mode) for getUserMedia; the device comes from `setDevices()`. */
  videoConstraints?: RtcCall["videoConstraints"] | undefined;

  /** Registered with the broker. `detail: {id}`. */
  "onrtc-open"?: ((e: Event) => void) | undefined;
  /** A call is connected (media flows). `detail: {peer}`. */
  "onrtc-connect"?: ((e: Event) => void) | undefined;
  /** A connected call ended. `detail: {peer, reason}` with reason `local`, `remote`, `failed` or `timeout`. */
  "onrtc-disconnect"?: ((e: Event) => void) | undefined;
  /** Something went wrong. `detail: {type, message, peer?}`; see the README's error table. */
  "onrtc-error"?: ((e: Event) => void) | undefined;
  /** The broker connection changed. `detail: {state, retryIn?}`. */
  "onrtc-broker-state"?: ((e: Event) => void) | undefined;
  /** The call's safety code is known (compare it with the peer, e.g. read it aloud). `detail: {peer, code}`. */
  "onrtc-verification"?: ((e: Event) => void) | undefined;
  /** `signaling="manual"`: a copy-paste pairing completed. `detail: {peer, inviter}`. */
  "onrtc-pair"?: ((e: Event) => void) | undefined;
  /** `signaling="manual"`: the pairing with a peer ended. `detail: {peer}`. */
  "onrtc-unpair"?: ((e: Event) => void) | undefined;
  /** A call comes in. `detail: {from, metadata}`. Cancelable: `preventDefault()` hides the ringing UI (and skips `auto-answer`), so the page decides. */
  "onrtc-incoming-call"?: ((e: Event) => void) | undefined;
  /** The camera/microphone started. `detail: {stream}`. */
  "onrtc-local-stream"?: ((e: Event) => void) | undefined;
  /** The other side's media arrived. `detail: {peer, stream}`. */
  "onrtc-remote-stream"?: ((e: Event) => void) | undefined;
  /** A call ended. `detail: {peer, reason}`, reason one of `hangup`, `declined`, `remote-hangup`, `failed`, `disconnected`, `busy`, `no-answer`. */
  "onrtc-call-end"?: ((e: Event) => void) | undefined;
  /** Own or remote mute / camera / screen state changed. `detail: {peer, self, muted, cameraOff, screen}`. */
  "onrtc-media-state"?: ((e: Event) => void) | undefined;
  /** The call state changed. `detail: {state, peer?}`. */
  "onrtc-call-state"?: ((e: Event) => void) | undefined;
  /** Every `stats-interval` ms during a connected call (in a room: for each connected member). `detail: {peer, timestamp, roundTripTime, bitrateIn, bitrateOut, packetLoss, video, sentVideo, quality}`. */
  "onrtc-stats"?: ((e: Event) => void) | undefined;
  /** `room`: a member's call is connected (its tile appears). `detail: {peer, room}`. */
  "onrtc-peer-join"?: ((e: Event) => void) | undefined;
  /** `room`: a member's call ended (it left, closed its page or was lost; its tile goes). `detail: {peer, room}`. */
  "onrtc-peer-leave"?: ((e: Event) => void) | undefined;
  /** `room`: a member started or stopped speaking (its audio level, read five times a second; `false` also when it leaves). `detail: {peer, speaking}`. */
  "onrtc-speaking"?: ((e: Event) => void) | undefined;
};

export type RtcCallSolidJsProps = {
  /** Reflects the call state (`idle`, `calling`, `ringing`, `connecting`, `active`) for styling; read-only. */
  "attr:call-state"?: unknown | undefined;
  /** Reflects the call state (`idle`, `calling`, `ringing`, `connecting`, `active`) for styling; read-only. */
  "prop:undefined"?: unknown | undefined;
  /** No camera: calls send and show audio only, with initials tiles. Applies to the next call. */
  "bool:audio-only"?: RtcCall["audioOnly"] | undefined;
  /** No camera: calls send and show audio only, with initials tiles. Applies to the next call. */
  "prop:audioOnly"?: RtcCall["audioOnly"] | undefined;
  /** Answer incoming calls without asking (camera and microphone start at once). Off by default:
without it a call is only answered by a click on Accept or by `answer()`. */
  "bool:auto-answer"?: RtcCall["autoAnswer"] | undefined;
  /** Answer incoming calls without asking (camera and microphone start at once). Off by default:
without it a call is only answered by a click on Accept or by `answer()`. */
  "prop:autoAnswer"?: RtcCall["autoAnswer"] | undefined;
  /** The microphone is muted. Reflects the state; set it (or call `setMuted()`) to mute before or during a call. */
  "prop:muted"?: RtcCall["muted"] | undefined;
  /** The camera is off. Reflects the state; set it (or call `setCameraOff()`) before or during a call. */
  "bool:camera-off"?: RtcCall["cameraOff"] | undefined;
  /** The camera is off. Reflects the state; set it (or call `setCameraOff()`) before or during a call. */
  "prop:cameraOff"?: RtcCall["cameraOff"] | undefined;
  /** Milliseconds between `rtc-stats` events (and quality indicator updates) during a connected call; `0` turns both off. */
  "attr:stats-interval"?: RtcCall["statsInterval"] | undefined;
  /** Milliseconds between `rtc-stats` events (and quality indicator updates) during a connected call; `0` turns both off. */
  "prop:statsInterval"?: RtcCall["statsInterval"] | undefined;
  /** Milliseconds an outgoing call rings before it ends with `no-answer`; `0` rings until hung up. */
  "attr:ring-timeout"?: RtcCall["ringTimeout"] | undefined;
  /** Milliseconds an outgoing call rings before it ends with `no-answer`; `0` rings until hung up. */
  "prop:ringTimeout"?: RtcCall["ringTimeout"] | undefined;
  /** Joins a group call (a mesh of up to 6 members) with everyone using the same room name on the
same broker: camera and microphone start at once (setting `room` is the page's consent), every
member sees and hears every other, and calls from members are answered by themselves. Works
with a plain PeerServer. Removing it (or `hangup()`) leaves the room. */
  "prop:room"?: RtcCall["room"] | undefined;
  /** Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
derived from it, so someone who knows only the room name finds nothing, and members prove
knowledge of it to each other before any media flows (`rtc-error` `room-auth-failed` when
one does not). Use a long random value; changing it leaves the room and joins the new one. */
  "attr:room-key"?: RtcCall["roomKey"] | undefined;
  /** Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
derived from it, so someone who knows only the room name finds nothing, and members prove
knowledge of it to each other before any media flows (`rtc-error` `room-auth-failed` when
one does not). Use a long random value; changing it leaves the room and joins the new one. */
  "prop:roomKey"?: RtcCall["roomKey"] | undefined;
  /** Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`. */
  "attr:peer-id"?: RtcCall["peerId"] | undefined;
  /** Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`. */
  "prop:peerId"?: RtcCall["peerId"] | undefined;
  /** Broker URL, e.g. `https://peer.example.com:443/myapp`. Without it, PeerJS's hosted broker is used. */
  "prop:server"?: RtcCall["server"] | undefined;
  /** The PeerServer key. */
  "attr:server-key"?: RtcCall["serverKey"] | undefined;
  /** The PeerServer key. */
  "prop:serverKey"?: RtcCall["serverKey"] | undefined;
  /** STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property. */
  "attr:ice-servers"?: RtcCall["iceServers"] | undefined;
  /** STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property. */
  "prop:iceServers"?: RtcCall["iceServers"] | undefined;
  /** Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`). */
  "bool:relay-only"?: RtcCall["relayOnly"] | undefined;
  /** Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`). */
  "prop:relayOnly"?: RtcCall["relayOnly"] | undefined;
  /** The remote peer id; when set the element connects to it by itself. */
  "prop:remote"?: RtcCall["remote"] | undefined;
  /** How peers find each other: `broker` (default: a PeerServer, see `server`), `local` (no
broker at all: tabs of this browser signal over a BroadcastChannel; needs `peer-id`) or
`manual` (no broker at all: two peers pair by exchanging an invitation and a reply code,
see `createInvite()`; works between any two devices that can reach each other). */
  "prop:signaling"?: RtcCall["signaling"] | undefined;
  /** Space-separated peer ids allowed to connect or call. When set, anyone else is refused before
any of their data is shown or any media is sent (`rtc-error` type `peer-refused`). */
  "prop:allow"?: RtcCall["allow"] | undefined;
  /** Replaces any of the element's texts (labels, status lines) for other languages or wording. */
  "prop:strings"?: RtcCall["strings"] | undefined;
  /** Camera constraints (resolution, frame rate, facing mode) for getUserMedia; the device comes from `setDevices()`. */
  "prop:videoConstraints"?: RtcCall["videoConstraints"] | undefined;
  /** Registered with the broker. `detail: {id}`. */
  "on:rtc-open"?: ((e: Event) => void) | undefined;
  /** A call is connected (media flows). `detail: {peer}`. */
  "on:rtc-connect"?: ((e: Event) => void) | undefined;
  /** A connected call ended. `detail: {peer, reason}` with reason `local`, `remote`, `failed` or `timeout`. */
  "on:rtc-disconnect"?: ((e: Event) => void) | undefined;
  /** Something went wrong. `detail: {type, message, peer?}`; see the README's error table. */
  "on:rtc-error"?: ((e: Event) => void) | undefined;
  /** The broker connection changed. `detail: {state, retryIn?}`. */
  "on:rtc-broker-state"?: ((e: Event) => void) | undefined;
  /** The call's safety code is known (compare it with the peer, e.g. read it aloud). `detail: {peer, code}`. */
  "on:rtc-verification"?: ((e: Event) => void) | undefined;
  /** `signaling="manual"`: a copy-paste pairing completed. `detail: {peer, inviter}`. */
  "on:rtc-pair"?: ((e: Event) => void) | undefined;
  /** `signaling="manual"`: the pairing with a peer ended. `detail: {peer}`. */
  "on:rtc-unpair"?: ((e: Event) => void) | undefined;
  /** A call comes in. `detail: {from, metadata}`. Cancelable: `preventDefault()` hides the ringing UI (and skips `auto-answer`), so the page decides. */
  "on:rtc-incoming-call"?: ((e: Event) => void) | undefined;
  /** The camera/microphone started. `detail: {stream}`. */
  "on:rtc-local-stream"?: ((e: Event) => void) | undefined;
  /** The other side's media arrived. `detail: {peer, stream}`. */
  "on:rtc-remote-stream"?: ((e: Event) => void) | undefined;
  /** A call ended. `detail: {peer, reason}`, reason one of `hangup`, `declined`, `remote-hangup`, `failed`, `disconnected`, `busy`, `no-answer`. */
  "on:rtc-call-end"?: ((e: Event) => void) | undefined;
  /** Own or remote mute / camera / screen state changed. `detail: {peer, self, muted, cameraOff, screen}`. */
  "on:rtc-media-state"?: ((e: Event) => void) | undefined;
  /** The call state changed. `detail: {state, peer?}`. */
  "on:rtc-call-state"?: ((e: Event) => void) | undefined;
  /** Every `stats-interval` ms during a connected call (in a room: for each connected member). `detail: {peer, timestamp, roundTripTime, bitrateIn, bitrateOut, packetLoss, video, sentVideo, quality}`. */
  "on:rtc-stats"?: ((e: Event) => void) | undefined;
  /** `room`: a member's call is connected (its tile appears). `detail: {peer, room}`. */
  "on:rtc-peer-join"?: ((e: Event) => void) | undefined;
  /** `room`: a member's call ended (it left, closed its page or was lost; its tile goes). `detail: {peer, room}`. */
  "on:rtc-peer-leave"?: ((e: Event) => void) | undefined;
  /** `room`: a member started or stopped speaking (its audio level, read five times a second; `false` also when it leaves). `detail: {peer, speaking}`. */
  "on:rtc-speaking"?: ((e: Event) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type RtcChatProps = {
  /** Largest message, in bytes of UTF-8 JSON, that is sent or accepted. */
  "max-message-size"?: RtcChat["maxMessageSize"] | undefined;
  /** Largest message, in bytes of UTF-8 JSON, that is sent or accepted. */
  maxMessageSize?: RtcChat["maxMessageSize"] | undefined;
  /** How many messages the history keeps; older ones are dropped from view. */
  "max-messages"?: RtcChat["maxMessages"] | undefined;
  /** How many messages the history keeps; older ones are dropped from view. */
  maxMessages?: RtcChat["maxMessages"] | undefined;
  /** Largest file accepted from a peer, in bytes (default 2 GiB). Bigger offers are refused. */
  "max-file-size"?: RtcChat["maxFileSize"] | undefined;
  /** Largest file accepted from a peer, in bytes (default 2 GiB). Bigger offers are refused. */
  maxFileSize?: RtcChat["maxFileSize"] | undefined;
  /** Incoming file offers larger than this many bytes (default 25 MiB) wait for the user's Accept
(the card's button, or `acceptFile()`); smaller ones are received at once. `0` asks for every file. */
  "confirm-file-size"?: RtcChat["confirmFileSize"] | undefined;
  /** Incoming file offers larger than this many bytes (default 25 MiB) wait for the user's Accept
(the card's button, or `acceptFile()`); smaller ones are received at once. `0` asks for every file. */
  confirmFileSize?: RtcChat["confirmFileSize"] | undefined;
  /** Hides the attach button and ignores dropped or pasted files (receiving still works). */
  "no-files"?: RtcChat["noFiles"] | undefined;
  /** Hides the attach button and ignores dropped or pasted files (receiving still works). */
  noFiles?: RtcChat["noFiles"] | undefined;
  /** Average messages per second accepted from one peer (bursts of five seconds' worth); beyond it messages are dropped with `rate-limited`. */
  "rate-limit"?: RtcChat["rateLimit"] | undefined;
  /** Average messages per second accepted from one peer (bursts of five seconds' worth); beyond it messages are dropped with `rate-limited`. */
  rateLimit?: RtcChat["rateLimit"] | undefined;
  /** Keeps the history and the messages still waiting for delivery in localStorage, per peer id,
so they survive a page reload (and pending ones are delivered after it). Opt-in. */
  persist?: RtcChat["persist"] | undefined;
  /** Joins a small group chat (up to 6 members) with everyone who uses the same room name on the
same broker: every member talks to every other directly. Works with a plain PeerServer. */
  room?: RtcChat["room"] | undefined;
  /** Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
derived from it, so someone who knows only the room name finds nothing, and members prove
knowledge of it to each other before any message or file flows (`rtc-error`
`room-auth-failed` when one does not). Use a long random value; changing it leaves the room
and joins the new one. */
  "room-key"?: RtcChat["roomKey"] | undefined;
  /** Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
derived from it, so someone who knows only the room name finds nothing, and members prove
knowledge of it to each other before any message or file flows (`rtc-error`
`room-auth-failed` when one does not). Use a long random value; changing it leaves the room
and joins the new one. */
  roomKey?: RtcChat["roomKey"] | undefined;
  /** Received messages the user has not seen yet (the element was scrolled out of view or the tab
hidden). Reflected as the `unread` attribute for styling; `rtc-unread` fires on changes. */
  unread?: RtcChat["unread"] | undefined;
  /** Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`. */
  "peer-id"?: RtcChat["peerId"] | undefined;
  /** Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`. */
  peerId?: RtcChat["peerId"] | undefined;
  /** Broker URL, e.g. `https://peer.example.com:443/myapp`. Without it, PeerJS's hosted broker is used. */
  server?: RtcChat["server"] | undefined;
  /** The PeerServer key. */
  "server-key"?: RtcChat["serverKey"] | undefined;
  /** The PeerServer key. */
  serverKey?: RtcChat["serverKey"] | undefined;
  /** STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property. */
  "ice-servers"?: RtcChat["iceServers"] | undefined;
  /** STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property. */
  iceServers?: RtcChat["iceServers"] | undefined;
  /** Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`). */
  "relay-only"?: RtcChat["relayOnly"] | undefined;
  /** Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`). */
  relayOnly?: RtcChat["relayOnly"] | undefined;
  /** The remote peer id; when set the element connects to it by itself. */
  remote?: RtcChat["remote"] | undefined;
  /** How peers find each other: `broker` (default: a PeerServer, see `server`), `local` (no
broker at all: tabs of this browser signal over a BroadcastChannel; needs `peer-id`) or
`manual` (no broker at all: two peers pair by exchanging an invitation and a reply code,
see `createInvite()`; works between any two devices that can reach each other). */
  signaling?: RtcChat["signaling"] | undefined;
  /** Space-separated peer ids allowed to connect or call. When set, anyone else is refused before
any of their data is shown or any media is sent (`rtc-error` type `peer-refused`). */
  allow?: RtcChat["allow"] | undefined;
  /** Replaces any of the element's texts (labels, status lines) for other languages or wording. */
  strings?: RtcChat["strings"] | undefined;
  /** The history shown, oldest first. Read it; to clear it, assign `[]`. A read returns a snapshot:
the element never changes an array it handed out, and a read after a change is a new array. */
  messages?: RtcChat["messages"] | undefined;

  /** Registered with the broker. `detail: {id}`. */
  "onrtc-open"?: ((e: Event) => void) | undefined;
  /** A connection to a peer is open. `detail: {peer}`. */
  "onrtc-connect"?: ((e: Event) => void) | undefined;
  /** A connection to a peer ended. `detail: {peer, reason}`. */
  "onrtc-disconnect"?: ((e: Event) => void) | undefined;
  /** Something went wrong. `detail: {type, message, peer?}`; see the README's error table. */
  "onrtc-error"?: ((e: Event) => void) | undefined;
  /** The broker connection changed. `detail: {state, retryIn?}`. */
  "onrtc-broker-state"?: ((e: Event) => void) | undefined;
  /** `signaling="manual"`: a copy-paste pairing completed. `detail: {peer, inviter}`. */
  "onrtc-pair"?: ((e: Event) => void) | undefined;
  /** `signaling="manual"`: the pairing with a peer ended. `detail: {peer}`. */
  "onrtc-unpair"?: ((e: Event) => void) | undefined;
  /** A message was received or sent. `detail: {from, data, id, time, self}`. */
  "onrtc-message"?: ((e: Event) => void) | undefined;
  /** An own message changed delivery state. `detail: {id, peer, status}`. */
  "onrtc-message-status"?: ((e: Event) => void) | undefined;
  /** A peer offers a file; cancelable (`preventDefault()` refuses it). `detail: {id, from, name, size, type, confirm}`; with `confirm` (larger than `confirm-file-size`) it waits for `acceptFile(id)` / `declineFile(id)` or the card's buttons. */
  "onrtc-file-offer"?: ((e: Event) => void) | undefined;
  /** Transfer progress, both directions. `detail: {id, peer, direction, bytes, total}`. */
  "onrtc-file-progress"?: ((e: Event) => void) | undefined;
  /** A file arrived and passed its SHA-256 check. `detail: {id, from, name, type, size, blob}`. */
  "onrtc-file"?: ((e: Event) => void) | undefined;
  /** A transfer was cancelled. `detail: {id, peer, direction, by, reason}`. */
  "onrtc-file-cancel"?: ((e: Event) => void) | undefined;
  /** A peer started or stopped typing. `detail: {peer, typing}`. */
  "onrtc-typing"?: ((e: Event) => void) | undefined;
  /** The count of received messages the user has not seen changed. `detail: {count}`. */
  "onrtc-unread"?: ((e: Event) => void) | undefined;
  /** A connection's safety code is known. `detail: {peer, code}`. */
  "onrtc-verification"?: ((e: Event) => void) | undefined;
  /** A member joined the room. `detail: {peer, room}`. */
  "onrtc-peer-join"?: ((e: Event) => void) | undefined;
  /** A member left the room. `detail: {peer, room}`. */
  "onrtc-peer-leave"?: ((e: Event) => void) | undefined;
};

export type RtcChatSolidJsProps = {
  /** Largest message, in bytes of UTF-8 JSON, that is sent or accepted. */
  "attr:max-message-size"?: RtcChat["maxMessageSize"] | undefined;
  /** Largest message, in bytes of UTF-8 JSON, that is sent or accepted. */
  "prop:maxMessageSize"?: RtcChat["maxMessageSize"] | undefined;
  /** How many messages the history keeps; older ones are dropped from view. */
  "attr:max-messages"?: RtcChat["maxMessages"] | undefined;
  /** How many messages the history keeps; older ones are dropped from view. */
  "prop:maxMessages"?: RtcChat["maxMessages"] | undefined;
  /** Largest file accepted from a peer, in bytes (default 2 GiB). Bigger offers are refused. */
  "attr:max-file-size"?: RtcChat["maxFileSize"] | undefined;
  /** Largest file accepted from a peer, in bytes (default 2 GiB). Bigger offers are refused. */
  "prop:maxFileSize"?: RtcChat["maxFileSize"] | undefined;
  /** Incoming file offers larger than this many bytes (default 25 MiB) wait for the user's Accept
(the card's button, or `acceptFile()`); smaller ones are received at once. `0` asks for every file. */
  "attr:confirm-file-size"?: RtcChat["confirmFileSize"] | undefined;
  /** Incoming file offers larger than this many bytes (default 25 MiB) wait for the user's Accept
(the card's button, or `acceptFile()`); smaller ones are received at once. `0` asks for every file. */
  "prop:confirmFileSize"?: RtcChat["confirmFileSize"] | undefined;
  /** Hides the attach button and ignores dropped or pasted files (receiving still works). */
  "bool:no-files"?: RtcChat["noFiles"] | undefined;
  /** Hides the attach button and ignores dropped or pasted files (receiving still works). */
  "prop:noFiles"?: RtcChat["noFiles"] | undefined;
  /** Average messages per second accepted from one peer (bursts of five seconds' worth); beyond it messages are dropped with `rate-limited`. */
  "attr:rate-limit"?: RtcChat["rateLimit"] | undefined;
  /** Average messages per second accepted from one peer (bursts of five seconds' worth); beyond it messages are dropped with `rate-limited`. */
  "prop:rateLimit"?: RtcChat["rateLimit"] | undefined;
  /** Keeps the history and the messages still waiting for delivery in localStorage, per peer id,
so they survive a page reload (and pending ones are delivered after it). Opt-in. */
  "prop:persist"?: RtcChat["persist"] | undefined;
  /** Joins a small group chat (up to 6 members) with everyone who uses the same room name on the
same broker: every member talks to every other directly. Works with a plain PeerServer. */
  "prop:room"?: RtcChat["room"] | undefined;
  /** Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
derived from it, so someone who knows only the room name finds nothing, and members prove
knowledge of it to each other before any message or file flows (`rtc-error`
`room-auth-failed` when one does not). Use a long random value; changing it leaves the room
and joins the new one. */
  "attr:room-key"?: RtcChat["roomKey"] | undefined;
  /** Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
derived from it, so someone who knows only the room name finds nothing, and members prove
knowledge of it to each other before any message or file flows (`rtc-error`
`room-auth-failed` when one does not). Use a long random value; changing it leaves the room
and joins the new one. */
  "prop:roomKey"?: RtcChat["roomKey"] | undefined;
  /** Received messages the user has not seen yet (the element was scrolled out of view or the tab
hidden). Reflected as the `unread` attribute for styling; `rtc-unread` fires on changes. */
  "prop:unread"?: RtcChat["unread"] | undefined;
  /** Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`. */
  "attr:peer-id"?: RtcChat["peerId"] | undefined;
  /** Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`. */
  "prop:peerId"?: RtcChat["peerId"] | undefined;
  /** Broker URL, e.g. `https://peer.example.com:443/myapp`. Without it, PeerJS's hosted broker is used. */
  "prop:server"?: RtcChat["server"] | undefined;
  /** The PeerServer key. */
  "attr:server-key"?: RtcChat["serverKey"] | undefined;
  /** The PeerServer key. */
  "prop:serverKey"?: RtcChat["serverKey"] | undefined;
  /** STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property. */
  "attr:ice-servers"?: RtcChat["iceServers"] | undefined;
  /** STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property. */
  "prop:iceServers"?: RtcChat["iceServers"] | undefined;
  /** Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`). */
  "bool:relay-only"?: RtcChat["relayOnly"] | undefined;
  /** Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`). */
  "prop:relayOnly"?: RtcChat["relayOnly"] | undefined;
  /** The remote peer id; when set the element connects to it by itself. */
  "prop:remote"?: RtcChat["remote"] | undefined;
  /** How peers find each other: `broker` (default: a PeerServer, see `server`), `local` (no
broker at all: tabs of this browser signal over a BroadcastChannel; needs `peer-id`) or
`manual` (no broker at all: two peers pair by exchanging an invitation and a reply code,
see `createInvite()`; works between any two devices that can reach each other). */
  "prop:signaling"?: RtcChat["signaling"] | undefined;
  /** Space-separated peer ids allowed to connect or call. When set, anyone else is refused before
any of their data is shown or any media is sent (`rtc-error` type `peer-refused`). */
  "prop:allow"?: RtcChat["allow"] | undefined;
  /** Replaces any of the element's texts (labels, status lines) for other languages or wording. */
  "prop:strings"?: RtcChat["strings"] | undefined;
  /** The history shown, oldest first. Read it; to clear it, assign `[]`. A read returns a snapshot:
the element never changes an array it handed out, and a read after a change is a new array. */
  "prop:messages"?: RtcChat["messages"] | undefined;
  /** Registered with the broker. `detail: {id}`. */
  "on:rtc-open"?: ((e: Event) => void) | undefined;
  /** A connection to a peer is open. `detail: {peer}`. */
  "on:rtc-connect"?: ((e: Event) => void) | undefined;
  /** A connection to a peer ended. `detail: {peer, reason}`. */
  "on:rtc-disconnect"?: ((e: Event) => void) | undefined;
  /** Something went wrong. `detail: {type, message, peer?}`; see the README's error table. */
  "on:rtc-error"?: ((e: Event) => void) | undefined;
  /** The broker connection changed. `detail: {state, retryIn?}`. */
  "on:rtc-broker-state"?: ((e: Event) => void) | undefined;
  /** `signaling="manual"`: a copy-paste pairing completed. `detail: {peer, inviter}`. */
  "on:rtc-pair"?: ((e: Event) => void) | undefined;
  /** `signaling="manual"`: the pairing with a peer ended. `detail: {peer}`. */
  "on:rtc-unpair"?: ((e: Event) => void) | undefined;
  /** A message was received or sent. `detail: {from, data, id, time, self}`. */
  "on:rtc-message"?: ((e: Event) => void) | undefined;
  /** An own message changed delivery state. `detail: {id, peer, status}`. */
  "on:rtc-message-status"?: ((e: Event) => void) | undefined;
  /** A peer offers a file; cancelable (`preventDefault()` refuses it). `detail: {id, from, name, size, type, confirm}`; with `confirm` (larger than `confirm-file-size`) it waits for `acceptFile(id)` / `declineFile(id)` or the card's buttons. */
  "on:rtc-file-offer"?: ((e: Event) => void) | undefined;
  /** Transfer progress, both directions. `detail: {id, peer, direction, bytes, total}`. */
  "on:rtc-file-progress"?: ((e: Event) => void) | undefined;
  /** A file arrived and passed its SHA-256 check. `detail: {id, from, name, type, size, blob}`. */
  "on:rtc-file"?: ((e: Event) => void) | undefined;
  /** A transfer was cancelled. `detail: {id, peer, direction, by, reason}`. */
  "on:rtc-file-cancel"?: ((e: Event) => void) | undefined;
  /** A peer started or stopped typing. `detail: {peer, typing}`. */
  "on:rtc-typing"?: ((e: Event) => void) | undefined;
  /** The count of received messages the user has not seen changed. `detail: {count}`. */
  "on:rtc-unread"?: ((e: Event) => void) | undefined;
  /** A connection's safety code is known. `detail: {peer, code}`. */
  "on:rtc-verification"?: ((e: Event) => void) | undefined;
  /** A member joined the room. `detail: {peer, room}`. */
  "on:rtc-peer-join"?: ((e: Event) => void) | undefined;
  /** A member left the room. `detail: {peer, room}`. */
  "on:rtc-peer-leave"?: ((e: Event) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type CustomElements = {
  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `call-state`/`undefined`: Reflects the call state (`idle`, `calling`, `ringing`, `connecting`, `active`) for styling; read-only.
   * - `audio-only`/`audioOnly`: No camera: calls send and show audio only, with initials tiles. Applies to the next call.
   * - `auto-answer`/`autoAnswer`: Answer incoming calls without asking (camera and microphone start at once). Off by default:
   * without it a call is only answered by a click on Accept or by `answer()`.
   * - `muted`: The microphone is muted. Reflects the state; set it (or call `setMuted()`) to mute before or during a call.
   * - `camera-off`/`cameraOff`: The camera is off. Reflects the state; set it (or call `setCameraOff()`) before or during a call.
   * - `stats-interval`/`statsInterval`: Milliseconds between `rtc-stats` events (and quality indicator updates) during a connected call; `0` turns both off.
   * - `ring-timeout`/`ringTimeout`: Milliseconds an outgoing call rings before it ends with `no-answer`; `0` rings until hung up.
   * - `room`: Joins a group call (a mesh of up to 6 members) with everyone using the same room name on the
   * same broker: camera and microphone start at once (setting `room` is the page's consent), every
   * member sees and hears every other, and calls from members are answered by themselves. Works
   * with a plain PeerServer. Removing it (or `hangup()`) leaves the room.
   * - `room-key`/`roomKey`: Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
   * derived from it, so someone who knows only the room name finds nothing, and members prove
   * knowledge of it to each other before any media flows (`rtc-error` `room-auth-failed` when
   * one does not). Use a long random value; changing it leaves the room and joins the new one.
   * - `peer-id`/`peerId`: Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`.
   * - `server`: Broker URL, e.g. `https://peer.example.com:443/myapp`. Without it, PeerJS's hosted broker is used.
   * - `server-key`/`serverKey`: The PeerServer key.
   * - `ice-servers`/`iceServers`: STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property.
   * - `relay-only`/`relayOnly`: Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`).
   * - `remote`: The remote peer id; when set the element connects to it by itself.
   * - `signaling`: How peers find each other: `broker` (default: a PeerServer, see `server`), `local` (no
   * broker at all: tabs of this browser signal over a BroadcastChannel; needs `peer-id`) or
   * `manual` (no broker at all: two peers pair by exchanging an invitation and a reply code,
   * see `createInvite()`; works between any two devices that can reach each other).
   * - `allow`: Space-separated peer ids allowed to connect or call. When set, anyone else is refused before
   * any of their data is shown or any media is sent (`rtc-error` type `peer-refused`).
   * - `strings`: Replaces any of the element's texts (labels, status lines) for other languages or wording.
   * - `videoConstraints`: Camera constraints (resolution, frame rate, facing mode) for getUserMedia; the device comes from `setDevices()`. (property only)
   * - `verificationCode`: The safety code of the current 1:1 call: derived from both DTLS certificate fingerprints, it
   * is the same on both sides unless someone (e.g. a compromised broker) sits in the middle.
   * Compare it out of band, e.g. read it aloud in the call. Undefined while not connected. (property only) (readonly)
   * - `callState`: The call state: `idle`, `calling`, `ringing`, `connecting` or `active`. (property only) (readonly)
   * - `remotePeer`: The peer id of the current (or ringing) call, if any. (property only) (readonly)
   * - `localStream`: Own camera/microphone stream during a call (undefined otherwise, and while neither could be started). (property only) (readonly)
   * - `remoteStream`: The other side's media during a call. (property only) (readonly)
   * - `screenSharing`: True while this side shares its screen. (property only) (readonly)
   * - `remoteMediaState`: The other side's last announced state, during a call. (property only) (readonly)
   * - `roomMembers`: `room`: own peer id first, then every member whose call is connected (one tile each). (property only) (readonly)
   * - `remoteStreams`: `room`: each connected member's media (a copy of the map; the streams are live). (property only) (readonly)
   * - `selectedDevices`: The devices chosen with `setDevices()` (undefined entries: the browser's default). (property only) (readonly)
   * - `pairedPeers`: signaling="manual": the ids of the peers this element is paired with. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `rtc-open`: Registered with the broker. `detail: {id}`.
   * - `rtc-connect`: A call is connected (media flows). `detail: {peer}`.
   * - `rtc-disconnect`: A connected call ended. `detail: {peer, reason}` with reason `local`, `remote`, `failed` or `timeout`.
   * - `rtc-error`: Something went wrong. `detail: {type, message, peer?}`; see the README's error table.
   * - `rtc-broker-state`: The broker connection changed. `detail: {state, retryIn?}`.
   * - `rtc-verification`: The call's safety code is known (compare it with the peer, e.g. read it aloud). `detail: {peer, code}`.
   * - `rtc-pair`: `signaling="manual"`: a copy-paste pairing completed. `detail: {peer, inviter}`.
   * - `rtc-unpair`: `signaling="manual"`: the pairing with a peer ended. `detail: {peer}`.
   * - `rtc-incoming-call`: A call comes in. `detail: {from, metadata}`. Cancelable: `preventDefault()` hides the ringing UI (and skips `auto-answer`), so the page decides.
   * - `rtc-local-stream`: The camera/microphone started. `detail: {stream}`.
   * - `rtc-remote-stream`: The other side's media arrived. `detail: {peer, stream}`.
   * - `rtc-call-end`: A call ended. `detail: {peer, reason}`, reason one of `hangup`, `declined`, `remote-hangup`, `failed`, `disconnected`, `busy`, `no-answer`.
   * - `rtc-media-state`: Own or remote mute / camera / screen state changed. `detail: {peer, self, muted, cameraOff, screen}`.
   * - `rtc-call-state`: The call state changed. `detail: {state, peer?}`.
   * - `rtc-stats`: Every `stats-interval` ms during a connected call (in a room: for each connected member). `detail: {peer, timestamp, roundTripTime, bitrateIn, bitrateOut, packetLoss, video, sentVideo, quality}`.
   * - `rtc-peer-join`: `room`: a member's call is connected (its tile appears). `detail: {peer, room}`.
   * - `rtc-peer-leave`: `room`: a member's call ended (it left, closed its page or was lost; its tile goes). `detail: {peer, room}`.
   * - `rtc-speaking`: `room`: a member started or stopped speaking (its audio level, read five times a second; `false` also when it leaves). `detail: {peer, speaking}`.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `header`: Content at the start of the header, before the status line.
   * - `idle`: Shown on the stage while there is no call (default: own initials).
   * - `remote-avatar`: Replaces the remote side's initials (audio-only calls, camera off).
   * - `local-avatar`: Replaces own initials in the preview tile when no video is sent.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `getVerificationCode(peer: string) => string | undefined`: The safety code of the call with `peer` (1:1 or a room member).
   * - `call(remoteId?: string, options: CallOptions = {}) => Promise<CallOutcome>`: Calls `remoteId` (default: the `remote` attribute): starts camera and microphone and rings
   * the other side. Resolves with `'connected'` once media flows, or with the reason the call
   * ended before that (`declined`, `busy`, `no-answer`, `failed`, `hangup`, ...). Rejects (and
   * fires `rtc-error`) only when the call cannot be placed: no or invalid peer id, calling
   * itself, not registered with the broker, unusable metadata. Calling the peer this element is
   * already in a call with returns that call's outcome; calling someone else while in a call
   * fires `rtc-error` (`invalid-state`) and resolves `'busy'`.
   * - `answer() => Promise<void>`: Accepts the ringing call: starts camera and microphone and connects. Resolves once answered
   * (media then connects; `rtc-connect` follows). With nothing ringing it fires `rtc-error`
   * (`invalid-state`) and does nothing else; never throws.
   * - `decline() => void`: Declines the ringing call (the caller gets `rtc-call-end` with `declined`). Does nothing when nothing rings.
   * - `hangup() => void`: Ends the call: hangs up an active call, cancels an outgoing one, declines a ringing one.
   * Does nothing without a call, so calling it twice is safe.
   * - `joinRoom() => void`: Joins the room named by `room` again after `hangup()` left it (or it was full). Setting `room`
   * joins by itself; this is what the built-in Join button does. A one-to-one call in progress is
   * hung up first.
   * - `setMuted(muted: boolean) => void`: Mutes or unmutes the microphone (before or during a call); the other side is told.
   * - `setCameraOff(off: boolean) => Promise<void>`: Turns the camera off (the camera light goes off) or on again, before or during a call.
   * Turning it on during a call restarts the camera; if that fails the camera stays off and the
   * promise rejects (and `rtc-error` fires).
   * - `shareScreen() => Promise<void>`: Shares the screen (or a window/tab, as the browser offers) instead of the camera, by
   * replacing the outgoing video track: the call is not renegotiated. Resolves once sharing;
   * rejects (and fires `rtc-error`) when there is no connected video call or the user cancels.
   * - `stopScreenShare() => Promise<void>`: Stops sharing the screen and sends the camera again (or nothing when it is off). Does nothing when not sharing.
   * - `getDevices() => Promise<DeviceLists>`: Lists microphones, cameras and speakers. Labels are empty until the page has been allowed to
   * use a device (e.g. after the first call).
   * - `setDevices(selection: { audioInput?: string | null; videoInput?: string | null; audioOutput?: string | null }) => Promise<void>`: Chooses devices by `deviceId` (from `getDevices()`); `undefined` keeps the current choice,
   * `''` or `null` goes back to the browser's default. During a call the microphone and camera
   * are switched at once (no renegotiation) and the speaker is switched where the browser can
   * (`setSinkId`). Rejects (and fires `rtc-error`) when a device cannot be used; the previous one
   * stays in use. Outside a call the choice is used by the next call.
   * - `getStats(peer?: string) => Promise<RtcStatsDetail | null>`: The connection statistics right now (as in `rtc-stats`) of the one-to-one call, or with `peer`
   * of the call with that peer (a room member); null without such a connected call.
   * - `createInvite() => Promise<string>`: `signaling="manual"`, step 1: returns an invitation code (a few hundred to a few thousand
   * characters) to give the other person by any channel: message, e-mail, QR code. It works
   * once, for 30 minutes. Rejects (and fires `rtc-error`) when the element cannot pair.
   * - `acceptInvite(code: string) => Promise<string>`: `signaling="manual"`, step 2 (the invited side): enters an invitation code and returns the
   * reply code to send back. The two are paired (`rtc-pair`) once the inviter enters the reply.
   * A malformed, foreign or expired code rejects with `rtc-error` type `invalid-code`.
   * - `completeInvite(code: string) => Promise<string>`: `signaling="manual"`, step 3 (the inviting side): enters the reply code; resolves with the
   * other peer's id once paired (`rtc-pair` fires on both sides). `<rtc-chat>` then connects.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--rtc-font-family`: Font of the element. (default: `undefined`)
   * - `--rtc-font-size`: Base font size. (default: `undefined`)
   * - `--rtc-color-text`: Text color. (default: `undefined`)
   * - `--rtc-color-muted`: Secondary text (status). (default: `undefined`)
   * - `--rtc-color-background`: Background of the element and of the round buttons. (default: `undefined`)
   * - `--rtc-color-surface`: Background of header, controls and settings. (default: `undefined`)
   * - `--rtc-color-border`: Borders and dividers. (default: `undefined`)
   * - `--rtc-color-accent`: Focus ring and primary buttons. (default: `undefined`)
   * - `--rtc-color-accent-text`: Text on accent color. (default: `undefined`)
   * - `--rtc-color-error`: Error text. (default: `undefined`)
   * - `--rtc-color-success`: Call and accept buttons, active indicator. (default: `undefined`)
   * - `--rtc-color-danger`: Hang-up and decline buttons (default #b3261e). (default: `undefined`)
   * - `--rtc-color-danger-text`: Text on the danger color. (default: `undefined`)
   * - `--rtc-radius`: Corner radius. (default: `undefined`)
   * - `--rtc-spacing`: Base spacing unit. (default: `undefined`)
   * - `--rtc-call-stage-background`: Background of the video area (default #101318). (default: `undefined`)
   * - `--rtc-call-stage-color`: Text on the video area. (default: `undefined`)
   * - `--rtc-call-avatar-background`: Background of the initials tiles. (default: `undefined`)
   * - `--rtc-call-aspect-ratio`: Aspect ratio of the video area (default 16 / 9). (default: `undefined`)
   * - `--rtc-call-video-fit`: object-fit of the remote video (default contain). (default: `undefined`)
   * - `--rtc-call-preview-width`: Width of the own preview tile (default 28%). (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The outer container.
   * - `header`: The header bar with the status line.
   * - `status`: The status line (also announces changes to screen readers).
   * - `notice`: The last error during a call, under the status line.
   * - `peer-id`: Own peer id in the header.
   * - `stage`: The video area (this is what goes full screen).
   * - `remote-tile`: The large remote tile.
   * - `remote-video`: The remote `<video>` (also plays the remote audio).
   * - `remote-avatar`: The remote initials shown instead of video.
   * - `remote-name`: The remote peer id on the remote tile.
   * - `remote-badges`: The remote state badges (muted, camera off, sharing).
   * - `badge`: Each badge.
   * - `quality`: The connection quality indicator on the remote tile, in a room on each member's tile (also `quality-good`, `quality-fair`, `quality-poor`).
   * - `local-tile`: The small own preview tile.
   * - `local-video`: The own preview `<video>` (mirrored unless sharing the screen).
   * - `local-avatar`: Own initials shown when no video is sent.
   * - `idle-avatar`: Own initials on the idle stage.
   * - `enable-sound`: The button shown when the browser blocked sound until a click.
   * - `incoming`: The incoming call panel.
   * - `incoming-title`: Its "Incoming call from …" text.
   * - `accept-button`: Accept.
   * - `decline-button`: Decline.
   * - `controls`: The controls bar.
   * - `verification`: The safety code in the header during a 1:1 call (compare it with the peer to rule out a man in the middle).
   * - `pairing`: With `signaling="manual"` before pairing: the copy-paste pairing panel (shown instead of the dial form).
   * - `pairing-code`: The invitation or reply code to send to the other person.
   * - `pairing-input`: Where the code received from the other person is pasted.
   * - `pairing-button`: Every button of the panel; also `pairing-create`, `pairing-copy`, `pairing-use`.
   * - `dial-form`: The form with a peer id input, shown when idle without `remote`.
   * - `dial-input`: Its input.
   * - `call-button`: The call button.
   * - `hangup-button`: The hang-up button.
   * - `mute-button`: The microphone button.
   * - `camera-button`: The camera button.
   * - `screen-button`: The screen share button.
   * - `settings-button`: The devices button.
   * - `fullscreen-button`: The full screen button.
   * - `pip-button`: The picture-in-picture button.
   * - `settings`: The device settings panel.
   * - `device-select`: Each device `<select>`.
   * - `grid`: `room`: the grid of tiles on the stage (one per member, plus the own view).
   * - `tile`: `room`: every tile of the grid (also `tile-remote` or `tile-self`).
   * - `tile-remote`: `room`: a member's tile.
   * - `tile-speaking`: `room`: the tile of a member who is speaking (outlined in the success color).
   * - `tile-self`: `room`: the own tile (mirrored preview).
   * - `tile-video`: `room`: the `<video>` of a tile (a member's also plays its audio).
   * - `tile-avatar`: `room`: the initials shown on a tile without video.
   * - `tile-label`: `room`: the peer id (or "You") on a tile.
   * - `tile-badges`: `room`: a member's state badges (muted, camera off, sharing).
   * - `tile-pip-button`: `room`: the picture-in-picture button on a member's tile with video.
   */
  "rtc-call": Partial<RtcCallProps & BaseProps<RtcCall> & BaseEvents>;

  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `max-message-size`/`maxMessageSize`: Largest message, in bytes of UTF-8 JSON, that is sent or accepted.
   * - `max-messages`/`maxMessages`: How many messages the history keeps; older ones are dropped from view.
   * - `max-file-size`/`maxFileSize`: Largest file accepted from a peer, in bytes (default 2 GiB). Bigger offers are refused.
   * - `confirm-file-size`/`confirmFileSize`: Incoming file offers larger than this many bytes (default 25 MiB) wait for the user's Accept
   * (the card's button, or `acceptFile()`); smaller ones are received at once. `0` asks for every file.
   * - `no-files`/`noFiles`: Hides the attach button and ignores dropped or pasted files (receiving still works).
   * - `rate-limit`/`rateLimit`: Average messages per second accepted from one peer (bursts of five seconds' worth); beyond it messages are dropped with `rate-limited`.
   * - `persist`: Keeps the history and the messages still waiting for delivery in localStorage, per peer id,
   * so they survive a page reload (and pending ones are delivered after it). Opt-in.
   * - `room`: Joins a small group chat (up to 6 members) with everyone who uses the same room name on the
   * same broker: every member talks to every other directly. Works with a plain PeerServer.
   * - `room-key`/`roomKey`: Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
   * derived from it, so someone who knows only the room name finds nothing, and members prove
   * knowledge of it to each other before any message or file flows (`rtc-error`
   * `room-auth-failed` when one does not). Use a long random value; changing it leaves the room
   * and joins the new one.
   * - `unread`: Received messages the user has not seen yet (the element was scrolled out of view or the tab
   * hidden). Reflected as the `unread` attribute for styling; `rtc-unread` fires on changes.
   * - `peer-id`/`peerId`: Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`.
   * - `server`: Broker URL, e.g. `https://peer.example.com:443/myapp`. Without it, PeerJS's hosted broker is used.
   * - `server-key`/`serverKey`: The PeerServer key.
   * - `ice-servers`/`iceServers`: STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property.
   * - `relay-only`/`relayOnly`: Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`).
   * - `remote`: The remote peer id; when set the element connects to it by itself.
   * - `signaling`: How peers find each other: `broker` (default: a PeerServer, see `server`), `local` (no
   * broker at all: tabs of this browser signal over a BroadcastChannel; needs `peer-id`) or
   * `manual` (no broker at all: two peers pair by exchanging an invitation and a reply code,
   * see `createInvite()`; works between any two devices that can reach each other).
   * - `allow`: Space-separated peer ids allowed to connect or call. When set, anyone else is refused before
   * any of their data is shown or any media is sent (`rtc-error` type `peer-refused`).
   * - `strings`: Replaces any of the element's texts (labels, status lines) for other languages or wording.
   * - `messages`: The history shown, oldest first. Read it; to clear it, assign `[]`. A read returns a snapshot:
   * the element never changes an array it handed out, and a read after a change is a new array. (property only)
   * - `fileTransfers`: File transfers in both directions; `tuning` sets chunk size and buffer thresholds. (property only) (readonly)
   * - `peers`: Open connections' peer ids. (property only) (readonly)
   * - `verificationCode`: The safety code of the connection to `remote` (or the only connected peer): 15 digits from
   * both DTLS certificate fingerprints. Both users see the same code unless someone (e.g. a
   * compromised broker) sits in the middle. Undefined while not connected. (property only) (readonly)
   * - `roomMembers`: Members of the `room` this element is connected to, own id first. (property only) (readonly)
   * - `typing`: Peers currently typing. (property only) (readonly)
   * - `pairedPeers`: signaling="manual": the ids of the peers this element is paired with. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `rtc-open`: Registered with the broker. `detail: {id}`.
   * - `rtc-connect`: A connection to a peer is open. `detail: {peer}`.
   * - `rtc-disconnect`: A connection to a peer ended. `detail: {peer, reason}`.
   * - `rtc-error`: Something went wrong. `detail: {type, message, peer?}`; see the README's error table.
   * - `rtc-broker-state`: The broker connection changed. `detail: {state, retryIn?}`.
   * - `rtc-pair`: `signaling="manual"`: a copy-paste pairing completed. `detail: {peer, inviter}`.
   * - `rtc-unpair`: `signaling="manual"`: the pairing with a peer ended. `detail: {peer}`.
   * - `rtc-message`: A message was received or sent. `detail: {from, data, id, time, self}`.
   * - `rtc-message-status`: An own message changed delivery state. `detail: {id, peer, status}`.
   * - `rtc-file-offer`: A peer offers a file; cancelable (`preventDefault()` refuses it). `detail: {id, from, name, size, type, confirm}`; with `confirm` (larger than `confirm-file-size`) it waits for `acceptFile(id)` / `declineFile(id)` or the card's buttons.
   * - `rtc-file-progress`: Transfer progress, both directions. `detail: {id, peer, direction, bytes, total}`.
   * - `rtc-file`: A file arrived and passed its SHA-256 check. `detail: {id, from, name, type, size, blob}`.
   * - `rtc-file-cancel`: A transfer was cancelled. `detail: {id, peer, direction, by, reason}`.
   * - `rtc-typing`: A peer started or stopped typing. `detail: {peer, typing}`.
   * - `rtc-unread`: The count of received messages the user has not seen changed. `detail: {count}`.
   * - `rtc-verification`: A connection's safety code is known. `detail: {peer, code}`.
   * - `rtc-peer-join`: A member joined the room. `detail: {peer, room}`.
   * - `rtc-peer-leave`: A member left the room. `detail: {peer, room}`.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `header`: Content at the start of the header, before the status line.
   * - `empty`: Shown while there are no messages.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `getVerificationCode(peer: string) => string | undefined`: The safety code of the connection to `peer`.
   * - `markRead() => void`: Marks every received message as seen: sends read receipts and resets `unread`.
   * - `connect(remoteId?: string) => Promise<void>`: Connects to `remoteId` (default: the `remote` attribute). Resolves when the connection is
   * open; rejects with an RtcError (and fires `rtc-error`) when it cannot be made.
   * - `disconnect(remoteId?: string) => void`: Closes every connection this element holds (or only the one to `remoteId`).
   * - `send(data: unknown, options: SendOptions = {}) => Promise<ChatMessage>`: Sends a string or JSON value to every connected peer (or `options.to`). Resolves with the
   * message once it is handed to the channel; rejects with an RtcError (and fires `rtc-error`)
   * when there is no open connection or the value cannot be sent. Nothing is dropped silently.
   * - `sendFile(file: Blob, options: SendFileOptions = {}) => Promise<FileTransfer[]>`: Sends a file to every connected peer (or `options.to`). Resolves with one FileTransfer per
   * peer once every receiver confirmed the whole file (size and SHA-256). Rejects with an RtcError
   * when it cannot be sent, the receiver refuses it, verification fails or anyone cancels.
   * - `cancelFile(id: string, peer?: string) => boolean`: Cancels a file transfer (either direction) by its id; `peer` narrows it when several match.
   * - `acceptFile(id: string, peer?: string) => boolean`: Accepts an incoming file that waits for consent (larger than `confirm-file-size`); `peer`
   * narrows it when several match. False if no such offer waits.
   * - `declineFile(id: string, peer?: string) => boolean`: Declines an incoming file that waits for consent: the sender's `sendFile()` rejects with `file-refused` ("declined").
   * - `clear() => void`: Empties the history (and frees the object URLs of received files).
   * - `createInvite() => Promise<string>`: `signaling="manual"`, step 1: returns an invitation code (a few hundred to a few thousand
   * characters) to give the other person by any channel: message, e-mail, QR code. It works
   * once, for 30 minutes. Rejects (and fires `rtc-error`) when the element cannot pair.
   * - `acceptInvite(code: string) => Promise<string>`: `signaling="manual"`, step 2 (the invited side): enters an invitation code and returns the
   * reply code to send back. The two are paired (`rtc-pair`) once the inviter enters the reply.
   * A malformed, foreign or expired code rejects with `rtc-error` type `invalid-code`.
   * - `completeInvite(code: string) => Promise<string>`: `signaling="manual"`, step 3 (the inviting side): enters the reply code; resolves with the
   * other peer's id once paired (`rtc-pair` fires on both sides). `<rtc-chat>` then connects.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--rtc-font-family`: Font of the element. (default: `undefined`)
   * - `--rtc-font-size`: Base font size. (default: `undefined`)
   * - `--rtc-color-text`: Text color. (default: `undefined`)
   * - `--rtc-color-muted`: Secondary text (times, status). (default: `undefined`)
   * - `--rtc-color-background`: Background of the element. (default: `undefined`)
   * - `--rtc-color-surface`: Background of header and composer. (default: `undefined`)
   * - `--rtc-color-border`: Borders and dividers. (default: `undefined`)
   * - `--rtc-color-accent`: Buttons, focus ring and own bubbles. (default: `undefined`)
   * - `--rtc-color-accent-text`: Text on accent color. (default: `undefined`)
   * - `--rtc-color-bubble-remote`: Background of received messages. (default: `undefined`)
   * - `--rtc-color-error`: Error text. (default: `undefined`)
   * - `--rtc-color-success`: Connected indicator. (default: `undefined`)
   * - `--rtc-radius`: Corner radius. (default: `undefined`)
   * - `--rtc-spacing`: Base spacing unit. (default: `undefined`)
   * - `--rtc-chat-height`: Height of the element (default 24rem). (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The outer container.
   * - `header`: The header bar with the status line.
   * - `status`: The connection status line (also announces changes).
   * - `peer-id`: Own peer id in the header.
   * - `messages`: The scrolling message list.
   * - `message`: Every message; own ones also have `message-self`, received ones `message-remote`.
   * - `message-self`: Own messages.
   * - `message-remote`: Received messages.
   * - `sender`: Sender name in a message.
   * - `time`: Timestamp in a message.
   * - `text`: The message text.
   * - `delivery`: Delivery state of an own message.
   * - `empty`: The empty-history text.
   * - `show-earlier`: The "Show N earlier messages" button above the newest 50 messages.
   * - `connect-form`: The form to connect to a peer id (shown with no `remote` and no connection).
   * - `connect-input`: Its input.
   * - `connect-button`: Its button.
   * - `pairing`: With `signaling="manual"`: the copy-paste pairing panel (shown instead of the connect form).
   * - `pairing-code`: The invitation or reply code to send to the other person.
   * - `pairing-input`: Where the code received from the other person is pasted.
   * - `pairing-button`: Every button of the panel; also `pairing-create`, `pairing-copy`, `pairing-use`.
   * - `file`: A file transfer card in the message list.
   * - `file-name`: The file name in a card.
   * - `file-progress`: The progress bar of a transfer.
   * - `file-link`: The download link of a finished transfer.
   * - `file-preview`: Image preview of a received or sent image.
   * - `file-cancel`: The cancel button of a running transfer.
   * - `file-accept`: The Accept button of a received file that waits for consent (larger than `confirm-file-size`).
   * - `file-decline`: Its Decline button.
   * - `attach-button`: The button that picks files to send.
   * - `drop-zone`: The overlay shown while files are dragged over the element.
   * - `members`: The room's member list in the header.
   * - `member`: One member in it.
   * - `typing`: The "… is typing" line.
   * - `verification`: The safety code in the header (compare it with the peer to rule out a man in the middle).
   * - `composer`: The form with the message input and send button.
   * - `input`: The message input.
   * - `send-button`: The send button.
   */
  "rtc-chat": Partial<RtcChatProps & BaseProps<RtcChat> & BaseEvents>;
};

export type CustomElementsSolidJs = {
  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `call-state`/`undefined`: Reflects the call state (`idle`, `calling`, `ringing`, `connecting`, `active`) for styling; read-only.
   * - `audio-only`/`audioOnly`: No camera: calls send and show audio only, with initials tiles. Applies to the next call.
   * - `auto-answer`/`autoAnswer`: Answer incoming calls without asking (camera and microphone start at once). Off by default:
   * without it a call is only answered by a click on Accept or by `answer()`.
   * - `muted`: The microphone is muted. Reflects the state; set it (or call `setMuted()`) to mute before or during a call.
   * - `camera-off`/`cameraOff`: The camera is off. Reflects the state; set it (or call `setCameraOff()`) before or during a call.
   * - `stats-interval`/`statsInterval`: Milliseconds between `rtc-stats` events (and quality indicator updates) during a connected call; `0` turns both off.
   * - `ring-timeout`/`ringTimeout`: Milliseconds an outgoing call rings before it ends with `no-answer`; `0` rings until hung up.
   * - `room`: Joins a group call (a mesh of up to 6 members) with everyone using the same room name on the
   * same broker: camera and microphone start at once (setting `room` is the page's consent), every
   * member sees and hears every other, and calls from members are answered by themselves. Works
   * with a plain PeerServer. Removing it (or `hangup()`) leaves the room.
   * - `room-key`/`roomKey`: Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
   * derived from it, so someone who knows only the room name finds nothing, and members prove
   * knowledge of it to each other before any media flows (`rtc-error` `room-auth-failed` when
   * one does not). Use a long random value; changing it leaves the room and joins the new one.
   * - `peer-id`/`peerId`: Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`.
   * - `server`: Broker URL, e.g. `https://peer.example.com:443/myapp`. Without it, PeerJS's hosted broker is used.
   * - `server-key`/`serverKey`: The PeerServer key.
   * - `ice-servers`/`iceServers`: STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property.
   * - `relay-only`/`relayOnly`: Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`).
   * - `remote`: The remote peer id; when set the element connects to it by itself.
   * - `signaling`: How peers find each other: `broker` (default: a PeerServer, see `server`), `local` (no
   * broker at all: tabs of this browser signal over a BroadcastChannel; needs `peer-id`) or
   * `manual` (no broker at all: two peers pair by exchanging an invitation and a reply code,
   * see `createInvite()`; works between any two devices that can reach each other).
   * - `allow`: Space-separated peer ids allowed to connect or call. When set, anyone else is refused before
   * any of their data is shown or any media is sent (`rtc-error` type `peer-refused`).
   * - `strings`: Replaces any of the element's texts (labels, status lines) for other languages or wording.
   * - `videoConstraints`: Camera constraints (resolution, frame rate, facing mode) for getUserMedia; the device comes from `setDevices()`. (property only)
   * - `verificationCode`: The safety code of the current 1:1 call: derived from both DTLS certificate fingerprints, it
   * is the same on both sides unless someone (e.g. a compromised broker) sits in the middle.
   * Compare it out of band, e.g. read it aloud in the call. Undefined while not connected. (property only) (readonly)
   * - `callState`: The call state: `idle`, `calling`, `ringing`, `connecting` or `active`. (property only) (readonly)
   * - `remotePeer`: The peer id of the current (or ringing) call, if any. (property only) (readonly)
   * - `localStream`: Own camera/microphone stream during a call (undefined otherwise, and while neither could be started). (property only) (readonly)
   * - `remoteStream`: The other side's media during a call. (property only) (readonly)
   * - `screenSharing`: True while this side shares its screen. (property only) (readonly)
   * - `remoteMediaState`: The other side's last announced state, during a call. (property only) (readonly)
   * - `roomMembers`: `room`: own peer id first, then every member whose call is connected (one tile each). (property only) (readonly)
   * - `remoteStreams`: `room`: each connected member's media (a copy of the map; the streams are live). (property only) (readonly)
   * - `selectedDevices`: The devices chosen with `setDevices()` (undefined entries: the browser's default). (property only) (readonly)
   * - `pairedPeers`: signaling="manual": the ids of the peers this element is paired with. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `rtc-open`: Registered with the broker. `detail: {id}`.
   * - `rtc-connect`: A call is connected (media flows). `detail: {peer}`.
   * - `rtc-disconnect`: A connected call ended. `detail: {peer, reason}` with reason `local`, `remote`, `failed` or `timeout`.
   * - `rtc-error`: Something went wrong. `detail: {type, message, peer?}`; see the README's error table.
   * - `rtc-broker-state`: The broker connection changed. `detail: {state, retryIn?}`.
   * - `rtc-verification`: The call's safety code is known (compare it with the peer, e.g. read it aloud). `detail: {peer, code}`.
   * - `rtc-pair`: `signaling="manual"`: a copy-paste pairing completed. `detail: {peer, inviter}`.
   * - `rtc-unpair`: `signaling="manual"`: the pairing with a peer ended. `detail: {peer}`.
   * - `rtc-incoming-call`: A call comes in. `detail: {from, metadata}`. Cancelable: `preventDefault()` hides the ringing UI (and skips `auto-answer`), so the page decides.
   * - `rtc-local-stream`: The camera/microphone started. `detail: {stream}`.
   * - `rtc-remote-stream`: The other side's media arrived. `detail: {peer, stream}`.
   * - `rtc-call-end`: A call ended. `detail: {peer, reason}`, reason one of `hangup`, `declined`, `remote-hangup`, `failed`, `disconnected`, `busy`, `no-answer`.
   * - `rtc-media-state`: Own or remote mute / camera / screen state changed. `detail: {peer, self, muted, cameraOff, screen}`.
   * - `rtc-call-state`: The call state changed. `detail: {state, peer?}`.
   * - `rtc-stats`: Every `stats-interval` ms during a connected call (in a room: for each connected member). `detail: {peer, timestamp, roundTripTime, bitrateIn, bitrateOut, packetLoss, video, sentVideo, quality}`.
   * - `rtc-peer-join`: `room`: a member's call is connected (its tile appears). `detail: {peer, room}`.
   * - `rtc-peer-leave`: `room`: a member's call ended (it left, closed its page or was lost; its tile goes). `detail: {peer, room}`.
   * - `rtc-speaking`: `room`: a member started or stopped speaking (its audio level, read five times a second; `false` also when it leaves). `detail: {peer, speaking}`.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `header`: Content at the start of the header, before the status line.
   * - `idle`: Shown on the stage while there is no call (default: own initials).
   * - `remote-avatar`: Replaces the remote side's initials (audio-only calls, camera off).
   * - `local-avatar`: Replaces own initials in the preview tile when no video is sent.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `getVerificationCode(peer: string) => string | undefined`: The safety code of the call with `peer` (1:1 or a room member).
   * - `call(remoteId?: string, options: CallOptions = {}) => Promise<CallOutcome>`: Calls `remoteId` (default: the `remote` attribute): starts camera and microphone and rings
   * the other side. Resolves with `'connected'` once media flows, or with the reason the call
   * ended before that (`declined`, `busy`, `no-answer`, `failed`, `hangup`, ...). Rejects (and
   * fires `rtc-error`) only when the call cannot be placed: no or invalid peer id, calling
   * itself, not registered with the broker, unusable metadata. Calling the peer this element is
   * already in a call with returns that call's outcome; calling someone else while in a call
   * fires `rtc-error` (`invalid-state`) and resolves `'busy'`.
   * - `answer() => Promise<void>`: Accepts the ringing call: starts camera and microphone and connects. Resolves once answered
   * (media then connects; `rtc-connect` follows). With nothing ringing it fires `rtc-error`
   * (`invalid-state`) and does nothing else; never throws.
   * - `decline() => void`: Declines the ringing call (the caller gets `rtc-call-end` with `declined`). Does nothing when nothing rings.
   * - `hangup() => void`: Ends the call: hangs up an active call, cancels an outgoing one, declines a ringing one.
   * Does nothing without a call, so calling it twice is safe.
   * - `joinRoom() => void`: Joins the room named by `room` again after `hangup()` left it (or it was full). Setting `room`
   * joins by itself; this is what the built-in Join button does. A one-to-one call in progress is
   * hung up first.
   * - `setMuted(muted: boolean) => void`: Mutes or unmutes the microphone (before or during a call); the other side is told.
   * - `setCameraOff(off: boolean) => Promise<void>`: Turns the camera off (the camera light goes off) or on again, before or during a call.
   * Turning it on during a call restarts the camera; if that fails the camera stays off and the
   * promise rejects (and `rtc-error` fires).
   * - `shareScreen() => Promise<void>`: Shares the screen (or a window/tab, as the browser offers) instead of the camera, by
   * replacing the outgoing video track: the call is not renegotiated. Resolves once sharing;
   * rejects (and fires `rtc-error`) when there is no connected video call or the user cancels.
   * - `stopScreenShare() => Promise<void>`: Stops sharing the screen and sends the camera again (or nothing when it is off). Does nothing when not sharing.
   * - `getDevices() => Promise<DeviceLists>`: Lists microphones, cameras and speakers. Labels are empty until the page has been allowed to
   * use a device (e.g. after the first call).
   * - `setDevices(selection: { audioInput?: string | null; videoInput?: string | null; audioOutput?: string | null }) => Promise<void>`: Chooses devices by `deviceId` (from `getDevices()`); `undefined` keeps the current choice,
   * `''` or `null` goes back to the browser's default. During a call the microphone and camera
   * are switched at once (no renegotiation) and the speaker is switched where the browser can
   * (`setSinkId`). Rejects (and fires `rtc-error`) when a device cannot be used; the previous one
   * stays in use. Outside a call the choice is used by the next call.
   * - `getStats(peer?: string) => Promise<RtcStatsDetail | null>`: The connection statistics right now (as in `rtc-stats`) of the one-to-one call, or with `peer`
   * of the call with that peer (a room member); null without such a connected call.
   * - `createInvite() => Promise<string>`: `signaling="manual"`, step 1: returns an invitation code (a few hundred to a few thousand
   * characters) to give the other person by any channel: message, e-mail, QR code. It works
   * once, for 30 minutes. Rejects (and fires `rtc-error`) when the element cannot pair.
   * - `acceptInvite(code: string) => Promise<string>`: `signaling="manual"`, step 2 (the invited side): enters an invitation code and returns the
   * reply code to send back. The two are paired (`rtc-pair`) once the inviter enters the reply.
   * A malformed, foreign or expired code rejects with `rtc-error` type `invalid-code`.
   * - `completeInvite(code: string) => Promise<string>`: `signaling="manual"`, step 3 (the inviting side): enters the reply code; resolves with the
   * other peer's id once paired (`rtc-pair` fires on both sides). `<rtc-chat>` then connects.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--rtc-font-family`: Font of the element. (default: `undefined`)
   * - `--rtc-font-size`: Base font size. (default: `undefined`)
   * - `--rtc-color-text`: Text color. (default: `undefined`)
   * - `--rtc-color-muted`: Secondary text (status). (default: `undefined`)
   * - `--rtc-color-background`: Background of the element and of the round buttons. (default: `undefined`)
   * - `--rtc-color-surface`: Background of header, controls and settings. (default: `undefined`)
   * - `--rtc-color-border`: Borders and dividers. (default: `undefined`)
   * - `--rtc-color-accent`: Focus ring and primary buttons. (default: `undefined`)
   * - `--rtc-color-accent-text`: Text on accent color. (default: `undefined`)
   * - `--rtc-color-error`: Error text. (default: `undefined`)
   * - `--rtc-color-success`: Call and accept buttons, active indicator. (default: `undefined`)
   * - `--rtc-color-danger`: Hang-up and decline buttons (default #b3261e). (default: `undefined`)
   * - `--rtc-color-danger-text`: Text on the danger color. (default: `undefined`)
   * - `--rtc-radius`: Corner radius. (default: `undefined`)
   * - `--rtc-spacing`: Base spacing unit. (default: `undefined`)
   * - `--rtc-call-stage-background`: Background of the video area (default #101318). (default: `undefined`)
   * - `--rtc-call-stage-color`: Text on the video area. (default: `undefined`)
   * - `--rtc-call-avatar-background`: Background of the initials tiles. (default: `undefined`)
   * - `--rtc-call-aspect-ratio`: Aspect ratio of the video area (default 16 / 9). (default: `undefined`)
   * - `--rtc-call-video-fit`: object-fit of the remote video (default contain). (default: `undefined`)
   * - `--rtc-call-preview-width`: Width of the own preview tile (default 28%). (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The outer container.
   * - `header`: The header bar with the status line.
   * - `status`: The status line (also announces changes to screen readers).
   * - `notice`: The last error during a call, under the status line.
   * - `peer-id`: Own peer id in the header.
   * - `stage`: The video area (this is what goes full screen).
   * - `remote-tile`: The large remote tile.
   * - `remote-video`: The remote `<video>` (also plays the remote audio).
   * - `remote-avatar`: The remote initials shown instead of video.
   * - `remote-name`: The remote peer id on the remote tile.
   * - `remote-badges`: The remote state badges (muted, camera off, sharing).
   * - `badge`: Each badge.
   * - `quality`: The connection quality indicator on the remote tile, in a room on each member's tile (also `quality-good`, `quality-fair`, `quality-poor`).
   * - `local-tile`: The small own preview tile.
   * - `local-video`: The own preview `<video>` (mirrored unless sharing the screen).
   * - `local-avatar`: Own initials shown when no video is sent.
   * - `idle-avatar`: Own initials on the idle stage.
   * - `enable-sound`: The button shown when the browser blocked sound until a click.
   * - `incoming`: The incoming call panel.
   * - `incoming-title`: Its "Incoming call from …" text.
   * - `accept-button`: Accept.
   * - `decline-button`: Decline.
   * - `controls`: The controls bar.
   * - `verification`: The safety code in the header during a 1:1 call (compare it with the peer to rule out a man in the middle).
   * - `pairing`: With `signaling="manual"` before pairing: the copy-paste pairing panel (shown instead of the dial form).
   * - `pairing-code`: The invitation or reply code to send to the other person.
   * - `pairing-input`: Where the code received from the other person is pasted.
   * - `pairing-button`: Every button of the panel; also `pairing-create`, `pairing-copy`, `pairing-use`.
   * - `dial-form`: The form with a peer id input, shown when idle without `remote`.
   * - `dial-input`: Its input.
   * - `call-button`: The call button.
   * - `hangup-button`: The hang-up button.
   * - `mute-button`: The microphone button.
   * - `camera-button`: The camera button.
   * - `screen-button`: The screen share button.
   * - `settings-button`: The devices button.
   * - `fullscreen-button`: The full screen button.
   * - `pip-button`: The picture-in-picture button.
   * - `settings`: The device settings panel.
   * - `device-select`: Each device `<select>`.
   * - `grid`: `room`: the grid of tiles on the stage (one per member, plus the own view).
   * - `tile`: `room`: every tile of the grid (also `tile-remote` or `tile-self`).
   * - `tile-remote`: `room`: a member's tile.
   * - `tile-speaking`: `room`: the tile of a member who is speaking (outlined in the success color).
   * - `tile-self`: `room`: the own tile (mirrored preview).
   * - `tile-video`: `room`: the `<video>` of a tile (a member's also plays its audio).
   * - `tile-avatar`: `room`: the initials shown on a tile without video.
   * - `tile-label`: `room`: the peer id (or "You") on a tile.
   * - `tile-badges`: `room`: a member's state badges (muted, camera off, sharing).
   * - `tile-pip-button`: `room`: the picture-in-picture button on a member's tile with video.
   */
  "rtc-call": Partial<
    RtcCallProps & RtcCallSolidJsProps & BaseProps<RtcCall> & BaseEvents
  >;

  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `max-message-size`/`maxMessageSize`: Largest message, in bytes of UTF-8 JSON, that is sent or accepted.
   * - `max-messages`/`maxMessages`: How many messages the history keeps; older ones are dropped from view.
   * - `max-file-size`/`maxFileSize`: Largest file accepted from a peer, in bytes (default 2 GiB). Bigger offers are refused.
   * - `confirm-file-size`/`confirmFileSize`: Incoming file offers larger than this many bytes (default 25 MiB) wait for the user's Accept
   * (the card's button, or `acceptFile()`); smaller ones are received at once. `0` asks for every file.
   * - `no-files`/`noFiles`: Hides the attach button and ignores dropped or pasted files (receiving still works).
   * - `rate-limit`/`rateLimit`: Average messages per second accepted from one peer (bursts of five seconds' worth); beyond it messages are dropped with `rate-limited`.
   * - `persist`: Keeps the history and the messages still waiting for delivery in localStorage, per peer id,
   * so they survive a page reload (and pending ones are delivered after it). Opt-in.
   * - `room`: Joins a small group chat (up to 6 members) with everyone who uses the same room name on the
   * same broker: every member talks to every other directly. Works with a plain PeerServer.
   * - `room-key`/`roomKey`: Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
   * derived from it, so someone who knows only the room name finds nothing, and members prove
   * knowledge of it to each other before any message or file flows (`rtc-error`
   * `room-auth-failed` when one does not). Use a long random value; changing it leaves the room
   * and joins the new one.
   * - `unread`: Received messages the user has not seen yet (the element was scrolled out of view or the tab
   * hidden). Reflected as the `unread` attribute for styling; `rtc-unread` fires on changes.
   * - `peer-id`/`peerId`: Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`.
   * - `server`: Broker URL, e.g. `https://peer.example.com:443/myapp`. Without it, PeerJS's hosted broker is used.
   * - `server-key`/`serverKey`: The PeerServer key.
   * - `ice-servers`/`iceServers`: STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property.
   * - `relay-only`/`relayOnly`: Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`).
   * - `remote`: The remote peer id; when set the element connects to it by itself.
   * - `signaling`: How peers find each other: `broker` (default: a PeerServer, see `server`), `local` (no
   * broker at all: tabs of this browser signal over a BroadcastChannel; needs `peer-id`) or
   * `manual` (no broker at all: two peers pair by exchanging an invitation and a reply code,
   * see `createInvite()`; works between any two devices that can reach each other).
   * - `allow`: Space-separated peer ids allowed to connect or call. When set, anyone else is refused before
   * any of their data is shown or any media is sent (`rtc-error` type `peer-refused`).
   * - `strings`: Replaces any of the element's texts (labels, status lines) for other languages or wording.
   * - `messages`: The history shown, oldest first. Read it; to clear it, assign `[]`. A read returns a snapshot:
   * the element never changes an array it handed out, and a read after a change is a new array. (property only)
   * - `fileTransfers`: File transfers in both directions; `tuning` sets chunk size and buffer thresholds. (property only) (readonly)
   * - `peers`: Open connections' peer ids. (property only) (readonly)
   * - `verificationCode`: The safety code of the connection to `remote` (or the only connected peer): 15 digits from
   * both DTLS certificate fingerprints. Both users see the same code unless someone (e.g. a
   * compromised broker) sits in the middle. Undefined while not connected. (property only) (readonly)
   * - `roomMembers`: Members of the `room` this element is connected to, own id first. (property only) (readonly)
   * - `typing`: Peers currently typing. (property only) (readonly)
   * - `pairedPeers`: signaling="manual": the ids of the peers this element is paired with. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `rtc-open`: Registered with the broker. `detail: {id}`.
   * - `rtc-connect`: A connection to a peer is open. `detail: {peer}`.
   * - `rtc-disconnect`: A connection to a peer ended. `detail: {peer, reason}`.
   * - `rtc-error`: Something went wrong. `detail: {type, message, peer?}`; see the README's error table.
   * - `rtc-broker-state`: The broker connection changed. `detail: {state, retryIn?}`.
   * - `rtc-pair`: `signaling="manual"`: a copy-paste pairing completed. `detail: {peer, inviter}`.
   * - `rtc-unpair`: `signaling="manual"`: the pairing with a peer ended. `detail: {peer}`.
   * - `rtc-message`: A message was received or sent. `detail: {from, data, id, time, self}`.
   * - `rtc-message-status`: An own message changed delivery state. `detail: {id, peer, status}`.
   * - `rtc-file-offer`: A peer offers a file; cancelable (`preventDefault()` refuses it). `detail: {id, from, name, size, type, confirm}`; with `confirm` (larger than `confirm-file-size`) it waits for `acceptFile(id)` / `declineFile(id)` or the card's buttons.
   * - `rtc-file-progress`: Transfer progress, both directions. `detail: {id, peer, direction, bytes, total}`.
   * - `rtc-file`: A file arrived and passed its SHA-256 check. `detail: {id, from, name, type, size, blob}`.
   * - `rtc-file-cancel`: A transfer was cancelled. `detail: {id, peer, direction, by, reason}`.
   * - `rtc-typing`: A peer started or stopped typing. `detail: {peer, typing}`.
   * - `rtc-unread`: The count of received messages the user has not seen changed. `detail: {count}`.
   * - `rtc-verification`: A connection's safety code is known. `detail: {peer, code}`.
   * - `rtc-peer-join`: A member joined the room. `detail: {peer, room}`.
   * - `rtc-peer-leave`: A member left the room. `detail: {peer, room}`.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `header`: Content at the start of the header, before the status line.
   * - `empty`: Shown while there are no messages.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `getVerificationCode(peer: string) => string | undefined`: The safety code of the connection to `peer`.
   * - `markRead() => void`: Marks every received message as seen: sends read receipts and resets `unread`.
   * - `connect(remoteId?: string) => Promise<void>`: Connects to `remoteId` (default: the `remote` attribute). Resolves when the connection is
   * open; rejects with an RtcError (and fires `rtc-error`) when it cannot be made.
   * - `disconnect(remoteId?: string) => void`: Closes every connection this element holds (or only the one to `remoteId`).
   * - `send(data: unknown, options: SendOptions = {}) => Promise<ChatMessage>`: Sends a string or JSON value to every connected peer (or `options.to`). Resolves with the
   * message once it is handed to the channel; rejects with an RtcError (and fires `rtc-error`)
   * when there is no open connection or the value cannot be sent. Nothing is dropped silently.
   * - `sendFile(file: Blob, options: SendFileOptions = {}) => Promise<FileTransfer[]>`: Sends a file to every connected peer (or `options.to`). Resolves with one FileTransfer per
   * peer once every receiver confirmed the whole file (size and SHA-256). Rejects with an RtcError
   * when it cannot be sent, the receiver refuses it, verification fails or anyone cancels.
   * - `cancelFile(id: string, peer?: string) => boolean`: Cancels a file transfer (either direction) by its id; `peer` narrows it when several match.
   * - `acceptFile(id: string, peer?: string) => boolean`: Accepts an incoming file that waits for consent (larger than `confirm-file-size`); `peer`
   * narrows it when several match. False if no such offer waits.
   * - `declineFile(id: string, peer?: string) => boolean`: Declines an incoming file that waits for consent: the sender's `sendFile()` rejects with `file-refused` ("declined").
   * - `clear() => void`: Empties the history (and frees the object URLs of received files).
   * - `createInvite() => Promise<string>`: `signaling="manual"`, step 1: returns an invitation code (a few hundred to a few thousand
   * characters) to give the other person by any channel: message, e-mail, QR code. It works
   * once, for 30 minutes. Rejects (and fires `rtc-error`) when the element cannot pair.
   * - `acceptInvite(code: string) => Promise<string>`: `signaling="manual"`, step 2 (the invited side): enters an invitation code and returns the
   * reply code to send back. The two are paired (`rtc-pair`) once the inviter enters the reply.
   * A malformed, foreign or expired code rejects with `rtc-error` type `invalid-code`.
   * - `completeInvite(code: string) => Promise<string>`: `signaling="manual"`, step 3 (the inviting side): enters the reply code; resolves with the
   * other peer's id once paired (`rtc-pair` fires on both sides). `<rtc-chat>` then connects.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--rtc-font-family`: Font of the element. (default: `undefined`)
   * - `--rtc-font-size`: Base font size. (default: `undefined`)
   * - `--rtc-color-text`: Text color. (default: `undefined`)
   * - `--rtc-color-muted`: Secondary text (times, status). (default: `undefined`)
   * - `--rtc-color-background`: Background of the element. (default: `undefined`)
   * - `--rtc-color-surface`: Background of header and composer. (default: `undefined`)
   * - `--rtc-color-border`: Borders and dividers. (default: `undefined`)
   * - `--rtc-color-accent`: Buttons, focus ring and own bubbles. (default: `undefined`)
   * - `--rtc-color-accent-text`: Text on accent color. (default: `undefined`)
   * - `--rtc-color-bubble-remote`: Background of received messages. (default: `undefined`)
   * - `--rtc-color-error`: Error text. (default: `undefined`)
   * - `--rtc-color-success`: Connected indicator. (default: `undefined`)
   * - `--rtc-radius`: Corner radius. (default: `undefined`)
   * - `--rtc-spacing`: Base spacing unit. (default: `undefined`)
   * - `--rtc-chat-height`: Height of the element (default 24rem). (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The outer container.
   * - `header`: The header bar with the status line.
   * - `status`: The connection status line (also announces changes).
   * - `peer-id`: Own peer id in the header.
   * - `messages`: The scrolling message list.
   * - `message`: Every message; own ones also have `message-self`, received ones `message-remote`.
   * - `message-self`: Own messages.
   * - `message-remote`: Received messages.
   * - `sender`: Sender name in a message.
   * - `time`: Timestamp in a message.
   * - `text`: The message text.
   * - `delivery`: Delivery state of an own message.
   * - `empty`: The empty-history text.
   * - `show-earlier`: The "Show N earlier messages" button above the newest 50 messages.
   * - `connect-form`: The form to connect to a peer id (shown with no `remote` and no connection).
   * - `connect-input`: Its input.
   * - `connect-button`: Its button.
   * - `pairing`: With `signaling="manual"`: the copy-paste pairing panel (shown instead of the connect form).
   * - `pairing-code`: The invitation or reply code to send to the other person.
   * - `pairing-input`: Where the code received from the other person is pasted.
   * - `pairing-button`: Every button of the panel; also `pairing-create`, `pairing-copy`, `pairing-use`.
   * - `file`: A file transfer card in the message list.
   * - `file-name`: The file name in a card.
   * - `file-progress`: The progress bar of a transfer.
   * - `file-link`: The download link of a finished transfer.
   * - `file-preview`: Image preview of a received or sent image.
   * - `file-cancel`: The cancel button of a running transfer.
   * - `file-accept`: The Accept button of a received file that waits for consent (larger than `confirm-file-size`).
   * - `file-decline`: Its Decline button.
   * - `attach-button`: The button that picks files to send.
   * - `drop-zone`: The overlay shown while files are dragged over the element.
   * - `members`: The room's member list in the header.
   * - `member`: One member in it.
   * - `typing`: The "… is typing" line.
   * - `verification`: The safety code in the header (compare it with the peer to rule out a man in the middle).
   * - `composer`: The form with the message input and send button.
   * - `input`: The message input.
   * - `send-button`: The send button.
   */
  "rtc-chat": Partial<
    RtcChatProps & RtcChatSolidJsProps & BaseProps<RtcChat> & BaseEvents
  >;
};

export type CustomCssProperties = {
  /** Font of the element. */
  "--rtc-font-family"?: string | undefined;
  /** Base font size. */
  "--rtc-font-size"?: string | undefined;
  /** Text color. */
  "--rtc-color-text"?: string | undefined;
  /** Secondary text (status). */
  "--rtc-color-muted"?: string | undefined;
  /** Background of the element and of the round buttons. */
  "--rtc-color-background"?: string | undefined;
  /** Background of header, controls and settings. */
  "--rtc-color-surface"?: string | undefined;
  /** Borders and dividers. */
  "--rtc-color-border"?: string | undefined;
  /** Focus ring and primary buttons. */
  "--rtc-color-accent"?: string | undefined;
  /** Text on accent color. */
  "--rtc-color-accent-text"?: string | undefined;
  /** Error text. */
  "--rtc-color-error"?: string | undefined;
  /** Call and accept buttons, active indicator. */
  "--rtc-color-success"?: string | undefined;
  /** Hang-up and decline buttons (default #b3261e). */
  "--rtc-color-danger"?: string | undefined;
  /** Text on the danger color. */
  "--rtc-color-danger-text"?: string | undefined;
  /** Corner radius. */
  "--rtc-radius"?: string | undefined;
  /** Base spacing unit. */
  "--rtc-spacing"?: string | undefined;
  /** Background of the video area (default #101318). */
  "--rtc-call-stage-background"?: string | undefined;
  /** Text on the video area. */
  "--rtc-call-stage-color"?: string | undefined;
  /** Background of the initials tiles. */
  "--rtc-call-avatar-background"?: string | undefined;
  /** Aspect ratio of the video area (default 16 / 9). */
  "--rtc-call-aspect-ratio"?: string | undefined;
  /** object-fit of the remote video (default contain). */
  "--rtc-call-video-fit"?: string | undefined;
  /** Width of the own preview tile (default 28%). */
  "--rtc-call-preview-width"?: string | undefined;
  /** Background of received messages. */
  "--rtc-color-bubble-remote"?: string | undefined;
  /** Height of the element (default 24rem). */
  "--rtc-chat-height"?: string | undefined;
};

declare module "react" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "react/jsx-runtime" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "react/jsx-dev-runtime" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "@builder.io/qwik" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "@stencil/core" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "hono/jsx" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "react-native" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "solid-js" {
  namespace JSX {
    interface IntrinsicElements extends CustomElementsSolidJs {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare global {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}
