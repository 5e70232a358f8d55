/**
 * One PeerJS Peer per broker and id, with its admission gate (signal-screen.ts screens every
 * signaling message before PeerJS sees it). Only src/session/ imports PeerJS (its private members
 * only in peerjs-internals.ts); everything above it (controllers, elements) sees PeerSession,
 * PeerChannel and PeerCall (peer-link.ts), never a PeerJS object.
 */
import { Peer, util, type DataConnection, type MediaConnection, type PeerOptions } from 'peerjs';
import { Emitter } from '../core/emitter.js';
import { RtcError, toRtcError, type RtcErrorType } from '../core/errors.js';
import { brokerUrl, type BrokerAddress } from '../core/config.js';
import type { BrokerState } from '../core/events.js';
import type { ManualSignalingSocket } from './manual-signaling.js';
import type { ManualPairing } from './manual-pairing.js';
import { loadLocalSignaling, loadManualSignaling } from './signaling-loader.js';
import { loadIdentityStore } from './identity-loader.js';
import { PROTOCOL_MARK, type ChannelKind, type LinkKind } from './admission.js';
import { PeerCall, PeerChannel, type AdmissionPolicy, type ChannelSerialization } from './peer-link.js';
import { announceOpen, brokerSocketOpen, checkPeerInternals, internalsOf, peerWithSocket, type PeerInternals } from './peerjs-internals.js';
import { SignalScreen } from './signal-screen.js';

export { PROTOCOL_MARK, SIGNAL_KIND, type ChannelKind, type LinkKind } from './admission.js';
export { PROTOCOL_VERSION, TEXT_FRAMES, randomHex, readMetadata, withTimeout, type DecoderSink } from './wire.js';
export { PeerCall, PeerChannel, type AdmissionPolicy, type CallEvents, type ChannelEvents, type ChannelSerialization } from './peer-link.js';
import { PROTOCOL_VERSION, TEXT_FRAMES, randomHex, readMetadata, withTimeout } from './wire.js';
import { Backoff } from '../core/backoff.js';

/** What a session is built from; two elements with the same key() share one Peer. */
export interface SessionOptions {
  /** The broker; undefined means PeerJS's hosted broker. */
  broker?: BrokerAddress;
  key: string;
  /** Own id; undefined lets the broker assign one (such sessions are never shared). */
  peerId?: string;
  iceServers?: RTCIceServer[];
  relayOnly?: boolean;
  /** Resume token for the broker, so a reload can reclaim an id whose old socket lingers. */
  token?: string;
  /**
   * 'local': no broker; tabs of this browser signal each other over a BroadcastChannel.
   * 'manual': no broker; peers pair by copy-pasting codes, then signal over the paired channel.
   */
  signaling?: 'broker' | 'local' | 'manual';
  /** Use the persistent DTLS certificate of `peerId` (identity-store.ts; the controller reads it first). */
  identity?: boolean;
}

/** BroadcastChannel name for `signaling="local"`, per PeerServer key (apps can keep groups apart). */
const localChannelName = (key: string) => `rtc-elements-signaling:${key}`;

/** The broker's PeerJS error "Could not connect to peer X" names X at the end. */
const UNAVAILABLE_PREFIX = 'Could not connect to peer ';

export interface SessionEvents {
  state: { state: BrokerState; retryIn?: number };
  open: { id: string };
  error: RtcError;
  channel: PeerChannel;
  call: PeerCall;
  /** signaling="manual": a copy-paste pairing completed; `inviter` is true on the side that made the invitation. */
  paired: { peer: string; inviter: boolean };
  /** signaling="manual": the signal channel to a paired peer closed. */
  unpaired: { peer: string };
}

/** Errors after which PeerJS has destroyed the Peer: the session cannot recover by itself. */
const FATAL_BEFORE_OPEN = new Set<RtcErrorType>([
  'browser-incompatible',
  'invalid-id',
  'invalid-key',
  'unavailable-id',
  'ssl-unavailable',
  'server-error',
  'socket-error',
  'socket-closed',
  'network',
]);

