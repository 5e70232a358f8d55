import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { format, type CommonStrings } from '../core/strings.js';

/** What the panel needs from its element (RtcBaseElement provides all of it). */
export interface PairingHost extends ReactiveControllerHost {
  readonly renderRoot: ParentNode;
  createInvite(): Promise<string>;
  acceptInvite(code: string): Promise<string>;
  completeInvite(code: string): Promise<string>;
}

/**
 * The copy-paste pairing panel shown by both elements with `signaling="manual"`: create an
 * invitation, or paste an invitation (which yields a reply to send back) or a reply. Failures
 * are already reported as `rtc-error` by the host's methods; the panel only shows progress.
 */
export class PairingPanel implements ReactiveController {
  private code: { kind: 'invite' | 'reply'; text: string } | undefined;
  private busy = false;
  private copied = false;
  private pairedWith: string | undefined;

  constructor(private readonly host: PairingHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The host calls this on `rtc-pair`. */
  paired(peer: string): void {
    this.pairedWith = peer;
    this.code = undefined;
    this.host.requestUpdate();
  }

  private async run(step: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.copied = false;
    this.host.requestUpdate();
    try {
      await step();
    } catch {
      // Reported as rtc-error by the host.
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private create(): void {
    void this.run(async () => {
      this.code = { kind: 'invite', text: await this.host.createInvite() };
    });
  }

  private use(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).querySelector('textarea');
    const text = input?.value.trim() ?? '';
    if (!text) return;
    void this.run(async () => {
      if (text.startsWith('rtc-reply:')) {
        await this.host.completeInvite(text);
      } else {
        const reply = await this.host.acceptInvite(text);
        this.code = { kind: 'reply', text: reply };
      }
      if (input) input.value = '';
    });
  }

  private async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = true;
    } catch {
      // No clipboard permission: the code is selected for a manual copy instead.
      this.host.renderRoot.querySelector<HTMLTextAreaElement>('[part~="pairing-code"]')?.select();
    }
    this.host.requestUpdate();
  }

  render(t: CommonStrings): TemplateResult {
    const code = this.code;
    return html`
      <div part="pairing" class="pairing">
        <p class="pairing-help">${this.pairedWith ? format(t.pairingDone, { peer: this.pairedWith }) : t.pairingHelp}</p>
        <button part="pairing-button pairing-create" type="button" ?disabled=${this.busy} @click=${() => this.create()}>${t.pairingCreate}</button>
        ${
          code
            ? html`
          <label class="pairing-label" for="pairing-code">${code.kind === 'invite' ? t.pairingInviteCode : t.pairingReplyCode}</label>
          <div class="pairing-row">
            <textarea part="pairing-code" id="pairing-code" readonly rows="3" .value=${code.text} @focus=${(e: FocusEvent) => (e.target as HTMLTextAreaElement).select()}></textarea>
            <button part="pairing-button pairing-copy" type="button" @click=${() => this.copy(code.text)}>${this.copied ? t.pairingCopied : t.pairingCopy}</button>
          </div>`
            : nothing
        }
        <form class="pairing-row" @submit=${(e: SubmitEvent) => this.use(e)}>
          <label class="sr-only" for="pairing-input">${t.pairingPasteLabel}</label>
          <textarea part="pairing-input" id="pairing-input" rows="2" spellcheck="false" placeholder=${t.pairingPasteLabel}></textarea>
          <button part="pairing-button pairing-use" type="submit" ?disabled=${this.busy}>${this.busy ? t.pairingWorking : t.pairingUse}</button>
        </form>
      </div>`;
  }
}

/** Added to the host's styles when the panel loads (RtcBaseElement.renderPairing). */
export const pairingStyles = css`
  .pairing {
    display: flex; flex-direction: column; gap: calc(var(--_space) * 0.75); padding: var(--_space);
    background: var(--_surface); border-top: 1px solid var(--_border);
  }
  .pairing-help, .pairing-label { margin: 0; font-size: 0.85em; color: var(--_muted); }
  .pairing > button { align-self: flex-start; }
  .pairing-row { display: flex; gap: var(--_space); align-items: stretch; }
  .pairing textarea { flex: 1 1 auto; min-width: 0; resize: vertical; font-family: ui-monospace, monospace; font-size: 0.75em; word-break: break-all; }
`;
