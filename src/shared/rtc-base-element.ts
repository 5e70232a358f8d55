import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PeerController } from '../session/peer-controller.js';
import type { PeerCall, PeerChannel, PeerSession, SessionOptions } from '../session/peer-session.js';
import { checkIceServers, checkPeerId, parseIceServers, parseServerUrl } from './config.js';
import { RtcError, type RtcErrorType } from './errors.js';
import {
  RtcBrokerStateEvent, RtcErrorEvent, RtcOpenEvent, type BrokerState,
} from './events.js';
import { resolveStrings, type RtcStrings } from './strings.js';

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

/**
 * Attributes, events and session wiring shared by `<rtc-chat>` and `<rtc-call>`.
 */
export abstract class RtcBaseElement extends LitElement {
  /** Own peer id. Optional: without it the broker assigns one, readable here after `rtc-open`. */
  @property({ attribute: 'peer-id' }) peerId?: string;

  /** Broker URL, e.g. `https://peer.example.com:443/myapp`. Without it, PeerJS's hosted broker is used. */
  @property() server?: string;

  /** The PeerServer key. */
  @property({ attribute: 'server-key' }) serverKey = 'peerjs';

  /** STUN/TURN servers: a JSON array of RTCIceServer in the attribute, or the array itself as a property. */
  @property({ attribute: 'ice-servers', converter: jsonAttribute }) iceServers?: RTCIceServer[];

  /** Force relayed (TURN) connections only (RTCConfiguration `iceTransportPolicy: "relay"`). */
  @property({ type: Boolean, attribute: 'relay-only' }) relayOnly = false;

  /** The remote peer id; when set the element connects to it by itself. */
  @property() remote?: string;

  /**
   * How peers find each other: `broker` (default: a PeerServer, see `server`) or `local` (no
   * broker at all: tabs of this browser signal over a BroadcastChannel; needs `peer-id`).
   */
  @property() signaling: 'broker' | 'local' = 'broker';

  /**
   * Space-separated peer ids allowed to connect or call. When set, anyone else is refused before
   * any of their data is shown or any media is sent (`rtc-error` type `peer-refused`).
   */
  @property() allow?: string;

  /** Replaces any of the element's texts (labels, status lines) for other languages or wording. */
  @property({ attribute: 'strings', converter: jsonAttribute }) strings?: Partial<RtcStrings>;

  /** The broker connection state. */
  @state() protected brokerState: BrokerState = 'idle';
  /** The message of the last error, shown in the status line. */
  @state() protected lastError?: RtcError;

  protected readonly peer = new PeerController(this, {
    attached: (session) => this.sessionAttached(session),
    detached: (session) => this.sessionDetached(session),
    open: (id) => this.handleOpen(id),
    state: (brokerState, retryIn) => {
      this.brokerState = brokerState;
      this.dispatchEvent(new RtcBrokerStateEvent(retryIn === undefined ? { state: brokerState } : { state: brokerState, retryIn }));
    },
    error: (error) => this.reportError(error.type, error.message),
    channel: (channel) => this.incomingChannel(channel),
    call: (call) => this.incomingCall(call),
  });

  /** The strings in effect: English or the page language, with `strings` applied on top. */
  protected get t(): RtcStrings {
    const lang = this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
    // Memoized so templates can tell unchanged strings by identity (guard()).
    const cached = this.stringsCache;
    if (cached && cached.lang === lang && cached.overrides === this.strings) return cached.value;
    const value = resolveStrings(lang, this.strings);
    this.stringsCache = { lang, overrides: this.strings, value };
    return value;
  }

  private stringsCache: { lang: string; overrides: unknown; value: RtcStrings } | undefined;

  /** @internal Builds session options from the attributes; throws RtcError on bad input. */
  sessionOptions(): SessionOptions {
    const broker = this.server ? parseServerUrl(this.server) : undefined;
    let iceServers: RTCIceServer[] | undefined;
    const raw: unknown = this.iceServers;
    if (typeof raw === 'string') iceServers = parseIceServers(raw);
    else if (raw !== undefined && raw !== null) iceServers = checkIceServers(raw);
    if (this.relayOnly && iceServers && !iceServers.some((s) => [s.urls].flat().some((u) => /^turns?:/i.test(u)))) {
      throw new RtcError('invalid-ice-servers', 'relay-only needs a TURN server in ice-servers (e.g. [{"urls":"turn:turn.example.com:3478","username":"u","credential":"p"}]).');
    }
    const id = this.peerId?.trim();
    if (id) checkPeerId(id);
    if (this.remote?.trim()) checkPeerId(this.remote.trim(), 'remote');
    const key = this.serverKey?.trim() || 'peerjs';
    const signaling = (this.signaling ?? 'broker').trim() || 'broker';
    if (signaling !== 'broker' && signaling !== 'local') {
      throw new RtcError('invalid-attribute', `signaling must be "broker" or "local", not "${this.signaling}".`);
    }
    if (signaling === 'local') {
      if (!id) throw new RtcError('invalid-attribute', 'signaling="local" needs a peer-id (there is no broker to assign one).');
      return { key, peerId: id, signaling: 'local', ...(iceServers ? { iceServers } : {}), ...(this.relayOnly ? { relayOnly: true } : {}) };
    }
    return {
      key,
      ...(broker ? { broker } : {}),
      ...(id ? { peerId: id } : {}),
      ...(iceServers ? { iceServers } : {}),
      ...(this.relayOnly ? { relayOnly: true } : {}),
    };
  }

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

  protected incomingChannel(_channel: PeerChannel): void {}

  protected incomingCall(_call: PeerCall): void {}
}
