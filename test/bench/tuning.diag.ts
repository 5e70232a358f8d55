// Diagnostic (not part of `npm run bench`): sendFile with different send-queue settings against
// the plain channel, rotating, 32 MiB. MiB/s per run and CPU ms per MiB.
//   BENCH_OUT=/tmp/x.jsonl TEST_FILES=test/bench/tuning.diag.ts npx wtr --config web-test-runner.bench.config.mjs
import '../../src/index.js';
import type { RtcChat } from '../../src/rtc-chat/rtc-chat.js';
import type { TransferTuning } from '../../src/rtc-chat/file-transfer.js';
import { DEFAULT_TUNING } from '../../src/rtc-chat/file-transfers.js';
import { nextEvent, openChat, uid } from '../helpers.js';
import { KiB, MiB, browserCpuMs, makePayload, report, round, sleep } from './util.js';
import { BEST_PLAIN, plainTransfer } from './plain.js';

const VARIANTS: Record<string, Partial<TransferTuning> | 'plain'> = {
  plain: 'plain',
  'element 1M/256K': {},
  'element 4M/2M': { highWater: 4 * MiB, lowWater: 2 * MiB },
  'element 2M/1M': { highWater: 2 * MiB, lowWater: 1 * MiB },
};

describe('diag', () => {
  it('tuning', async function () {
    this.timeout(3000000);
    const size = 32 * MiB;
    const payload = makePayload(size);
    await payload.blob.arrayBuffer();
    const b = await openChat({ 'peer-id': uid('t-b'), 'confirm-file-size': String(Number.MAX_SAFE_INTEGER) });
    const a = (await openChat({ 'peer-id': uid('t-a'), remote: b.peerId! })) as RtcChat;
    await new Promise<void>((r) => {
      const t = setInterval(() => {
        if (a.peers.length && b.peers.length) {
          clearInterval(t);
          r();
        }
      }, 50);
    });
    const names = Object.keys(VARIANTS);
    for (let rep = 0; rep < 6; rep++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(k + rep) % names.length];
        const v = VARIANTS[name];
        const c0 = await browserCpuMs();
        const t0 = performance.now();
        if (v === 'plain') await plainTransfer(payload, BEST_PLAIN);
        else {
          a.fileTransfers.tuning = { ...DEFAULT_TUNING, ...v };
          const got = nextEvent(b, 'rtc-file', 300000);
          await a.sendFile(payload.blob, { name: 'x.bin' });
          await got;
        }
        const t1 = performance.now();
        const c1 = await browserCpuMs();
        await report('diag-tuning', { name, rep, mibps: round(size / MiB / ((t1 - t0) / 1000)), cpu: round((c1 - c0) / (size / MiB), 1) });
        await sleep(200);
      }
    }
    void KiB;
  });
});
