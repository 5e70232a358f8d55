/**
 * `rtc-elements/strings`: the complete English and German string tables, as a base for a page's
 * own `strings` overrides. Kept out of the main entry so that neither table loads unless asked
 * for (`lang="de"` loads German on its own when an element needs it).
 */
export { en as englishStrings } from './core/strings-en.js';
export { de as germanStrings } from './core/strings-de.js';
export type { RtcStrings } from './core/strings.js';
