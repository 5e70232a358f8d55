import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { acquireSession, releaseSession, sessionReady } from '../session/registry.js';
import { PeerSession, type AdmissionPolicy, type LinkKind, type PeerCall, type PeerChannel, type SessionOptions } from '../session/peer-session.js';
import { RtcError } from '../core/errors.js';
import { loadFailed } from '../core/lazy.js';
import type { BrokerState } from '../core/events.js';
import type { RtcErrorType } from '../core/errors.js';
import { Backoff } from '../core/backoff.js';

/** Broker failures worth retrying (the broker may be restarting or briefly overloaded). */
const TRANSIENT = new Set<RtcErrorType>(['network', 'socket-error', 'socket-closed', 'server-error', 'broker-timeout']);

/** What a host element tells the controller about itself. */
export interface PeerControllerHost extends ReactiveControllerHost {
  /** Reads the host's attributes into session options, or throws an RtcError for bad ones. */
  sessionOptions(): SessionOptions;
}

export interface PeerControllerCallbacks {
  /** A (new) session is in use; subscribe to it here. Runs before open. */
  attached?(session: PeerSession): void;
  /** The session is no longer used by this host (config changed or host left the page). */
  detached?(session: PeerSession): void;
  open?(id: string): void;
  state?(state: BrokerState, retryIn?: number): void;
  error(error: RtcError, peer?: string): void;
  channel?(channel: PeerChannel): void;
  call?(call: PeerCall): void;
  paired?(peer: string, inviter: boolean): void;
  unpaired?(peer: string): void;
  /** The kinds of incoming link the host handles: the session's gate refuses the rest. */
  kinds(): ReadonlySet<LinkKind>;
  /** The host's `allow`: the gate refuses peers it does not allow. */
  allows(peer: string): boolean;
  /** The gate refused `peer` (at most once per peer per interval); without it, `error` reports it. */
  refused?(peer: string, message: string): void;
  /** A refused peer's muted channel, for a last word (see AdmissionPolicy.lastWord). */
  lastWord?(channel: PeerChannel): boolean;
}

/**
 * Connects a Lit element to the shared PeerSession for its broker + peer id. Re-acquires when the
 * element's configuration changes, and releases when it leaves the page.
 */
export class PeerController implements ReactiveController {
  session: PeerSession | undefined;
  /** The configuration error that keeps the host from having a session, if any. */
  configError: RtcError | undefined;
  private configSignature: string | undefined;
  private unsubscribe: Array<() => void> = [];
  private connected = false;
  /** What the host lets through the session's admission gate. */
  private readonly policy: AdmissionPolicy;

  constructor(
    private readonly host: PeerControllerHost,
    private readonly callbacks: PeerControllerCallbacks,
  ) {
    host.addController(this);
    this.policy = {
      get kinds() {
        return callbacks.kinds();
      },
      allows: (peer) => callbacks.allows(peer),
      refused: (peer, _kind, message) => {
        if (callbacks.refused) callbacks.refused(peer, message);
        else callbacks.error(new RtcError('peer-refused', message), peer || undefined);
      },
      lastWord: (channel) => callbacks.lastWord?.(channel) ?? false,
    };
  }

  /**
   * Whether the host may use a link the session already has (one another element on the shared
   * session holds): a dialled one, or an incoming one the gate would have admitted for this host.
   */
  mayUse(link: PeerChannel | PeerCall): boolean {
    if (link.outgoing || PeerSession.isFor(link, this.policy)) return true;
    const kind: LinkKind = 'kind' in link ? link.kind : 'media';
    return this.policy.kinds.has(kind) && this.policy.allows(link.remote);
  }

  hostConnected(): void {
    this.connected = true;
    // Re-attach at once (not at the next update) so a DOM move keeps the shared session alive.
    if (this.configSignature !== undefined && !this.session && !this.configError) this.sync(true);
  }

