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
  fileProgress: string;
  fileCancel: string;
  fileDownload: string;
  filePreview: string;
  fileSent: string;
  fileCancelled: string;
  fileFailed: string;
  read: string;
  typing: string;
  safetyCode: string;
  safetyCodeHelp: string;
  roomMembers: string;
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
}

export const en: RtcStrings = {
  statusIdle: 'Not connected',
  statusConnecting: 'Connecting to the broker…',
  statusReady: 'Ready',
  statusDialing: 'Connecting to {peer}…',
  statusConnected: 'Connected to {peer}',
  statusReconnecting: 'Broker connection lost; retrying…',
  statusClosed: 'Closed',
  statusError: 'Error: {message}',
  messagesLabel: 'Messages',
  inputLabel: 'Message',
  inputPlaceholder: 'Write a message…',
  send: 'Send',
  you: 'You',
  emptyChat: 'No messages yet.',
  connectLabel: 'Peer id to connect to',
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
  connect: 'Connect',
  disconnect: 'Disconnect',
  yourId: 'Your id: {id}',
  pending: 'pending',
  sent: 'sent',
  delivered: 'delivered',
  failed: 'not sent',
  binaryData: '[binary data, {size} bytes]',
  attach: 'Send a file',
  dropFiles: 'Drop files to send them',
  cancel: 'Cancel',
  fileWaiting: 'Waiting for the other side…',
  fileProgress: 'Transfer of {name}',
  fileCancel: 'Cancel the transfer of {name}',
  fileDownload: 'Save {name}',
  filePreview: 'Preview of {name}',
  fileSent: 'Sent and verified',
  fileCancelled: 'Cancelled',
  fileFailed: 'Failed',
  read: 'read',
  typing: '{peer} is typing…',
  safetyCode: 'Safety code {code}',
  safetyCodeHelp: 'Compare this code with {peer} (by phone or in person). If it matches, nobody is listening in between.',
  roomMembers: 'Room {room}: {count} of {max} members',
  call: 'Call',
  hangup: 'Hang up',
  answer: 'Accept',
  decline: 'Decline',
  mute: 'Mute microphone',
  unmute: 'Unmute microphone',
  cameraOff: 'Turn camera off',
  cameraOn: 'Turn camera on',
  shareScreen: 'Share screen',
  stopShareScreen: 'Stop sharing',
  settings: 'Devices',
  fullscreen: 'Full screen',
  pictureInPicture: 'Picture in picture',
  incomingCall: 'Incoming call from {peer}',
  calling: 'Calling {peer}…',
  inCall: 'In call with {peer}',
  remoteMuted: 'Muted',
  remoteCameraOff: 'Camera off',
  microphone: 'Microphone',
  camera: 'Camera',
  speaker: 'Speaker',
  close: 'Close',
  localVideo: 'Your video',
  remoteVideo: 'Video of {peer}',
  quality: 'Connection quality: {level}',
  qualityGood: 'good',
  qualityFair: 'fair',
  qualityPoor: 'poor',
  callPeerLabel: 'Peer id to call',
  callControls: 'Call controls',
  callEnded: 'Call with {peer} ended',
  callDeclined: '{peer} declined the call',
  callBusy: '{peer} is busy',
  callNoAnswer: 'No answer from {peer}',
  callMissed: 'Missed call from {peer}',
  callFailed: 'The call with {peer} could not be connected',
  callLost: 'Lost the connection to {peer}',
  remoteSharing: 'Sharing screen',
  exitFullscreen: 'Exit full screen',
  exitPictureInPicture: 'Exit picture in picture',
  deviceDefault: 'Default',
  enableSound: 'Turn on sound',
  joinRoom: 'Join room',
  leaveRoom: 'Leave room',
  joiningRoom: 'Joining room {room}…',
};

