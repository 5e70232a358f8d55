/**
 * How <rtc-chat> draws message text, and the front of its search and export. The formatting
 * renderer (rich-view.ts), the search bar (chat-search.ts) and the export (chat-export.ts) are
 * chunks loaded on first use: text is drawn plain until the first message with a marker character
 * arrives (or the search opens), then every message is drawn again formatted.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { lazy, lazyModule } from '../core/lazy.js';
import { richStrings, type RichStrings } from '../core/strings-rich.js';
import type { ChatStrings } from '../core/strings-chat.js';
import type { ChatMessage } from './rtc-chat.events.js';
import type { ChatView } from './chat-view.js';
import type { ChatSearch } from './chat-search.js';

const loadView = lazyModule(() => import('./rich-view.js'));
const loadSearch = lazy(() => import('./chat-search.js'));
const loadExport = lazy(() => import('./chat-export.js'));
/** Text that may be formatted or hold a link: the first such message loads the renderer. */
const MARKERS = /[*_`]|https?:\/\//i;

/** `query` as a case-insensitive literal pattern; undefined when blank. */
export function matcher(query: string, flags = 'iu'): RegExp | undefined {
  const q = String(query ?? '').trim();
  return q ? new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags) : undefined;
}

/** The text messages of `history` that contain `query` (case-insensitive), oldest first. */
export function findMessages(history: readonly ChatMessage[], query: string): ChatMessage[] {
  const pattern = matcher(query);
  return pattern ? history.filter((m) => typeof m.data === 'string' && pattern.test(m.data)) : [];
}

/** A message's text drawn; `key` changes whenever `draw` would draw it differently (guard() in the history). */
export interface TextDrawer {
  key(m: ChatMessage): unknown;
  draw(m: ChatMessage): unknown;
}

export interface RichElement extends ReactiveControllerHost, HTMLElement {
  noFormat: boolean;
  strings?: unknown;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface RichHost {
  view: ChatView;
  /** The element's strings in effect. */
  t(): ChatStrings;
  /** Own id, and the peer the chat is with (export, file name). */
  ids(): { own: string; peer: string };
  failed(feature: string, error: unknown): void;
}

export class ChatRich implements ReactiveController {
  /** How message text is drawn now; replaced when that changes. */
  text: TextDrawer;
  /** The search bar, once opened. */
  search: ChatSearch | undefined;
  /** Bumped when the renderer loads or `no-format` changes: every text is drawn again. */
  private version = 0;
  private noFormat: boolean;
  private viewFailed = false;

  constructor(
    private readonly el: RichElement,
    private readonly host: RichHost,
  ) {
    el.addController(this);
    this.noFormat = el.noFormat;
    this.text = this.drawer();
  }

  hostUpdate(): void {
    if (this.el.noFormat !== this.noFormat) {
      this.noFormat = this.el.noFormat;
      this.redraw(true);
    }
  }

  /** The search or the formatting changed (`all`: every message is drawn again). */
  redraw(all = false): void {
    if (all) this.version++;
    this.text = this.drawer();
    this.el.requestUpdate();
  }

  /** The code blocks' and search bar's texts. */
  strings(): RichStrings {
    return richStrings(this.host.t(), this.el.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang, this.el.strings);
  }

  private drawer(): TextDrawer {
    const module = loadView.loaded;
    const format = !this.noFormat;
    const { version, search } = this;
    const query = search?.pattern;
    const marks = query && new RegExp(query.source, 'giu');
    return {
      key: (m) => (typeof m.data === 'string' && query?.test(m.data) ? `${version}|${query.source}|${search?.current === m.id}` : version),
      draw: (m) => {
        const text = String(m.data);
        if (module && (format || marks))
          return module.renderText(text, { t: this.strings(), format, match: marks || undefined, current: search?.current === m.id });
        if (format && !module && MARKERS.test(text)) this.loadRenderer();
        return text;
      },
    };
  }

  private loadRenderer(): Promise<void> {
    if (this.viewFailed) return Promise.resolve();
    return loadView().then(
      (module) => {
        module.adopt(this.el.renderRoot);
        this.redraw(true);
      },
      (error: unknown) => {
        // Once: the text stays plain (it is all there), and each render does not retry.
        if (!this.viewFailed) this.host.failed('message formatting', error);
        this.viewFailed = true;
      },
    );
  }

  /** The header's search button and, once open, the search bar. */
  header(t: ChatStrings): TemplateResult {
    const open = !!this.search?.open;
    return html`<button part="search-button" class="search-button" type="button" aria-label=${t.search} title=${t.search}
        aria-expanded=${open ? 'true' : 'false'} @click=${() => (open ? this.search?.close() : void this.openSearch())}><svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M10 3a7 7 0 1 0 4.2 12.6l4.6 4.6 1.4-1.4-4.6-4.6A7 7 0 0 0 10 3zm0 2a5 5 0 1 1 0 10 5 5 0 0 1 0-10z"/></svg></button>
      ${open ? this.search?.render(t.search) : nothing}`;
  }

  async openSearch(): Promise<void> {
    try {
      const [module] = await Promise.all([loadSearch(), this.loadRenderer()]);
      this.search ??= new module.ChatSearch(this.el, this.host.view, {
        changed: () => this.redraw(),
        strings: () => this.strings(),
        save: () => this.save(),
      });
      this.search.show();
    } catch (error) {
      this.host.failed('search', error);
    }
  }

  async exportHistory(format: 'json' | 'text'): Promise<Blob> {
    const module = await loadExport();
    return module.exportHistory(this.host.view.history, this.host.ids().own, format);
  }

  private async save(): Promise<void> {
    try {
      const module = await loadExport();
      module.download(
        this.el.renderRoot,
        module.exportHistory(this.host.view.history, this.host.ids().own, 'text'),
        module.fileName(this.host.ids().peer, 'txt'),
      );
    } catch (error) {
      this.host.failed('history export', error);
    }
  }
}
