/**
 * Who is typing, from the peers' `typing` notices. A peer counts as typing for TYPING_SHOW_MS
 * after its last "on"; its state changes at most once per TYPING_CHANGE_MS (chat-limits.ts), the
 * latest notice winning, so a peer flipping it thousands of times a second costs a couple of
 * events and renders, not thousands. At most two timers per typing peer.
 */
import { TYPING_CHANGE_MS } from './chat-limits.js';

/** A peer counts as typing for this long after its last notice (an honest one repeats every 2 s). */
export const TYPING_SHOW_MS = 4000;

type Timer = ReturnType<typeof setTimeout>;

export class RemoteTyping {
  /** Peers typing now, in the order they started. A new array on every change. */
  peers: readonly string[] = [];
  /** Ends "typing" TYPING_SHOW_MS after the last notice. */
  private expiry = new Map<string, Timer>();
  /** A change that came too soon after the last one, applied when TYPING_CHANGE_MS is up. */
  private held = new Map<string, Timer>();
  private changedAt = new Map<string, number>();

  /** `changed` runs after each change of `peers`. */
  constructor(private readonly changed: (peer: string, typing: boolean) => void) {}

  /** Timers running (bounded: two per typing peer). */
  get timers(): number {
    return this.expiry.size + this.held.size;
  }

  /** A typing notice from `peer`. */
  notice(peer: string, on: boolean, now = Date.now()): void {
    const wait = (this.changedAt.get(peer) ?? -Infinity) + TYPING_CHANGE_MS - now;
    if (on !== this.peers.includes(peer) && wait > 0) {
      clearTimeout(this.held.get(peer));
      this.held.set(
        peer,
        setTimeout(() => {
          this.held.delete(peer);
          this.notice(peer, on);
        }, wait),
      );
      return;
    }
    this.set(peer, on);
  }

  /** Sets `peer`'s state at once (its message arrived: it stopped typing). */
  set(peer: string, on: boolean): void {
    clearTimeout(this.held.get(peer));
    this.held.delete(peer);
    clearTimeout(this.expiry.get(peer));
    this.expiry.delete(peer);
    if (on)
      this.expiry.set(
        peer,
        setTimeout(() => this.set(peer, false), TYPING_SHOW_MS),
      );
    if (on === this.peers.includes(peer)) return;
    this.changedAt.set(peer, Date.now());
    this.peers = on ? [...this.peers, peer] : this.peers.filter((p) => p !== peer);
    this.changed(peer, on);
  }

  /** `peer` is gone: not typing, nothing of it kept. */
  forget(peer: string): void {
    this.set(peer, false);
    this.changedAt.delete(peer);
  }
}