const OPEN_TIMEOUT_MS = 15000;
const RECONNECT_BASE_MS = 1000;
const RECONNECT_MAX_MS = 30000;

/** One PeerJS Peer and everything on it, shared by every element using the same broker and id. */
export class PeerSession extends Emitter<SessionEvents> {
  readonly key: string;
  readonly options: SessionOptions;
  state: BrokerState = 'connecting';
  lastError: RtcError | null = null;
  refs = 0;
  private peer: Peer;
  private internals: PeerInternals;
  private channels = new Set<PeerChannel>();
  private calls = new Set<PeerCall>();
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectDelays = new Backoff(RECONNECT_BASE_MS, RECONNECT_MAX_MS);
  private destroyed = false;
  private everOpen = false;
  /** signaling="manual": the copy-paste pairing socket and the pairings made over it. */
  private manual: ManualSignalingSocket | undefined;
  private pairing: ManualPairing | undefined;
  /** Who is attached (elements, a room beacon, pairing): the admission gate asks them. */
  private policies = new Set<AdmissionPolicy>();
  /** Checks every signaling message before PeerJS sees it; runs the admission gate on offers. */
  private readonly screen: SignalScreen;

  constructor(key: string, options: SessionOptions) {
    super();
    this.key = key;
    this.options = options;
    const peerOptions: PeerOptions = {
      debug: 0,
      // Without ice-servers PeerJS's defaults (public STUN + PeerJS TURN) apply, relay-only included.
      config: {
        ...util.defaultConfig,
        ...(options.iceServers ? { iceServers: options.iceServers } : {}),
        ...(options.relayOnly ? { iceTransportPolicy: 'relay' } : {}),
        // PeerJS hands `config` to every RTCPeerConnection: all of them show this device's key.
        ...(options.identity && options.peerId ? loadIdentityStore.loaded?.certificates(options.peerId) : {}),
      },
      ...(options.broker ?? {}),
      ...(options.key ? { key: options.key } : {}),
      ...(options.token ? { token: options.token } : {}),
    };
    if (options.signaling === 'manual') this.manual = new (loaded(loadManualSignaling.loaded, 'manual').ManualSignalingSocket)();
    const manual = this.manual;
    checkPeerInternals();
    // PeerJS creates its signaling socket in the constructor: the no-broker peers swap in theirs.
    const PeerClass = manual
      ? peerWithSocket(() => manual)
      : options.signaling === 'local'
        ? peerWithSocket(() => new (loaded(loadLocalSignaling.loaded, 'local').LocalSignalingSocket)(localChannelName(options.key)))
        : Peer;
    // Without a broker nobody assigns ids: pick one.
    const peerId = options.peerId ?? (this.manual ? `peer-${randomHex(5)}` : undefined);
    this.peer = peerId ? new PeerClass(peerId, peerOptions) : new PeerClass(peerOptions);
    this.internals = internalsOf(this.peer);
    this.screen = new SignalScreen(this.internals, this.policies, (error) => this.emitError(error));
    if (this.manual) {
      this.pairing = new (loaded(loadManualSignaling.loaded, 'manual').ManualPairing)(this.manual, {
        peer: this.peer,
        id: () => this.id,
        whenOpen: () => this.whenOpen(),
        paired: (peer, inviter) => this.emit('paired', { peer, inviter }),
        unpaired: (peer) => this.emit('unpaired', { peer }),
        error: (error) => this.emitError(error),
        allows: (peer) => [...this.policies].some((p) => p !== pairingPolicy && p.allows(peer)),
      });
      // A pairing link is admitted for a peer that some attached element allows.
      const pairingPolicy: AdmissionPolicy = {
        kinds: new Set<LinkKind>(['signal']),
        allows: (peer) => [...this.policies].some((p) => p !== pairingPolicy && p.allows(peer)),
      };
      this.admit(pairingPolicy);
    }
    this.peer.on('open', (id) => this.handleOpen(id));
    this.peer.on('error', (error) => this.handleError(toRtcError(error)));
    this.peer.on('disconnected', () => this.handleBrokerLoss());
    this.peer.on('close', () => this.setState(this.state === 'error' ? 'error' : 'closed'));
    this.peer.on('connection', (connection) => {
      const verdict = this.screen.verdict;
      if (verdict && 'muted' in verdict) this.screen.adoptMuted(connection, verdict.muted);
      else if (!verdict)
        connection.close(); // not through the gate: cannot happen, never trusted
      else if (readMetadata(connection.metadata).signal) {
        if (this.pairing) this.pairing.adoptSignalLink(connection);
        else connection.close();
      } else {
        this.adoptChannel(connection, false, verdict.audience);
      }
    });
    this.peer.on('call', (media) => {
      const verdict = this.screen.verdict;
      if (verdict && 'audience' in verdict) this.adoptCall(media, false, verdict.audience);
      else media.close();
    });
    if (options.token && (options.signaling ?? 'broker') === 'broker') this.watchResume();
    this.openTimer = setTimeout(() => {
      if (this.state === 'connecting') {
        this.emitError(
          new RtcError('broker-timeout', `The broker at ${brokerUrl(options.broker)} did not answer within ${OPEN_TIMEOUT_MS / 1000} s; still trying.`),
        );
      }
    }, OPEN_TIMEOUT_MS);
  }

