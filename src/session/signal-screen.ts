/**
 * The session's screen in front of PeerJS's signaling handler: every message (broker, local or
 * manual) has its shape checked (signal-check.ts), offers go through the admission gate
 * (admission.ts) and the connection caps, answers and candidates reach only connections that
 * exist, and nothing PeerJS throws escapes into the socket's listener. Refused peers are told
 * (`peer-refused`, throttled) and may hear "no" on a muted channel.
 */
import type { DataConnection } from 'peerjs';
import { RtcError } from '../core/errors.js';
import { Buckets, Throttle, judge, offerKind, refusalMessage, type LinkKind, type RefusalReason } from './admission.js';
import { checkSignal, type Signal } from './signal-check.js';
import { PeerChannel, type AdmissionPolicy } from './peer-link.js';
import { applySignal, connectionCount, forgetHeldSignals, holdSignal, hookSignals, type PeerInternals } from './peerjs-internals.js';

/** One `peer-refused` per peer in this window. */
const REFUSAL_REPORT_MS = 10000;
/** One muted last-word channel per refused peer in this window, at most MAX_MUTED at once, each for MUTED_LINGER_MS. */
const LAST_WORD_INTERVAL_MS = 3000;
const MAX_MUTED = 4;
const MUTED_LINGER_MS = 5000;
/**
 * Live connections per remote peer and in total. A busy peer holds a chat, a call with its
 * control channel, a room link and a few file channels; thousands would exhaust the browser.
 */
const MAX_LINKS_PER_PEER = 32;
const MAX_LINKS = 256;
/** New incoming connections per peer: a burst of this many, then this many per second. */
const OFFER_BURST = 32;
const OFFERS_PER_SECOND = 4;
/** ANSWER/CANDIDATE messages held for a connection not set up yet (a ringing call). */
const MAX_HELD_SIGNALS = 64;

/** What the gate decided for the offer PeerJS is handling right now. */
export type OfferVerdict = { audience: ReadonlySet<AdmissionPolicy> } | { muted: AdmissionPolicy[] };

export class SignalScreen {
  /** Set while PeerJS handles an offer the gate admitted or mutes, so the session's 'connection'/'call' handler knows. */
  verdict: OfferVerdict | undefined;
  /** Refused peers' muted channels, alive for a last word at most. */
  private muted = new Set<PeerChannel>();
  /** At most one `peer-refused` (and one `invalid-data` for bad signaling) per peer per interval. */
  private refusals = new Throttle(REFUSAL_REPORT_MS);
  private signalProblems = new Throttle(REFUSAL_REPORT_MS);
  /** At most one muted last-word channel per peer per interval. */
  private lastWords = new Throttle(LAST_WORD_INTERVAL_MS);
  /** New incoming connections per peer: a burst, then a steady rate. */
  private offers = new Buckets(OFFER_BURST, OFFERS_PER_SECOND);

  /** Hooks into `internals` at once; `policies` is the session's live set of attached policies. */
  constructor(
    private readonly internals: PeerInternals,
    private readonly policies: ReadonlySet<AdmissionPolicy>,
    private readonly error: (error: RtcError) => void,
  ) {
    hookSignals(internals, (message, pass) => {
      const src = (message as { src?: unknown } | null)?.src;
      try {
        const checked = checkSignal(message);
        if ('problem' in checked) {
          this.signalProblem(typeof src === 'string' ? src : undefined, checked.problem);
          return;
        }
        this.screenSignal(checked.ok, pass);
      } catch (error) {
        this.signalProblem(typeof src === 'string' ? src : undefined, `it could not be handled (${(error as Error).message})`);
      } finally {
        this.verdict = undefined;
      }
    });
  }

  /**
   * A refused peer's channel: nothing it sends is decoded. A policy may use it for a last word
   * (a call's "declined"); otherwise it closes as soon as it opens, so the peer hears "no".
   * @internal (PeerJS's types stay out of the published declarations)
   */
  adoptMuted(connection: DataConnection, handlers: AdmissionPolicy[]): void {
    const channel = new PeerChannel(connection, false, new Set(), true);
    this.muted.add(channel);
    const timer = setTimeout(() => channel.close('local'), MUTED_LINGER_MS);
    channel.on('close', () => {
      clearTimeout(timer);
      this.muted.delete(channel);
      this.forget(channel.id);
    });
    if (
      handlers.some((policy) => {
        try {
          return policy.lastWord?.(channel) === true;
        } catch {
          return false;
        }
      })
    )
      return;
    if (channel.isOpen) channel.close('local');
    else channel.on('open', () => channel.close('local'));
  }

