/**
 * Who gets <rtc-call>'s large tile in a room: the active speaker policy (hysteresis on the
 * members' audio levels) and the spotlight rule (pin, then a screen share, then the speaker).
 * Pure logic, no DOM and no timers: the room feeds it samples (five a second) with their time.
 */

/** Why the large tile changed (`rtc-active-speaker`'s `reason`). */
export type SpotlightReason = 'speaking' | 'pin' | 'screen' | 'left';

/** Level (0 to 1) above which a member counts as speaking. */
export const SPEAKER_LEVEL = 0.03;
/** A member takes over after speaking louder than the current speaker for this long. */
export const TAKEOVER_MS = 600;
/** The current speaker (or an automatic share) keeps the large tile at least this long. */
export const HOLD_MS = 1500;
/**
 * The current speaker's level decays by this factor per sample (an envelope): the short gaps
 * between its words do not hand the tile to someone else. A challenger is judged on its raw level.
 */
const DECAY = 0.6;

export class ActiveSpeakerPolicy {
  /** The active speaker: the last one that took over (silence keeps it), null before anyone spoke. */
  current: string | null = null;
  /** When `current` took over. */
  private since = -Infinity;
  /** The current speaker's level envelope. */
  private envelope = 0;
  /** Since when each member has been speaking louder than `current`, without a break. */
  private louder = new Map<string, number>();

  /** One sample of every member's level at `now` (ms); returns the active speaker. */
  sample(levels: ReadonlyMap<string, number>, now: number): string | null {
    const level = (peer: string | null): number => {
      const value = peer === null ? 0 : (levels.get(peer) ?? 0);
      return Number.isFinite(value) ? value : 0;
    };
    for (const peer of this.louder.keys()) if (!levels.has(peer)) this.louder.delete(peer);
    this.envelope = Math.max(level(this.current), this.envelope * DECAY);
    const floor = Math.max(SPEAKER_LEVEL, this.envelope);
    let next: string | null = null;
    let loudest = 0;
    for (const peer of levels.keys()) {
      const value = level(peer);
      if (peer === this.current || value <= floor) {
        this.louder.delete(peer);
        continue;
      }
      const from = this.louder.get(peer) ?? now;
      this.louder.set(peer, from);
      if (now - from >= TAKEOVER_MS && value > loudest) {
        next = peer;
        loudest = value;
      }
    }
    if (next !== null && (this.current === null || now - this.since >= HOLD_MS)) {
      this.current = next;
      this.since = now;
      this.envelope = loudest;
      this.louder.clear();
    }
    return this.current;
  }

  /** `peer` left: it is no longer the active speaker (nobody is, until someone speaks). */
  remove(peer: string): void {
    this.louder.delete(peer);
    if (this.current === peer) {
      this.current = null;
      this.since = -Infinity;
      this.envelope = 0;
    }
  }
}

/** What the large tile shows, and why it last changed. */
export interface Spotlight {
  peer: string | null;
  pinned: boolean;
  reason: SpotlightReason;
}

/** The situation the spotlight is chosen from. */
export interface SpotlightInput {
  /** Connected members, in the order they joined. */
  members: readonly string[];
  /** Members whose media state says `screen: true`. */
  sharing: ReadonlySet<string>;
  /** The member the user pinned, if any. */
  pinned: string | undefined;
  /** The active speaker (ActiveSpeakerPolicy). */
  speaker: string | null;
  /** `layout="speaker"`: without a pin or a share the speaker (or the first member) is large; in the grid nobody is. */
  speakerLayout: boolean;
  now: number;
}

/**
 * The large tile: the pinned member, else the earliest ongoing screen share (a later share does
 * not take it over: pin that one), else in the speaker layout the active speaker or the first
 * member. A pin and a leave change it at once; a share or a speaker only once the tile has been
 * held HOLD_MS, so a member flapping its announced state cannot make it flicker.
 */
export class SpotlightPolicy {
  shown: Spotlight = { peer: null, pinned: false, reason: 'speaking' };
  private since = -Infinity;
  /** Sharing members, in the order their shares started. */
  private shares: string[] = [];
  /** The pin and the share as of the last change. */
  private shownPin: string | undefined;
  private shownShare: string | undefined;
  private shownLayout = false;

  /** Returns the new spotlight when it changed, else undefined. */
  decide(input: SpotlightInput): Spotlight | undefined {
    const { members, pinned, now } = input;
    this.shares = this.shares.filter((peer) => input.sharing.has(peer) && members.includes(peer));
    for (const peer of members) if (input.sharing.has(peer) && !this.shares.includes(peer)) this.shares.push(peer);
    const pin = pinned !== undefined && members.includes(pinned) ? pinned : undefined;
    const share = this.shares[0];
    const speaker = input.speaker !== null && members.includes(input.speaker) ? input.speaker : (members[0] ?? null);
    const peer = pin ?? share ?? (input.speakerLayout ? speaker : null);
    const was = this.shown.peer;
    const pinChanged = pin !== this.shownPin;
    if (peer === was && !pinChanged) {
      this.shownShare = share;
      this.shownLayout = input.speakerLayout;
      return undefined;
    }
    const left = was !== null && !members.includes(was);
    // The user's own changes (a pin, the layout) and a leave apply at once.
    if (!pinChanged && !left && input.speakerLayout === this.shownLayout && now - this.since < HOLD_MS) return undefined;
    const reason: SpotlightReason = left ? 'left' : pinChanged ? 'pin' : share !== this.shownShare ? 'screen' : 'speaking';
    this.since = now;
    this.shownPin = pin;
    this.shownShare = share;
    this.shownLayout = input.speakerLayout;
    this.shown = { peer, pinned: pin !== undefined, reason };
    return this.shown;
  }
}
