// Diagnostic (not part of `npm run bench`): where the time of one sendFile goes, from the call to
// the receiver's first byte (offer, accept, dialling the file connection), the data, the
// receiver's checks, and its confirmation back to the sender.
//   BENCH_OUT=/tmp/x.jsonl TEST_FILES=test/bench/phases.diag.ts npx wtr --config web-test-runner.bench.config.mjs
import '../../src/index.js';
import type { RtcChat } from '../../src/rtc-chat/rtc-chat.js';
import { openChat, uid } from '../helpers.js';
import { MiB, makePayload, report, round, sleep } from './util.js';

describe('diag', () => {
  it('phases', async function () {
    this.timeout(1200000);
    const b = await openChat({ 'peer-id': uid('p-b'), 'confirm-file-size': String(Number.MAX_SAFE_INTEGER) });
    const a = (await openChat({ 'peer-id': uid('p-a'), remote: b.peerId! })) as RtcChat;
    await new Promise<void>((r) => {
      const t = setInterval(() => {
        if (a.peers.length && b.peers.length) {
          clearInterval(t);
          r();
        }
      }, 50);
    });
    for (const mib of [1, 32, 32, 1, 32]) {
      const payload = makePayload(mib * MiB);
      await payload.blob.arrayBuffer(); // the blob is built in the browser process before timing starts
      const marks: Record<string, number> = {};
      const mark = (k: string) => {
        marks[k] ??= performance.now();
      };
      const onProgress = (e: Event) => {
        const d = (e as CustomEvent).detail;
        if (d.bytes > 0) mark('firstByte');
        if (d.bytes === d.total) mark('lastByte');
      };
      b.addEventListener('rtc-file-offer', () => mark('offer'), { once: true });
      b.addEventListener('rtc-file-progress', onProgress);
      b.addEventListener('rtc-file', () => mark('received'), { once: true });
      const t0 = performance.now();
      await a.sendFile(payload.blob, { name: 'x.bin' });
      mark('resolved');
      b.removeEventListener('rtc-file-progress', onProgress);
      const rel = Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, round(v - t0, 1)]));
      await report('diag-phases', { mib, ms: rel, mibps: round(mib / ((marks.resolved - t0) / 1000)) });
      await sleep(300);
    }
  });
});
