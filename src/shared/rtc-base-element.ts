import { LitElement, adoptStyles, nothing, type CSSResult, type PropertyDeclarations, type TemplateResult } from 'lit';
import { PeerController } from './peer-controller.js';
import type { LinkKind, PeerCall, PeerChannel, PeerSession, SessionOptions } from '../session/peer-session.js';
import { checkIceServers, checkPeerId, parseIceServers, parseServerUrl } from '../core/config.js';
import { RtcError, type RtcErrorType } from '../core/errors.js';
import { RtcBrokerStateEvent, RtcErrorEvent, RtcOpenEvent, RtcPairEvent, RtcUnpairEvent, type BrokerState } from '../core/events.js';
import { loadLanguage, resolveStrings, type CommonStringKey, type CommonStrings, type RtcStrings } from '../core/strings.js';
import { lazy, lazyModule, loadFailed } from '../core/lazy.js';
import type { PairingPanel } from './pairing-panel.js';
import type { TrustOp } from './identity-guard.js';

const loadPairingPanel = lazy(() => import('./pairing-panel.js'));
const loadVerification = lazy(() => import('../core/verification.js'));
const loadGuard = lazyModule(() => import('./identity-guard.js'));

/**
 * Keeps the raw attribute text when it is not valid JSON, so the element can report it as an
 * `rtc-error` instead of throwing while the page parses.
 */
const jsonAttribute = {
  fromAttribute(value: string | null): unknown {
    if (value === null) return undefined;
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  },
};

/** What the status line shows. */
export type ConnectionStatus = 'idle' | 'connecting' | 'ready' | 'dialing' | 'connected' | 'reconnecting' | 'error' | 'closed';

/** Internal reactive state (re-renders, no attribute); kept apart so the manifest does not list it as attributes. */
const BASE_STATE: PropertyDeclarations = Object.fromEntries(['brokerState', 'lastError'].map((name) => [name, { state: true }]));

/**
 * Attributes, events and session wiring shared by `<rtc-chat>` and `<rtc-call>`.
 */
/** `K`: the string keys the element shows (its table in core/strings-*.ts), the common ones included. */
export abstract class RtcBaseElement<K extends keyof RtcStrings = CommonStringKey> extends LitElement {
  /** Lit reactive properties: the public ones (attributes as documented on each field), then internal state. */
  static override properties: PropertyDeclarations = {
    peerId: { attribute: 'peer-id' },
    server: {},
    serverKey: { attribute: 'server-key' },
    iceServers: { attribute: 'ice-servers', converter: jsonAttribute },
    relayOnly: { type: Boolean, attribute: 'relay-only' },
    noTrustStore: { type: Boolean, attribute: 'no-trust-store' },
    remote: {},
    signaling: {},
    allow: {},
    strings: { attribute: 'strings', converter: jsonAttribute },
    ...BASE_STATE,
  };
  /** Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`. */
  peerId?: string;

  /** Broker URL, e.g. `https://peer.example.com:443/myapp`. Without it, PeerJS's hosted broker is used. */
  server?: string;

  /** The PeerServer key. */
  serverKey = 'peerjs';

  /** STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property. */
  iceServers?: RTCIceServer[];

  /** Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`). */
  relayOnly = false;

  /**
   * Turns off the persistent identity: no certificate is stored for `peer-id` (the safety code
   * changes every session) and no peer's key is remembered (no `rtc-identity-changed`).
   */
  noTrustStore = false;

  /** The remote peer id; when set the element connects to it by itself. */
  remote?: string;

  /**
   * How peers find each other: `broker` (default: a PeerServer, see `server`), `local` (no
   * broker at all: tabs of this browser signal over a BroadcastChannel; needs `peer-id`) or
   * `manual` (no broker at all: two peers pair by exchanging an invitation and a reply code,
   * see `createInvite()`; works between any two devices that can reach each other).
   */
  signaling: 'broker' | 'local' | 'manual' = 'broker';

  /**
   * Space-separated peer ids allowed to connect or call. When set, anyone else is refused before
   * any of their data is shown or any media is sent (`rtc-error` type `peer-refused`).
   */
  allow?: string;

  /** Replaces any of the element's texts (labels, status lines) for other languages or wording. */
  strings?: Partial<RtcStrings>;

  /** The broker connection state. */
  protected brokerState: BrokerState = 'idle';
  /** The message of the last error, shown in the status line. */
  protected lastError?: RtcError;

