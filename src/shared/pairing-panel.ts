import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { RtcError } from '../core/errors.js';
import { lazy, loadFailed } from '../core/lazy.js';
import { format, type CommonStrings } from '../core/strings.js';
import { QrScanner, canScanQr } from './qr-scan.js';

/** The QR encoder: loaded when the panel first shows a code. */
const loadQr = lazy(() => import('./pairing-qr.js'));

/** What the panel needs from its element (RtcBaseElement provides all of it). */
export interface PairingHost extends ReactiveControllerHost {
  readonly renderRoot: ParentNode;
  createInvite(): Promise<string>;
  acceptInvite(code: string): Promise<string>;
  completeInvite(code: string): Promise<string>;
}

/**
 * The copy-paste pairing panel shown by both elements with `signaling="manual"`: create an
 * invitation, or paste an invitation (which yields a reply to send back) or a reply. Codes are
 * shown as text and as a QR code; where the browser reads QR codes, they can be scanned too.
 * Failures are already reported as `rtc-error` by the host's methods; the panel only shows
 * progress. `report` reports the panel's own failures (camera, a chunk that did not load).
 */
export class PairingPanel implements ReactiveController {
  private code: { kind: 'invite' | 'reply'; text: string } | undefined;
  private busy = false;
  private copied = false;
  private pairedWith: string | undefined;
  private qr: typeof import('./pairing-qr.js') | undefined;
  private qrState: 'idle' | 'loading' | 'failed' = 'idle';
  /** The QR code of the shown code (built once per code), or `null` when it is too long for one. */
  private qrView: { text: string; label: string; view: TemplateResult | typeof nothing } | undefined;
  private canScan = false;
  private readonly scanner = new QrScanner({
    found: (text) => this.submit(text),
    failed: (error) => this.report(error),
    changed: () => this.host.requestUpdate(),
  });

  constructor(
    private readonly host: PairingHost,
    private readonly report: (error: RtcError) => void,
  ) {
    host.addController(this);
    void canScanQr().then((can) => {
      this.canScan = can;
      if (can) host.requestUpdate();
    });
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.scanner.stop();
  }

  /** The host calls this on `rtc-pair`. */
  paired(peer: string): void {
    this.pairedWith = peer;
    this.code = undefined;
    this.scanner.stop();
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
    this.submit(input?.value ?? '', input);
  }

  /** A pasted or scanned code: a reply completes our invitation, anything else is taken as an invitation. */
  private submit(value: string, input?: HTMLTextAreaElement | null): void {
    const text = value.trim();
    if (!text || this.busy) return;
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

  /**
   * The code's QR code; loads the encoder on first use (nothing is shown until it is here). A code
   * too long for a QR code (it would take dozens of ICE candidates) has none: the text stays.
   */
  private qrCode(text: string, label: string): TemplateResult | typeof nothing {
    const qr = this.qr;
    if (!qr) {
      if (this.qrState === 'idle') {
        this.qrState = 'loading';
        loadQr().then(
          (module) => {
            this.qr = module;
            this.host.requestUpdate();
          },
          (error: unknown) => {
            this.qrState = 'failed'; // the text is still there to copy
            this.report(loadFailed('QR code', error));
          },
        );
      }
      return nothing;
    }
    if (this.qrView?.text !== text || this.qrView.label !== label) this.qrView = { text, label, view: qr.qrCode(text, label) ?? nothing };
    return this.qrView.view;
  }

  render(t: CommonStrings): TemplateResult {
    const code = this.code;
    const scanner = this.scanner;
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
          </div>
          ${this.qrCode(code.text, code.kind === 'invite' ? t.pairingQrInvite : t.pairingQrReply)}`
            : nothing
        }
        <form class="pairing-row" @submit=${(e: SubmitEvent) => this.use(e)}>
          <label class="sr-only" for="pairing-input">${t.pairingPasteLabel}</label>
          <textarea part="pairing-input" id="pairing-input" rows="2" spellcheck="false" placeholder=${t.pairingPasteLabel}></textarea>
          <button part="pairing-button pairing-use" type="submit" ?disabled=${this.busy}>${this.busy ? t.pairingWorking : t.pairingUse}</button>
        </form>
        ${
          this.canScan
            ? html`
          <button part="pairing-button pairing-scan" type="button" ?disabled=${this.busy}
            @click=${() => (scanner.active ? scanner.stop() : void scanner.start(t.pairingScan))}>${scanner.active ? t.pairingScanStop : t.pairingScan}</button>
          ${scanner.video ?? nothing}`
            : nothing
        }
      </div>`;
  }
}

/** Added to the host's styles when the panel loads (RtcBaseElement.renderPairing). */
export const pairingStyles = css`
  .pairing {
    display: flex; flex-direction: column; gap: calc(var(--_space) * 0.75); padding: var(--_space);
    background: var(--_surface); border-top: 1px solid var(--_border);
    /* With a QR code the panel can be taller than the element: it scrolls, the composer stays. */
    flex: 0 1 auto; min-height: 0; overflow-y: auto;
  }
  .pairing > * { flex-shrink: 0; }
  .pairing-help, .pairing-label { margin: 0; font-size: 0.85em; color: var(--_muted); }
  .pairing > button { align-self: flex-start; }
  .pairing-row { display: flex; gap: var(--_space); align-items: stretch; }
  .pairing textarea { flex: 1 1 auto; min-width: 0; resize: vertical; font-family: ui-monospace, monospace; font-size: 0.75em; word-break: break-all; }
  /* Dark on white in every theme: scanners need the contrast (and forced colours must not invert it). */
  .qr { display: block; width: var(--rtc-qr-size, 16rem); max-width: 100%; height: auto; aspect-ratio: 1; background: #fff; forced-color-adjust: none; }
  [part~='pairing-scan-video'] { display: block; width: var(--rtc-qr-size, 16rem); max-width: 100%; border-radius: calc(var(--_radius) * 0.66); background: #000; }
`;
