/**
 * Exponential backoff: `base` ms doubling up to `max` ms, plus up to `jitter` ms at random so
 * that many clients retrying one broker or host do not all arrive at once. The one schedule
 * behind every retry of ours (broker reconnect, first registration, chat redial, room join).
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly base: number,
    private readonly max: number,
    private readonly jitter = 0,
  ) {}

  /** The delay before the next attempt; each call doubles the one after. */
  next(): number {
    const delay = Math.min(this.max, this.base * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return delay + (this.jitter ? Math.random() * this.jitter : 0);
  }

  /** After a success: the next failure starts from `base` again. */
  reset(): void {
    this.attempt = 0;
  }

  /** How many delays were handed out since the last reset. */
  get attempts(): number {
    return this.attempt;
  }
}
