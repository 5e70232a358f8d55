// What the round-trip diagnostics (lean.diag.ts, split.diag.ts) share: the lean hand-written chat
// path (on a plain RTCDataChannel, JSON text frames with <rtc-chat>'s envelope (id, time, seq), an
// id check, a duplicate set, receipts riding on the reply and a history array), and the
// <rtc-chat> ping-pong they compare it with.
import type { RtcChat } from '../../src/rtc-chat/rtc-chat.js';
import { nextEvent, openChat, uid } from '../helpers.js';

export type Entry = { id: string; data: unknown; time: number; self: boolean };
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const SHARED = { bubbles: true, composed: true } as const;
let nextId = 0;

/** One side of the lean chat: `events` 0 (callbacks), 1 (received only) or 2 (all of <rtc-chat>'s per round trip). */
export class LeanSide {
  private seen = new Set<string>();
  private outbox = new Map<string, unknown>();
  private acks: string[] = [];
  private history: Entry[] = [];
  private seq = 0;
  onMessage?: (entry: Entry) => void;

  constructor(
    private readonly channel: RTCDataChannel,
    readonly host: HTMLElement,
    private readonly events: number,
  ) {
    channel.onmessage = (event) => this.receive(event.data as string);
  }

  private receive(text: string): void {
    const r = JSON.parse(text) as Record<string, unknown>;
    if (r.$rtc !== 1 || r.t !== 'msg' || typeof r.id !== 'string' || !ID.test(r.id) || this.seen.has(r.id)) return;
    this.seen.add(r.id);
    this.acks.push(r.id);
    const entry: Entry = { id: r.id, data: r.data, time: r.time as number, self: false };
    this.history.push(entry);
    if (this.events > 0) this.host.dispatchEvent(new CustomEvent('rtc-message', { ...SHARED, detail: entry }));
    else this.onMessage?.(entry);
    for (const id of (r.ack as string[] | undefined) ?? []) {
      if (this.outbox.delete(id) && this.events > 1)
        this.host.dispatchEvent(new CustomEvent('rtc-message-status', { ...SHARED, detail: { id, status: 'delivered' } }));
    }
  }

  send(data: unknown): void {
    if (JSON.stringify(data).length > 16000) throw new Error('too large');
    const id = `m${nextId++}${Math.random().toString(36).slice(2, 10)}`;
    const time = Date.now();
    this.outbox.set(id, data);
    const envelope: Record<string, unknown> = { $rtc: 1, t: 'msg', id, time, data, seq: ++this.seq };
    if (this.acks.length) {
      envelope.ack = this.acks;
      this.acks = [];
    }
    this.channel.send(JSON.stringify(envelope));
    const entry: Entry = { id, data, time, self: true };
    this.history.push(entry);
    if (this.events > 1) this.host.dispatchEvent(new CustomEvent('rtc-message', { ...SHARED, detail: entry }));
  }
}

/** Two connected <rtc-chat>s; b answers every ping from its rtc-message listener. `round(i)`: ms from a's send() to a's rtc-message for the pong. */
export async function elementPingPong(prefix: string): Promise<{ a: RtcChat; b: RtcChat; round: (i: number) => Promise<number> }> {
  const b = (await openChat({ 'peer-id': uid(`${prefix}-b`) })) as RtcChat;
  const a = (await openChat({ 'peer-id': uid(`${prefix}-a`) })) as RtcChat;
  const connected = nextEvent(b, 'rtc-connect');
  await a.connect(b.peerId!);
  await connected;
  b.addEventListener('rtc-message', (e) => {
    const ping = e.detail.data as { type?: string; i?: number };
    if (!e.detail.self && ping?.type === 'ping') b.send({ type: 'pong', i: ping.i }).catch(() => {});
  });
  return {
    a,
    b,
    round: async (i) => {
      const pong = new Promise<number>((resolve) => {
        const listener = (e: Event) => {
          const { self, data } = (e as CustomEvent<{ self: boolean; data: { i?: number } }>).detail;
          if (self || data?.i !== i) return;
          a.removeEventListener('rtc-message', listener);
          resolve(performance.now());
        };
        a.addEventListener('rtc-message', listener);
      });
      const t0 = performance.now();
      await a.send({ type: 'ping', i, t: t0, text: 'hello' }, { to: b.peerId! });
      return (await pong) - t0;
    },
  };
}
