/**
 * The events of replies' siblings: edits, deletions and reactions (chat-actions.ts). A module of
 * their own, loaded with the actions chunk, so a chat that never sees one does not load them.
 */
export interface RtcMessageEditDetail {
  id: string;
  /** Peer id of the author (own id for own edits). */
  from: string;
  /** The new text. */
  data: string;
  time: number;
  self: boolean;
}
export interface RtcMessageDeleteDetail {
  id: string;
  from: string;
  self: boolean;
}
export interface RtcMessageReactionDetail {
  /** The message reacted to. */
  id: string;
  /** Who reacted (own id for own reactions). */
  from: string;
  emoji: string;
  /** Added (true) or taken back (false). */
  on: boolean;
  self: boolean;
}

const SHARED = { bubbles: true, composed: true } as const;

/** A message was edited by its author (received, or own through `editMessage()`). */
export class RtcMessageEditEvent extends CustomEvent<RtcMessageEditDetail> {
  constructor(detail: RtcMessageEditDetail) {
    super('rtc-message-edit', { ...SHARED, detail });
  }
}
/** A message was deleted by its author. */
export class RtcMessageDeleteEvent extends CustomEvent<RtcMessageDeleteDetail> {
  constructor(detail: RtcMessageDeleteDetail) {
    super('rtc-message-delete', { ...SHARED, detail });
  }
}
/** A reaction on a message was added or taken back. */
export class RtcMessageReactionEvent extends CustomEvent<RtcMessageReactionDetail> {
  constructor(detail: RtcMessageReactionDetail) {
    super('rtc-message-reaction', { ...SHARED, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-message-edit': RtcMessageEditEvent;
    'rtc-message-delete': RtcMessageDeleteEvent;
    'rtc-message-reaction': RtcMessageReactionEvent;
  }
}
