/** Presence for <rtc-chat>: typing notices both ways, read receipts and the unread count. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PeerChannel } from '../session/peer-session.js';
import { MAX_IDS } from './chat-limits.js';
import { RtcTypingEvent, RtcUnreadEvent } from './rtc-chat.events.js';
import { RemoteTyping } from './typing.js';
import { speaksOurs } from './chat-link-state.js';

/** Typing notices go out at most this often while the user types (a peer shows them for 4 s, typing.ts). */
const TYPING_SEND_MS = 2000;
/** Read receipts go out at most this often. */
const READ_BATCH_MS = 250;

export interface PresenceHost extends ReactiveControllerHost, HTMLElement {
  unread: number;
}

export class ChatPresence implements ReactiveController {
  /** Who is typing (throttled per peer, see typing.ts). */
  readonly typing: RemoteTyping;
  private lastTypingSent = 0;
  private unreadIds = new Map<string, string[]>();
  private inView = true;
  private observer: IntersectionObserver | undefined;
  private onVisibility = () => this.catchUp();
  private readBatch = new Map<string, string[]>();
  private readTimer: ReturnType<typeof setTimeout> | undefined;

  /** `targets`: the open channels to these peers (or all); `typingChanged` gets the typing peers after each change. */
  constructor(
    private readonly host: PresenceHost,
    private readonly targets: (wanted?: string[]) => PeerChannel[],
    typingChanged: (peers: readonly string[]) => void,
  ) {
    this.typing = new RemoteTyping((peer, typing) => {
      typingChanged(this.typing.peers);
      host.dispatchEvent(new RtcTypingEvent({ peer, typing }));
    });
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
    if (typeof IntersectionObserver !== 'undefined') {
      this.observer = new IntersectionObserver((entries) => {
        this.inView = entries.some((e) => e.isIntersecting);
        this.catchUp();
      });
      this.observer.observe(this.host);
    }
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.observer?.disconnect();
  }

  /** Marks every received message as seen: sends read receipts and resets `unread`. */
  markRead(): void {
    for (const [peer, ids] of this.unreadIds) this.sendRead(peer, ids);
    this.unreadIds.clear();
    this.setUnread(0);
  }

  /** Tells rtc-elements peers the user is typing (throttled) or stopped. */
  announce(on: boolean): void {
    const now = Date.now();
    if (on && now - this.lastTypingSent < TYPING_SEND_MS) return;
    if (!on && this.lastTypingSent === 0) return;
    this.lastTypingSent = on ? now : 0;
    this.sendEach(this.targets(), { $rtc: 1, t: 'typing', on });
  }

  /** A received message is read at once if the user can see the chat, else it counts as unread. */
  received(peer: string, id: string, receipts: boolean): void {
    if (this.inView && document.visibilityState === 'visible') {
      if (receipts) this.sendRead(peer, [id]);
      return;
    }
    if (receipts) {
      const unread = this.unreadIds.get(peer);
      if (!unread) this.unreadIds.set(peer, [id]);
      else if (unread.push(id) > MAX_IDS) unread.shift();
    }
    this.setUnread(this.host.unread + 1);
  }

  private catchUp(): void {
    if (this.inView && document.visibilityState === 'visible' && this.host.unread > 0) this.markRead();
  }

  /** Read receipts go out in batches (every READ_BATCH_MS at most), not one extra message per message. */
  private sendRead(peer: string, ids: string[]): void {
    if (ids.length === 0) return;
    const batch = this.readBatch.get(peer);
    // Appended in place: a busy conversation adds one id per message to a batch of hundreds.
    if (batch) for (const id of ids) batch.push(id);
    else this.readBatch.set(peer, [...ids]);
    if (this.readTimer !== undefined) return;
    this.readTimer = setTimeout(() => {
      this.readTimer = undefined;
      for (const [to, batch] of this.readBatch) {
        const channels = this.targets([to]); // at most one per peer
        for (let at = 0; at < batch.length; at += MAX_IDS) this.sendEach(channels, { $rtc: 1, t: 'read', ids: batch.slice(at, at + MAX_IDS) });
      }
      this.readBatch.clear();
    }, READ_BATCH_MS);
  }

  /** Sends `value` on each rtc-elements channel of `channels`. */
  private sendEach(channels: PeerChannel[], value: unknown): void {
    for (const channel of channels) {
      if (!speaksOurs(channel)) continue;
      try {
        channel.send(value);
      } catch {
        /* the close handler reports it */
      }
    }
  }

  private setUnread(count: number): void {
    if (count === this.host.unread) return;
    this.host.unread = count;
    this.host.dispatchEvent(new RtcUnreadEvent({ count }));
  }
}
