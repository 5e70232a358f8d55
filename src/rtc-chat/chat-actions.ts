/**
 * <rtc-chat>'s message actions: replies, edits, deletions and reactions, both ways. Loaded on
 * first use (a peer whose hello says it takes them, a restore with `persist`, or a call of
 * editMessage(), deleteMessage() or react()), with its texts and styles.
 *
 * What a peer sends is checked here against the history: a peer edits and deletes only messages
 * whose `from` is that peer (the channel's peer id, never a field it sends), an edit is text within
 * `max-message-size` and at most MAX_EDITS per message, a reaction is one emoji, at most
 * MAX_OWN_REACTIONS per peer and MAX_REACTIONS in all per message. The rate limit is the inbound
 * one (chat-inbound.ts counts these envelopes like messages).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { RtcError } from '../core/errors.js';
import { format, resolveStrings, type RtcStrings } from '../core/strings.js';
import { chatActionsEnglish, type ChatActionStrings } from '../core/strings-chat-actions.js';
import { chatEnglish, type ChatStrings } from '../core/strings-chat.js';
import { measure, newId, type ActionEnvelope } from './chat-protocol.js';
import type { ChatLinks } from './chat-links.js';
import type { ChatView } from './chat-view.js';
import type { Delivery, OutboxExtra } from './delivery.js';
import type { ChatMessage } from './rtc-chat.events.js';
import { RtcMessageDeleteEvent, RtcMessageEditEvent, RtcMessageReactionEvent } from './chat-actions.events.js';

import { MAX_EDITS, MAX_OWN_REACTIONS, MAX_REACTIONS, validEmoji } from './chat-actions-limits.js';

export { MAX_EDITS, MAX_OWN_REACTIONS, MAX_REACTIONS, validEmoji };
/** The emoji picker's choice. */
export const PICKER = ['👍', '❤️', '😂', '😮', '😢', '🙏'];
/** The texts shown here (`you` is the chat's). */
const ACTION_STRINGS = { ...chatActionsEnglish, you: chatEnglish.you };
/** Characters of a quote's excerpt. */
const EXCERPT = 100;

/** The element's public side the actions use. */
export interface ActionsHost {
  readonly maxMessageSize: number;
  readonly strings?: Partial<RtcStrings>;
  readonly peers: string[];
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  closest(selector: string): Element | null;
  requestUpdate(): void;
  dispatchEvent(event: Event): boolean;
  send(data: unknown, options: { replyTo?: string }): Promise<ChatMessage>;
  editMessage(id: string, text: string): Promise<ChatMessage>;
  deleteMessage(id: string): Promise<void>;
  react(id: string, emoji: string, on?: boolean): Promise<void>;
}

/** What the actions need of the element's insides. */
export interface ActionsHooks {
  view: ChatView;
  links: ChatLinks;
  delivery: Delivery;
  /** Reports a peer's bad traffic (at most once a second). */
  inbound: { problem(type: 'invalid-data' | 'message-too-large', message: string, peer: string): void };
  /** Own peer id. */
  self(): string;
  persist(): void;
}

const fail = (message: string, type: 'send-failed' | 'message-too-large' = 'send-failed') => new RtcError(type, message);

export class ChatActions {
  /** Peers whose hello said they take edits, deletions and reactions. */
  readonly capable = new Set<string>();
  /** Changes whenever something all messages show changes (a quote's original, the open picker): part of their guard(). */
  stamp = 0;
  /** The message the composer replies to, or edits. */
  private replying: string | undefined;
  private editing: string | undefined;
  /** The message whose emoji picker is open. */
  private picking: string | undefined;

