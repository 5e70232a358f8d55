/**
 * Trust on first use for one element (README "Verified identity"): when a connection's safety
 * code is known, the remote fingerprint is compared with the one remembered for that peer
 * (session/identity-store.ts). A different one fires `rtc-identity-changed` and shows a banner
 * until the user accepts the new key or dismisses the warning; the remembered one is not replaced
 * until then. Also the "verified" mark next to the safety code. Loaded on the first connection of
 * an element that keeps an identity (an explicit `peer-id`, no `no-trust-store`).
 */
import { adoptStyles, css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { RtcIdentityChangedEvent } from '../core/events.js';
import { format, resolveStrings, type RtcStrings } from '../core/strings.js';
import { identityEnglish } from '../core/strings-identity.js';
import { fingerprints } from '../core/verification.js';
import { checkPeer, forget, recall, remember } from '../session/identity-store.js';

/** What the guard needs from its element. */
export interface GuardHost extends ReactiveControllerHost, HTMLElement {
  readonly strings?: Partial<RtcStrings>;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** What this element knows about one peer's current key. */
interface PeerKey {
  fingerprint: string;
  code: string;
  verified: boolean;
  /** The connection it was checked on: a new connection with the same key is checked again (it makes the key lasting). */
  pc?: RTCPeerConnection;
  /** Set while the key differs from the remembered one (not yet accepted). */
  changed?: { previous: string; wasVerified: boolean; firstSeen: number };
  dismissed?: boolean;
}

/** Every guard on the page, so accepting a key in one element clears the warning in the others. */
const live = new Set<WeakRef<IdentityGuard>>();
/** Each element's guard. */
const guards = new WeakMap<GuardHost, IdentityGuard>();

/** What the element asks of the guard (RtcBaseElement's methods; `check` when a safety code is known). */
export type TrustOp = 'check' | 'verify' | 'unverify' | 'accept' | 'forget' | 'clear';

/** Runs `op` on the guard of `host` (made on first use); never rejects. */
export async function trust(host: GuardHost, own: string, op: TrustOp, peer = '', pc?: RTCPeerConnection, code = ''): Promise<boolean> {
  let guard = guards.get(host);
  if (guard) guard.own = own;
  else {
    guards.set(host, (guard = new IdentityGuard(host, own)));
    const root = host.renderRoot;
    if (root instanceof ShadowRoot && identityStyles.styleSheet) adoptStyles(root, [...root.adoptedStyleSheets, identityStyles]);
  }
  try {
    switch (op) {
      case 'check':
        if (pc) await guard.check(peer, pc, code);
        return !!pc;
      case 'verify':
      case 'unverify':
        return await guard.verify(peer, op === 'verify');
      case 'accept':
        return await guard.accept(peer, false);
      case 'forget':
        return await guard.forget(peer);
      case 'clear':
        return await guard.forget();
    }
  } catch {
    return false; // a connection closing meanwhile (Firefox throws reading its descriptions)
  }
}

/** See IdentityGuard: what the element shows. */
export const verified = (host: GuardHost): string[] => guards.get(host)?.verified ?? [];
/** With `peer`: the mark inside the safety code of `peer` (so the two share a line); without: the warnings. */
export function view(host: GuardHost, safetyCode: string, peer?: string): TemplateResult | typeof nothing {
  const guard = guards.get(host);
  return !guard ? nothing : peer ? guard.mark(peer) : guard.banner(safetyCode);
}

export class IdentityGuard {
  private readonly keys = new Map<string, PeerKey>();

  constructor(
    readonly host: GuardHost,
    /** The own peer id whose records are used. */
    public own: string,
  ) {
    live.add(new WeakRef(this));
  }

  /** Peers whose current key the user has marked verified. */
  get verified(): string[] {
    return [...this.keys].filter(([, key]) => key.verified && !key.changed).map(([peer]) => peer);
  }

  /** A connection to `peer` has both descriptions: check its fingerprint (from the remote SDP of `pc`). */
  async check(peer: string, pc: RTCPeerConnection, code: string): Promise<void> {
    const own = this.own;
    const fingerprint = fingerprints(pc.remoteDescription?.sdp ?? '').find((f) => f.startsWith('sha-256 '));
    if (!own || !fingerprint) return;
    const known = this.keys.get(peer);
    if (known?.fingerprint === fingerprint && known.pc === pc) return; // another channel of the same connection
    const checked = await checkPeer(own, peer, fingerprint);
    if (!checked || this.own !== own) return;
    const { record } = checked;
    if (checked.state !== 'changed') {
      this.keys.set(peer, { fingerprint, code, verified: record.verified, pc });
    } else {
      this.keys.set(peer, {
        fingerprint,
        code,
        verified: false,
        pc,
        changed: { previous: record.fingerprint, wasVerified: record.verified, firstSeen: record.firstSeen },
      });
      this.host.dispatchEvent(
        new RtcIdentityChangedEvent({ peer, previous: record.fingerprint, current: fingerprint, verified: record.verified, firstSeen: record.firstSeen }),
      );
    }
    this.host.requestUpdate();
  }

  /** Marks the current key of `peer` verified (or not); false when there is none or it is an unaccepted new one. */
  async verify(peer: string, verified: boolean): Promise<boolean> {
    const key = this.keys.get(peer);
    if (!key || key.changed) return false;
    return this.store(peer, key, verified);
  }

  /** Trusts the new key of `peer` (replacing the remembered one); `verified` when the user compared the codes. */
  async accept(peer: string, verified: boolean): Promise<boolean> {
    const key = this.keys.get(peer);
    if (!key) return false;
    return this.store(peer, key, verified);
  }

  /** Forgets `peer` (or every peer): the next connection is a first use again. */
  async forget(peer?: string): Promise<boolean> {
    const own = this.own;
    if (!own) return false;
    const done = await forget(own, peer);
    for (const guard of others(own)) guard.dropKeys(peer);
    return done;
  }

  /** Hides the warning for `peer` without trusting the key (the next connection warns again). */
  dismiss(peer: string): void {
    const key = this.keys.get(peer);
    if (key) key.dismissed = true;
    this.host.requestUpdate();
  }

  private async store(peer: string, key: PeerKey, verified: boolean): Promise<boolean> {
    const own = this.own;
    if (!own || !(await remember(own, peer, key.fingerprint, verified))) return false;
    for (const guard of others(own)) await guard.refresh(peer);
    return true;
  }

  private dropKeys(peer?: string): void {
    if (peer === undefined) this.keys.clear();
    else this.keys.delete(peer);
    this.host.requestUpdate();
  }

  /** Re-reads what is remembered for `peer` after this or another element changed it. */
  private async refresh(peer: string): Promise<void> {
    const own = this.own;
    const key = this.keys.get(peer);
    if (!own || !key) return;
    const record = await recall(own, peer);
    if (record?.fingerprint !== key.fingerprint) return;
    this.keys.set(peer, { fingerprint: key.fingerprint, code: key.code, verified: record.verified });
    this.host.requestUpdate();
  }

  /** Texts: the page's `strings`, else the language's table, else English. */
  private get t(): Record<keyof typeof identityEnglish, string> {
    const host = this.host;
    return resolveStrings(host.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang, host.strings, identityEnglish);
  }

  /** The warnings for peers whose key changed (role=alert), with the code to compare and the two buttons. */
  banner(safetyCode: string): TemplateResult | typeof nothing {
    const shown = [...this.keys].filter(([, key]) => key.changed && !key.dismissed);
    if (!shown.length) return nothing;
    const t = this.t;
    return html`${shown.map(
      ([peer, key]) => html`<div part="identity-warning" class="identity-warning" role="alert">
        <p>${format(t.identityChanged, { peer })}</p>
        <p class="identity-code">${format(safetyCode, { code: key.code })}</p>
        <div class="identity-actions">
          <button part="identity-accept" type="button" @click=${() => void this.accept(peer, true)}>${t.identityAccept}</button>
          <button part="identity-dismiss" class="secondary" type="button" @click=${() => this.dismiss(peer)}>${t.identityDismiss}</button>
        </div>
      </div>`,
    )}`;
  }

  /** Next to the safety code of `peer`: "Verified", or the button that marks it so. */
  mark(peer: string): TemplateResult | typeof nothing {
    const key = this.keys.get(peer);
    if (!key || key.changed) return nothing;
    const t = this.t;
    return key.verified
      ? html`<span part="verified" class="verified">✓ ${t.identityVerified}</span>`
      : html`<button part="verify-button" class="verify" type="button" aria-label=${format(t.identityVerifyLabel, { peer })}
          @click=${() => void this.verify(peer, true)}>${t.identityVerify}</button>`;
  }
}

/** The guards of `own` on the page (this one included); gone ones are dropped. */
function others(own: string): IdentityGuard[] {
  const found: IdentityGuard[] = [];
  for (const ref of live) {
    const guard = ref.deref();
    if (!guard) live.delete(ref);
    else if (guard.own === own) found.push(guard);
  }
  return found;
}

export const identityStyles = css`
  .identity-warning {
    flex-basis: 100%; font-size: var(--_size); padding: var(--_space) calc(var(--_space) * 1.5);
    border: 2px solid var(--_error); border-radius: calc(var(--_radius) * 0.66);
    background: var(--_surface); color: var(--_text);
  }
  .identity-warning p { margin: 0 0 calc(var(--_space) * 0.5); }
  .identity-code { font-family: ui-monospace, monospace; font-weight: 600; }
  .identity-actions { display: flex; flex-wrap: wrap; gap: var(--_space); }
  .identity-actions .secondary { background: transparent; color: var(--_text); border-color: var(--_border); }
  .verified { color: var(--_success); font-size: 0.85em; font-weight: 600; }
  .verify { padding: 0 calc(var(--_space) * 0.8); font-size: 0.8em; font-weight: 500; }
`;
