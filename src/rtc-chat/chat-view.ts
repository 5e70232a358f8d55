/**
 * <rtc-chat>'s history as shown: the messages, their delivery states, the render window and
 * "Show earlier", scroll anchoring, and the pacing of renders (once per frame, slower in a flood).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatMessage, DeliveryStatus } from './rtc-chat.events.js';

/**
 * The history shows the newest this many messages; older ones (up to max-messages) are behind a
 * "Show earlier" button, so each new message re-lays out a short list, not the whole history.
 */
export const RENDER_WINDOW = 50;
/** A change this soon after a render counts towards a flood; under one, renders are this far apart. */
const FLOOD_GAP_MS = 50;
const FLOOD_RENDER_MS = 100;
/**
 * Once a flood has lasted FLOOD_WINDOW_AFTER_MS, a reader at the end sees only the newest
 * FLOOD_WINDOW messages (more than fill the view): each flood render replaces them all, and the
 * full window's 50 cost ~4x the style, layout and paint. A short burst keeps the full window; it
 * comes back FLOOD_SETTLE_MS after the flood's last render.
 */
const FLOOD_WINDOW = 12;
const FLOOD_WINDOW_AFTER_MS = 500;
const FLOOD_SETTLE_MS = 250;
/** A reader this close to the end of the list (px) counts as at the end: new messages bring them there. */
const END_SLACK_PX = 48;
/** Delivery states only move forward. */
const STATUS_RANK: Record<DeliveryStatus, number> = { failed: 0, pending: 1, sent: 2, delivered: 3, read: 4 };

export interface ViewHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export class ChatView implements ReactiveController {
  /**
   * The history, changed in place: copying a long history per message was most of the cost of a
   * busy conversation. `messages` hands out copies, made only when someone reads it.
   */
  history: ChatMessage[] = [];
  private snapshot: ChatMessage[] | undefined;
  private dirty = false;
  /** How many of the newest messages are rendered; "Show earlier" raises it. */
  shownLimit = RENDER_WINDOW;
  /** Messages dropped from the front since the history was set: `dropped + index` is a message's lasting position (render blocks). */
  dropped = 0;

  /**
   * The list keeps the newest message in view by itself: it is a `column-reverse` scroller, whose
   * scroll origin is its end, so growing history stays pinned there without script (and without
   * the forced layout per update that setting scrollTop from scrollHeight costs), while someone
   * reading older messages keeps their place. Tracked from scroll events, which read the layout
   * only when the user scrolls.
   */
  private atEnd = true;
  /** scrollTop at the last scroll event: 0 at the end, negative above it. */
  private scrolledBy = 0;
  private jumpToEnd = false;
  /** A message in view and where it was, while scrolled up in a browser without scroll anchoring. */
  private readerAnchor: { el: Element; top: number } | undefined;

  private lastRenderAt = -Infinity;
  private lastRenderEndAt = -Infinity;
  private floodRenders = 0;
  private floodSettleTimer: ReturnType<typeof setTimeout> | undefined;
  private floodSince = 0;

  /** `rendered` runs after each render that showed a changed history. */
  constructor(
    private readonly host: ViewHost,
    private readonly rendered: () => void,
  ) {
    host.addController(this);
  }

  /** A snapshot of the history: never changed once handed out. */
  get messages(): ChatMessage[] {
    return (this.snapshot ??= this.history.slice());
  }
  set messages(value: ChatMessage[]) {
    this.history = [...value];
    this.dropped = 0;
    this.changed();
  }

  changed(): void {
    this.snapshot = undefined;
    this.dirty = true;
    this.host.requestUpdate();
  }

  /** Adds `entry`, dropping the oldest beyond `max`; `jump`: an own message brings the list back to the newest. */
  append(entry: ChatMessage, max: number, jump = false): void {
    // Your own message brings the list back to the newest, even if you were reading older ones.
    if (jump && entry.self && !this.atEnd) this.jumpToEnd = true;
    const excess = this.history.length + 1 - Math.max(1, Math.floor(max) || 1);
    if (excess > 0) {
      for (let i = 0; i < excess; i++) {
        const url = this.history[i].file?.url;
        if (url) URL.revokeObjectURL(url);
      }
      this.history.splice(0, excess);
      this.dropped += excess;
    }
    this.history.push(entry);
    // Someone who opened older messages keeps them open while new ones arrive.
    if (this.shownLimit > RENDER_WINDOW) this.shownLimit++;
    this.changed();
  }

  /** Empties the history (and frees the object URLs of received files). */
  clear(): void {
    for (const m of this.history) if (m.file?.url) URL.revokeObjectURL(m.file.url);
    this.messages = [];
    this.shownLimit = RENDER_WINDOW;
  }

  /**
   * Moves own messages `ids` to `status` (never back down, except to `sent`; with `from`, only
   * messages now in that status); returns the ids changed, newest first. One pass from the newest:
   * a read receipt can name hundreds of ids, and receipts are nearly always for recent messages.
   */
  setStatus(ids: readonly string[], status: DeliveryStatus, from?: DeliveryStatus): string[] {
    const wanted = ids.length > 1 ? new Set(ids) : undefined;
    let left = wanted ? wanted.size : ids.length;
    const changed: string[] = [];
    for (let index = this.history.length - 1; index >= 0 && left > 0; index--) {
      const entry = this.history[index];
      if (!entry.self || !(wanted ? wanted.has(entry.id) : entry.id === ids[0])) continue;
      left--;
      const current = entry.status;
      if (current === status || (from && current !== from)) continue;
      if (current && STATUS_RANK[current] > STATUS_RANK[status] && status !== 'sent') continue;
      this.history[index] = { ...entry, status };
      changed.push(entry.id);
    }
    if (changed.length) this.changed();
    return changed;
  }

