/**
 * <rtc-chat>'s search bar (loaded when the header's search button is first used): a
 * case-insensitive search over the text messages of the whole history, older ones not drawn yet
 * included (they are opened as the search reaches them), "n of m", next / previous (Enter,
 * Shift+Enter, buttons), Escape closes. Typing is debounced: one pass over the history per pause,
 * and only the messages whose highlighting changes are drawn again (see ChatRich's TextDrawer).
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { format } from '../core/strings.js';
import type { RichStrings } from '../core/strings-rich.js';
import type { ChatView } from './chat-view.js';
import { findMessages } from './chat-rich.js';

/** `query` as a case-insensitive literal pattern; undefined when blank. */
export function matcher(query: string): RegExp | undefined {
  const q = query.trim();
  return q ? new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu') : undefined;
}

/** Pause in typing before the history is searched. */
const DEBOUNCE_MS = 150;

export interface SearchHooks {
  /** The query or the current match changed: draw the highlights again. */
  changed(): void;
  strings(): RichStrings;
  /** Downloads the history as text. */
  save(): void;
}

type SearchElement = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class ChatSearch {
  open = false;
  /** What the field holds. */
  query = '';
  /** The pattern searched for (the query when the last search ran). */
  pattern: RegExp | undefined;
  /** Ids of the matching messages, oldest first. */
  matches: string[] = [];
  /** The current match: an index into `matches` (counted from the newest in the UI). */
  private index = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly el: SearchElement,
    private readonly view: ChatView,
    private readonly hooks: SearchHooks,
  ) {}

  /** The id of the message with the current match. */
  get current(): string | undefined {
    return this.matches[this.index];
  }

  show(): void {
    this.open = true;
    this.hooks.changed();
    void this.el.updateComplete.then(() => this.field?.focus());
  }

  close(): void {
    clearTimeout(this.timer);
    Object.assign(this, { open: false, query: '', pattern: undefined, matches: [], index: -1 });
    this.hooks.changed();
    void this.el.updateComplete.then(() => this.el.renderRoot.querySelector<HTMLElement>('[part~="search-button"]')?.focus());
  }

  /** Searches the history now for the query. */
  run(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pattern = matcher(this.query);
    // The same matching as the element's search(): its count is what this finds.
    this.matches = findMessages(this.view.history, this.query).map((m) => m.id);
    // The newest match first: that is where the reader is.
    this.index = this.matches.length - 1;
    this.hooks.changed();
    void this.reveal();
  }

  /** `older`: towards older messages (Enter, "next"); else towards newer ones. */
  step(older: boolean): void {
    if (this.timer !== undefined) this.run();
    const count = this.matches.length;
    if (!count) return;
    this.index = (this.index + (older ? -1 : 1) + count) % count;
    this.hooks.changed();
    void this.reveal();
  }

  /** Opens older messages as far as the current match (if it is behind "Show earlier") and scrolls it into view. */
  private async reveal(): Promise<void> {
    const id = this.current;
    if (id === undefined) return;
    const history = this.view.history;
    let at = history.length - 1;
    while (at >= 0 && history[at].id !== id) at--;
    if (at >= 0 && history.length - at > this.view.shownLimit) {
      this.view.shownLimit = history.length - at;
      this.el.requestUpdate();
    }
    await this.el.updateComplete;
    // Blocks of older messages out of view are laid out with a stand-in size (content-visibility):
    // once the one scrolled to is drawn, things move, so scroll again until the match stays in view.
    const root = this.el.renderRoot;
    for (let tries = 0; tries < 4; tries++) {
      const mark = root.querySelector('mark[part~="current-match"]');
      const list = root.querySelector('[part~="messages"]');
      if (!mark || !list || this.current !== id) return;
      mark.scrollIntoView({ block: 'center' });
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const [box, view] = [mark.getBoundingClientRect(), list.getBoundingClientRect()];
      if (box.top >= view.top && box.bottom <= view.bottom) return;
    }
  }

  private get field(): HTMLInputElement | null {
    return this.el.renderRoot.querySelector<HTMLInputElement>('#search-input');
  }

  private readonly onInput = (event: Event): void => {
    this.query = (event.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), DEBOUNCE_MS);
  };

  private readonly onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    } else if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      this.step(!event.shiftKey);
    }
  };

  /** `label`: the search's name (the chat's `search` string, also the header button's). */
  render(label: string): TemplateResult {
    const t = this.hooks.strings();
    const count = this.matches.length;
    const status = !this.pattern ? '' : count ? format(t.searchCount, { index: count - this.index, count }) : t.searchNone;
    return html`<div part="search" class="search" role="search" aria-label=${label}>
      <label class="sr-only" for="search-input">${label}</label>
      <input part="search-input" id="search-input" type="search" autocomplete="off" .value=${this.query} @input=${this.onInput} @keydown=${this.onKey}>
      <span part="search-count" class="search-count" role="status">${status}</span>
      <button part="search-next" class="quiet" type="button" aria-label=${t.searchNext} title=${t.searchNext} ?disabled=${!count} @click=${() => this.step(true)}>↑</button>
      <button part="search-previous" class="quiet" type="button" aria-label=${t.searchPrevious} title=${t.searchPrevious} ?disabled=${!count} @click=${() => this.step(false)}>↓</button>
      <button part="save-history" class="quiet" type="button" @click=${() => this.hooks.save()}>${t.saveHistory}</button>
      <button part="search-close" class="quiet" type="button" aria-label=${t.searchClose} title=${t.searchClose} @click=${() => this.close()}>✕</button>
    </div>`;
  }
}
