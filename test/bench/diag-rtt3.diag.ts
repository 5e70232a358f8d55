// One-off diagnostic: element (visible, hidden) vs bare PeerJS json vs plain channel round trips.
import '../../src/index.js';
import { executeServerCommand } from '@web/test-runner-commands';
import type { RtcChat } from '../../src/rtc-chat/rtc-chat.js';
import { cleanup, nextEvent, openChat, uid } from '../helpers.js';
import { median, percentile } from './util.js';
import { plainPair } from './plain.js';
import { openPeer, connectPair } from './peerjs.js';

type Round = (i: number) => Promise<number>;
async function elementRound(hidden: boolean, attrs: Record<string, string> = {}, noRender = false): Promise<Round> {
  const b = await openChat({ 'peer-id': uid('d-b'), ...attrs }) as RtcChat;
  const a = await openChat({ 'peer-id': uid('d-a'), ...attrs }) as RtcChat;
  if (hidden) { a.style.display = 'none'; b.style.display = 'none'; }
  const bc = nextEvent(b, 'rtc-connect');
  await a.connect(b.peerId!);
  await bc;
  if (noRender) for (const x of [a, b]) (x as unknown as { scheduleUpdate: () => void }).scheduleUpdate = () => {};
  b.addEventListener('rtc-message', (e) => {
    const { self, data } = e.detail;
    const p = data as { type?: string; i?: number };
    if (!self && p?.type === 'ping') b.send({ type: 'pong', i: p.i }).catch(() => {});
  });
  return async (i: number) => {
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
}

describe('diag3', function () {
  this.timeout(0);
  afterEach(cleanup);
  it('rtt variants', async () => {
    const plain = await plainPair(1);
    const [ps, pr] = [plain.send[0], plain.recv[0]];
    pr.onmessage = (e) => { const p = JSON.parse(e.data as string); if (p.type === 'ping') pr.send(JSON.stringify({ type: 'pong', i: p.i })); };
    const plainRound: Round = async (i) => {
      const pong = new Promise<number>((resolve) => {
        const l = (e: MessageEvent) => { const m = JSON.parse(e.data as string); if (m.type !== 'pong' || m.i !== i) return; ps.removeEventListener('message', l); resolve(performance.now()); };
        ps.addEventListener('message', l);
      });
      const t0 = performance.now();
      ps.send(JSON.stringify({ type: 'ping', i, t: t0, text: 'hello' }));
      return (await pong) - t0;
    };
    const pa = await openPeer(uid('pa')); const pb = await openPeer(uid('pb'));
    const [out, inc] = await connectPair(pa, pb, { reliable: true, serialization: 'json' });
    inc.on('data', (d) => { const p = d as { type: string; i: number }; if (p.type === 'ping') inc.send({ type: 'pong', i: p.i }); });
    const pjRound: Round = async (i) => {
      const pong = new Promise<number>((resolve) => {
        const l = (d: unknown) => { const m = d as { type: string; i: number }; if (m.type !== 'pong' || m.i !== i) return; out.off('data', l); resolve(performance.now()); };
        out.on('data', l);
      });
      const t0 = performance.now();
      out.send({ type: 'ping', i, t: t0, text: 'hello' });
      return (await pong) - t0;
    };
    const fns: Record<string, Round> = { element: await elementRound(false), hidden: await elementRound(true), norender: await elementRound(false, {}, true), peerjs: pjRound, plain: plainRound };
    const res: Record<string, number[]> = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
    let i = 0;
    const keys = Object.keys(fns);
    for (let w = 0; w < 20; w++) for (const k of keys) await fns[k](i++);
    for (let blk = 0; blk < 30; blk++) for (let j = 0; j < keys.length; j++) { const k = keys[(j + blk) % keys.length]; for (let n = 0; n < 10; n++) res[k].push(await fns[k](i++)); }
    const p50 = (k: string) => median(res[k]);
    console.log(keys.map((k) => `${k} p50 ${p50(k).toFixed(2)} p95 ${percentile(res[k], 0.95).toFixed(2)} (${(p50(k) / p50('plain')).toFixed(2)}x)`).join(' | '));
    if (false) {
      await executeServerCommand('bench-profile', { action: 'start' });
      for (let n = 0; n < 1000; n++) await fns.norender(i++);
      await executeServerCommand('bench-profile', { action: 'stop', name: 'diag-norender', top: 5 });
      await executeServerCommand('bench-profile', { action: 'start' });
      for (let n = 0; n < 1000; n++) await fns.peerjs(i++);
      await executeServerCommand('bench-profile', { action: 'stop', name: 'diag-peerjs', top: 5 });
    }
    plain.close(); pa.destroy(); pb.destroy();
  });
});
