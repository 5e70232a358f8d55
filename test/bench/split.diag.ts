// Diagnostic (not part of `npm run bench`): where a chat round trip's time goes, for the plain
// ping-pong, the lean chat path (lean-side.ts, all of <rtc-chat>'s events) and <rtc-chat>.
//  1. Segments (medians, us): the JavaScript before each native send (preA: ping, procB: from the
//     ping's message event to the pong's send), the native send() calls, the hops (send returned
//     -> the other side's message event starts) and procA (pong's message event -> rtc-message).
//     RTCDataChannel.prototype.send and the onmessage setter are wrapped to take the marks, and
//     frames are told apart by their content ("ping" / "pong").
//  2. CPU per round trip by process and thread (bench-cpu-threads over 600 round trips each;
//     Linux clock ticks, so +-10 us at best), the page's main thread being renderer/chromium.
// Each <rtc-chat> pair stays under the default rate-limit's burst (2000 messages; a longer run
// from one pair is flood control at work, not speed).
//   BENCH_QUIET=1 TEST_FILES=test/bench/split.diag.ts npx wtr --config web-test-runner.bench.config.mjs
import '../../src/index.js';
import { executeServerCommand } from '@web/test-runner-commands';
import type { RtcChat } from '../../src/rtc-chat/rtc-chat.js';
import { cleanup } from '../helpers.js';
import { elementPingPong, LeanSide, type Entry } from './lean-side.js';
import { plainPair } from './plain.js';
import { median } from './util.js';

type Mark = { kind: string; channel: RTCDataChannel | null; at: number };
const marks: Mark[] = [];
const frameKind = (data: unknown) => (typeof data !== 'string' ? 'binary' : data.includes('"ping"') ? 'ping' : data.includes('"pong"') ? 'pong' : 'other');

const nativeSend = RTCDataChannel.prototype.send;
RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: never) {
  const kind = frameKind(data);
  marks.push({ kind: `send-${kind}`, channel: this, at: performance.now() });
  nativeSend.call(this, data);
  marks.push({ kind: `sent-${kind}`, channel: this, at: performance.now() });
} as typeof nativeSend;
// PeerJS sets onmessage first (and listens with addEventListener after), so wrapping the setter
// marks the start of every message event, before any of the receiver's code.
const onmessage = Object.getOwnPropertyDescriptor(RTCDataChannel.prototype, 'onmessage')!;
Object.defineProperty(RTCDataChannel.prototype, 'onmessage', {
  configurable: true,
  get() {
    return onmessage.get!.call(this);
  },
  set(handler: ((e: MessageEvent) => void) | null) {
    const channel = this as RTCDataChannel;
    onmessage.set!.call(
      this,
      handler &&
        ((e: MessageEvent) => {
          marks.push({ kind: `rx-${frameKind(e.data)}`, channel, at: performance.now() });
          handler.call(channel, e);
        }),
    );
  },
});

type Setup = { round: (i: number) => Promise<number>; a: RTCDataChannel; b: RTCDataChannel };

async function plainSetup(): Promise<Setup> {
  const pair = await plainPair(1);
  const [a, b] = [pair.send[0], pair.recv[0]];
  b.onmessage = (e) => {
    const m = JSON.parse(e.data as string);
    if (m.type === 'ping') b.send(JSON.stringify({ type: 'pong', i: m.i }));
  };
  return {
    a,
    b,
    round: async (i) => {
      const pong = new Promise<number>((resolve) => {
        a.onmessage = (e) => {
          if (JSON.parse(e.data as string).i === i) resolve(performance.now());
        };
      });
      const t0 = performance.now();
      a.send(JSON.stringify({ type: 'ping', i, t: t0, text: 'hello' }));
      return (await pong) - t0;
    },
  };
}

