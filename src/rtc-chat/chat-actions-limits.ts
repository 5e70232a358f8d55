/**
 * The limits of replies' siblings (edits, deletions, reactions) and the emoji check, shared by the
 * actions chunk (chat-actions.ts) and the storage chunk (chat-persist.ts) without either loading
 * the other.
 */

/** Edits one message may have. */
export const MAX_EDITS = 20;
/** Distinct reactions one peer may put on one message. */
export const MAX_OWN_REACTIONS = 8;
/** Reactions (emoji x peer) one message holds in all. */
export const MAX_REACTIONS = 64;

/** The one-emoji check (core/emoji.ts, shared with <rtc-call>'s reactions). */
export { validEmoji } from '../core/emoji.js';
