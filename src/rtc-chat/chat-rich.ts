/**
 * How <rtc-chat> draws message text, and the front of its search. What formats text, the search
 * bar and their strings are one chunk (rich-ui.ts) loaded on first use: text is drawn plain until
 * the first message with a marker character arrives or the search button is pressed, then every
 * message is drawn again formatted.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { lazy } from '../core/lazy.js';
import { RtcError } from '../core/errors.js';
import type { ChatStrings } from '../core/strings-chat.js';
import type { ChatMessage } from './rtc-chat.events.js';
import type { ChatView } from './chat-view.js';

const loadUi = lazy(() => import('./rich-ui.js'));
/** Text that may be formatted or hold a link: the first such message loads the renderer. */
const MARKERS = /[*_`]|https?:\/\//i;

/** The text messages of `history` that contain `query` (case-insensitive), oldest first. */
export function findMessages(history: readonly ChatMessage[], query: string): ChatMessage[] {
  const q = String(query ?? '')
    .trim()
    .toLowerCase();
  return q ? history.filter((m) => typeof m.data === 'string' && m.data.toLowerCase().includes(q)) : [];
}

/** A message's text drawn; `key` changes whenever `draw` would draw it differently (guard() in the history). */
export interface TextDrawer {
  key(m: ChatMessage): unknown;
  draw(m: ChatMessage): unknown;
}

export interface RichElement extends ReactiveControllerHost, HTMLElement {
  noFormat: boolean;
  strings?: unknown;
  remote?: string;
  room?: string;
  readonly peers: string[];
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface RichHost {
  view: ChatView;
  /** The element's strings in effect. */
  t(): ChatStrings;
  /** Own peer id. */
  own(): string;
  failed(feature: string, error: unknown): void;
}

/** What the chunk (rich-ui.ts's RichUi) does for the element; declared here so nothing here imports it. */
export interface RichUi {
  /** The search bar while it is open. */
  bar(label: string): unknown;
  toggle(): void;
  exportHistory(format: 'json' | 'text'): Blob;
}

export class ChatRich {
  /** How message text is drawn: plain until the chunk is here, then its drawer. */
  text: TextDrawer = {
    key: () => this.el.noFormat,
    draw: (m) => {
      if (!this.el.noFormat && MARKERS.test(m.data as string)) void this.load();
      return m.data;
    },
  };
  /** The formatting and search, once loaded. */
  ui: RichUi | undefined;
  private failed = false;

  constructor(
    readonly el: RichElement,
    readonly host: RichHost,
  ) {}

  /** Loads the chunk (once; after a failure, reported once, text stays plain). */
  load(): Promise<RichUi | undefined> {
    if (this.failed) return Promise.resolve(undefined);
    return loadUi().then(
      (module) => (this.ui ??= new module.RichUi(this)),
      (error: unknown) => {
        if (!this.failed) this.host.failed('formatting', error);
        this.failed = true;
        return undefined;
      },
    );
  }

  /** `exportHistory()` (the chunk's); rejects with `load-failed` (reported by load()) if it cannot be loaded. */
  async exportHistory(format: 'json' | 'text'): Promise<Blob> {
    const ui = await this.load();
    if (!ui) throw new RtcError('load-failed', 'The history export could not be loaded.');
    return ui.exportHistory(format);
  }

  /** The header's search button (once there are messages) and, once open, the search bar. */
  header(t: ChatStrings): TemplateResult | typeof nothing {
    const bar = this.ui?.bar(t.search);
    if (!bar && !this.host.view.history.length) return nothing;
    // Styled like the attach button (its class): no CSS of its own in the first load.
    return html`<button part="search-button" class="attach" type="button" aria-label=${t.search} title=${t.search} aria-expanded=${bar ? 'true' : 'false'}
        @click=${() => this.load().then((ui) => ui?.toggle())}><svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M10 3a7 7 0 1 0 4.2 12.6l4.6 4.6 1.4-1.4-4.6-4.6A7 7 0 0 0 10 3zm0 2a5 5 0 1 1 0 10 5 5 0 0 1 0-10z"/></svg></button>${bar ?? nothing}`;
  }
}
