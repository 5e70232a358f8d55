/** <rtc-call>'s control channels outside a call: those that came before their call, and last words to those that come after. */
import type { PeerChannel } from '../session/peer-session.js';
import type { Unsubscribe } from '../core/emitter.js';
import type { ControlMessage } from './call-protocol.js';

/** After a last message (hangup, decline) the control channel closes this much later, so it gets out. */
const CHANNEL_LINGER_MS = 1000;
/** A control channel that arrives before its call waits this long for it. */
export const ORPHAN_CHANNEL_MS = 30000;
/** At most this many control channels wait for their calls at once (a hostile peer could open many). */
const MAX_PARKED_CHANNELS = 8;

export interface ParkedChannel {
  channel: PeerChannel;
  buffered: unknown[];
  offs: Unsubscribe[];
  timer: ReturnType<typeof setTimeout>;
}

/** Parked channels and last words are keyed by who sent them and which call they belong to. */
export const channelKey = (remote: string, callId: string): string => `${remote}\u0000${callId}`;

/** Sends a last message (if any) and closes the channel a moment later, so the message gets out. */
export function sayLastWord(channel: PeerChannel, message: ControlMessage | undefined): void {
  if (message && channel.isOpen) {
    try {
      channel.send(message);
    } catch {
      /* closing anyway */
    }
    setTimeout(() => channel.close('local'), CHANNEL_LINGER_MS);
    return;
  }
  if (message && !channel.isClosed) {
    // Not open yet: say it once it opens (or give up with the linger timeout).
    const offs = [
      channel.on('open', () => {
        offs.forEach((off) => off());
        try {
          channel.send(message);
        } catch {
          /* closing anyway */
        }
        setTimeout(() => channel.close('local'), CHANNEL_LINGER_MS);
      }),
    ];
    setTimeout(() => {
      offs.forEach((off) => off());
      channel.close('local');
    }, ORPHAN_CHANNEL_MS / 3);
    return;
  }
  channel.close('local');
}

/** Control channels waiting for their calls, and what to tell channels of calls already over. */
export class ChannelDesk {
  private parked = new Map<string, ParkedChannel>();
  /** Calls already turned down or ended whose control channel may still arrive: what to tell it. */
  private lastWords = new Map<string, { message?: ControlMessage; timer: ReturnType<typeof setTimeout> }>();

  /** Answers `channel` if its call is over (true); false when it is still wanted. */
  answerLate(channel: PeerChannel, key: string): boolean {
    const last = this.lastWords.get(key);
    if (!last) return false;
    this.lastWords.delete(key);
    clearTimeout(last.timer);
    sayLastWord(channel, last.message);
    return true;
  }

  /** Keeps a channel (and what it says) until its call arrives; false when too many wait already. */
  park(channel: PeerChannel, key: string): boolean {
    if (this.parked.size >= MAX_PARKED_CHANNELS) return false;
    // The channel can be faster than its call: keep it (and what it says) until the call arrives.
    const parked: ParkedChannel = {
      channel,
      buffered: [],
      offs: [],
      timer: setTimeout(() => this.drop(key, true), ORPHAN_CHANNEL_MS),
    };
    parked.offs = [
      channel.on('data', (value) => {
        if (parked.buffered.length < 32) parked.buffered.push(value);
      }),
      channel.on('close', () => this.drop(key, false)),
    ];
    this.drop(key, true); // a second channel for the same call replaces the first
    this.parked.set(key, parked);
    return true;
  }

  /** Takes the parked channel of a call out of the waiting room. */
  take(key: string): ParkedChannel | undefined {
    const parked = this.parked.get(key);
    if (parked) this.drop(key, false);
    return parked;
  }

  /** Tells the channel of a call that is over `message`: now if it is parked, else when it arrives. */
  turnDown(key: string, message: ControlMessage | undefined): void {
    const parked = this.take(key);
    if (parked) sayLastWord(parked.channel, message);
    else this.remember(key, message);
  }

  /** What to tell the control channel of a call (`channelKey`) if it arrives after the call is over. */
  remember(key: string, message: ControlMessage | undefined): void {
    const previous = this.lastWords.get(key);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => this.lastWords.delete(key), ORPHAN_CHANNEL_MS);
    this.lastWords.set(key, message ? { message, timer } : { timer });
  }

  /** Closes every waiting channel (the session they came through is gone). */
  closeAll(): void {
    for (const key of [...this.parked.keys()]) this.drop(key, true);
  }

  private drop(key: string, close: boolean): void {
    const parked = this.parked.get(key);
    if (!parked) return;
    this.parked.delete(key);
    clearTimeout(parked.timer);
    parked.offs.forEach((off) => off());
    if (close) parked.channel.close('local');
  }
}
