import { lazy } from './lazy.js';

/**
 * Every text the elements show. Pages replace any of them with the `strings` property/attribute;
 * the language comes from the nearest `lang` attribute (English and German ship built in).
 */
export interface RtcStrings {
  // status line
  statusIdle: string;
  statusConnecting: string;
  statusReady: string;
  statusDialing: string;
  statusConnected: string;
  statusReconnecting: string;
  statusClosed: string;
  statusError: string;
  // chat
  messagesLabel: string;
  inputLabel: string;
  inputPlaceholder: string;
  send: string;
  you: string;
  emptyChat: string;
  /** The button above the newest messages when older ones are not shown; `{count}` of them. */
  showEarlier: string;
  connectLabel: string;
  connectPlaceholder: string;
  connect: string;
  disconnect: string;
  // signaling="manual" pairing panel
  pairingHelp: string;
  pairingCreate: string;
  pairingInviteCode: string;
  pairingReplyCode: string;
  pairingPasteLabel: string;
  pairingUse: string;
  pairingCopy: string;
  pairingCopied: string;
  pairingWorking: string;
  pairingDone: string;
  /** The accessible name of the invitation's QR code. */
  pairingQrInvite: string;
  pairingQrReply: string;
  /** Shown where the browser can read QR codes with the camera; also names the camera preview. */
  pairingScan: string;
  pairingScanStop: string;
  yourId: string;
  pending: string;
  sent: string;
  delivered: string;
  failed: string;
  binaryData: string;
  attach: string;
  dropFiles: string;
  cancel: string;
  fileWaiting: string;
  /** A received file over `confirm-file-size` waits for the user: the text beside Accept / Decline. */
  fileConfirm: string;
  fileAccept: string;
  fileDecline: string;
  /** Accessible names of those buttons; `{name}` is the file name. */
  fileAcceptLabel: string;
  fileDeclineLabel: string;
  fileProgress: string;
  fileCancel: string;
  fileDownload: string;
  filePreview: string;
  fileSent: string;
  fileCancelled: string;
  fileFailed: string;
  read: string;
  typing: string;
  // chat: reply, edit, delete, reactions (strings-chat-actions.ts, loaded with their code)
  msgActions: string;
  msgReply: string;
  msgReact: string;
  msgEdit: string;
  msgDelete: string;
  /** Beside an edited message. */
  msgEdited: string;
  /** In place of a deleted message's text. */
  msgDeleted: string;
  /** The quote of a reply whose original is not in the history. */
  msgOriginalMissing: string;
  /** Above the composer; `{name}` is the sender of the message replied to. */
  msgReplyingTo: string;
  msgEditing: string;
  msgCancelReply: string;
  msgCancelEdit: string;
  /** The emoji picker's buttons; `{emoji}`. */
  msgReactWith: string;
  msgReactions: string;
  /** A reaction chip's accessible name: `{emoji}`, `{count}` of people (`msgReactionYou` when you are one of them). */
  msgReaction: string;
  msgReactionYou: string;
  safetyCode: string;
  safetyCodeHelp: string;
  roomMembers: string;
  // persistent identity (shared/identity-guard.ts; English in strings-identity.ts, loaded with it)
  /** The banner when a known peer shows a new key; `{peer}`. */
  identityChanged: string;
  /** The banner's button: trust the new key (and mark it verified). */
  identityAccept: string;
  identityDismiss: string;
  /** Next to the safety code once the user marked the peer verified. */
  identityVerified: string;
  /** The button next to the safety code that marks the peer verified; its accessible name `identityVerifyLabel` (which starts with that text) has `{peer}`. */
  identityVerify: string;
  identityVerifyLabel: string;
  // call
  call: string;
  hangup: string;
  answer: string;
  decline: string;
  mute: string;
  unmute: string;
  cameraOff: string;
  cameraOn: string;
  shareScreen: string;
  stopShareScreen: string;
  settings: string;
  fullscreen: string;
  pictureInPicture: string;
  incomingCall: string;
  calling: string;
  inCall: string;
  remoteMuted: string;
  remoteCameraOff: string;
  microphone: string;
  camera: string;
  speaker: string;
  close: string;
  localVideo: string;
  remoteVideo: string;
  quality: string;
  qualityGood: string;
  qualityFair: string;
  qualityPoor: string;
  callPeerLabel: string;
  callControls: string;
  callEnded: string;
  callDeclined: string;
  callBusy: string;
  callNoAnswer: string;
  callMissed: string;
  callFailed: string;
  callLost: string;
  remoteSharing: string;
  exitFullscreen: string;
  exitPictureInPicture: string;
  deviceDefault: string;
  enableSound: string;
  // call rooms
  joinRoom: string;
  leaveRoom: string;
  joiningRoom: string;
  /** A member tile's pin button (`{peer}`: the member), and its title while pinned. */
  pinPeer: string;
  unpin: string;
  /** The devices panel's background choice (`background` attribute): its label and options. */
  background: string;
  backgroundNone: string;
  backgroundBlur: string;
  backgroundImage: string;
  /** The chat header's button that opens the message search (also the search field's label). */
  search: string;
  /** A code block's copy button, its "done" state, and what it says when it selected the code instead. */
  copyCode: string;
  codeCopied: string;
  copyCodeFallback: string;
  /** The search's count: `{index}` of `{count}` matching messages. */
  searchCount: string;
  searchNone: string;
  searchNext: string;
  searchPrevious: string;
  searchClose: string;
  /** The search bar's button that downloads the history as a text file. */
  saveHistory: string;
  /** <rtc-call>'s devices panel: the microphone processing switches (and their group's label). */
  audioProcessing: string;
  noiseSuppression: string;
  echoCancellation: string;
  autoGain: string;
  /** <rtc-call>'s network notice: the suggestion, its button, its dismiss button, and what it says when video was paused by itself. */
  networkBad: string;
  networkAudioOnly: string;
  networkDismiss: string;
  networkPaused: string;
  // call: reactions, raised hands, recording (strings-call-acts.ts, loaded with their code)
  /** The reactions button and its menu. */
  actReactions: string;
  /** A reaction in the menu; `{emoji}`. */
  actReactWith: string;
  /** A reaction shown on a tile; `{peer}` (or "You") and `{emoji}`. */
  actReacted: string;
  actRaiseHand: string;
  actLowerHand: string;
  /** The raised-hand badge on a tile; `{peer}` (or "You"). */
  actHandRaised: string;
  /** The record button (`record-button`). */
  recStart: string;
  recStop: string;
  /** The recording notice while this side records. */
  recSelf: string;
  /** The recording notice while `{peer}` records. */
  recPeer: string;
  // call: the pre-join lobby (strings-lobby.ts, loaded with its code) and the camera flip
  /** The lobby's heading. */
  lobbyTitle: string;
  lobbyPreview: string;
  /** The microphone level meter's accessible name. */
  lobbyMeter: string;
  /** The lobby's microphone and camera toggles (aria-pressed says whether they are on). */
  lobbyMicrophone: string;
  lobbyCamera: string;
  /** The button that plays a short test tone on the chosen speaker. */
  lobbySpeakerTest: string;
  /** The join button: in a room, calling `{peer}`, or with nothing to join (it keeps the choices). */
  lobbyJoinRoom: string;
  lobbyCall: string;
  lobbyDone: string;
  lobbyCancel: string;
  /** Shown while the camera and microphone start. */
  lobbyStarting: string;
  /** The controls' button that switches between the front and back camera. */
  flipCamera: string;
}

