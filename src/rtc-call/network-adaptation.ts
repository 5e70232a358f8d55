/**
 * The network adaptation policy of <rtc-call>, pure: one statistics sample in, what the sent video
 * should do out. Hysteresis keeps it from flapping: a step down needs two degraded samples in a
 * row, "bad" three, a step back up four good ones in a row; samples that alternate change nothing.
 */

export type NetworkQuality = 'good' | 'fair' | 'poor' | 'bad';
export type NetworkReason = 'loss' | 'rtt' | 'bitrate';
export type NetworkAction = 'none' | 'reduce' | 'audio-only' | 'restore';

/** One reading: loss as a fraction (0–1), round-trip time in ms, the estimated available send bitrate in bit/s. */
export interface NetworkSample {
  loss: number;
  rtt: number | null;
  /** null where the browser gives no estimate (Firefox). */
  bitrate: number | null;
}

/** The policy's thresholds (documented in the README's "Network adaptation"). */
export const NETWORK_LIMITS = {
  fairRtt: 300,
  poorRtt: 600,
  fairLoss: 0.02,
  poorLoss: 0.08,
  /** Loss above this in a degraded run makes the link bad. */
  badLoss: 0.15,
  /** Available bitrate (while sending full video) below this is poor, below `badBitrate` bad. */
  poorBitrate: 300_000,
  badBitrate: 150_000,
  /** Consecutive samples: degraded ones before a step down, bad ones before audio-only, good ones before a step up. */
  reduceAfter: 2,
  badAfter: 3,
  restoreAfter: 4,
} as const;

/** Encoding limits of each step: step 0 is the full video, the last one the smallest. */
export const STEPS: ReadonlyArray<{ scaleResolutionDownBy: number; maxBitrate?: number }> = [
  { scaleResolutionDownBy: 1 },
  { scaleResolutionDownBy: 1.5, maxBitrate: 500_000 },
  { scaleResolutionDownBy: 2, maxBitrate: 250_000 },
  { scaleResolutionDownBy: 4, maxBitrate: 120_000 },
];

export interface NetworkState {
  /** The level reported (smoothed). */
  quality: NetworkQuality;
  /** Index into STEPS. */
  step: number;
  /** Video was stopped by this policy (auto-audio-only). */
  paused: boolean;
  /** The link was judged bad (the notice shows while true and not dismissed). */
  bad: boolean;
  /** The level of the last sample and how many samples in a row had it. */
  raw: NetworkQuality;
  run: number;
  degradedRun: number;
  goodRun: number;
}

export const initialNetworkState = (): NetworkState => ({
  quality: 'good',
  step: 0,
  paused: false,
  bad: false,
  raw: 'good',
  run: 0,
  degradedRun: 0,
  goodRun: 0,
});

export interface NetworkDecision {
  state: NetworkState;
  reasons: NetworkReason[];
  action: NetworkAction;
}

/**
 * The level of one sample and why. The bitrate estimate counts only while video is sent, and its
 * "poor" threshold only at full video (a lowered encoder sends, and so proves, less).
 */
export function judge(sample: NetworkSample, step: number, paused: boolean): { level: NetworkQuality; reasons: NetworkReason[] } {
  const L = NETWORK_LIMITS;
  const reasons: NetworkReason[] = [];
  let level = 0;
  const rank = (n: number, why: NetworkReason) => {
    if (n > 0 && !reasons.includes(why)) reasons.push(why);
    level = Math.max(level, n);
  };
  const loss = Number.isFinite(sample.loss) ? sample.loss : 0;
  rank(loss > L.badLoss ? 3 : loss > L.poorLoss ? 2 : loss > L.fairLoss ? 1 : 0, 'loss');
  const rtt = sample.rtt ?? 0;
  rank(rtt > L.poorRtt ? 2 : rtt > L.fairRtt ? 1 : 0, 'rtt');
  if (!paused && sample.bitrate !== null && Number.isFinite(sample.bitrate))
    rank(sample.bitrate < L.badBitrate ? 3 : sample.bitrate < L.poorBitrate && step === 0 ? 2 : 0, 'bitrate');
  return { level: (['good', 'fair', 'poor', 'bad'] as const)[level]!, reasons };
}

/**
 * The next state for `sample`. `autoAudioOnly`: a bad link stops the video by itself (else the
 * decision is only the suggestion, `audio-only` with `paused` false).
 */
export function decide(previous: NetworkState, sample: NetworkSample, autoAudioOnly: boolean): NetworkDecision {
  const L = NETWORK_LIMITS;
  const s: NetworkState = { ...previous };
  const { level, reasons } = judge(sample, s.step, s.paused);
  s.run = level === s.raw ? s.run + 1 : 1;
  s.raw = level;
  const degraded = level === 'poor' || level === 'bad';
  s.degradedRun = degraded ? s.degradedRun + 1 : 0;
  s.goodRun = level === 'good' ? s.goodRun + 1 : 0;
  let action: NetworkAction = 'none';
  if (level === 'bad' && s.run >= L.badAfter && !s.bad) {
    s.bad = true;
    s.quality = 'bad';
    if (autoAudioOnly) s.paused = true;
    action = 'audio-only';
  } else if (degraded && s.degradedRun >= L.reduceAfter && s.degradedRun % L.reduceAfter === 0 && s.step < STEPS.length - 1 && !s.paused) {
    s.step++;
    action = 'reduce';
  } else if (s.goodRun >= L.restoreAfter) {
    s.goodRun = 0;
    if (s.paused || s.bad) {
      s.paused = false;
      s.bad = false;
      action = 'restore';
    } else if (s.step > 0) {
      s.step--;
      action = 'restore';
    }
  }
  // The reported level follows a sample level only once it held for two samples (or with an action).
  if (!s.bad && (s.run >= 2 || action !== 'none')) s.quality = level === 'bad' ? 'poor' : level;
  if (s.bad && s.quality !== 'bad') s.quality = 'bad';
  return { state: s, reasons, action };
}