  protected readonly peer = new PeerController(this, {
    attached: (session) => this.sessionAttached(session),
    detached: (session) => this.sessionDetached(session),
    open: (id) => this.handleOpen(id),
    state: (brokerState, retryIn) => {
      this.brokerState = brokerState;
      this.dispatchEvent(new RtcBrokerStateEvent(retryIn === undefined ? { state: brokerState } : { state: brokerState, retryIn }));
    },
    error: (error, peer) => this.reportError(error.type, error.message, peer),
    kinds: () => this.linkKinds,
    allows: (peer) => this.isAllowed(peer),
    lastWord: (channel) => this.lastWord(channel),
    refused: (peer, message) => this.refused(peer, message),
    channel: (channel) => this.incomingChannel(channel),
    call: (call) => this.incomingCall(call),
    paired: (peer, inviter) => {
      this.pairedWith = peer;
      this.pairingPanel?.paired(peer);
      this.pairedPeer(peer, inviter);
      this.dispatchEvent(new RtcPairEvent({ peer, inviter }));
    },
    unpaired: (peer) => this.dispatchEvent(new RtcUnpairEvent({ peer })),
  });

  /** The strings in effect: English or the page language, with `strings` applied on top. */
  protected get t(): Record<K | CommonStringKey, string> {
    const lang = this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
    // Memoized so templates can tell unchanged strings by identity (guard()).
    const cached = this.stringsCache;
    if (cached && cached.lang === lang && cached.overrides === this.strings) return cached.value;
    // German (or another built-in language) loads on first use; English until it is here.
    const loading = this.languageFailed ? undefined : loadLanguage(lang);
    loading?.then(
      () => {
        this.stringsCache = undefined;
        this.requestUpdate();
      },
      (error: unknown) => {
        if (this.languageFailed) return;
        this.languageFailed = true;
        this.reportLoadFailure(`"${lang}" language`, error);
      },
    );
    const value = resolveStrings(lang, this.strings, this.english);
    this.stringsCache = { lang, overrides: this.strings, value };
    return value;
  }

  /** The element's English texts (each element carries only its own; see strings.ts). */
  protected abstract readonly english: Record<K | CommonStringKey, string>;

  private stringsCache: { lang: string; overrides: unknown; value: Record<K | CommonStringKey, string> } | undefined;
  private languageFailed = false;

  /** The session options, or undefined while an attribute is invalid (for callers that must not throw). */
  protected validSessionOptions(): SessionOptions | undefined {
    try {
      return this.sessionOptions();
    } catch {
      return undefined;
    }
  }

  /** @internal Builds session options from the attributes; throws RtcError on bad input. */
  sessionOptions(): SessionOptions {
    const broker = this.server ? parseServerUrl(this.server) : undefined;
    let iceServers: RTCIceServer[] | undefined;
    const raw: unknown = this.iceServers;
    if (typeof raw === 'string') iceServers = parseIceServers(raw);
    else if (raw !== undefined && raw !== null) iceServers = checkIceServers(raw);
    if (this.relayOnly && iceServers && !iceServers.some((s) => [s.urls].flat().some((u) => /^turns?:/i.test(u)))) {
      throw new RtcError(
        'invalid-ice-servers',
        'relay-only needs a TURN server in ice-servers (e.g. [{"urls":"turn:turn.example.com:3478","username":"u","credential":"p"}]).',
      );
    }
    const id = this.peerId?.trim();
    if (id) checkPeerId(id);
    if (this.remote?.trim()) checkPeerId(this.remote.trim(), 'remote');
    const key = this.serverKey?.trim() || 'peerjs';
    const signaling = (this.signaling ?? 'broker').trim() || 'broker';
    if (signaling !== 'broker' && signaling !== 'local' && signaling !== 'manual') {
      throw new RtcError('invalid-attribute', `signaling must be "broker", "local" or "manual", not "${this.signaling}".`);
    }
    if (signaling === 'local' && !id) throw new RtcError('invalid-attribute', 'signaling="local" needs a peer-id (there is no broker to assign one).');
    // Without an id (manual: one is picked at random) there is no identity to keep.
    return {
      key,
      ...(broker && signaling === 'broker' ? { broker } : {}),
      ...(id ? { peerId: id } : {}),
      ...(signaling !== 'broker' ? { signaling } : {}),
      ...(iceServers ? { iceServers } : {}),
      ...(this.relayOnly ? { relayOnly: true } : {}),
      ...(id && !this.noTrustStore ? { identity: true } : {}),
    };
  }

