/**
 * <rtc-chat>'s formatting, search and export, loaded with the first message (see chat-rich.ts):
 * the drawer that the history draws message text with (formatted unless `no-format`, the search's
 * matches marked), the header's search button, the search bar and its Save history button.
 */
import { html, nothing, type ReactiveController } from 'lit';
import { richStrings, type RichStrings } from '../core/strings-rich.js';
import { adopt, renderText } from './rich-view.js';
import { ChatSearch } from './chat-search.js';
import { download, exportHistory, fileName } from './chat-export.js';
import type { ChatRich, RichUi as Panel, TextDrawer } from './chat-rich.js';

export class RichUi implements ReactiveController, Panel {
  readonly search: ChatSearch;
  /** Bumped when `no-format` changes: every text is drawn again. */
  private version = 1;
  private noFormat: boolean;

  constructor(private readonly rich: ChatRich) {
    const { el, host } = rich;
    adopt(el.renderRoot);
    this.noFormat = el.noFormat;
    this.search = new ChatSearch(el, host.view, { changed: () => this.redraw(), strings: () => this.strings(), save: () => this.save() });
    el.addController(this);
    this.redraw();
  }

  hostUpdate(): void {
    if (this.rich.el.noFormat === this.noFormat) return;
    this.noFormat = this.rich.el.noFormat;
    this.version++;
    // This update draws with the new drawer: no second update needed.
    this.rich.text = this.drawer();
  }

  /** The header's search button and, while it is open, the search bar. */
  header(): unknown {
    const t = this.strings();
    const open = this.search.open;
    return html`<button part="search-button" class="search-button" type="button" aria-label=${t.search} title=${t.search}
        aria-expanded=${open ? 'true' : 'false'} @click=${() => (open ? this.search.close() : this.search.show())}><svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M10 3a7 7 0 1 0 4.2 12.6l4.6 4.6 1.4-1.4-4.6-4.6A7 7 0 0 0 10 3zm0 2a5 5 0 1 1 0 10 5 5 0 0 1 0-10z"/></svg></button>
      ${open ? this.search.render(t.search) : nothing}`;
  }

  /** The code blocks' and search bar's texts, in the element's language with its `strings`. */
  strings(): RichStrings {
    return richStrings(this.rich.t ?? {}, this.rich.el.strings);
  }

  exportHistory(format: 'json' | 'text'): Blob {
    return exportHistory(this.rich.host.view.history, this.rich.host.own(), format);
  }

  /** The search changed: draws the messages whose highlighting changed. */
  private redraw(): void {
    this.rich.text = this.drawer();
    this.rich.el.requestUpdate();
  }

  private drawer(): TextDrawer {
    const format = !this.noFormat;
    const { version, search } = this;
    const query = search.pattern;
    const marks = query && new RegExp(query.source, 'giu');
    const current = search.current;
    return {
      key: (m) => (typeof m.data === 'string' && query?.test(m.data) ? `${version}|${query.source}|${current === m.id}` : version),
      draw: (m) => {
        const text = String(m.data);
        return format || marks ? renderText(text, { t: this.strings(), format, match: marks || undefined, current: current === m.id }) : text;
      },
    };
  }

  private save(): void {
    const el = this.rich.el;
    download(el.renderRoot, this.exportHistory('text'), fileName(el.remote?.trim() || el.peers[0] || el.room || '', 'txt'));
  }
}