export const de: RtcStrings = {
  statusIdle: 'Nicht verbunden',
  statusConnecting: 'Verbinde mit dem Vermittler…',
  statusReady: 'Bereit',
  statusDialing: 'Verbinde mit {peer}…',
  statusConnected: 'Verbunden mit {peer}',
  statusReconnecting: 'Verbindung zum Vermittler verloren; neuer Versuch…',
  statusClosed: 'Geschlossen',
  statusError: 'Fehler: {message}',
  messagesLabel: 'Nachrichten',
  inputLabel: 'Nachricht',
  inputPlaceholder: 'Nachricht schreiben…',
  send: 'Senden',
  you: 'Du',
  emptyChat: 'Noch keine Nachrichten.',
  connectLabel: 'Peer-ID zum Verbinden',
  connectPlaceholder: 'Peer-ID der Gegenseite',
  pairingHelp: 'Ohne Server: Eine Seite erstellt eine Einladung, die andere fügt sie ein und schickt die Antwort zurück.',
  pairingCreate: 'Einladung erstellen',
  pairingInviteCode: 'Schicke diese Einladung an die andere Person und füge dann ihre Antwort unten ein:',
  pairingReplyCode: 'Schicke diese Antwort an die Person zurück, die dich eingeladen hat:',
  pairingPasteLabel: 'Einladung oder Antwort einfügen',
  pairingUse: 'Code verwenden',
  pairingCopy: 'Kopieren',
  pairingCopied: 'Kopiert',
  pairingWorking: 'Bitte warten…',
  pairingDone: 'Verbunden mit {peer}',
  connect: 'Verbinden',
  disconnect: 'Trennen',
  yourId: 'Deine ID: {id}',
  pending: 'wartet',
  sent: 'gesendet',
  delivered: 'zugestellt',
  failed: 'nicht gesendet',
  binaryData: '[Binärdaten, {size} Bytes]',
  attach: 'Datei senden',
  dropFiles: 'Dateien hier ablegen, um sie zu senden',
  cancel: 'Abbrechen',
  fileWaiting: 'Warte auf die Gegenseite…',
  fileProgress: 'Übertragung von {name}',
  fileCancel: 'Übertragung von {name} abbrechen',
  fileDownload: '{name} speichern',
  filePreview: 'Vorschau von {name}',
  fileSent: 'Gesendet und geprüft',
  fileCancelled: 'Abgebrochen',
  fileFailed: 'Fehlgeschlagen',
  read: 'gelesen',
  typing: '{peer} schreibt…',
  safetyCode: 'Sicherheitscode {code}',
  safetyCodeHelp: 'Vergleiche diesen Code mit {peer} (am Telefon oder persönlich). Stimmt er überein, hört niemand dazwischen mit.',
  roomMembers: 'Raum {room}: {count} von {max} Mitgliedern',
  call: 'Anrufen',
  hangup: 'Auflegen',
  answer: 'Annehmen',
  decline: 'Ablehnen',
  mute: 'Mikrofon stumm',
  unmute: 'Mikrofon an',
  cameraOff: 'Kamera aus',
  cameraOn: 'Kamera an',
  shareScreen: 'Bildschirm teilen',
  stopShareScreen: 'Teilen beenden',
  settings: 'Geräte',
  fullscreen: 'Vollbild',
  pictureInPicture: 'Bild im Bild',
  incomingCall: 'Eingehender Anruf von {peer}',
  calling: 'Rufe {peer} an…',
  inCall: 'Im Gespräch mit {peer}',
  remoteMuted: 'Stumm',
  remoteCameraOff: 'Kamera aus',
  microphone: 'Mikrofon',
  camera: 'Kamera',
  speaker: 'Lautsprecher',
  close: 'Schließen',
  localVideo: 'Dein Video',
  remoteVideo: 'Video von {peer}',
  quality: 'Verbindungsqualität: {level}',
  qualityGood: 'gut',
  qualityFair: 'mittel',
  qualityPoor: 'schlecht',
  callPeerLabel: 'Peer-ID zum Anrufen',
  callControls: 'Anrufsteuerung',
  callEnded: 'Gespräch mit {peer} beendet',
  callDeclined: '{peer} hat den Anruf abgelehnt',
  callBusy: '{peer} ist besetzt',
  callNoAnswer: 'Keine Antwort von {peer}',
  callMissed: 'Verpasster Anruf von {peer}',
  callFailed: 'Der Anruf mit {peer} kam nicht zustande',
  callLost: 'Verbindung zu {peer} verloren',
  remoteSharing: 'Teilt den Bildschirm',
  exitFullscreen: 'Vollbild beenden',
  exitPictureInPicture: 'Bild im Bild beenden',
  deviceDefault: 'Standard',
  enableSound: 'Ton einschalten',
  joinRoom: 'Raum beitreten',
  leaveRoom: 'Raum verlassen',
  joiningRoom: 'Trete Raum {room} bei…',
};

const LANGUAGES: Record<string, RtcStrings> = { en, de };

/** Picks the built-in table for `lang` (e.g. "de-AT" -> de) and applies overrides. */
export function resolveStrings(lang: string | null | undefined, overrides?: Partial<RtcStrings> | unknown): RtcStrings {
  const base = LANGUAGES[(lang ?? '').toLowerCase().split('-')[0]] ?? en;
  if (!overrides || typeof overrides !== 'object' || Array.isArray(overrides)) return base;
  const merged: RtcStrings = { ...base };
  for (const key of Object.keys(base) as Array<keyof RtcStrings>) {
    const value = (overrides as Record<string, unknown>)[key];
    if (typeof value === 'string') merged[key] = value;
  }
  return merged;
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
