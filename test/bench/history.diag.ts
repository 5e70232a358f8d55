// Diagnostic (not in `npm run bench`): where the long frames of the long-history run go
// (feel.test.ts 'history'): a Chromium trace of the reveal-all-and-scroll-back, main-thread totals
// per event, and the longest frames with what ran in them.
// BENCH_OUT=/tmp/x.jsonl TEST_FILES=test/bench/history.diag.ts npx wtr --config web-test-runner.bench.config.mjs
import { executeServerCommand } from '@web/test-runner-commands';
import { PEER_URL } from '/__peer-config.js';
import '../../src/index.js';
import { cleanup, uid, until } from '../helpers.js';
import { percentile, report, round } from './util.js';

const afterNextPaint = () =>
  new Promise<number>((resolve) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve(performance.now());
      ch.port2.postMessage(null);
    }),
  );

describe('long history split', function () {
  this.timeout(0);
  afterEach(cleanup);
  for (const override of ['', '.log.long .message { content-visibility: visible; }'])
    it(`reveal all, scroll back: trace${override ? ` with ${override}` : ''}`, async () => {
      const count = Number(new URLSearchParams(location.search).get('count') ?? 10000) || 10000;
      const id = uid('hd');
      const now = Date.now();
      const messages = Array.from({ length: count }, (_, i) => ({
        id: (i + 1).toString(16).padStart(24, '0'),
        from: i % 2 ? id : 'someone-else',
        data: `message ${i}: the quick brown fox jumps over the lazy dog`,
        time: now - (count - i) * 1000,
        self: i % 2 === 1,
      }));
      localStorage.setItem(`rtc-elements:chat:${id}`, JSON.stringify({ v: 1, messages, delivery: {} }));
      const el = document.createElement('rtc-chat');
      el.setAttribute('ice-servers', '[]');
      el.setAttribute('server', PEER_URL);
      el.setAttribute('max-messages', String(count));
      el.setAttribute('peer-id', id);
      el.persist = true;
      el.style.height = '400px';
      document.body.append(el);
      if (override) {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(override);
        el.shadowRoot!.adoptedStyleSheets = [...el.shadowRoot!.adoptedStyleSheets, sheet];
      }
      await until(() => el.messages.length === count, 'restored', 30000);
      await el.updateComplete;
      localStorage.removeItem(`rtc-elements:chat:${id}`);
      const list = el.shadowRoot!.querySelector<HTMLElement>('[part~="messages"]')!;
      const top = () => (list.scrollTop = -(list.scrollHeight - list.clientHeight));
      const steps: Array<{ what: string; ms: number }> = [];
      const timed = async (what: string, fn: () => void) => {
        const t0 = performance.now();
        fn();
        await afterNextPaint();
        steps.push({ what, ms: round(performance.now() - t0, 1) });
      };
      await executeServerCommand('bench-trace', { action: 'start' });
      for (let k = 0; k < count / 100 + 5; k++) {
        await timed('top', top);
        const more = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="show-earlier"]');
        if (!more) break;
        await timed(`show earlier (${el.shadowRoot!.querySelectorAll('.message').length} drawn)`, () => more.click());
      }
      for (let s = 1; s <= 20; s++) await timed(`back ${s}`, () => (list.scrollTop = -(list.scrollHeight - list.clientHeight) * (1 - s / 20)));
      const totals = await executeServerCommand('bench-trace', { action: 'stop', top: 15 });
      const byWhat = (prefix: string) => steps.filter((x) => x.what.startsWith(prefix)).map((x) => x.ms);
      await report('history-diag', {
        override,
        count,
        frameMaxMs: Math.max(...steps.map((x) => x.ms)),
        showEarlierP95: percentile(byWhat('show'), 0.95),
        topP95: percentile(byWhat('top'), 0.95),
        backP95: percentile(byWhat('back'), 0.95),
        slowest: [...steps].sort((a, b) => b.ms - a.ms).slice(0, 12),
        totals,
      });
    });
});
