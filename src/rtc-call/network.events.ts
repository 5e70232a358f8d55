/** <rtc-call>'s network adaptation event; its class loads with the adaptation code (types are exported from the entry points). */
import type { NetworkAction, NetworkQuality, NetworkReason } from './network-adaptation.js';

export type { NetworkAction, NetworkQuality, NetworkReason } from './network-adaptation.js';

export interface RtcNetworkQualityDetail {
  /** The peer whose connection this is (in a room: each member's). */
  peer: string;
  /** The smoothed level: `bad` means the link cannot carry video (audio only suggested or, with `auto-audio-only`, done). */
  quality: NetworkQuality;
  /** What made the last sample worse than good. */
  reasons: NetworkReason[];
  /** Packet loss of the last sample (0–1, the worse of both directions). */
  loss: number;
  /** Round-trip time in ms (null before it is known). */
  rtt: number | null;
  /** Estimated available send bitrate in bit/s (null where the browser gives none, e.g. Firefox). */
  bitrate: number | null;
  /** What the element did with the sent video: lowered it, stopped it (or suggested that), raised it again, or nothing. */
  action: NetworkAction;
}

/** The network quality of a call changed level, or the element adapted the sent video to it. */
export class RtcNetworkQualityEvent extends CustomEvent<RtcNetworkQualityDetail> {
  constructor(detail: RtcNetworkQualityDetail) {
    super('rtc-network-quality', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-network-quality': RtcNetworkQualityEvent;
  }
}