/** Keys both elements (and the pairing panel) show. */
export type CommonStringKey =
  | 'statusIdle'
  | 'statusConnecting'
  | 'statusReady'
  | 'statusDialing'
  | 'statusConnected'
  | 'statusReconnecting'
  | 'statusClosed'
  | 'statusError'
  | 'you'
  | 'connectPlaceholder'
  | 'pairingHelp'
  | 'pairingCreate'
  | 'pairingInviteCode'
  | 'pairingReplyCode'
  | 'pairingPasteLabel'
  | 'pairingUse'
  | 'pairingCopy'
  | 'pairingCopied'
  | 'pairingWorking'
  | 'pairingDone'
  | 'pairingQrInvite'
  | 'pairingQrReply'
  | 'pairingScan'
  | 'pairingScanStop'
  | 'yourId'
  | 'safetyCode'
  | 'safetyCodeHelp'
  | 'roomMembers';

/**
 * English is built in, split by element so each script-tag entry carries only its own texts:
 * these shared ones, strings-chat.ts and strings-call.ts. The whole table is
 * `englishStrings` (strings-en.ts).
 */
/** The texts both elements show; each element's table (ChatStrings, CallStrings) adds its own. */
export type CommonStrings = Pick<RtcStrings, CommonStringKey>;

export const enCommon: CommonStrings = {
  statusIdle: 'Not connected',
  statusConnecting: 'Connecting to the broker…',
  statusReady: 'Ready',
  statusDialing: 'Connecting to {peer}…',
  statusConnected: 'Connected to {peer}',
  statusReconnecting: 'Broker connection lost; retrying…',
  statusClosed: 'Closed',
  statusError: 'Error: {message}',
  you: 'You',
  connectPlaceholder: 'Their peer id',
  pairingHelp: 'No server needed: one of you creates an invitation, the other pastes it and sends back the reply.',
  pairingCreate: 'Create invitation',
  pairingInviteCode: 'Send this invitation to the other person, then paste their reply below:',
  pairingReplyCode: 'Send this reply back to the person who invited you:',
  pairingPasteLabel: 'Paste an invitation or a reply',
  pairingUse: 'Use code',
  pairingCopy: 'Copy',
  pairingCopied: 'Copied',
  pairingWorking: 'Working…',
  pairingDone: 'Paired with {peer}',
  pairingQrInvite: 'QR code of the invitation; or copy the text',
  pairingQrReply: 'QR code of the reply; or copy the text',
  pairingScan: 'Scan a code',
  pairingScanStop: 'Stop scanning',
  yourId: 'Your id: {id}',
  safetyCode: 'Safety code {code}',
  safetyCodeHelp: 'Compare this code with {peer} (by phone or in person). If it matches, nobody is listening in between.',
  roomMembers: 'Room {room}: {count} of {max} members',
};