async function leanSetup(): Promise<Setup> {
  const pair = await plainPair(1);
  const [hostA, hostB] = [document.createElement('div'), document.createElement('div')];
  document.body.append(hostA, hostB);
  const a = new LeanSide(pair.send[0], hostA, 2);
  const b = new LeanSide(pair.recv[0], hostB, 2);
  let waiting: ((at: number) => void) | undefined;
  let want = -1;
  hostB.addEventListener('rtc-message', (e) => {
    const d = (e as CustomEvent<Entry>).detail;
    const m = d.data as { type: string; i: number };
    if (!d.self && m.type === 'ping') b.send({ type: 'pong', i: m.i });
  });
  hostA.addEventListener('rtc-message', (e) => {
    const d = (e as CustomEvent<Entry>).detail;
    if (!d.self && (d.data as { i: number }).i === want) waiting?.(performance.now());
  });
  return {
    a: pair.send[0],
    b: pair.recv[0],
    round: async (i) => {
      want = i;
      const pong = new Promise<number>((resolve) => {
        waiting = resolve;
      });
      const t0 = performance.now();
      a.send({ type: 'ping', i, t: t0, text: 'hello' });
      return (await pong) - t0;
    },
  };
}

async function elementSetup(): Promise<Setup> {
  const { a, b, round } = await elementPingPong('split');
  // The channels themselves, for telling the marks apart (internal: diagnostics only).
  type Internal = { sendTargets(peers: string[]): Array<{ dataChannel: RTCDataChannel }> };
  const channelOf = (chat: RtcChat, peer: string) => (chat as unknown as Internal).sendTargets([peer])[0].dataChannel;
  return { a: channelOf(a, b.peerId!), b: channelOf(b, a.peerId!), round };
}

const SEGMENTS = ['total', 'preA', 'sendA', 'hop1', 'procB', 'sendB', 'hop2', 'procA'] as const;

describe('diag-split', function () {
  this.timeout(0);
  afterEach(cleanup);
  it('round trip segments and CPU per round trip: plain, lean, <rtc-chat>', async () => {
    const variants: Array<[string, Setup]> = [
      ['plain', await plainSetup()],
      ['lean', await leanSetup()],
      ['element', await elementSetup()],
    ];
    const xs: Record<string, Record<string, number[]>> = {};
    let i = 0;
    for (let w = 0; w < 30; w++) for (const [, setup] of variants) await setup.round(i++);
    for (let block = 0; block < 30; block++) {
      for (let k = 0; k < variants.length; k++) {
        const [name, { round, a, b }] = variants[(k + block) % variants.length];
        for (let n = 0; n < 10; n++) {
          marks.length = 0;
          const t0 = performance.now();
          const total = await round(i++);
          const at = (kind: string, channel: RTCDataChannel) => marks.find((m) => m.kind === kind && m.channel === channel)?.at ?? NaN;
          const segment: Record<(typeof SEGMENTS)[number], number> = {
            total,
            preA: at('send-ping', a) - t0,
            sendA: at('sent-ping', a) - at('send-ping', a),
            hop1: at('rx-ping', b) - at('sent-ping', a),
            procB: at('send-pong', b) - at('rx-ping', b),
            sendB: at('sent-pong', b) - at('send-pong', b),
            hop2: at('rx-pong', a) - at('sent-pong', b),
            procA: t0 + total - at('rx-pong', a),
          };
          const row = (xs[name] ??= {});
          for (const key of SEGMENTS) if (!Number.isNaN(segment[key])) (row[key] ??= []).push(segment[key]);
        }
      }
    }
    console.log(`segments, medians in us\n${'variant'.padEnd(8)} ${SEGMENTS.map((s) => s.padStart(6)).join(' ')}`);
    for (const [name] of variants) console.log(`${name.padEnd(8)} ${SEGMENTS.map((s) => (median(xs[name][s]) * 1000).toFixed(0).padStart(6)).join(' ')}`);

    const threads = () => executeServerCommand('bench-cpu-threads') as Promise<Record<string, number>>;
    const rounds = 600;
    console.log(`CPU per round trip (us) by process/thread, ${rounds} round trips each`);
    for (const [name, { round }] of variants) {
      const before = await threads();
      const t0 = performance.now();
      for (let n = 0; n < rounds; n++) await round(i++);
      const wall = (performance.now() - t0) / rounds;
      const after = await threads();
      const used = Object.keys(after)
        .map((k) => [k, ((after[k] - (before[k] ?? 0)) / rounds) * 1000] as const)
        .filter(([, v]) => v >= 10)
        .sort((x, y) => y[1] - x[1]);
      const total = used.reduce((sum, [, v]) => sum + v, 0);
      console.log(`${name.padEnd(8)} wall ${(wall * 1000).toFixed(0)}, CPU ${total.toFixed(0)}: ${used.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' | ')}`);
    }
  });
});