  hostUpdated(): void {
    // Wait one task: a script that sets server, then peer-id, then ice-servers right after
    // creating the element gets one session with all of them, not a first one with PeerJS's
    // defaults (which would contact the hosted broker).
    if (!this.connected || this.pending !== undefined) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      if (this.connected) this.sync(false);
    }, 0);
  }

  hostDisconnected(): void {
    this.connected = false;
    clearTimeout(this.pending);
    this.pending = undefined;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.detach();
  }

  private pending: ReturnType<typeof setTimeout> | undefined;

  /** Forces a fresh session even with an unchanged configuration (e.g. after a fatal broker error). */
  restart(): void {
    this.detach();
    this.configSignature = undefined;
    if (this.connected) this.sync(true);
  }

  private sync(force: boolean): void {
    let options: SessionOptions;
    try {
      options = this.host.sessionOptions();
    } catch (error) {
      const rtcError = error instanceof RtcError ? error : new RtcError('invalid-attribute', String(error));
      const signature = `error:${rtcError.type}:${rtcError.message}`;
      if (signature === this.configSignature && !force) return;
      this.configSignature = signature;
      this.detach();
      this.configError = rtcError;
      this.callbacks.error(rtcError);
      return;
    }
    const signature = JSON.stringify(options);
    if (!force && signature === this.configSignature && this.session) return;
    // A broker-assigned id read back into `peerId` is the same session, not a new configuration.
    if (!force && this.session && !this.session.options.peerId && options.peerId === this.session.id) return;
    if (!force && signature === this.configSignature && this.configError === undefined && !this.session && this.connected) {
      // fall through: attach (first update after a reconnect of the host)
    }
    this.configSignature = signature;
    this.configError = undefined;
    this.detach();
    const loading = sessionReady(options);
    if (!loading) {
      this.attach(acquireSession(options));
      return;
    }
    // signaling="local" / "manual": its code loads first (once per page); so does the certificate.
    loading.then(
      () => {
        if (this.connected && this.configSignature === signature && !this.session && !this.configError) this.attach(acquireSession(options));
      },
      (error: unknown) => {
        if (this.configSignature !== signature || this.session) return;
        this.configError = loadFailed(`signaling="${options.signaling}"`, error);
        this.callbacks.error(this.configError);
      },
    );
  }

  /** Retries after transient broker failures before the first registration (1 s doubling to 30 s). */
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelays = new Backoff(1000, 30000);

  private scheduleRetry(error: RtcError | null): void {
    if (!error || !TRANSIENT.has(error.type) || this.retryTimer !== undefined || !this.connected) return;
    const delay = this.retryDelays.next();
    this.callbacks.state?.('reconnecting', delay);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.connected && this.session?.state === 'error') this.restart();
    }, delay);
  }

  private attach(session: PeerSession): void {
    this.session = session;
    const cb = this.callbacks;
    this.unsubscribe = [
      session.on('open', ({ id }) => {
        this.retryDelays.reset();
        cb.open?.(id);
      }),
      session.on('state', ({ state, retryIn }) => {
        cb.state?.(state, retryIn);
        // An unreachable or failing broker is retried; bad ids, keys and taken ids are not.
        if (state === 'error') queueMicrotask(() => this.scheduleRetry(session.lastError));
      }),
      session.admit(this.policy),
      session.on('error', (error) => cb.error(error)),
      // Only what the gate admitted for this host: another element's admissions are not ours.
      session.on('channel', (channel) => {
        if (PeerSession.isFor(channel, this.policy)) cb.channel?.(channel);
      }),
      session.on('call', (call) => {
        if (PeerSession.isFor(call, this.policy)) cb.call?.(call);
      }),
      session.on('paired', ({ peer, inviter }) => cb.paired?.(peer, inviter)),
      session.on('unpaired', ({ peer }) => cb.unpaired?.(peer)),
    ];
    cb.attached?.(session);
    // A shared session may already be open or failed; replay that for the newcomer.
    if (session.isOpen && session.id) {
      cb.state?.('open');
      cb.open?.(session.id);
    } else if (session.state === 'error' && session.lastError) {
      cb.error(session.lastError);
    } else {
      cb.state?.(session.state);
    }
  }

  private detach(): void {
    const session = this.session;
    if (!session) return;
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.session = undefined;
    this.callbacks.detached?.(session);
    releaseSession(session);
  }
}
