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

/**
 * One emoji: a pictograph (or a flag, or a keycap) with variation selectors and skin tones, joined
 * by ZWJs into one grapheme (👍🏽, ❤️, 👩‍💻, 🇩🇪); at most 32 UTF-16 units.
 */
const EMOJI =
  /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3)[\uFE0F\p{Emoji_Modifier}]*(?:\u200D\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]*)*$/u;
export const validEmoji = (value: unknown): value is string => typeof value === 'string' && value.length <= 32 && EMOJI.test(value);