/** Built-in tables besides English loaded so far. */
const LANGUAGES: Record<string, RtcStrings> = {};
/** The other built-in languages, loaded on first use (a chunk each in the script-tag build). */
const LOADERS: Record<string, () => Promise<void>> = {
  de: lazy(() =>
    import('./strings-de.js').then((module) => {
      LANGUAGES.de = module.de;
    }),
  ),
};

const languageCode = (lang: string | null | undefined) => (lang ?? '').toLowerCase().split('-')[0];

/**
 * For a `lang` whose built-in table is not loaded yet: a promise that loads it (then
 * resolveStrings() uses it). Undefined when the table is here or there is none for `lang`.
 */
export function loadLanguage(lang: string | null | undefined): Promise<void> | undefined {
  const code = languageCode(lang);
  return LANGUAGES[code] || !Object.prototype.hasOwnProperty.call(LOADERS, code) ? undefined : LOADERS[code]();
}

/**
 * Picks the built-in table for `lang` (e.g. "de-AT" -> de) and applies overrides. `english` (an
 * element's own English texts) is used for English, other languages and languages that are not
 * loaded yet (see loadLanguage).
 */
export function resolveStrings<K extends keyof RtcStrings>(
  lang: string | null | undefined,
  overrides: Partial<RtcStrings> | unknown,
  english: Record<K, string>,
): Record<K, string> {
  // A built-in table holds every key, so it serves any element's part.
  const base: Record<K, string> = LANGUAGES[languageCode(lang)] ?? english;
  if (!overrides || typeof overrides !== 'object' || Array.isArray(overrides)) return base;
  const merged: Record<K, string> = { ...base };
  for (const key of Object.keys(english) as K[]) {
    const value = (overrides as Record<string, unknown>)[key];
    if (typeof value === 'string') merged[key] = value;
  }
  return merged;
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