  /** The id on the broker: set once open (or from the options when given). */
  get id(): string | undefined {
    return this.peer.id ?? this.options.peerId;
  }
  get isOpen(): boolean {
    return this.state === 'open';
  }
  get isDead(): boolean {
    return this.destroyed || this.peer.destroyed;
  }
  /** PeerJS's resume token for this id (see SessionOptions.token). */
  get token(): string | undefined {
    return this.peer.options.token;
  }
  get openChannels(): PeerChannel[] {
    return [...this.channels].filter((c) => !c.isClosed);
  }
  get activeCalls(): PeerCall[] {
    return [...this.calls].filter((c) => !c.isClosed);
  }

  /**
   * Returns the open or opening channel of `kind` to `remote`, or dials a new one.
   * Elements share channels, so the caller retain()s it and release()s it when done.
   */
  openChannel(remote: string, kind: ChannelKind, serialization: ChannelSerialization = 'json'): PeerChannel {
    this.assertUsable();
    const existing = this.findChannel(remote, kind);
    if (existing) return existing;
    const connection = this.peer.connect(remote, {
      reliable: true,
      serialization,
      metadata: { [PROTOCOL_MARK]: PROTOCOL_VERSION, kind, ...(serialization === 'json' ? { frames: TEXT_FRAMES } : {}) },
    });
    if (!connection) throw new RtcError('disconnected', 'This peer is no longer connected to the broker, so it cannot dial.');
    return this.adoptChannel(connection, true);
  }

  /**
   * Dials a new channel even when one exists (file transfers use one channel each). `metadata`
   * travels to the other side, e.g. which transfer the channel belongs to.
   */
  openDedicatedChannel(remote: string, kind: ChannelKind, serialization: ChannelSerialization, metadata: Record<string, string | number> = {}): PeerChannel {
    this.assertUsable();
    const connection = this.peer.connect(remote, {
      reliable: true,
      serialization,
      metadata: { ...metadata, [PROTOCOL_MARK]: PROTOCOL_VERSION, kind },
    });
    if (!connection) throw new RtcError('disconnected', 'This peer is no longer connected to the broker, so it cannot dial.');
    return this.adoptChannel(connection, true);
  }

  /**
   * The channel to prefer for `remote` and `kind`: when both sides dialled (glare), both pick
   * the one the lower peer id started, so they agree without closing anything.
   */
  findChannel(remote: string, kind: ChannelKind): PeerChannel | undefined {
    const candidates = [...this.channels].filter((c) => c.remote === remote && c.kind === kind && !c.isClosed);
    if (candidates.length <= 1) return candidates[0];
    const open = candidates.filter((c) => c.isOpen);
    const pool = open.length ? open : candidates;
    const iAmLower = (this.id ?? '') < remote;
    return pool.find((c) => c.outgoing === iAmLower) ?? pool[0];
  }

