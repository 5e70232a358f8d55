// Diagnostic (not part of `npm run bench`): CPU ms per MiB by process and thread for sendFile vs
// the plain channel, and a CPU profile of the page during one sendFile.
//   BENCH_OUT=/tmp/x.jsonl TEST_FILES=test/bench/threads.diag.ts npx wtr --config web-test-runner.bench.config.mjs
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { RtcChat } from '../../src/rtc-chat/rtc-chat.js';
import { nextEvent, openChat, uid } from '../helpers.js';
import { MiB, makePayload, report, round, sleep } from './util.js';
import { BEST_PLAIN, plainTransfer } from './plain.js';

const threads = async () => (await executeServerCommand<Record<string, number>, undefined>('bench-cpu-threads')) ?? {};
const diff = (a: Record<string, number>, b: Record<string, number>, mib: number) => {
  const out: Record<string, number> = {};
  for (const k of Object.keys(b)) {
    const d = (b[k] - (a[k] ?? 0)) / mib;
    if (d >= 0.5) out[k] = round(d, 1);
  }
  return out;
};

describe('diag', () => {
  it('threads', async function () {
    this.timeout(1200000);
    const size = 32 * MiB;
    const payload = makePayload(size);
    const b = await openChat({ 'peer-id': uid('d-b'), 'confirm-file-size': String(Number.MAX_SAFE_INTEGER) });
    const a = (await openChat({ 'peer-id': uid('d-a'), remote: b.peerId! })) as RtcChat;
    await new Promise<void>((r) => {
      const t = setInterval(() => {
        if (a.peers.length && b.peers.length) {
          clearInterval(t);
          r();
        }
      }, 50);
    });
    const sums: Record<string, Record<string, number>[]> = { element: [], plain: [] };
    const reps = 2;
    for (let rep = 0; rep < reps; rep++) {
      for (const variant of rep % 2 ? ['plain', 'element'] : ['element', 'plain']) {
        const t0 = await threads();
        const w0 = performance.now();
        if (variant === 'plain') await plainTransfer(payload, BEST_PLAIN);
        else {
          const got = nextEvent(b, 'rtc-file', 300000);
          await a.sendFile(payload.blob, { name: 'x.bin' });
          await got;
        }
        const w1 = performance.now();
        await sleep(300);
        const t1 = await threads();
        const d = diff(t0, t1, size / MiB);
        sums[variant].push(d);
        await report('diag-threads', { variant, rep, mibps: round(size / MiB / ((w1 - w0) / 1000)), threads: d });
        await sleep(300);
      }
    }
    await executeServerCommand('bench-profile', { action: 'start' });
    const got = nextEvent(b, 'rtc-file', 300000);
    await a.sendFile(payload.blob, { name: 'x.bin' });
    await got;
    const top = await executeServerCommand('bench-profile', { action: 'stop', name: 'element-sendfile', top: 30 });
    await report('diag-profile', { top });
  });
});
