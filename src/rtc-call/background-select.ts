import { html, type TemplateResult } from 'lit';
import { backgroundStrings } from '../core/strings-background.js';

/** The devices panel's background choice: none, blur, or (when the page set an image URL) that image. */
export function backgroundField(texts: object, host: { background?: string; strings?: unknown; requestUpdate(): void }): TemplateResult {
  const t = backgroundStrings(texts, host.strings);
  const value = (host.background ?? '').trim() || 'none';
  const image = value !== 'none' && value !== 'blur';
  const change = (e: Event) => {
    const next = (e.target as HTMLSelectElement).value;
    if (next !== 'image') host.background = next;
    host.requestUpdate();
  };
  return html`
    <label class="field">
      <span>${t.background}</span>
      <select part="background-select" @change=${change}>
        <option value="none" ?selected=${value === 'none'}>${t.backgroundNone}</option>
        <option value="blur" ?selected=${value === 'blur'}>${t.backgroundBlur}</option>
        ${image ? html`<option value="image" selected>${t.backgroundImage}</option>` : null}
      </select>
    </label>`;
}