  call(remote: string, stream: MediaStream | undefined, metadata?: Record<string, unknown>): PeerCall {
    this.assertUsable();
    // PeerJS requires a stream to call; a receive-only caller sends an empty one.
    const media = this.peer.call(remote, stream ?? new MediaStream(), {
      metadata: { [PROTOCOL_MARK]: PROTOCOL_VERSION, ...(metadata ?? {}) },
    });
    if (!media) throw new RtcError('disconnected', 'This peer is no longer connected to the broker, so it cannot call.');
    return this.adoptCall(media, true);
  }

  /** signaling="manual": the peers this one can reach (it has an open signal channel to them). */
  get pairedPeers(): string[] {
    return this.pairing?.pairedPeers ?? [];
  }

  /** signaling="manual", first step: see ManualPairing.createInvite (manual-pairing.ts). */
  async createInvite(): Promise<string> {
    return this.requirePairing().createInvite();
  }

  /** signaling="manual", second step (the invitee): see ManualPairing.acceptInvite. */
  async acceptInvite(text: string): Promise<string> {
    return this.requirePairing().acceptInvite(text);
  }

  /** signaling="manual", last step (the inviter): see ManualPairing.completeInvite. */
  async completeInvite(text: string): Promise<string> {
    return this.requirePairing().completeInvite(text);
  }

  private requirePairing(): ManualPairing {
    this.assertUsable();
    if (!this.pairing) throw new RtcError('invalid-state', 'Pairing codes need signaling="manual".');
    return this.pairing;
  }

  /** Resolves once the Peer is open (5 s at most). */
  whenOpen(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    return withTimeout(
      new Promise<void>((resolve) => {
        const off = this.on('open', () => {
          off();
          resolve();
        });
      }),
      5000,
      () => new RtcError('invalid-state', 'The peer is not ready yet.'),
    );
  }

  /**
   * Attaches an admission policy (an element, a room beacon): from now on incoming links of its
   * kinds from peers it allows reach it. Returns the detach function.
   */
  admit(policy: AdmissionPolicy): () => void {
    this.policies.add(policy);
    return () => {
      this.policies.delete(policy);
    };
  }

  /** Whether `link` is for `policy`: dialled by this side, or admitted for it by the gate. */
  static isFor(link: PeerChannel | PeerCall, policy: AdmissionPolicy): boolean {
    return !link.audience || link.audience.has(policy);
  }

