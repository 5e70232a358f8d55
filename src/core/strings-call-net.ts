import type { RtcStrings } from './strings.js';

/**
 * <rtc-call>'s texts for the microphone processing switches (devices panel) and the network
 * notice, in English. Only the lazily loaded code that shows them imports this table.
 */
export const netEnglish = {
  audioProcessing: 'Microphone processing',
  noiseSuppression: 'Noise suppression',
  echoCancellation: 'Echo cancellation',
  autoGain: 'Automatic gain control',
  networkBad: 'Your connection is very poor. Switch to audio only to keep the call clear.',
  networkAudioOnly: 'Switch to audio only',
  networkDismiss: 'Dismiss',
  networkPaused: 'The connection is very poor: your video is paused until it recovers.',
} satisfies Partial<RtcStrings>;

export type NetStrings = Pick<RtcStrings, keyof typeof netEnglish>;

const cache = new WeakMap<object, NetStrings>();

/** These texts in the language of `t` (German has every key), with the page's `strings` overrides on top; memoized per `t`. */
export function netStrings(t: object, overrides: unknown): NetStrings {
  let value = cache.get(t);
  if (value) return value;
  value = { ...netEnglish };
  const given = overrides && typeof overrides === 'object' && !Array.isArray(overrides) ? (overrides as Record<string, unknown>) : {};
  for (const key of Object.keys(netEnglish) as Array<keyof NetStrings>) {
    const text = typeof given[key] === 'string' ? given[key] : (t as Record<string, unknown>)[key];
    if (typeof text === 'string') value[key] = text;
  }
  cache.set(t, value);
  return value;
}
