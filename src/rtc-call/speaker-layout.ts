/**
 * <rtc-call>'s large tile in a room (loaded with the room's code): `layout="speaker"` (the active
 * speaker or the pinned member large, the others in a filmstrip), pins, screen shares shown large
 * in both layouts, `rtc-active-speaker`, and the pin button on each member's tile.
 */
import { css, html, svg, type TemplateResult } from 'lit';
import type { RtcErrorType } from '../core/errors.js';
import { format } from '../core/strings.js';
import type { CallStrings } from '../core/strings-call.js';
import { ActiveSpeakerPolicy, SpotlightPolicy } from './active-speaker.js';
import { RtcActiveSpeakerEvent } from './layout.events.js';

/** What the large tile needs from the room. */
export interface LayoutHost {
  /** The element's `layout` (`speaker`, else the grid). */
  layout(): string | undefined;
  /** Connected members, in the order they joined. */
  members(): string[];
  /** Members whose media state says they share their screen. */
  sharing(): Set<string>;
  error(type: RtcErrorType, message: string, peer?: string): void;
  fire(event: Event): void;
  /** Renders again. */
  changed(): void;
}

export class SpeakerLayout {
  /** The member the user pinned. */
  pinned: string | undefined;
  private speakers = new ActiveSpeakerPolicy();
  private spotlight = new SpotlightPolicy();

  constructor(private readonly host: LayoutHost) {}

  /** The member on the large tile, or null (the plain grid). */
  get main(): string | null {
    return this.spotlight.shown.peer;
  }

  /** `pin(peer)`: a connected member (not this side) takes the large tile until `unpin()` or it leaves. */
  pin(peer: unknown): void {
    if (typeof peer !== 'string' || !this.host.members().includes(peer)) {
      this.host.error(
        'invalid-state',
        `pin() needs the peer id of a connected room member; "${typeof peer === 'string' ? peer.slice(0, 64) : typeof peer}" is not one.`,
      );
      return;
    }
    this.pinned = peer;
    this.refresh();
  }

  unpin(): void {
    if (this.pinned === undefined) return;
    this.pinned = undefined;
    this.refresh();
  }

  /** One reading of the members' audio levels (five a second). */
  levels(levels: ReadonlyMap<string, number>, now: number): void {
    this.speakers.sample(levels, now);
    this.refresh(now);
  }

  /** A member's call ended. */
  left(peer: string): void {
    this.speakers.remove(peer);
    if (this.pinned === peer) this.pinned = undefined;
    this.refresh();
  }

  /** The last `layout` value checked (a wrong one is reported once, here rather than in the element: only rooms read it). */
  private checked: string | undefined = 'grid';

  /** Chooses the large tile again (also at each render: shares are announced in media states); fires the event after the render. */
  refresh(now = performance.now()): void {
    const layout = this.host.layout() ?? 'grid';
    if (layout !== this.checked) {
      this.checked = layout;
      const message = `layout="${String(layout).slice(0, 40)}" is neither grid nor speaker; the grid is used.`;
      // After the render that noticed it.
      if (layout !== 'grid' && layout !== 'speaker') queueMicrotask(() => this.host.error('invalid-attribute', message));
    }
    const next = this.spotlight.decide({
      members: this.host.members(),
      sharing: this.host.sharing(),
      pinned: this.pinned,
      speaker: this.speakers.current,
      speakerLayout: this.host.layout() === 'speaker',
      now,
    });
    if (!next) return;
    this.host.changed();
    queueMicrotask(() => this.host.fire(new RtcActiveSpeakerEvent({ ...next })));
  }

  /** The pin button on `peer`'s tile. Focus follows the tile when it moves to or from the large slot. */
  pinButton(peer: string, t: CallStrings): TemplateResult {
    const on = this.pinned === peer;
    const label = format(t.pinPeer, { peer });
    return html`<button part="tile-pin-button" class="tile-pip tile-pin${on ? ' pinned' : ''}" type="button"
      aria-pressed=${on ? 'true' : 'false'} aria-label=${label} title=${on ? t.unpin : label}
      @click=${(event: Event) => {
        const button = event.currentTarget as HTMLButtonElement;
        if (on) this.unpin();
        else this.pin(peer);
        setTimeout(() => button.focus(), 0);
      }}><svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="none"
      stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${pinPath}</svg></button>`;
  }

  /**
   * The stage with a large tile: `main` in the `tile-main` slot, the other tiles and `self` below
   * (a scrolling filmstrip in the speaker layout, one row of the grid otherwise).
   */
  render(main: HTMLElement, others: HTMLElement[], self: TemplateResult): TemplateResult {
    return this.host.layout() === 'speaker'
      ? html`<div class="spot"><div part="tile-main" class="tile-main">${main}</div>
          <div part="filmstrip" class="filmstrip">${others}${self}</div></div>`
      : html`<div class="spot"><div part="tile-main" class="tile-main">${main}</div>
          <div part="grid" class="grid spot-row">${others}${self}</div></div>`;
  }
}

const pinPath = svg`<path d="M9 4h6l-1 6 3 3v2H7v-2l3-3zM12 15v6"/>`;

/** The large tile's styles, added with the grid's. */
export const layoutStyles = css`
  .spot { position: absolute; inset: 0; display: flex; flex-direction: column; gap: calc(var(--_space) * 0.5); padding: calc(var(--_space) * 0.5); }
  .tile-main { flex: 1 1 0; min-height: 0; display: grid; }
  .spot .grid { position: static; flex: 0 0 34%; padding: 0; grid-auto-flow: column; grid-auto-columns: minmax(0, 1fr); grid-template-columns: none; }
  .filmstrip {
    flex: none; display: flex; gap: calc(var(--_space) * 0.5); overflow-x: auto; overscroll-behavior-x: contain; scrollbar-width: thin;
  }
  .filmstrip > .grid-tile { flex: 0 0 var(--rtc-call-filmstrip-tile-size, 9rem); aspect-ratio: 16 / 9; }
  .filmstrip video { object-fit: cover; }
  .tile-pin { right: calc(var(--_space) * 0.5 + 2.4em); }
  .tile-pin.pinned { background: var(--_accent); color: var(--_accent-text); }
`;
