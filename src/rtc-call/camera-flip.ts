/**
 * <rtc-call>'s camera flip button (front/back), loaded once media runs (it counts the cameras
 * then: before permission the browser lists at most one). Shown only with more than one camera.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { resolveStrings } from '../core/strings.js';
import { flipEnglish } from '../core/strings-lobby.js';
import { flipCamera, type FlipElement } from './camera-next.js';

/** The element's side the button uses. */
export interface FlipHost extends FlipElement, HTMLElement {
  readonly strings?: unknown;
  requestUpdate(): void;
}

/** Elements that see more than one camera. */
const many = new WeakMap<FlipHost, boolean>();

/** Counts the cameras; the element renders again when that changes whether the button shows. */
export function check(el: FlipHost): void {
  navigator.mediaDevices?.enumerateDevices?.().then(
    (list) => {
      const several = list.filter((d) => d.kind === 'videoinput').length > 1;
      if (several !== !!many.get(el)) {
        many.set(el, several);
        el.requestUpdate();
      }
    },
    () => {},
  );
}

const flipIcon = html`<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"
    fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M4 12a8 8 0 0 1 14-5.3M20 12a8 8 0 0 1-14 5.3M18 3v4h-4M6 21v-4h4"/></svg>`;

/** The button for the controls bar, while `shown` (the camera runs) and there are several cameras. Failures are `setDevices()`'s `rtc-error`s. */
export function flipButton(el: FlipHost, shown: boolean): TemplateResult | typeof nothing {
  if (!shown || !many.get(el)) return nothing;
  const lang = el.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
  const label = resolveStrings(lang, el.strings, flipEnglish).flipCamera;
  return html`<button part="flip-camera-button" class="round" type="button" title=${label} aria-label=${label}
    @click=${() => void flipCamera(el).catch(() => {})}>${flipIcon}</button>`;
}
