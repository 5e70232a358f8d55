/** <rtc-call>'s device settings panel: opening it (its code loads on first use), closing it, keeping its lists fresh. */
import type { CSSResult } from 'lit';
import { lazy } from '../core/lazy.js';
import type { DeviceSettings, DeviceSettingsHost } from './device-settings.js';

/** The device settings panel loads when it is first opened. */
const loadSettings = lazy(() => import('./device-settings.js'));

export interface SettingsElement extends DeviceSettingsHost, HTMLElement {
  readonly shadowRoot: ShadowRoot | null;
  readonly updateComplete: Promise<boolean>;
}

export class SettingsToggle {
  /** The panel is open. */
  open = false;
  /** The panel, once its code has loaded. */
  panel: DeviceSettings | undefined;

  constructor(
    private readonly el: SettingsElement,
    private readonly addStyles: (styles: CSSResult) => void,
    private readonly loadFailed: (error: unknown) => void,
  ) {}

  private focus(selector: string): void {
    void this.el.updateComplete.then(() => this.el.shadowRoot?.querySelector<HTMLElement>(selector)?.focus());
  }

  /** Closes the panel; focus goes back to its button. */
  close(): void {
    this.open = false;
    this.el.requestUpdate();
    this.focus('[part~="settings-button"]');
  }

  readonly toggle = (): void => {
    this.open = !this.open;
    this.el.requestUpdate();
    if (!this.open) return;
    loadSettings().then(
      ({ DeviceSettings, settingsStyles }) => {
        if (!this.open) return;
        this.addStyles(settingsStyles);
        const panel = (this.panel ??= new DeviceSettings(this.el, () => this.close()));
        void panel.refresh();
        this.el.requestUpdate();
        this.focus('[part~="device-select"]');
      },
      (error: unknown) => {
        this.open = false;
        this.el.requestUpdate();
        this.loadFailed(error);
      },
    );
  };

  /** Escape closes the panel. */
  readonly key = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.close();
    }
  };

  /** `devicechange`: the open panel lists the devices again. */
  readonly devicesChanged = (): void => {
    if (this.open) void this.panel?.refresh();
  };
}
