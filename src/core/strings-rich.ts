import type { RtcStrings } from './strings.js';

/**
 * <rtc-chat>'s texts for code blocks, the search bar and the history export, in English. Only the
 * lazily loaded code that shows them imports this table, so it loads with that code.
 */
export const richEnglish = {
  search: 'Search messages',
  copyCode: 'Copy code',
  codeCopied: 'Copied',
  copyCodeFallback: 'Code selected: press Ctrl+C to copy it',
  searchCount: '{index} of {count}',
  searchNone: 'No matches',
  searchNext: 'Next match (older)',
  searchPrevious: 'Previous match (newer)',
  searchClose: 'Close search',
  saveHistory: 'Save history',
} satisfies Partial<RtcStrings>;

export type RichStrings = Pick<RtcStrings, keyof typeof richEnglish>;

const cache = new WeakMap<object, RichStrings>();

/**
 * These texts for an element whose strings in effect are `t`, with the page's `strings`
 * `overrides` on top. A built-in table other than English (German) holds every key, so `t` has
 * them in its language; English `t` is the element's own table, without them. Memoized per `t`
 * (a new `t` means the language, the overrides or a loaded table changed).
 */
export function richStrings(t: object, overrides: unknown): RichStrings {
  let value = cache.get(t);
  if (value) return value;
  value = { ...richEnglish };
  const given = overrides && typeof overrides === 'object' && !Array.isArray(overrides) ? (overrides as Record<string, unknown>) : {};
  for (const key of Object.keys(richEnglish) as Array<keyof RichStrings>) {
    const text = typeof given[key] === 'string' ? given[key] : (t as Record<string, unknown>)[key];
    if (typeof text === 'string') value[key] = text;
  }
  cache.set(t, value);
  return value;
}
