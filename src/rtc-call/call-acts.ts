/**
 * <rtc-call>'s reactions, raised hands and recording notices, loaded on first use (call-acts-front.ts):
 * the checks of what peers send (one emoji, rates, errors at most once a second), sending to the
 * peers that understand them, the tile overlays (a floating emoji, the ✋ badge), the reactions
 * button and its menu, the record button and the recording notice. The recorder itself is
 * call-recorder.ts, loaded by the first `startRecording()`.
 */
import { css, html, nothing, svg, type CSSResult, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { validEmoji } from '../core/emoji.js';
import { RtcError, type RtcErrorType } from '../core/errors.js';
import { lazy, loadFailed } from '../core/lazy.js';
import { enCommon, format, resolveStrings, type RtcStrings } from '../core/strings.js';
import { callActsEnglish, type CallActStrings } from '../core/strings-call-acts.js';
import { RateLimiter, type ActMessage } from './call-protocol.js';
import type { CallRecord } from './call-record.js';
import type { LocalMedia } from './local-media.js';
import type { CallState } from './rtc-call.events.js';
import {
  RtcHandEvent,
  RtcReactionEvent,
  RtcRecordingEvent,
  RtcRecordingStateEvent,
  type RecordingStopReason,
  type RtcRecordingDetail,
} from './call-acts.events.js';
import type { Recorder, RecordingOptions } from './call-recorder.js';

/** Drawn like the controls' icons (icons.ts), not as emoji characters: a page without an emoji font draws no boxes. */
const actIcon = (paths: TemplateResult | ReturnType<typeof svg>): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"
    fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`;
const SMILE = svg`<circle cx="12" cy="12" r="9"/><path d="M8 14a5 5 0 0 0 8 0"/><path d="M9 9.5h.01M15 9.5h.01"/>`;
const HAND = svg`<path d="M8 13V5.5a1.5 1.5 0 0 1 3 0V11M11 10.5V4a1.5 1.5 0 0 1 3 0v6.5M14 10.5V5.5a1.5 1.5 0 0 1 3 0V14a7 7 0 0 1-7 7 6 6 0 0 1-5.2-3L3 14.5a1.5 1.5 0 0 1 2.6-1.5L8 16"/>`;

export type { RecordingOptions } from './call-recorder.js';

/** The menu's reactions (any single emoji may be sent with `react()`). */
export const REACTIONS = ['👍', '👏', '❤️', '😂', '😮', '🎉'] as const;
/** How long a reaction shows on a tile (the fade in actsStyles lasts as long; without motion it is a static badge). */
const SHOW_MS = 3000;
/** Reactions shown on one tile at once; a newer one replaces the oldest. */
const MAX_SHOWN = 4;
/** Per peer: reactions 5 a second (bursts of 10), hand and recording toggles 2 a second (bursts of 4). */
const REACT_RATE = [5, 10] as const;
const TOGGLE_RATE = [2, 4] as const;
/** A peer's bad traffic is reported at most this often. */
const REPORT_MS = 1000;

const loadRecorder = lazy(() => import('./call-recorder.js'));
const STRINGS = { ...callActsEnglish, you: enCommon.you };

/** The element's public side this part reads. */
export interface ActsElement extends ReactiveControllerHost, HTMLElement {
  readonly strings?: Partial<RtcStrings>;
  /** Own peer id (the broker's, once registered). */
  readonly peerId?: string;
  readonly recordButton: boolean;
  readonly callState: CallState;
}

/** What reactions and recording need of their element. */
export interface ActsHost {
  readonly el: ActsElement;
  readonly media: LocalMedia;
  /** The calls; `watched()`: the connected one-to-one call, or every connected room member's (in the room's order). */
  readonly book: { watched(): CallRecord[] };
  error(type: RtcErrorType, message: string, peer?: string): void;
  addStyles(styles: CSSResult): void;
}

/**
 * The strict check of a `react`, `hand` or `rec` envelope (classifyControl passes them on
 * unchecked): a reaction is one emoji, a toggle a boolean `on`. Returns the message, or why not.
 */
export function checkAct(value: Record<string, unknown>): ActMessage | string {
  if (value.t === 'react') return validEmoji(value.e) ? { $rtc: 1, t: 'react', e: value.e } : 'a reaction that is not one emoji';
  if ((value.t === 'hand' || value.t === 'rec') && typeof value.on === 'boolean') return { $rtc: 1, t: value.t, on: value.on };
  return `a ${String(value.t).slice(0, 8)} message without a boolean "on"`;
}

/** What one peer may still send, and when its bad traffic was last reported. */
interface Guard {
  react: RateLimiter;
  toggle: RateLimiter;
  reported: number;
}

export class CallActs {
  /** Own hand is raised. */
  handRaised = false;
  /** Peers whose hand is raised. */
  readonly hands = new Set<string>();
  /** Peers that record the call. */
  readonly recorders = new Set<string>();
  private guards = new Map<string, Guard>();
  private own = new RateLimiter(...REACT_RATE);
  private recorder?: Recorder;
  private starting?: Promise<void>;
  private menuOpen = false;

  constructor(private readonly host: ActsHost) {
    host.addStyles(actsStyles);
    const el = host.el;
    // A peer that leaves takes its hand, its recording notice and its reactions with it.
    el.addEventListener('rtc-call-end', (e) => this.forget(e.detail.peer));
    el.addEventListener('rtc-peer-leave', (e) => this.forget(e.detail.peer));
    el.addEventListener('rtc-remote-stream', (e) => this.recorder?.add(e.detail.stream));
    el.addEventListener('rtc-call-state', (e) => {
      if (e.detail.state !== 'idle') return;
      this.menuOpen = false;
      this.hand(false);
      void this.stopRecording('call-ended');
    });
    el.requestUpdate();
  }

  private calls(): CallRecord[] {
    return this.host.book.watched();
  }

  private ownId(): string {
    return this.host.el.peerId ?? '';
  }

  /** True while this side records. */
  get recording(): boolean {
    return !!this.recorder;
  }

  private get s(): CallActStrings & { you: string } {
    const el = this.host.el;
    const lang = el.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
    return resolveStrings(lang, el.strings, STRINGS);
  }

  private fire(event: Event): void {
    this.host.el.dispatchEvent(event);
    this.host.el.requestUpdate();
  }

  /** Sends to every connected peer that understands it. */
  private send(message: ActMessage, to: CallRecord[] = this.calls()): void {
    for (const rec of to) if (rec.acts && !rec.ended) rec.send(message);
  }

  /** Peers that just connected (or said they understand us) hear our raised hand and our recording. */
  sync(rec?: CallRecord): void {
    const to = (rec ? [rec] : this.calls()).filter((r) => r.connected);
    this.host.el.requestUpdate(); // the reactions button shows once a peer understands them
    if (this.handRaised) this.send({ $rtc: 1, t: 'hand', on: true }, to);
    if (this.recorder) this.send({ $rtc: 1, t: 'rec', on: true }, to);
  }

  // ---------------------------------------------------------------- own actions

  react(emoji: unknown): void {
    const { host } = this;
    if (!validEmoji(emoji)) {
      host.error('invalid-data', `react() takes one emoji; ${JSON.stringify(String(emoji).slice(0, 40))} is not one.`);
      return;
    }
    const calls = this.calls();
    if (!calls.length) {
      host.error('invalid-state', 'react() needs a connected call.');
      return;
    }
    if (!this.own.take()) {
      host.error('rate-limited', `react() was called more than ${REACT_RATE[0]} times a second; this reaction was dropped.`);
      return;
    }
    this.send({ $rtc: 1, t: 'react', e: emoji }, calls);
    this.show(undefined, emoji);
    this.fire(new RtcReactionEvent({ peer: this.ownId(), emoji, self: true }));
  }

  hand(on: boolean): void {
    if (on && !this.calls().length) {
      this.host.error('invalid-state', 'raiseHand() needs a connected call.');
      return;
    }
    if (this.handRaised === on) return;
    this.handRaised = on;
    this.send({ $rtc: 1, t: 'hand', on });
    this.fire(new RtcHandEvent({ peer: this.ownId(), raised: on, self: true }));
  }

  async startRecording(options: RecordingOptions = {}): Promise<void> {
    if (this.recorder) return;
    if (this.starting) return this.starting;
    const { host } = this;
    const fail = (type: RtcErrorType, message: string): never => {
      host.error(type, message);
      throw new RtcError(type, message);
    };
    const calls = this.calls();
    if (!calls.length) fail('invalid-state', 'startRecording() needs a connected call.');
    if (typeof MediaRecorder === 'undefined' || typeof AudioContext === 'undefined')
      fail('unsupported', 'This browser cannot record (it has no MediaRecorder or AudioContext).');
    this.starting = (async () => {
      let module: typeof import('./call-recorder.js');
      try {
        module = await loadRecorder();
      } catch (error) {
        const failure = loadFailed('recording', error);
        host.error(failure.type, failure.message);
        throw error;
      }
      const context = await module.mixingContext();
      if (!this.calls().length) {
        void context.close().catch(() => {});
        fail('invalid-state', 'The call ended before recording started.');
      }
      try {
        this.recorder = new module.Recorder(this.calls(), host.media, options, () => void this.stopRecording('limit'), context);
      } catch (error) {
        fail('recording-failed', error instanceof Error ? error.message : String(error));
      }
      this.send({ $rtc: 1, t: 'rec', on: true });
      this.fire(new RtcRecordingStateEvent({ peer: this.ownId(), recording: true, self: true }));
    })().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  async stopRecording(reason: RecordingStopReason = 'stopped'): Promise<RtcRecordingDetail | undefined> {
    const recorder = this.recorder;
    if (!recorder) return undefined;
    this.recorder = undefined;
    this.send({ $rtc: 1, t: 'rec', on: false });
    this.fire(new RtcRecordingStateEvent({ peer: this.ownId(), recording: false, self: true, reason }));
    const detail = await recorder.stop();
    this.host.el.dispatchEvent(new RtcRecordingEvent(detail));
    return detail;
  }

  // ---------------------------------------------------------------- what peers send

  /** A peer's `react`, `hand` or `rec` envelope, unchecked; without one: the peer understands them. */
  receive(rec: CallRecord, value?: Record<string, unknown>): void {
    if (rec.ended) return;
    if (!value) {
      this.sync(rec);
      return;
    }
    const peer = rec.peer;
    let guard = this.guards.get(peer);
    if (!guard) this.guards.set(peer, (guard = { react: new RateLimiter(...REACT_RATE), toggle: new RateLimiter(...TOGGLE_RATE), reported: -Infinity }));
    const message = checkAct(value);
    if (typeof message === 'string') return this.bad(guard, peer, message);
    if (message.t === 'react') {
      if (!guard.react.take()) return this.bad(guard, peer, `more than ${REACT_RATE[0]} reactions a second`);
      this.show(peer, message.e);
      this.fire(new RtcReactionEvent({ peer, emoji: message.e, self: false }));
      return;
    }
    if (!guard.toggle.take()) return this.bad(guard, peer, `more than ${TOGGLE_RATE[0]} ${message.t === 'hand' ? 'hand' : 'recording'} changes a second`);
    const set = message.t === 'hand' ? this.hands : this.recorders;
    if (set.has(peer) === message.on) return;
    if (message.on) set.add(peer);
    else set.delete(peer);
    this.fire(
      message.t === 'hand'
        ? new RtcHandEvent({ peer, raised: message.on, self: false })
        : new RtcRecordingStateEvent({ peer, recording: message.on, self: false }),
    );
  }

  private bad(guard: Guard, peer: string, what: string): void {
    const now = performance.now();
    if (now - guard.reported < REPORT_MS) return;
    guard.reported = now;
    this.host.error('invalid-data', `Peer "${peer}" sent ${what}; dropped (reported at most once a second).`, peer);
  }

  private forget(peer: string): void {
    this.guards.delete(peer);
    if (this.hands.delete(peer)) this.fire(new RtcHandEvent({ peer, raised: false, self: false }));
    if (this.recorders.delete(peer)) this.fire(new RtcRecordingStateEvent({ peer, recording: false, self: false }));
    this.host.el.requestUpdate();
  }

  /**
   * Shows `emoji` on the tile of `peer` (undefined: own) for SHOW_MS. Each reaction is a node of
   * its own in the tile's float box (which Lit renders empty and leaves alone), so that its
   * animation runs once from the start, whatever comes and goes around it.
   */
  private show(peer: string | undefined, emoji: string): void {
    const el = this.host.el;
    el.requestUpdate();
    void el.updateComplete.then(() => this.place(peer, emoji));
  }

  private place(peer: string | undefined, emoji: string): void {
    const box = this.host.el.shadowRoot?.querySelector(peer === undefined ? '.acts-floats[data-self]' : `.acts-floats[data-peer="${CSS.escape(peer)}"]`);
    if (!box) return;
    while (box.childElementCount >= MAX_SHOWN) box.firstElementChild!.remove();
    const used = new Set([...box.children].map((node) => (node as HTMLElement).dataset.slot));
    const node = document.createElement('span');
    node.dataset.slot = ['0', '1', '2', '3'].find((slot) => !used.has(slot)) ?? '0';
    node.className = `acts-float acts-float--${node.dataset.slot}`;
    node.setAttribute('part', 'reaction');
    node.setAttribute('role', 'img');
    node.setAttribute('aria-label', format(this.s.actReacted, { peer: peer ?? this.s.you, emoji }));
    node.textContent = emoji;
    box.append(node);
    setTimeout(() => node.remove(), SHOW_MS);
  }

  // ---------------------------------------------------------------- view

  /** The overlay of a tile: its reactions and the raised hand; `peer` undefined: the own tile. */
  tile(peer?: string): TemplateResult {
    const s = this.s;
    const name = peer ?? s.you;
    const hand = peer === undefined ? this.handRaised : this.hands.has(peer);
    return html`${hand ? html`<span part="hand" class="acts-hand" role="img" aria-label=${format(s.actHandRaised, { peer: name })}>${actIcon(HAND)}</span>` : nothing}<span
        class="acts-floats" data-peer=${peer ?? nothing} ?data-self=${peer === undefined}></span>`;
  }

  /** The recording notice: who records this call (own recording included). */
  notice(): TemplateResult {
    const s = this.s;
    const lines = [...(this.recorder ? [s.recSelf] : []), ...[...this.recorders].map((peer) => format(s.recPeer, { peer }))];
    return html`<div part="recording-indicator" class="acts-rec" role="status" ?hidden=${!lines.length}>${lines.map((line) => html`<span>● ${line}</span>`)}</div>`;
  }

  /** The reactions button with its menu, and with `record-button` the record button; during a connected call. */
  controls(): TemplateResult | typeof nothing {
    const el = this.host.el;
    if (el.callState !== 'active' || !this.calls().length) return nothing;
    const s = this.s;
    const open = this.menuOpen;
    // Only with a peer that understands reactions (not a plain PeerJS app or an older version).
    const reactions = this.calls().some((rec) => rec.acts);
    return html`${
      reactions
        ? html`<span class="acts-wrap" @focusout=${this.focusOut}>
        <button part="reactions-button" class="round ${this.handRaised ? 'off' : ''}" type="button" title=${s.actReactions} aria-label=${s.actReactions}
          aria-haspopup="menu" aria-expanded=${open ? 'true' : 'false'} aria-controls="acts-menu" @click=${() => this.toggle(!open)}>
          ${actIcon(this.handRaised ? HAND : SMILE)}
        </button>
        <div part="reactions-menu" id="acts-menu" class="acts-menu" role="menu" aria-label=${s.actReactions} ?hidden=${!open} @keydown=${this.menuKey}>
          ${REACTIONS.map(
            (emoji, i) =>
              html`<button role="menuitem" class="acts-item" type="button" tabindex=${i === 0 ? '0' : '-1'} aria-label=${format(s.actReactWith, { emoji })}
                @click=${() => this.pick(() => this.react(emoji))}>${emoji}</button>`,
          )}
          <button role="menuitem" class="acts-item acts-item--hand" type="button" tabindex="-1" @click=${() => this.pick(() => this.hand(!this.handRaised))}>
            ${actIcon(HAND)} ${this.handRaised ? s.actLowerHand : s.actRaiseHand}
          </button>
        </div>
      </span>`
        : nothing
    }
      ${
        el.recordButton
          ? html`<button part="record-button" class="round acts-record ${this.recorder ? 'off' : ''}" type="button" aria-pressed=${this.recorder ? 'true' : 'false'}
          title=${this.recorder ? s.recStop : s.recStart} aria-label=${this.recorder ? s.recStop : s.recStart}
          @click=${() => (this.recorder ? this.stopRecording() : this.startRecording()).catch(() => {})}><span class="acts-dot" aria-hidden="true"></span></button>`
          : nothing
      }`;
  }

  private items(): HTMLButtonElement[] {
    return [...(this.host.el.shadowRoot?.querySelectorAll<HTMLButtonElement>('.acts-item') ?? [])];
  }

  private toggle(open: boolean, focusButton = false): void {
    this.menuOpen = open;
    const el = this.host.el;
    el.requestUpdate();
    void el.updateComplete.then(() => {
      if (open) this.items()[0]?.focus();
      else if (focusButton) el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="reactions-button"]')?.focus();
    });
  }

  private pick(action: () => void): void {
    action();
    this.toggle(false, true);
  }

  private readonly focusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    if (this.menuOpen && !(event.currentTarget as HTMLElement).contains(next)) this.toggle(false);
  };

  /** Arrow keys, Home and End move through the menu; Escape closes it (focus back on its button). */
  private readonly menuKey = (event: KeyboardEvent): void => {
    const items = this.items();
    const at = items.indexOf(event.target as HTMLButtonElement);
    const go = (i: number): void => {
      event.preventDefault();
      items[(i + items.length) % items.length]?.focus();
    };
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.toggle(false, true);
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') go(at + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') go(at - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(items.length - 1);
  };
}

const actsStyles = css`
  .acts-hand {
    position: absolute; top: var(--_space); left: 50%; transform: translateX(-50%);
    padding: 0.1em 0.4em; border-radius: 999px; background: rgb(0 0 0 / 0.72); font-size: 1.2em; line-height: 1.4;
  }
  .acts-float {
    position: absolute; bottom: 12%; font-size: 2.2em; line-height: 1; pointer-events: none;
    animation: acts-float 3s ease-out forwards;
  }
  .acts-float--0 { left: 42%; }
  .acts-float--1 { left: 24%; }
  .acts-float--2 { left: 60%; }
  .acts-float--3 { left: 33%; }
  @keyframes acts-float {
    from { transform: translateY(0) scale(0.7); opacity: 0; }
    15% { transform: translateY(-10%) scale(1); opacity: 1; }
    to { transform: translateY(-220%); opacity: 0; }
  }
  @media (prefers-reduced-motion: reduce) {
    /* A static badge for as long as it shows. */
    .acts-float { animation: none; padding: 0.1em 0.25em; border-radius: 0.4em; background: rgb(0 0 0 / 0.6); font-size: 1.6em; }
  }
  .acts-rec {
    display: flex; flex-wrap: wrap; gap: 0.2em 1em; margin: 0; padding: calc(var(--_space) * 0.5) calc(var(--_space) * 1.5);
    background: var(--_surface); border-bottom: 1px solid var(--_border); color: var(--_danger); font-size: 0.85em; font-weight: 600;
  }
  .acts-rec[hidden] { display: none; }
  .acts-wrap { position: relative; display: inline-flex; }
  .acts-hand { display: inline-flex; color: #fff; }
  .acts-hand .icon { width: 1em; height: 1em; }
  .acts-item--hand { display: inline-flex; align-items: center; gap: 0.4em; }
  .acts-item--hand .icon { width: 1.2em; height: 1.2em; }
  .acts-menu {
    position: absolute; bottom: calc(100% + 0.4em); left: 50%; transform: translateX(-50%); z-index: 2;
    display: flex; flex-wrap: wrap; gap: 0.25em; width: max-content; max-width: 16em; padding: 0.35em;
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
  }
  .acts-menu[hidden] { display: none; }
  .acts-item { font-size: 1.3em; line-height: 1; padding: 0.25em; border-radius: 0.4em; background: transparent; color: var(--_text); border: 1px solid transparent; }
  .acts-item--hand { flex-basis: 100%; font-size: 1em; padding: 0.4em 0.6em; border-color: var(--_border); }
  .acts-dot { width: 0.9em; height: 0.9em; border-radius: 50%; background: var(--_danger); }
  button.round.off .acts-dot { border-radius: 0.15em; }
`;
