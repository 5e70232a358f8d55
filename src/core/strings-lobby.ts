import type { RtcStrings } from './strings.js';

/**
 * <rtc-call>'s English texts for the pre-join lobby and the camera flip: loaded with their code
 * (rtc-call/lobby.ts, camera-flip.ts), so a call's first load does not carry them. Other languages are whole tables.
 */
export const lobbyEnglish = {
  lobbyTitle: 'Check your camera and microphone',
  lobbyPreview: 'Your camera preview',
  lobbyMeter: 'Microphone level',
  lobbyMicrophone: 'Microphone',
  lobbyCamera: 'Camera',
  lobbySpeakerTest: 'Test speaker',
  lobbyJoinRoom: 'Join room {room}',
  lobbyCall: 'Call {peer}',
  lobbyDone: 'Done',
  lobbyCancel: 'Cancel',
  lobbyStarting: 'Starting camera and microphone…',
} satisfies Partial<RtcStrings>;

/** The camera flip button's label (rtc-call/camera-flip.ts, loaded once media runs). */
export const flipEnglish = {
  flipCamera: 'Switch camera',
} satisfies Partial<RtcStrings>;

/** The texts of the lobby. */
export type LobbyStrings = Pick<RtcStrings, keyof typeof lobbyEnglish>;
