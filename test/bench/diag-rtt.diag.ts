// One-off diagnostic (not part of npm run bench): profiles element round trips.
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { RtcChat } from '../../src/rtc-chat/rtc-chat.js';
import { cleanup, nextEvent, openChat, uid } from '../helpers.js';
import { median, percentile } from './util.js';
import { plainPair } from './plain.js';

describe('diag', function () {
  this.timeout(0);
  afterEach(cleanup);
  it('rtt profile', async () => {
    const b = await openChat({ 'peer-id': uid('d-b') }) as RtcChat;
    const a = await openChat({ 'peer-id': uid('d-a') }) as RtcChat;
    const bc = nextEvent(b, 'rtc-connect');
    await a.connect(b.peerId!);
    await bc;
    b.addEventListener('rtc-message', (e) => {
      const { self, data } = e.detail;
      const p = data as { type?: string; i?: number };
      if (!self && p?.type === 'ping') b.send({ type: 'pong', i: p.i }).catch(() => {});
    });
    const round = async (i: number) => {
      const pong = new Promise<number>((resolve) => {
        const l = (e: Event) => {
          const { self, data } = (e as CustomEvent).detail;
          if (self || data?.type !== 'pong' || data.i !== i) return;
          a.removeEventListener('rtc-message', l);
          resolve(performance.now());
        };
        a.addEventListener('rtc-message', l);
      });
      const t0 = performance.now();
      await a.send({ type: 'ping', i, t: t0, text: 'hello' }, { to: b.peerId! });
      return (await pong) - t0;
    };
    const plain = await plainPair(1);
    const [ps, pr] = [plain.send[0], plain.recv[0]];
    pr.onmessage = (e) => { const p = JSON.parse(e.data as string); if (p.type === 'ping') pr.send(JSON.stringify({ type: 'pong', i: p.i })); };
    const plainRound = async (i: number) => {
      const pong = new Promise<number>((resolve) => {
        const l = (e: MessageEvent) => { const m = JSON.parse(e.data as string); if (m.type !== 'pong' || m.i !== i) return; ps.removeEventListener('message', l); resolve(performance.now()); };
        ps.addEventListener('message', l);
      });
      const t0 = performance.now();
      ps.send(JSON.stringify({ type: 'ping', i, t: t0, text: 'hello' }));
      return (await pong) - t0;
    };
    let i = 0;
    for (let w = 0; w < 50; w++) { await round(i++); await plainRound(i++); }
    const el: number[] = []; const pl: number[] = [];
    for (let blk = 0; blk < 20; blk++) {
      for (let n = 0; n < 10; n++) el.push(await round(i++));
      for (let n = 0; n < 10; n++) pl.push(await plainRound(i++));
    }
    console.log(`RTT element p50 ${median(el).toFixed(2)} p95 ${percentile(el, 0.95).toFixed(2)} | plain p50 ${median(pl).toFixed(2)} p95 ${percentile(pl, 0.95).toFixed(2)}`);
    if ((window as unknown as { DIAG_PROFILE?: boolean }).DIAG_PROFILE !== false) {
      await executeServerCommand('bench-profile', { action: 'start' });
      for (let n = 0; n < 400; n++) await round(i++);
      const top = await executeServerCommand('bench-profile', { action: 'stop', name: 'diag-rtt', top: 40 });
      console.log(JSON.stringify(top, null, 1));
    }
    plain.close();
  });
});
