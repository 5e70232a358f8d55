// Diagnostic (not in `npm run bench`): message to pixels split: send() -> rtc-message on the
// receiver -> node added (Lit render) -> frame, for <rtc-chat> (feel.test.ts 'paint').
// BENCH_OUT=/tmp/x.jsonl TEST_FILES=test/bench/paint.diag.ts npx wtr --config web-test-runner.bench.config.mjs
import '../../src/index.js';
import { cleanup, nextEvent, openChat, uid } from '../helpers.js';
import { median, report, round, sleep } from './util.js';

describe('message to pixels split', function () {
  this.timeout(0);
  afterEach(cleanup);
  it('send -> rtc-message -> mutation', async () => {
    const b = await openChat({ 'peer-id': uid('pd-b') });
    const a = await openChat({ 'peer-id': uid('pd-a') });
    const connected = nextEvent(b, 'rtc-connect');
    await a.connect(b.peerId!);
    await connected;
    const toEvent: number[] = [];
    const toNode: number[] = [];
    for (let i = 0; i < 40; i++) {
      const token = `t${i}x`;
      const t0 = performance.now();
      const ev = nextEvent(b, 'rtc-message').then(() => performance.now());
      const node = new Promise<number>((resolve) => {
        const mo = new MutationObserver((rs) => {
          for (const r of rs)
            for (const n of r.addedNodes)
              if (n.textContent?.includes(token)) {
                mo.disconnect();
                resolve(performance.now());
                return;
              }
        });
        mo.observe(b.shadowRoot!, { childList: true, subtree: true });
      });
      void a.send(`hello ${token}`);
      const [te, tn] = await Promise.all([ev, node]);
      toEvent.push(te - t0);
      toNode.push(tn - te);
      await sleep(60 + Math.random() * 20);
    }
    await report('paint-diag', {
      toEvent: round(median(toEvent)),
      eventToNode: round(median(toNode)),
      all: toEvent.map((x, i) => [round(x), round(toNode[i])]),
    });
  });
});
