import { resolveStrings, type RtcStrings } from './strings.js';

/**
 * <rtc-chat>'s texts for code blocks, the search bar and the history export, in English. Only the
 * lazily loaded code that shows them imports this table, so it loads with that code; the header's
 * search button label (`search`) is in strings-chat.ts.
 */
export const richEnglish = {
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
 * These texts in `lang` with the page's `strings` overrides, memoized per element string table
 * `t` (a new `t` means the language, the overrides or a loaded table changed).
 */
export function richStrings(t: object, lang: string | null | undefined, overrides: unknown): RichStrings {
  let value = cache.get(t);
  if (!value) cache.set(t, (value = resolveStrings(lang, overrides, richEnglish)));
  return value;
}
