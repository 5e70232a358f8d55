// Diagnostic (not part of `npm run bench`): how close to the plain channel can a chat round trip
// with <rtc-chat>'s features get at all? A lean hand-written chat path on a plain RTCDataChannel
// pair (JSON text frames, envelope with id/time/seq, id check, duplicate set, receipts riding on
// the reply, a history array) against the plain ping-pong and against <rtc-chat>, in the same run,
// variants rotating in blocks of 20. The lean path comes in three levels of DOM events:
//   lean-no-events: none (a callback);  lean-rx-event: rtc-message for received messages only;
//   lean-all-events: also rtc-message for own messages and rtc-message-status for receipts,
//   i.e. the events <rtc-chat> fires per round trip.
//   BENCH_QUIET=1 TEST_FILES=test/bench/lean.diag.ts npx wtr --config web-test-runner.bench.config.mjs
import '../../src/index.js';
import { cleanup } from '../helpers.js';
import { plainPair } from './plain.js';
import { median, percentile } from './util.js';
import { elementPingPong, LeanSide, type Entry } from './lean-side.js';

type Round = (i: number) => Promise<number>;

async function leanPair(events: number): Promise<Round> {
  const pair = await plainPair(1);
  const [hostA, hostB] = [document.createElement('div'), document.createElement('div')];
  document.body.append(hostA, hostB);
  const a = new LeanSide(pair.send[0], hostA, events);
  const b = new LeanSide(pair.recv[0], hostB, events);
  const answer = (entry: Entry) => {
    const m = entry.data as { type: string; i: number };
    if (m.type === 'ping') b.send({ type: 'pong', i: m.i });
  };
  let waiting: ((at: number) => void) | undefined;
  let want = -1;
  const arrived = (entry: Entry) => {
    if ((entry.data as { i: number }).i === want) waiting?.(performance.now());
  };
  if (events > 0) {
    hostB.addEventListener('rtc-message', (e) => {
      const d = (e as CustomEvent<Entry>).detail;
      if (!d.self) answer(d);
    });
    hostA.addEventListener('rtc-message', (e) => {
      const d = (e as CustomEvent<Entry>).detail;
      if (!d.self) arrived(d);
    });
  } else {
    b.onMessage = answer;
    a.onMessage = arrived;
  }
  return async (i) => {
    want = i;
    const pong = new Promise<number>((resolve) => {
      waiting = resolve;
    });
    const t0 = performance.now();
    a.send({ type: 'ping', i, t: t0, text: 'hello' });
    return (await pong) - t0;
  };
}

describe('diag-lean', function () {
  this.timeout(0);
  afterEach(cleanup);
  it('lean chat path vs plain vs <rtc-chat>', async () => {
    const plain = await plainPair(1);
    const [ps, pr] = [plain.send[0], plain.recv[0]];
    pr.onmessage = (e) => {
      const m = JSON.parse(e.data as string);
      if (m.type === 'ping') pr.send(JSON.stringify({ type: 'pong', i: m.i }));
    };
    const plainRound: Round = async (i) => {
      const pong = new Promise<number>((resolve) => {
        ps.onmessage = (e) => {
          if (JSON.parse(e.data as string).i === i) resolve(performance.now());
        };
      });
      const t0 = performance.now();
      ps.send(JSON.stringify({ type: 'ping', i, t: t0, text: 'hello' }));
      return (await pong) - t0;
    };
    const variants: Array<[string, Round]> = [
      ['plain', plainRound],
      ['lean-no-events', await leanPair(0)],
      ['lean-rx-event', await leanPair(1)],
      ['lean-all-events', await leanPair(2)],
      ['element', (await elementPingPong('lean')).round],
    ];
    const xs: Record<string, number[]> = {};
    let i = 0;
    for (let w = 0; w < 50; w++) for (const [, round] of variants) await round(i++);
    for (let block = 0; block < 40; block++) {
      for (let k = 0; k < variants.length; k++) {
        const [name, round] = variants[(k + block) % variants.length];
        for (let n = 0; n < 20; n++) (xs[name] ??= []).push(await round(i++));
      }
    }
    const base = median(xs.plain);
    console.log(
      variants
        .map(
          ([name]) =>
            `${name.padEnd(16)} p50 ${median(xs[name]).toFixed(3)} ms (${(median(xs[name]) / base).toFixed(2)}x)  p95 ${percentile(xs[name], 0.95).toFixed(2)} ms`,
        )
        .join('\n'),
    );
  });
});