  /**
   * `signaling="manual"`, step 1: returns an invitation code (a few hundred to a few thousand
   * characters) to give the other person by any channel: message, e-mail, QR code. It works
   * once, for 30 minutes. Rejects (and fires `rtc-error`) when the element cannot pair.
   */
  async createInvite(): Promise<string> {
    return this.pairingStep(() => this.requirePairingSession().createInvite());
  }

  /**
   * `signaling="manual"`, step 2 (the invited side): enters an invitation code and returns the
   * reply code to send back. The two are paired (`rtc-pair`) once the inviter enters the reply.
   * A malformed, foreign or expired code rejects with `rtc-error` type `invalid-code`.
   */
  async acceptInvite(code: string): Promise<string> {
    return this.pairingStep(() => this.requirePairingSession().acceptInvite(code));
  }

  /**
   * `signaling="manual"`, step 3 (the inviting side): enters the reply code; resolves with the
   * other peer's id once paired (`rtc-pair` fires on both sides). `<rtc-chat>` then connects.
   */
  async completeInvite(code: string): Promise<string> {
    return this.pairingStep(() => this.requirePairingSession().completeInvite(code));
  }

  /** signaling="manual": the ids of the peers this element is paired with. */
  get pairedPeers(): string[] {
    return this.session?.pairedPeers ?? [];
  }

  private requirePairingSession(): PeerSession {
    if (this.signaling !== 'manual') throw new RtcError('invalid-state', 'Pairing codes need signaling="manual" on this element.');
    const session = this.session;
    if (!session) throw this.peer.configError ?? new RtcError('invalid-state', 'The element is not ready: add it to the page first.');
    return session;
  }