  constructor(
    private readonly host: ActionsHost,
    private readonly hooks: ActionsHooks,
  ) {
    const root = host.renderRoot as ShadowRoot;
    if (styles.styleSheet && root.adoptedStyleSheets) root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles.styleSheet];
    // Escape leaves a reply or an edit (in the composer) and closes the picker.
    root.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key !== 'Escape' || !(this.replying || this.editing || this.picking)) return;
      event.preventDefault();
      if (this.picking) this.pick(undefined);
      else this.cancel();
    });
  }

  private get history(): ChatMessage[] {
    return this.hooks.view.history;
  }

  /** Texts in the element's language (the element loads a built-in one), with the page's `strings` applied. */
  private get s(): ChatActionStrings & Pick<ChatStrings, 'you'> {
    const lang = this.host.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
    return resolveStrings(lang, this.host.strings, ACTION_STRINGS);
  }

  /** The newest message `id` (with `by`: received from that peer; `own`: sent by this element). */
  private find(id: string, by?: string, own = false): number {
    const history = this.history;
    for (let i = history.length - 1; i >= 0; i--) {
      const m = history[i];
      if (m.id === id && (own ? m.self : by === undefined || (!m.self && m.from === by))) return i;
    }
    return -1;
  }

  private replace(index: number, entry: ChatMessage, all = false): void {
    this.history[index] = entry;
    // A quote shows its original: an edit or deletion re-renders every message.
    if (all) this.stamp++;
    this.hooks.view.changed();
    this.hooks.persist();
  }

  /** Whether actions on `m` can reach anyone: it is text, and its peer (or one of its recipients) takes them. */
  can(m: ChatMessage): boolean {
    if (m.deleted || m.file) return false;
    return m.self ? (m.to ?? []).some((peer) => this.capable.has(peer)) : this.capable.has(m.from);
  }

  /** An own message to change: checks, throws an RtcError for editMessage() / deleteMessage(). */
  private own(id: unknown, what: string): number {
    const index = typeof id === 'string' ? this.find(id, undefined, true) : -1;
    if (index < 0) throw fail(`${what}: no own message with id ${JSON.stringify(String(id).slice(0, 64))} in the history (only own messages can be changed).`);
    const m = this.history[index];
    if (m.deleted || m.file) throw fail(`${what}: message "${m.id}" is ${m.deleted ? 'deleted' : 'a file'} and cannot be changed.`);
    return index;
  }

  /** editMessage(): replaces an own message's text, here and at its recipients. */
  edit(id: string, text: string): ChatMessage {
    const index = this.own(id, 'editMessage()');
    const m = this.history[index];
    if (typeof text !== 'string' || !text.trim()) throw fail('editMessage() needs a non-empty text.');
    if (typeof m.data !== 'string') throw fail(`editMessage(): message "${id}" is not text.`);
    if ((m.edits ?? 0) >= MAX_EDITS) throw fail(`editMessage(): message "${id}" was edited ${MAX_EDITS} times, the limit.`);
    const size = measure(text);
    if ('bytes' in size && size.bytes > this.host.maxMessageSize)
      throw fail(`This edit is ${size.bytes} bytes; the limit is ${this.host.maxMessageSize} bytes (max-message-size).`, 'message-too-large');
    const edited = this.applyEdit(index, text, Date.now(), true);
    this.post(edited, { t: 'edit', of: id }, text);
    return edited;
  }

  /** deleteMessage(): replaces an own message by "Message deleted", here and at its recipients. */
  del(id: string): void {
    const index = this.own(id, 'deleteMessage()');
    const m = this.history[index];
    this.applyDelete(index, true);
    this.post(m, { t: 'del', of: id }, null);
  }

  /** react(): adds (`on`), takes back (`!on`) or toggles (undefined) the own reaction `emoji` on message `id`. */
  react(id: string, emoji: string, on?: boolean): void {
    if (!validEmoji(emoji)) throw fail(`react() needs one emoji, not ${JSON.stringify(String(emoji).slice(0, 40))}.`);
    const index = typeof id === 'string' ? this.find(id) : -1;
    if (index < 0) throw fail(`react(): no message with id ${JSON.stringify(String(id).slice(0, 64))} in the history.`);
    const m = this.history[index];
    if (m.deleted) throw fail(`react(): message "${m.id}" is deleted.`);
    const self = this.hooks.self();
    const want = on ?? !(m.reactions?.[emoji] ?? []).includes(self);
    const refused = this.applyReaction(index, self, emoji, want, true);
    if (refused) throw fail(`react(): ${refused}`);
    this.post(m, { t: 'react', of: m.id, emoji, on: want }, null);
  }

  /** `peer`'s hello said it takes edits, deletions and reactions: its messages get actions. */
  takes(peer: string): void {
    this.capable.add(peer);
    this.host.requestUpdate();
  }

  /** An edit, deletion or reaction from `peer` (classify() checked ids, time and seq). */
  receive(peer: string, envelope: ActionEnvelope): void {
    const { t, of, fields } = envelope;
    if (t === 'react') {
      const { emoji, on } = fields;
      if (!validEmoji(emoji) || typeof on !== 'boolean') {
        this.hooks.inbound.problem('invalid-data', `Peer "${peer}" sent a reaction that is not one emoji with on: true or false; it was ignored.`, peer);
        return;
      }
      // A room member that joined later does not have every message reacted to: not an error.
      const index = this.find(of);
      if (index < 0 || this.history[index].deleted) return;
      const refused = this.applyReaction(index, peer, emoji, on, false);
      if (refused) this.hooks.inbound.problem('invalid-data', `Peer "${peer}": ${refused} It was ignored.`, peer);
      return;
    }
    const verb = t === 'edit' ? 'edit' : 'delete';
    // Only the author: the channel's peer id, never a field the peer sends.
    const index = this.find(of, peer);
    if (index < 0) {
      const why = this.find(of) < 0 ? 'that is not in the history' : 'that it did not write';
      this.hooks.inbound.problem('invalid-data', `Peer "${peer}" tried to ${verb} message "${of}", ${why}; it was ignored.`, peer);
      return;
    }
    const m = this.history[index];
    if (m.deleted || m.file) return; // a deletion crossing an edit: nothing left to change
    if (t === 'del') {
      this.applyDelete(index, false);
      return;
    }
    const data = fields.data;
    if (typeof data !== 'string' || typeof m.data !== 'string' || (m.edits ?? 0) >= MAX_EDITS) {
      const why = typeof data !== 'string' || typeof m.data !== 'string' ? 'not text' : `over the limit of ${MAX_EDITS} edits`;
      this.hooks.inbound.problem('invalid-data', `Peer "${peer}" sent an edit of message "${of}" that is ${why}; it was ignored.`, peer);
      return;
    }
    const size = measure(data);
    if ('bytes' in size && size.bytes > this.host.maxMessageSize) {
      this.hooks.inbound.problem(
        'message-too-large',
        `Peer "${peer}" sent a ${size.bytes}-byte edit; the limit is ${this.host.maxMessageSize} bytes (max-message-size). It was ignored.`,
        peer,
      );
      return;
    }
    this.applyEdit(index, data, Math.min(envelope.time, Date.now()), false);
  }

  private applyEdit(index: number, data: string, time: number, self: boolean): ChatMessage {
    const m = this.history[index];
    const edited: ChatMessage = { ...m, data, edited: time, edits: (m.edits ?? 0) + 1 };
    this.replace(index, edited, true);
    this.host.dispatchEvent(new RtcMessageEditEvent({ id: m.id, from: m.from, data, time, self }));
    return edited;
  }

  private applyDelete(index: number, self: boolean): void {
    // The text is gone from memory and storage; the entry keeps its place.
    const { id, from, to, time, status } = this.history[index];
    this.replace(
      index,
      { id, from, time, self: this.history[index].self, data: null, deleted: true, ...(to ? { to } : {}), ...(status ? { status } : {}) },
      true,
    );
    if (this.replying === id || this.editing === id) this.cancel();
    this.host.dispatchEvent(new RtcMessageDeleteEvent({ id, from, self }));
  }

  /** Sets `peer`'s reaction `emoji` on message `index`; returns why it cannot, if it cannot. */
  private applyReaction(index: number, peer: string, emoji: string, on: boolean, self: boolean): string | undefined {
    const m = this.history[index];
    const reactions: Record<string, string[]> = { ...m.reactions };
    const list = reactions[emoji] ?? [];
    if (list.includes(peer) === on) return undefined;
    if (on) {
      const lists = Object.values(reactions);
      if (lists.filter((l) => l.includes(peer)).length >= MAX_OWN_REACTIONS) return `at most ${MAX_OWN_REACTIONS} different reactions per message per peer.`;
      if (lists.reduce((n, l) => n + l.length, 0) >= MAX_REACTIONS) return `message "${m.id}" holds ${MAX_REACTIONS} reactions, the limit.`;
      reactions[emoji] = [...list, peer];
    } else if (list.length > 1) reactions[emoji] = list.filter((p) => p !== peer);
    else delete reactions[emoji];
    const { reactions: _old, ...rest } = m;
    this.replace(index, Object.keys(reactions).length ? { ...rest, reactions } : rest);
    this.host.dispatchEvent(new RtcMessageReactionEvent({ id: m.id, from: peer, emoji, on, self }));
    return undefined;
  }

  /**
   * Sends an action on `m` through the outbox (sequenced, acknowledged, resent after a reconnect)
   * to whoever has `m` and takes actions: an own message's recipients, else its author and the
   * peers connected now. A peer away is sent it when it is back.
   */
  private post(m: ChatMessage, x: OutboxExtra, data: unknown): void {
    const self = this.hooks.self();
    const id = newId();
    const time = Date.now();
    for (const peer of new Set(m.self ? (m.to ?? []) : [m.from, ...this.host.peers])) {
      if (peer === self || !this.capable.has(peer)) continue;
      const [channel] = this.hooks.links.targets([peer]);
      try {
        if (channel) this.hooks.links.deliver([channel], id, time, data, x);
        else this.hooks.delivery.enqueue(peer, id, time, data, x);
      } catch {
        /* a channel that died mid-send: the item waits in the outbox for the reconnect */
      }
    }
    this.hooks.persist();
  }

  // --- the composer: replying and editing ---

  private get input(): HTMLTextAreaElement | null {
    return this.host.renderRoot.querySelector('textarea');
  }

  private focus(): void {
    this.input?.focus();
  }

  private startReply(m: ChatMessage): void {
    if (this.editing) this.cancel();
    this.replying = m.id;
    this.changedUi();
    this.focus();
  }

  private startEdit(m: ChatMessage): void {
    this.replying = undefined;
    this.editing = m.id;
    const input = this.input;
    if (input) input.value = typeof m.data === 'string' ? m.data : '';
    this.changedUi();
    this.focus();
  }

  private cancel(): void {
    if (this.editing) {
      const input = this.input;
      if (input) input.value = '';
    }
    this.replying = this.editing = undefined;
    this.changedUi();
  }

  private changedUi(): void {
    this.stamp++;
    this.host.requestUpdate();
  }

  /** The composer's submit: an edit while editing, else a message (a reply while replying). Rejects as send() does. */
  async submit(text: string): Promise<unknown> {
    const { editing, replying } = this;
    const done = editing
      ? await this.host.editMessage(editing, text)
      : await this.host.send(text, replying && this.find(replying) >= 0 ? { replyTo: replying } : {});
    if (this.editing === editing && this.replying === replying) {
      this.replying = this.editing = undefined;
      this.changedUi();
    }
    return done;
  }

  private pick(m: ChatMessage | undefined): void {
    const was = this.picking;
    this.picking = m && this.picking !== m.id ? m.id : undefined;
    this.changedUi();
    // Focus follows: into the picker when it opens, back to its React button when it closes.
    void this.host.updateComplete.then(() => {
      const root = this.host.renderRoot;
      const target = this.picking
        ? root.querySelector<HTMLElement>('.picker button')
        : was
          ? root.querySelector<HTMLElement>(`[data-react="${CSS.escape(was)}"]`)
          : null;
      target?.focus();
    });
  }

  // --- rendering: the frame around a message's text ---

  private sender(m: ChatMessage): string {
    return m.self ? this.s.you : m.from;
  }

  /** Text only, never HTML: the first EXCERPT characters. */
  private excerpt(m: ChatMessage): string {
    if (m.deleted) return this.s.msgDeleted;
    const text = m.file ? m.file.name : typeof m.data === 'string' ? m.data : (JSON.stringify(m.data) ?? '');
    const chars = [...text.slice(0, EXCERPT * 2)];
    return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join('')}…` : chars.join('');
  }

  /** Above a reply's text: the sender and an excerpt of the original. */
  private quote(m: ChatMessage): TemplateResult | typeof nothing {
    if (!m.replyTo || m.deleted) return nothing;
    const index = this.find(m.replyTo);
    const original = index < 0 ? undefined : this.history[index];
    return html`<div part="quote" class="quote">${
      original
        ? html`<span class="quote-from">${this.sender(original)}</span> <span class="quote-text">${this.excerpt(original)}</span>`
        : html`<span class="quote-text">${this.s.msgOriginalMissing}</span>`
    }</div>`;
  }

  /** A message's frame around `body` (its text or file card): a reply's quote above; "edited", reactions and the actions below. */
  frame(m: ChatMessage, body: TemplateResult): TemplateResult {
    return html`${this.quote(m)}${m.deleted ? html`<div part="text deleted" class="text deleted">${this.s.msgDeleted}</div>` : body}${this.below(m)}`;
  }

  /** Below the text: "edited", the reaction chips, the action buttons and the emoji picker. */
  private below(m: ChatMessage): TemplateResult | typeof nothing {
    const s = this.s;
    const can = this.can(m);
    const reactions = m.deleted ? [] : Object.entries(m.reactions ?? {});
    if (!can && !m.edited && reactions.length === 0) return nothing;
    const self = this.hooks.self();
    const mine = (emoji: string) => (m.reactions?.[emoji] ?? []).includes(self);
    const toggle = (emoji: string) => void this.host.react(m.id, emoji).catch(() => {}); // rejections are reported as rtc-error
    return html`${m.edited && !m.deleted ? html`<span part="edited" class="edited">${s.msgEdited}</span>` : nothing}
      ${
        reactions.length
          ? html`<div part="reactions" class="reactions" role="group" aria-label=${s.msgReactions}>${reactions.map(
              ([emoji, peers]) =>
                html`<button type="button" part="reaction" class="reaction" aria-pressed=${mine(emoji) ? 'true' : 'false'} ?disabled=${!can}
                  aria-label=${format(mine(emoji) ? s.msgReactionYou : s.msgReaction, { emoji, count: peers.length })} title=${peers.join(', ')}
                  @click=${() => toggle(emoji)}>${emoji} ${peers.length}</button>`,
            )}</div>`
          : nothing
      }
      ${
        can
          ? html`<div part="message-actions" class="actions ${this.picking === m.id ? 'open' : ''}" role="group" aria-label=${s.msgActions}>
          <button type="button" @click=${() => this.startReply(m)}>${s.msgReply}</button>
          <button type="button" data-react=${m.id} aria-expanded=${this.picking === m.id ? 'true' : 'false'} @click=${() => this.pick(m)}>${s.msgReact}</button>
          ${m.self && typeof m.data === 'string' ? html`<button type="button" @click=${() => this.startEdit(m)}>${s.msgEdit}</button>` : nothing}
          ${m.self ? html`<button type="button" @click=${() => void this.host.deleteMessage(m.id).catch(() => {})}>${s.msgDelete}</button>` : nothing}
        </div>`
          : nothing
      }
      ${
        this.picking === m.id && can
          ? html`<div part="emoji-picker" class="picker" role="group" aria-label=${s.msgReact}>${PICKER.map(
              (emoji) =>
                html`<button type="button" aria-pressed=${mine(emoji) ? 'true' : 'false'} aria-label=${format(s.msgReactWith, { emoji })}
                  @click=${() => {
                    toggle(emoji);
                    this.pick(undefined);
                  }}>${emoji}</button>`,
            )}</div>`
          : nothing
      }`;
  }

  /** Above the composer while replying or editing, with its cancel button. */
  preview(): TemplateResult | typeof nothing {
    const s = this.s;
    const id = this.editing ?? this.replying;
    const index = id === undefined ? -1 : this.find(id, undefined, !!this.editing);
    if (index < 0) return nothing;
    const m = this.history[index];
    const editing = !!this.editing;
    return html`<div part=${editing ? 'edit-preview' : 'reply-preview'} class="reply-preview">
      <span class="reply-about"><strong>${editing ? s.msgEditing : format(s.msgReplyingTo, { name: this.sender(m) })}</strong>
        <span class="quote-text">${this.excerpt(m)}</span></span>
      <button type="button" class="reply-cancel" aria-label=${editing ? s.msgCancelEdit : s.msgCancelReply} title=${editing ? s.msgCancelEdit : s.msgCancelReply}
        @click=${() => {
          this.cancel();
          this.focus();
        }}>×</button>
    </div>`;
  }
}

/** Added to the element's styles when this code loads. */
const styles = css`
  .quote {
    font-size: 0.85em; padding: 0.2em 0.6em; border-inline-start: 3px solid var(--_accent);
    color: var(--_muted); overflow-wrap: anywhere; max-width: 100%;
  }
  .quote-from { font-weight: 600; }
  .deleted { font-style: italic; opacity: 0.85; }
  .edited { font-size: 0.75em; color: var(--_muted); }
  .reactions, .actions, .picker { display: flex; flex-wrap: wrap; gap: 0.3em; }
  .reactions button, .actions button, .picker button {
    padding: 0.1em 0.55em; font-size: 0.8em; font-weight: 500; border-radius: 999px;
    background: var(--_bg); color: var(--_text); border: 1px solid var(--_border);
  }
  .reactions button[aria-pressed='true'], .picker button[aria-pressed='true'] { border-color: var(--_accent); background: var(--_bubble); }
  .picker button { font-size: 1.05em; }
  /* Shown on hover and keyboard focus; always where there is no hover. */
  .actions { opacity: 0; transition: opacity 0.15s; }
  .message:hover .actions, .message:focus-within .actions, .actions.open { opacity: 1; }
  @media (hover: none) { .actions { opacity: 1; } }
  @media (prefers-reduced-motion: reduce) { .actions { transition: none; } }
  .reply-preview {
    display: flex; align-items: center; gap: var(--_space); padding: 0.3em var(--_space);
    background: var(--_surface); border-top: 1px solid var(--_border); font-size: 0.85em;
  }
  .reply-about { flex: 1 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .reply-about .quote-text { color: var(--_muted); margin-inline-start: 0.4em; }
  .reply-cancel { padding: 0 0.6em; background: transparent; color: var(--_text); border-color: var(--_border); }
`;
