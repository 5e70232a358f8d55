/**
 * <rtc-chat>'s formatting and search, loaded on first use (see chat-rich.ts): the drawer that the
 * history draws message text with (formatted unless `no-format`, the search's matches marked),
 * the search bar, and its Save history button.
 */
import type { ReactiveController } from 'lit';
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

  toggle(): void {
    if (this.search.open) this.search.close();
    else this.search.show();
  }

  /** The search bar while it is open. */
  bar(label: string): unknown {
    return this.search.open ? this.search.render(label) : undefined;
  }

  /** The code blocks' and search bar's texts, in the element's language with its `strings`. */
  strings(): RichStrings {
    return richStrings(this.rich.host.t(), this.rich.el.strings);
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
