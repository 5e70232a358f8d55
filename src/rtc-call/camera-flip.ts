/** <rtc-call>'s camera flip button (front/back): shown only where the device has more than one camera. */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { lazy } from '../core/lazy.js';
import { icon } from './icons.js';
import type { FlipElement } from './camera-next.js';

/** Which camera comes next, and the switch, load on the first flip. */
const loadNext = lazy(() => import('./camera-next.js'));

export class CameraFlip {
  /** More than one camera: the button shows. */
  many = false;

  constructor(
    private readonly el: FlipElement & ReactiveControllerHost,
    private readonly loadFailed: (error: unknown) => void,
  ) {}

  /** Counts the cameras (once media runs: before permission the browser lists at most one). */
  readonly check = (): void => {
    navigator.mediaDevices?.enumerateDevices?.().then(
      (list) => {
        const many = list.filter((d) => d.kind === 'videoinput').length > 1;
        if (many !== this.many) {
          this.many = many;
          this.el.requestUpdate();
        }
      },
      () => {},
    );
  };

  /** Switches to the next camera (replaceTrack, no renegotiation); failures are `rtc-error`s from `setDevices()`. */
  readonly flip = (): void => {
    loadNext().then((module) => module.flipCamera(this.el).catch(() => {}), this.loadFailed);
  };

  /** The button, for the controls bar; `shown`: a video call or room is on. */
  button(label: string, shown: boolean): TemplateResult | typeof nothing {
    return shown && this.many
      ? html`<button part="flip-camera-button" class="round" type="button" title=${label} aria-label=${label} @click=${this.flip}>${icon('flip')}</button>`
      : nothing;
  }
}
