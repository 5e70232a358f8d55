/**
 * Changing <rtc-call>'s own media during a call, loaded on first use: sharing the screen instead
 * of the camera and turning the camera off and on, each by replacing the outgoing track (no
 * renegotiation).
 */
import { RtcError, toRtcError } from '../core/errors.js';
import { replaceOutgoing, transceiverOf } from './media.js';
import { capture, type LocalMedia } from './local-media.js';

/** `shareScreen()`: the screen instead of the camera, by replacing the outgoing video track (no renegotiation). */
export async function shareScreen(media: LocalMedia): Promise<void> {
  const { host, el } = media;
  const rec = host.call();
  const room = host.room();
  try {
    if (el.audioOnly) throw new RtcError('invalid-state', 'This element is audio-only (audio-only attribute), so it cannot share the screen.');
    let pc: RTCPeerConnection | undefined;
    if (room) {
      if (!host.roomConnected()) throw new RtcError('invalid-state', 'shareScreen() needs a connected member in the room.');
    } else {
      if (!rec || !rec.call || host.ringing()) throw new RtcError('invalid-state', 'shareScreen() needs a call; call or answer first.');
      if (!host.remoteVideo()) throw new RtcError('invalid-state', `"${rec.peer}" is in audio-only mode, so the screen cannot be shared with them.`);
      pc = rec.call.peerConnection;
      const transceiver = transceiverOf(pc, 'video');
      if (!transceiver || transceiver.mid === null) throw new RtcError('invalid-state', 'This call has no video connection, so the screen cannot be shared.');
    }
    if (media.screenTrack) return;
    const track = await (await capture()).acquireScreen();
    const gone = room ? host.room() !== room : !rec || rec.ended || host.call() !== rec;
    if (gone || media.screenTrack) {
      track.stop();
      return;
    }
    track.contentHint = 'detail';
    media.screenTrack = track;
    media.screenPreview = new MediaStream([track]);
    track.addEventListener('ended', () => {
      if (media.screenTrack === track) void stopScreenShare(media);
    });
    // In a room every member gets the screen (members without video are skipped).
    if (room) await Promise.all(host.connections().map((member) => replaceOutgoing(member, 'video', track).catch(() => false)));
    else await replaceOutgoing(pc, 'video', track);
    media.sharing = true;
    host.changed();
    media.emit();
  } catch (error) {
    const rtcError = toRtcError(error, 'media-failed');
    host.error(rtcError.type, rtcError.message, rec?.peer);
    throw rtcError;
  }
}

/** `stopScreenShare()`: the camera again (or nothing when it is off). */
export async function stopScreenShare(media: LocalMedia): Promise<void> {
  const { host, el } = media;
  const track = media.screenTrack;
  if (!track) return;
  media.screenTrack = undefined;
  media.screenPreview = undefined;
  track.stop();
  media.sharing = false;
  host.changed();
  const video = media.local?.video;
  const camera = el.cameraOff || !video ? null : media.sendable(video);
  try {
    await Promise.all(host.connections().map((pc) => replaceOutgoing(pc, 'video', camera)));
  } catch (error) {
    const rtcError = toRtcError(error, 'media-failed');
    host.error(rtcError.type, rtcError.message, host.call()?.peer);
  }
  host.changed();
  media.emit();
}

/** The camera follows `camera-off`: stopped and sent as nothing, or started again and sent. */
export async function applyCamera(media: LocalMedia): Promise<void> {
  const { host, el } = media;
  const local = media.local;
  const rec = host.call();
  // The one-to-one call's connection, or every room member's: the camera state applies to all.
  const pcs = host.connections();
  if (!local || (!rec && !host.room()) || el.audioOnly) {
    media.emit();
    return;
  }
  if (el.cameraOff) {
    const track = local.video;
    if (track) {
      local.stream.removeTrack(track);
      track.stop();
      local.video = undefined;
    }
    if (!media.screenTrack) await Promise.all(pcs.map((pc) => replaceOutgoing(pc, 'video', null).catch(() => false)));
  } else if (!local.video) {
    if (rec && (!rec.meta.video || !host.remoteVideo())) {
      // The other side is audio-only: nothing to send the camera to.
      media.emit();
      return;
    }
    let track: MediaStreamTrack;
    try {
      track = await (await capture()).deviceTrack('video', media.devices, el.videoConstraints, 'The camera stays off.', el);
    } catch (error) {
      const rtcError = toRtcError(error);
      el.cameraOff = true;
      host.error(rtcError.type, rtcError.message, rec?.peer);
      media.emit();
      throw rtcError;
    }
    if (media.local !== local || el.cameraOff || local.video) {
      track.stop();
      return;
    }
    local.video = track;
    media.addTrack(local, track);
    media.watch(track);
    // Members that joined meanwhile count too.
    if (!media.screenTrack) await Promise.all(host.connections().map((pc) => replaceOutgoing(pc, 'video', media.sendable(track)).catch(() => false)));
  }
  host.changed();
  media.emit();
}

/**
 * The microphone follows the element's clean-audio settings: applyConstraints on the live track;
 * where the browser refuses or ignores it, a new microphone track with the settings replaces the
 * old one in every call (replaceTrack: no renegotiation either way).
 */
export function applyAudio(media: LocalMedia): Promise<void> {
  const next = audioQueue.then(() => applyAudioNow(media));
  audioQueue = next.catch(() => {});
  return next;
}
let audioQueue: Promise<void> = Promise.resolve();

async function applyAudioNow(media: LocalMedia): Promise<void> {
  const { host, el } = media;
  const track = media.local?.audio;
  if (!track) return;
  const { audioConstraints, processingOf, processingWish, deviceTrack } = await capture();
  const wish = processingWish(el);
  const took = (t: MediaStreamTrack): boolean => {
    const now = processingOf(t);
    return !now || Object.entries(wish).every(([key, on]) => now[key as keyof typeof wish] === null || now[key as keyof typeof wish] === on);
  };
  try {
    await track.applyConstraints(audioConstraints(media.devices, el));
  } catch {
    // refused: capture again below
  }
  if (!took(track) && media.local?.audio === track) {
    try {
      // Exact values: with ideal ones Chromium hands out an open source of the device with its old processing.
      const fresh = await deviceTrack('audio', media.devices, el.videoConstraints, 'The microphone keeps its previous settings.', el, true);
      if (media.local?.audio === track) media.swapTrack('audio', fresh);
      else fresh.stop();
    } catch (error) {
      const rtcError = toRtcError(error, 'media-failed');
      host.error(rtcError.type, rtcError.message, host.call()?.peer);
    }
  }
  media.emit();
}
