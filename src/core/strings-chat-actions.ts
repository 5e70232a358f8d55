import type { RtcStrings } from './strings.js';

/**
 * <rtc-chat>'s English texts for replies, edits, deletions and reactions: loaded with that code
 * (chat-actions.ts), so a chat's first load does not carry them. Other languages are whole tables.
 */
export const chatActionsEnglish = {
  msgActions: 'Message actions',
  msgReply: 'Reply',
  msgReact: 'React',
  msgEdit: 'Edit',
  msgDelete: 'Delete',
  msgEdited: 'edited',
  msgDeleted: 'Message deleted',
  msgOriginalMissing: 'Original message not available',
  msgReplyingTo: 'Replying to {name}',
  msgEditing: 'Editing your message',
  msgCancelReply: 'Cancel reply',
  msgCancelEdit: 'Cancel editing',
  msgReactWith: 'React with {emoji}',
  msgReactions: 'Reactions',
  msgReaction: '{emoji} {count}',
  msgReactionYou: '{emoji} {count}, you reacted',
} satisfies Partial<RtcStrings>;

/** The texts of the message actions. */
export type ChatActionStrings = Pick<RtcStrings, keyof typeof chatActionsEnglish>;
