/**
 * Turns RTCPeerConnection.getStats() reports into the numbers `rtc-stats` carries: round-trip
 * time, bitrates, packet loss over the last interval, resolution and frame rate, and a quality level.
 */
import { css, html, type TemplateResult } from 'lit';
import { format } from '../core/strings.js';
import type { CallStrings } from '../core/strings-call.js';
import type { CallQuality, RtcStatsDetail, VideoStats } from './rtc-call.events.js';
import type { NetworkSample } from './network-adaptation.js';

/** Running totals kept between two reports, to turn counters into rates. */
export interface StatsSnapshot {
  timestamp: number;
  bytesIn: number;
  bytesOut: number;
  packetsIn: number;
  packetsLost: number;
}

type StatsRecord = Record<string, unknown> & { type: string; id: string; timestamp: number };

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Thresholds of the quality indicator: round-trip time in ms and packet loss as a fraction. */
export const QUALITY_LIMITS = { fairRtt: 300, poorRtt: 600, fairLoss: 0.02, poorLoss: 0.08 } as const;

export function qualityOf(roundTripTime: number | null, packetLoss: number): CallQuality {
  const rtt = roundTripTime ?? 0;
  if (rtt > QUALITY_LIMITS.poorRtt || packetLoss > QUALITY_LIMITS.poorLoss) return 'poor';
  if (rtt > QUALITY_LIMITS.fairRtt || packetLoss > QUALITY_LIMITS.fairLoss) return 'fair';
  return 'good';
}

/**
 * Reads one report. `previous` (the snapshot this function returned last time) turns counters
 * into per-interval values; without it, rates are 0.
 */
export function summarize(
  report: RTCStatsReport,
  previous: StatsSnapshot | undefined,
  peer: string,
): { detail: RtcStatsDetail; snapshot: StatsSnapshot; network: NetworkSample } {
  const all: StatsRecord[] = [];
  report.forEach((value: StatsRecord) => all.push(value));
  const byId = new Map(all.map((s) => [s.id, s]));

  let rtt: number | undefined;
  const transport = all.find((s) => s.type === 'transport' && typeof s.selectedCandidatePairId === 'string');
  // Chromium names the selected pair on the transport; Firefox marks the pair itself `selected`.
  const pair =
    (transport ? byId.get(transport.selectedCandidatePairId as string) : undefined) ??
    all.find((s) => s.type === 'candidate-pair' && s.selected === true) ??
    all.find((s) => s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded');
  if (pair) rtt = num(pair.currentRoundTripTime);
  if (rtt === undefined) {
    const remote = all.find((s) => s.type === 'remote-inbound-rtp' && num(s.roundTripTime) !== undefined);
    rtt = remote ? num(remote.roundTripTime) : undefined;
  }

  // What the other side reports losing of ours (RTCP receiver reports), and the send-side estimate (Chromium).
  let sendLoss = 0;
  for (const s of all) if (s.type === 'remote-inbound-rtp') sendLoss = Math.max(sendLoss, Math.min(1, Math.max(0, num(s.fractionLost) ?? 0)));
  const available = pair ? (num(pair.availableOutgoingBitrate) ?? null) : null;

  let bytesIn = 0,
    bytesOut = 0,
    packetsIn = 0,
    packetsLost = 0;
  let video: VideoStats | null = null;
  let sentVideo: VideoStats | null = null;
  for (const s of all) {
    if (s.type === 'inbound-rtp') {
      bytesIn += num(s.bytesReceived) ?? 0;
      packetsIn += num(s.packetsReceived) ?? 0;
      packetsLost += Math.max(0, num(s.packetsLost) ?? 0);
      const width = num(s.frameWidth),
        height = num(s.frameHeight);
      if (s.kind === 'video' && width && height) video = { width, height, framesPerSecond: num(s.framesPerSecond) ?? null };
    } else if (s.type === 'outbound-rtp') {
      bytesOut += num(s.bytesSent) ?? 0;
      const width = num(s.frameWidth),
        height = num(s.frameHeight);
      if (s.kind === 'video' && width && height) sentVideo = { width, height, framesPerSecond: num(s.framesPerSecond) ?? null };
    }
  }
  const timestamp = all.reduce((max, s) => Math.max(max, num(s.timestamp) ?? 0), 0) || performance.now();
  const snapshot: StatsSnapshot = { timestamp, bytesIn, bytesOut, packetsIn, packetsLost };
  let bitrateIn = 0,
    bitrateOut = 0,
    packetLoss = 0;
  if (previous) {
    const seconds = (timestamp - previous.timestamp) / 1000;
    if (seconds > 0) {
      bitrateIn = Math.max(0, Math.round(((bytesIn - previous.bytesIn) * 8) / seconds));
      bitrateOut = Math.max(0, Math.round(((bytesOut - previous.bytesOut) * 8) / seconds));
    }
    const lost = Math.max(0, packetsLost - previous.packetsLost);
    const received = Math.max(0, packetsIn - previous.packetsIn);
    packetLoss = lost + received > 0 ? lost / (lost + received) : 0;
  }
  const roundTripTime = rtt === undefined ? null : Math.round(rtt * 1000 * 10) / 10;
  return {
    detail: { peer, timestamp, roundTripTime, bitrateIn, bitrateOut, packetLoss, video, sentVideo, quality: qualityOf(roundTripTime, packetLoss) },
    snapshot,
    network: { loss: Math.max(packetLoss, sendLoss), rtt: roundTripTime, bitrate: available },
  };
}

/** Reads the statistics of `pc` (see summarize); undefined when the browser gives none (e.g. the connection closed). */
export async function read(pc: RTCPeerConnection, previous: StatsSnapshot | undefined, peer: string): Promise<ReturnType<typeof summarize> | undefined> {
  try {
    return summarize(await pc.getStats(), previous, peer);
  } catch {
    return undefined;
  }
}

/** The quality indicator on the remote tile (shown once there is a reading, so it comes with this code). */
export function qualityIndicator(quality: CallQuality, t: CallStrings): TemplateResult {
  const level = quality === 'good' ? t.qualityGood : quality === 'fair' ? t.qualityFair : t.qualityPoor;
  return html`<span part="quality quality-${quality}" class="quality quality--${quality}" role="img" aria-label=${format(t.quality, { level })}><span></span><span></span><span></span></span>`;
}

/** The indicator's styles, added to the element's when this code loads. */
export const qualityStyles = css`
  .quality {
    position: absolute; right: var(--_space); top: var(--_space); display: inline-flex; align-items: flex-end; gap: 2px;
    height: 1.1em; padding: 0.2em 0.35em; border-radius: 0.3em; background: rgb(0 0 0 / 0.72);
  }
  .quality span { width: 0.3em; background: rgb(255 255 255 / 0.35); border-radius: 1px; }
  .quality span:nth-child(1) { height: 35%; }
  .quality span:nth-child(2) { height: 65%; }
  .quality span:nth-child(3) { height: 100%; }
  .quality--good span { background: #6fdc8c; }
  .quality--fair span:nth-child(-n + 2) { background: #f1c21b; }
  .quality--poor span:nth-child(1) { background: #ff8389; }
`;
