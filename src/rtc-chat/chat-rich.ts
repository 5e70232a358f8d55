/**
 * How <rtc-chat> draws message text, and the front of its search and export. What formats text,
 * the search button and bar, the export and their strings are one chunk (rich-ui.ts), loaded
 * when the history first holds a message (the search button has something to search then): text
 * is drawn as it is until the chunk is here, then every message is drawn again formatted.
 */
import { nothing, type ReactiveControllerHost } from 'lit';
import { lazy, loadFailed } from '../core/lazy.js';
import type { ChatStrings } from '../core/strings-chat.js';
import type { ChatMessage } from './rtc-chat.events.js';
import type { ChatView } from './chat-view.js';

const loadUi = lazy(() => import('./rich-ui.js'));
const FEATURE = 'formatting';

/** The text messages of `history` that contain `query` (case-insensitive), oldest first. */
export function findMessages(history: readonly ChatMessage[], query: string): ChatMessage[] {
  const q = String(query).trim().toLowerCase();
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
  /** Own peer id. */
  own(): string;
  failed(feature: string, error: unknown): void;
}

/** What the chunk (rich-ui.ts's RichUi) does for the element; declared here so nothing here imports it. */
export interface RichUi {
  /** The search button and, while it is open, the search bar. */
  header(): unknown;
  exportHistory(format: 'json' | 'text'): Blob;
}

export class ChatRich {
  /** How message text is drawn: as it is until the chunk is here, then by its drawer. */
  text: TextDrawer = { key: () => 0, draw: (m) => m.data };
  /** The formatting and search, once loaded. */
  ui: RichUi | undefined;
  /** The element's strings in effect (as of its last render). */
  t: ChatStrings | undefined;
  /** Loaded once: a failure is reported once and stays (text stays plain; no retry per render). */
  private loading: Promise<RichUi> | undefined;

  constructor(
    readonly el: RichElement,
    readonly host: RichHost,
  ) {}

  /** The chunk; rejects with a `load-failed` RtcError if it cannot be loaded. */
  load(): Promise<RichUi> {
    return (this.loading ??= loadUi().then(
      (module) => (this.ui = new module.RichUi(this)),
      (error: unknown) => {
        this.host.failed(FEATURE, error);
        throw loadFailed(FEATURE, error);
      },
    ));
  }

  /** The header's search button and bar, drawn by the chunk, which the first message loads. */
  header(t: ChatStrings): unknown {
    this.t = t;
    if (!this.loading && this.host.view.history.length) this.load().catch(() => {});
    return this.ui?.header() ?? nothing;
  }
}
