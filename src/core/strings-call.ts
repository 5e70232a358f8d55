import { enCommon, type RtcStrings } from './strings.js';

/**
 * <rtc-call>'s English texts: the shared ones plus its own (the chat's are not needed here, so
 * the call's script-tag entry does not carry them). Other languages are whole tables.
 */
export const callEnglish = {
  ...enCommon,
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
} satisfies Partial<RtcStrings>;

/** The texts <rtc-call> shows (what `t` holds in its code). */
export type CallStrings = Pick<RtcStrings, keyof typeof callEnglish>;