  /** Tears the Peer down: every channel and call closes. Called by the registry. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.pairing?.close();
    clearTimeout(this.openTimer);
    clearTimeout(this.reconnectTimer);
    for (const channel of this.channels) channel.close('local');
    this.screen.close();
    for (const call of this.calls) call.close('local');
    this.policies.clear();
    // A PeerJS teardown error (a half-built connection) must not leave this session half open.
    try {
      this.peer.destroy();
    } catch {
      /* destroyed as far as we are concerned */
    }
    this.manual?.close();
    this.setState('closed');
    this.removeAllListeners();
  }

  /**
   * PeerServer lets a client with the same token take over its id while the old socket lingers
   * (a reload), but then it attaches the new socket without sending OPEN, so PeerJS would wait
   * forever. When our socket has been open for a while with neither OPEN nor an error, the broker
   * has taken it: announce the open ourselves.
   */
  private watchResume(): void {
    let openSince = 0;
    const started = Date.now();
    const timer = setInterval(() => {
      const peer = this.internals;
      if (peer.open || peer.destroyed || peer.disconnected || this.destroyed || Date.now() - started > 15000) {
        clearInterval(timer);
        return;
      }
      if (!brokerSocketOpen(peer)) return;
      openSince ||= Date.now();
      if (Date.now() - openSince >= 800) {
        clearInterval(timer);
        announceOpen(peer);
      }
    }, 200);
  }

  /** Drops the broker connection as if the network had failed (fault tests, diagnostics). */
  simulateBrokerLoss(): void {
    this.peer.disconnect();
  }

  private assertUsable(): void {
    if (this.isDead) throw new RtcError('disconnected', 'This peer has been closed; correct its attributes or re-add the element.');
  }

  private adoptChannel(connection: DataConnection, outgoing: boolean, audience?: ReadonlySet<AdmissionPolicy>): PeerChannel {
    const channel = this.track(this.channels, new PeerChannel(connection, outgoing, audience));
    if (!outgoing) this.emit('channel', channel);
    return channel;
  }

  private adoptCall(media: MediaConnection, outgoing: boolean, audience?: ReadonlySet<AdmissionPolicy>): PeerCall {
    const call = this.track(this.calls, new PeerCall(media, outgoing, audience));
    if (!outgoing) this.emit('call', call);
    return call;
  }

  /** Keeps `link` in `links` until it closes; its held signaling goes with it. */
  private track<L extends { readonly id: string; on(type: 'close', listener: () => void): unknown }>(links: Set<L>, link: L): L {
    links.add(link);
    link.on('close', () => {
      links.delete(link);
      this.screen.forget(link.id);
    });
    return link;
  }

  private handleOpen(id: string): void {
    clearTimeout(this.openTimer);
    this.everOpen = true;
    this.reconnectDelays.reset();
    this.lastError = null;
    this.setState('open');
    this.emit('open', { id });
  }

  private handleError(error: RtcError): void {
    // "Could not connect to peer X" belongs to the channels and calls dialling X.
    if (error.type === 'peer-unavailable' && error.message.startsWith(UNAVAILABLE_PREFIX)) {
      const remote = error.message.slice(UNAVAILABLE_PREFIX.length);
      const error2 = new RtcError(
        'peer-unavailable',
        this.manual
          ? `Peer "${remote}" is not paired with this one (signaling="manual": exchange an invitation and reply code first), or it has left.`
          : `Peer "${remote}" is not connected to the broker (it does not exist or has left).`,
      );
      const pending = [...this.channels].filter((c) => c.remote === remote && !c.isOpen);
      const pendingCalls = [...this.calls].filter((c) => c.remote === remote && !c.isOpen);
      for (const c of pending) c.fail(error2);
      for (const c of pendingCalls) c.fail(error2);
      if (pending.length || pendingCalls.length) return;
      this.emitError(error2);
      return;
    }
    if (!this.everOpen && FATAL_BEFORE_OPEN.has(error.type)) {
      clearTimeout(this.openTimer);
      this.lastError = error;
      this.setState('error');
    }
    this.emitError(humanize(error, this.options));
  }

  private handleBrokerLoss(): void {
    if (this.destroyed || this.peer.destroyed) return;
    if (!this.everOpen) return; // never registered: handleError reported why
    const delay = this.reconnectDelays.next();
    this.setState('reconnecting', delay);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (this.destroyed || this.peer.destroyed || !this.peer.disconnected) return;
      this.peer.reconnect();
    }, delay);
  }

  private setState(state: BrokerState, retryIn?: number): void {
    if (this.state === state && retryIn === undefined) return;
    this.state = state;
    this.emit('state', retryIn === undefined ? { state } : { state, retryIn });
  }

  private emitError(error: RtcError): void {
    this.lastError = error;
    this.emit('error', error);
  }
}

/** A no-broker signaling module that signalingReady() loaded (the PeerController waits for it). */
function loaded<T>(module: T | undefined, signaling: string): T {
  if (!module) throw new RtcError('load-failed', `The signaling="${signaling}" code is not loaded yet.`);
  return module;
}

/** Rewrites PeerJS's terse messages into ones a page author can act on. */
function humanize(error: RtcError, options: SessionOptions): RtcError {
  const where = brokerUrl(options.broker);
  switch (error.type) {
    case 'unavailable-id':
      return new RtcError(error.type, `The peer id "${options.peerId}" is already taken on ${where}; choose another peer-id or close the other page using it.`);
    case 'invalid-id':
      return new RtcError(error.type, `The peer id "${options.peerId}" is not valid: use letters and digits, with single "-", "_" or spaces between them.`);
    case 'invalid-key':
      return new RtcError(error.type, `The broker at ${where} rejected the key "${options.key}" (server-key).`);
    case 'network':
    case 'socket-error':
    case 'socket-closed':
    case 'server-error':
      return new RtcError(error.type, `Cannot reach the broker at ${where}: ${error.message}`);
    default:
      return error;
  }
}
