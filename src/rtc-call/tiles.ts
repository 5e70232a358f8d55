import { html, nothing, type TemplateResult } from 'lit';
import type { CallStrings } from '../core/strings-call.js';
import { icon } from './icons.js';

/** The other side's media state, as it last announced it. */
export interface RemoteMedia {
  muted: boolean;
  cameraOff: boolean;
  screen: boolean;
  /** False when the remote side is audio-only. */
  video: boolean;
}

/** The own tile (the one-to-one preview, or the own tile of a room's grid). */
export interface SelfView {
  /** Video is sent (else the initials show). */
  video: boolean;
  /** `mirrored` for the camera, `hidden` without video. */
  videoClass: string;
  stream: MediaStream | undefined;
  initials: string;
}

/** Up to two initials of a peer id ("alice-smith" -> "AS"). */
export function initials(id: string | undefined): string {
  if (!id) return '?';
  const words = id.split(/[\s_-]+/).filter(Boolean);
  const letters = (words.length > 1 ? words.slice(0, 2).map((w) => w[0]) : [...(words[0] ?? '')].slice(0, 2)).join('');
  return letters.toUpperCase() || '?';
}

/** Whether `video` is in picture-in-picture (asked of its own root: the document's answer is retargeted to the shadow host). */
export function inPictureInPicture(video: HTMLVideoElement | null | undefined): boolean {
  return !!video && (video.getRootNode() as Document | ShadowRoot).pictureInPictureElement === video;
}

/** The other side's state badges (muted, camera off, sharing), on the 1:1 remote tile or a member's tile. */
export function badges(media: RemoteMedia, t: CallStrings): TemplateResult {
  return html`
    ${media.muted ? html`<span part="badge" class="badge badge--muted">${icon('micOff')}<span>${t.remoteMuted}</span></span>` : nothing}
    ${media.cameraOff && media.video && !media.screen ? html`<span part="badge" class="badge badge--camera-off">${icon('cameraOff')}<span>${t.remoteCameraOff}</span></span>` : nothing}
    ${media.screen ? html`<span part="badge" class="badge badge--screen">${icon('screen')}<span>${t.remoteSharing}</span></span>` : nothing}`;
}
