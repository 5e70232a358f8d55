/**
 * `rtc-active-speaker`, loaded with the room's code (the entry points export its type only, so
 * a page without rooms does not download the class).
 */
import type { SpotlightReason } from './active-speaker.js';

export type { SpotlightReason } from './active-speaker.js';

export interface RtcActiveSpeakerDetail {
  /** The member on the large tile now; null when none is (grid layout without pin or share, or nobody left). */
  peer: string | null;
  /** The large tile shows it because the user pinned it (`pin()` or its pin button). */
  pinned: boolean;
  /** What changed it: a member spoke (`speaking`), a pin or unpin (`pin`), a screen share started or ended (`screen`), the member shown left (`left`). */
  reason: SpotlightReason;
}

/** `room`: the member on the large tile changed (speaker layout, a pin, or a screen share). */
export class RtcActiveSpeakerEvent extends CustomEvent<RtcActiveSpeakerDetail> {
  constructor(detail: RtcActiveSpeakerDetail) {
    super('rtc-active-speaker', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-active-speaker': RtcActiveSpeakerEvent;
  }
}
