import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { CallStrings } from '../core/strings-call.js';
import { netStrings } from '../core/strings-call-net.js';
import { listDevices } from './capture.js';
import type { DeviceLists, DeviceSelection } from './media.js';
import { backgroundField } from './background-select.js';

/** What the panel needs from its <rtc-call> (public API, plus how to close the panel). */
export interface DeviceSettingsHost extends ReactiveControllerHost {
  readonly audioOnly: boolean;
  readonly selectedDevices: DeviceSelection;
  /** The clean-audio switches (the checkboxes set them; the element applies them to the microphone). */
  noiseSuppression: boolean;
  echoCancellation: boolean;
  autoGain: boolean;
  background?: string;
  /** The page's `strings` overrides. */
  readonly strings?: unknown;
  setDevices(selection: { [kind in keyof DeviceSelection]?: string | null }): Promise<void>;
}

/**
 * <rtc-call>'s device settings panel (microphone, camera, speaker), loaded when it is first
 * opened. A choice goes through `setDevices()`, which reports failures as `rtc-error`.
 */
export class DeviceSettings {
  private lists: DeviceLists | undefined;

  constructor(
    private readonly host: DeviceSettingsHost,
    private readonly close: () => void,
  ) {}

  /** Lists the devices again (on opening, and when the system's devices change). */
  async refresh(): Promise<void> {
    try {
      this.lists = await listDevices();
    } catch {
      this.lists = { audioInput: [], videoInput: [], audioOutput: [] };
    }
    this.host.requestUpdate();
  }

  render(t: CallStrings): TemplateResult {
    const host = this.host;
    const lists = this.lists;
    const selected = host.selectedDevices;
    const canSink = typeof (HTMLMediaElement.prototype as { setSinkId?: unknown }).setSinkId === 'function';
    const field = (kind: keyof DeviceSelection, label: string, devices: MediaDeviceInfo[]) => html`
      <label class="field">
        <span>${label}</span>
        <select part="device-select" @change=${(e: Event) => this.select(kind, e)}>
          <option value="" ?selected=${!selected[kind]}>${t.deviceDefault}</option>
          ${devices
            .filter((d) => d.deviceId && d.deviceId !== 'default')
            .map(
              (d, i) => html`
            <option value=${d.deviceId} ?selected=${selected[kind] === d.deviceId}>${d.label || `${label} ${i + 1}`}</option>`,
            )}
        </select>
      </label>`;
    return html`
      ${field('audioInput', t.microphone, lists?.audioInput ?? [])}
      ${host.audioOnly ? nothing : field('videoInput', t.camera, lists?.videoInput ?? [])}
      ${canSink ? field('audioOutput', t.speaker, lists?.audioOutput ?? []) : nothing}
      ${this.processing(t)}
      ${host.audioOnly ? nothing : backgroundField(t, host)}
      <button class="settings-close" type="button" @click=${this.close}>${t.close}</button>`;
  }

  /** The microphone processing checkboxes (noise suppression, echo cancellation, gain control). */
  private processing(t: CallStrings): TemplateResult {
    const n = netStrings(t, this.host.strings);
    const host = this.host;
    const box = (key: 'noiseSuppression' | 'echoCancellation' | 'autoGain') => html`
      <label class="check">
        <input type="checkbox" part="audio-processing-checkbox" name=${key} .checked=${host[key] !== false} @change=${(e: Event) => {
          host[key] = (e.target as HTMLInputElement).checked;
        }} />
        <span>${n[key]}</span>
      </label>`;
    return html`<fieldset part="audio-processing" class="processing">
      <legend>${n.audioProcessing}</legend>
      ${box('noiseSuppression')} ${box('echoCancellation')} ${box('autoGain')}
    </fieldset>`;
  }

  private select(kind: keyof DeviceSelection, event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.host.setDevices({ [kind]: value || null }).catch(() => {
      this.host.requestUpdate(); // the select shows the device still in use
    });
  }
}

/** The panel's styles, added to the element's when this code loads. */
export const settingsStyles = css`
  .settings {
    display: grid; gap: var(--_space); padding: calc(var(--_space) * 1.5); background: var(--_surface);
    border-top: 1px solid var(--_border); grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
  }
  .settings[hidden] { display: none; }
  .field { display: flex; flex-direction: column; gap: 0.25em; min-width: 0; font-size: 0.9em; }
  .field select { min-width: 0; }
  .settings-close { grid-column: 1 / -1; justify-self: end; }
  .processing { display: flex; flex-wrap: wrap; gap: 0.25em var(--_space); margin: 0; padding: 0.4em 0.6em; border: 1px solid var(--_border); border-radius: var(--_radius); font-size: 0.9em; }
  .processing legend { padding: 0 0.25em; }
  .check { display: inline-flex; align-items: center; gap: 0.35em; }
`;