  /** The messages to draw and how many older ones are behind "Show earlier". */
  window(): { shown: ChatMessage[]; hidden: number; long: boolean } {
    const flooded = this.floodRenders >= 3 && performance.now() - this.floodSince >= FLOOD_WINDOW_AFTER_MS && this.atEnd && this.shownLimit === RENDER_WINDOW;
    const hidden = Math.max(0, this.history.length - (flooded ? FLOOD_WINDOW : this.shownLimit));
    return { shown: hidden ? this.history.slice(hidden) : this.history, hidden, long: this.shownLimit > RENDER_WINDOW };
  }

  showEarlier(): void {
    this.shownLimit += 100;
    this.host.requestUpdate();
  }

  /**
   * After the first render, updates wait for the next animation frame: a burst of messages and
   * receipts renders once per frame instead of once per message, and an incoming message is not
   * queued behind a render. Background tabs get no frames, so a timer stands in.
   * Under a flood (changes arriving right after each of several renders), the element renders at
   * most every FLOOD_RENDER_MS: style, layout and paint of the list cost several ms a frame on a
   * slow machine, and every ms of them delays the handling of the next message.
   */
  async nextRender(): Promise<void> {
    const now = performance.now();
    // Measured from the render's end: on a slow machine a render alone can outlast the gap.
    this.floodRenders = now - this.lastRenderEndAt < FLOOD_GAP_MS ? this.floodRenders + 1 : 0;
    if (this.floodRenders === 1) this.floodSince = now;
    if (this.floodRenders >= 3) await sleep(this.lastRenderAt + FLOOD_RENDER_MS - performance.now());
    await nextFrame();
  }

  /** A render starts now. */
  rendering(): void {
    this.lastRenderAt = performance.now();
    clearTimeout(this.floodSettleTimer);
    if (this.floodRenders >= 3) {
      // When the flood stops, one more render brings back the full window.
      this.floodSettleTimer = setTimeout(() => {
        this.floodRenders = 0;
        this.host.requestUpdate();
      }, FLOOD_SETTLE_MS);
    }
  }

  /** The render that rendering() announced has finished. */
  renderDone(): void {
    this.lastRenderEndAt = performance.now();
  }

  stop(): void {
    clearTimeout(this.floodSettleTimer);
  }

  hostUpdate(): void {
    this.readerAnchor = this.dirty && !this.atEnd ? this.anchorInView() : undefined;
  }

  hostUpdated(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const list = this.list;
    if (this.jumpToEnd || (this.atEnd && this.scrolledBy < 0)) this.scrollToEnd();
    else if (this.readerAnchor?.el.isConnected && list) list.scrollTop += this.readerAnchor.el.getBoundingClientRect().top - this.readerAnchor.top;
    this.readerAnchor = undefined;
    this.rendered();
  }

  readonly onScroll = (event: Event): void => {
    this.scrolledBy = (event.target as HTMLElement).scrollTop;
    this.atEnd = this.scrolledBy >= -END_SLACK_PX;
  };

  private get list(): HTMLElement | undefined {
    return this.host.renderRoot?.querySelector<HTMLElement>('[part~="messages"]') ?? undefined;
  }

  /**
   * Safari has no scroll anchoring (and a page may turn it off with overflow-anchor: none), so a
   * reader of older messages would drift by every new one: note a message in view before the
   * update, and hostUpdated() scrolls by as much as it moved. Reads layout only while scrolled up.
   */
  private anchorInView(): { el: Element; top: number } | undefined {
    const list = this.list;
    if (!list || (CSS.supports('overflow-anchor', 'auto') && getComputedStyle(list).overflowAnchor !== 'none')) return undefined;
    const box = list.getBoundingClientRect();
    for (const el of list.querySelectorAll('[part~="message"]')) {
      const { top, bottom } = el.getBoundingClientRect();
      if (bottom > box.top && top < box.bottom) return { el, top };
    }
    return undefined;
  }

  private scrollToEnd(): void {
    this.jumpToEnd = false;
    this.atEnd = true;
    this.scrolledBy = 0;
    // At once, not smoothly: a reply arriving mid-animation would leave the list short of the end.
    const list = this.list;
    if (list) list.scrollTop = 0;
  }
}

let frameWaiters: Array<() => void> = [];
let frameTimer: ReturnType<typeof setTimeout> | undefined;
let frameRequest: number | undefined;

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, Math.max(0, ms));
  });

/** Resolves in the next animation frame (or after 100 ms without one); one rAF for all elements. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    frameWaiters.push(resolve);
    if (frameRequest !== undefined) return;
    const release = () => {
      if (frameRequest !== undefined) cancelAnimationFrame(frameRequest);
      clearTimeout(frameTimer);
      frameRequest = undefined;
      const waiters = frameWaiters;
      frameWaiters = [];
      for (const wake of waiters) wake();
    };
    frameRequest = requestAnimationFrame(release);
    frameTimer = setTimeout(release, 100);
  });
}