  private async pairingStep<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      const rtcError = error instanceof RtcError ? error : new RtcError('invalid-code', String(error));
      this.reportError(rtcError.type, rtcError.message);
      throw rtcError;
    }
  }

  /** signaling="manual": the copy-paste pairing panel, once its code has loaded. */
  private pairingPanel: PairingPanel | undefined;
  private pairingPanelState: 'idle' | 'loading' | 'failed' = 'idle';
  private pairedWith: string | undefined;

  /**
   * signaling="manual": renders the copy-paste pairing panel. Its code loads on the first call
   * (nothing is shown until then); a load failure is reported once as `rtc-error` `load-failed`.
   */
  protected renderPairing(t: CommonStrings): TemplateResult | typeof nothing {
    if (this.pairingPanel) return this.pairingPanel.render(t);
    if (this.pairingPanelState !== 'idle') return nothing;
    this.pairingPanelState = 'loading';
    loadPairingPanel().then(
      ({ PairingPanel, pairingStyles }) => {
        this.addStyles(pairingStyles);
        this.pairingPanel = new PairingPanel(this, (error) => this.reportError(error.type, error.message));
        if (this.pairedWith) this.pairingPanel.paired(this.pairedWith);
        this.requestUpdate();
      },
      (error: unknown) => {
        this.pairingPanelState = 'failed';
        this.reportLoadFailure('pairing panel', error);
      },
    );
    return nothing;
  }

  /**
   * Adds the styles that came with a feature loaded on first use (pairing panel, room grid,
   * settings, quality) to the element's, once, keeping those of other features.
   */
  protected addStyles(styles: CSSResult): void {
    const root = this.renderRoot;
    if (!(root instanceof ShadowRoot)) return;
    // No adopted sheets where the browser cannot adopt them: Lit then adds <style> elements.
    const sheets = root.adoptedStyleSheets ?? [];
    if (!styles.styleSheet || !sheets.includes(styles.styleSheet)) adoptStyles(root, [...sheets, styles]);
  }

  /** Reports code that could not be loaded (a missing lazy chunk) as `rtc-error` `load-failed`. */
  /**
   * The safety code of a connection (verification.ts, loaded on the first connection so pages
   * load it only once they connect); undefined when there is none. A failed load is reported once
   * per element: the code is then not shown.
   */
  protected safetyCode(pc: RTCPeerConnection | undefined, peer?: string): Promise<string | undefined> {
    if (!pc) return Promise.resolve(undefined);
    return loadVerification().then(
      async (module) => {
        const code = await module.connectionCode(pc);
        // Trust on first use: the remote key is compared with the remembered one (identity-guard.ts).
        if (code && peer) void this.trust('check', peer, pc, code);
        return code;
      },
      (error: unknown) => {
        if (!this.safetyCodeFailed) this.reportLoadFailure('safety code', error);
        this.safetyCodeFailed = true;
        return undefined;
      },
    );
  }

  private safetyCodeFailed = false;

  /**
   * Runs a trust-on-first-use step (identity-guard.ts, loaded on first use) for the own id: an
   * explicit `peer-id` (the session's options have none when the broker assigned it) and no
   * `no-trust-store`. False while this element keeps no identity.
   */
  private trust(op: TrustOp, peer?: string, pc?: RTCPeerConnection, code?: string): Promise<boolean> {
    const own = !this.noTrustStore && this.session?.options.peerId;
    if (!own) return Promise.resolve(false);
    return loadGuard().then(
      (guard) => guard.trust(this, own, op, peer, pc, code),
      (error: unknown) => {
        this.reportLoadFailure('identity', error);
        return false;
      },
    );
  }

  /** Peers connected to this element whose current key the user marked verified (see `verifyPeer()`). */
  get verifiedPeers(): string[] {
    return loadGuard.loaded?.verified(this) ?? [];
  }

  /** Marks the current key of `peer` verified, after comparing the safety code; false if there is none or it changed (accept it first). */
  verifyPeer(peer: string): Promise<boolean> {
    return this.trust('verify', peer);
  }

  /** Takes the verified mark of `peer` back. */
  unverifyPeer(peer: string): Promise<boolean> {
    return this.trust('unverify', peer);
  }

  /** Trusts the new key `peer` came back with (after `rtc-identity-changed`): it replaces the remembered one, unverified. */
  acceptIdentity(peer: string): Promise<boolean> {
    return this.trust('accept', peer);
  }

  /** Forgets `peer`'s key: its next connection is trusted on first use again. */
  forgetPeer(peer: string): Promise<boolean> {
    return this.trust('forget', peer);
  }

  /** Forgets every peer's key this element's `peer-id` has remembered (its own certificate stays). */
  clearTrustStore(): Promise<boolean> {
    return this.trust('clear');
  }

  /**
   * For the header: with `peer` (the peer whose safety code is shown), the "verified" mark or the
   * button that sets it, drawn inside the code; without, the warnings for peers that came back
   * with a new key.
   */
  protected identityView(t: CommonStrings, peer?: string): unknown {
    return loadGuard.loaded?.view(this, t.safetyCode, peer) ?? nothing;
  }

  protected reportLoadFailure(feature: string, error: unknown): void {
    const rtcError = loadFailed(feature, error);
    this.reportError(rtcError.type, rtcError.message);
  }

  /** A copy-paste pairing completed (signaling="manual"). */
  protected pairedPeer(_peer: string, _inviter: boolean): void {}

  /** Whether `peer` may connect or call, according to `allow`. */
  protected isAllowed(peer: string): boolean {
    const list = this.allow?.trim();
    if (!list) return true;
    return list.split(/\s+/).includes(peer);
  }

  /** The session in use, if the configuration is valid. */
  protected get session(): PeerSession | undefined {
    return this.peer.session;
  }

  /** Dispatches `rtc-error` and shows the message in the status line. */
  protected reportError(type: RtcErrorType, message: string, peer?: string): void {
    this.lastError = new RtcError(type, message);
    this.dispatchEvent(new RtcErrorEvent(peer ? { type, message, peer } : { type, message }));
  }

  protected handleOpen(id: string): void {
    this.lastError = undefined;
    // Expose a broker-assigned id; the controller knows this is not a new configuration.
    if (this.peerId !== id) this.peerId = id;
    this.dispatchEvent(new RtcOpenEvent({ id }));
  }

  protected sessionAttached(_session: PeerSession): void {
    this.lastError = undefined;
  }

  protected sessionDetached(_session: PeerSession): void {}

  /** The kinds of incoming link this element handles; the session's gate refuses any other. */
  protected abstract readonly linkKinds: ReadonlySet<LinkKind>;

  /** The session's gate refused `peer` (its id is empty when it was not a valid one). */
  protected refused(peer: string, message: string): void {
    this.reportError('peer-refused', message, peer || undefined);
  }

  /** A peer refused by `allow` opened a muted channel; true when the element says a last word on it. */
  protected lastWord(_channel: PeerChannel): boolean {
    return false;
  }

  protected incomingChannel(_channel: PeerChannel): void {}

  protected incomingCall(_call: PeerCall): void {}
}