  /** Held signaling of a connection that is gone is dropped with it. */
  forget(connectionId: string): void {
    forgetHeldSignals(this.internals, connectionId);
  }

  /** Closes the muted channels (the session is destroyed). */
  close(): void {
    for (const channel of this.muted) channel.close('local');
  }

  private screenSignal(signal: Signal, pass: (signal: Signal) => void): void {
    const src = signal.src ?? '';
    switch (signal.type) {
      case 'OFFER':
        this.screenOffer(signal, src, pass);
        return;
      case 'ANSWER':
      case 'CANDIDATE':
        this.routeSignal(signal, src);
        return;
      case 'EXPIRE':
        // "Could not connect to peer X" means something only while we are trying to reach X.
        if (connectionCount(this.internals, src)) pass(signal);
        return;
      default:
        pass(signal);
    }
  }

  private screenOffer(signal: Signal, src: string, pass: (signal: Signal) => void): void {
    const payload = signal.payload!;
    const connectionId = payload.connectionId as string;
    // PeerJS would close the live connection of that id and start over: a re-offer is refused.
    if (this.internals.getConnection(src, connectionId)) return;
    const kind = offerKind(payload.type, payload.metadata);
    const verdict = judge(src, kind, payload.serialization, this.policies);
    let refusal: RefusalReason | undefined = verdict.admit ? undefined : verdict.reason;
    if (verdict.admit && !this.hasRoomFor(src)) refusal = 'too-many';
    if (verdict.admit && !refusal) {
      this.verdict = { audience: new Set(verdict.audience) };
      pass(signal);
      return;
    }
    const handlers = verdict.admit ? verdict.audience : verdict.handlers;
    this.reportRefusal(src, kind, refusal!, handlers);
    // A peer refused by allow hears "no" on a muted channel (data only, within a budget), so an
    // honest caller sees "declined" rather than a timeout. Media offers are never answered.
    if (refusal === 'not-allowed' && kind !== 'media' && kind !== 'signal' && this.muted.size < MAX_MUTED && this.lastWords.take(src)) {
      this.verdict = { muted: handlers };
      pass(signal);
    }
  }

  /** Per-peer and total caps on live connections, and a rate for new ones. */
  private hasRoomFor(src: string): boolean {
    if (connectionCount(this.internals, src) >= MAX_LINKS_PER_PEER) return false;
    if (connectionCount(this.internals) >= MAX_LINKS) return false;
    return this.offers.take(src);
  }

  /** ANSWER / CANDIDATE: to the connection it names, held briefly (bounded) while that one is not set up yet. */
  private routeSignal(signal: Signal, src: string): void {
    const connectionId = signal.payload!.connectionId as string;
    const connection = this.internals.getConnection(src, connectionId);
    if (!connection) return; // for nothing we have (or a closed one): dropped
    if (connection.peerConnection) {
      const handled = applySignal(connection, signal);
      // PeerJS's handler is async: a failure there must not become an unhandled rejection.
      if (handled instanceof Promise) handled.catch((error: unknown) => this.signalProblem(src, `PeerJS could not apply it (${(error as Error)?.message})`));
      return;
    }
    // An incoming call that is still ringing has no RTCPeerConnection yet: PeerJS replays these on answer.
    holdSignal(this.internals, connectionId, signal, MAX_HELD_SIGNALS);
  }

  private reportRefusal(src: string, kind: LinkKind | undefined, reason: RefusalReason, handlers: AdmissionPolicy[]): void {
    if (!this.refusals.take(reason === 'invalid-id' ? '#invalid-id' : src)) return;
    const message = refusalMessage(src, kind, reason);
    const told = handlers.length ? handlers : [...this.policies];
    for (const policy of told) {
      try {
        policy.refused?.(reason === 'invalid-id' ? '' : src, kind ?? 'chat', message);
      } catch {
        /* a policy's bug is its own */
      }
    }
  }

  private signalProblem(src: string | undefined, problem: string): void {
    if (!this.signalProblems.take(src ?? '#broker')) return;
    this.error(
      new RtcError(
        'invalid-data',
        src ? `Peer "${src.slice(0, 64)}" sent a signaling message that was dropped: ${problem}.` : `The broker sent a message that was dropped: ${problem}.`,
      ),
    );
  }
}
