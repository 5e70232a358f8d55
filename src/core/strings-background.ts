import type { RtcStrings } from './strings.js';

/**
 * <rtc-call>'s texts for the devices panel's background choice, in English. Only the lazily
 * loaded panel imports this table, so it loads with that code (as strings-rich.ts for the chat).
 */
export const backgroundEnglish = {
  background: 'Background',
  backgroundNone: 'None',
  backgroundBlur: 'Blur',
  backgroundImage: 'Image',
} satisfies Partial<RtcStrings>;

export type BackgroundStrings = Pick<RtcStrings, keyof typeof backgroundEnglish>;

/**
 * These texts for an element whose strings in effect are `t`, with the page's `strings`
 * `overrides` on top (German `t` holds every key; English `t` is the call's own table, without them).
 */
export function backgroundStrings(t: object, overrides: unknown): BackgroundStrings {
  const value = { ...backgroundEnglish };
  const given = overrides && typeof overrides === 'object' && !Array.isArray(overrides) ? (overrides as Record<string, unknown>) : {};
  for (const key of Object.keys(backgroundEnglish) as Array<keyof BackgroundStrings>) {
    const text = typeof given[key] === 'string' ? given[key] : (t as Record<string, unknown>)[key];
    if (typeof text === 'string') value[key] = text;
  }
  return value;
}
