/**
 * The one-emoji check both elements use on what peers send (chat message reactions, call
 * reactions): pure, no DOM.
 */

/**
 * One emoji: a pictograph (or a flag, or a keycap) with variation selectors and skin tones, joined
 * by ZWJs into one grapheme (👍🏽, ❤️, 👩‍💻, 🇩🇪); at most 32 UTF-16 units.
 */
const EMOJI =
  /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3)[\uFE0F\p{Emoji_Modifier}]*(?:\u200D\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]*)*$/u;
export const validEmoji = (value: unknown): value is string => typeof value === 'string' && value.length <= 32 && EMOJI.test(value);
