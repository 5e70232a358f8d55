// One-off diagnostic: where a round trip's time goes (element without rendering vs bare PeerJS).
import '../../src/index.js';
import type { RtcChat } from '../../src/rtc-chat/rtc-chat.js';
import { cleanup, nextEvent, openChat, uid } from '../helpers.js';
import { median } from './util.js';
import { openPeer, connectPair } from './peerjs.js';

describe('diag-split', function () {
  this.timeout(0);
  afterEach(cleanup);
  it('split', async () => {
    const b = await openChat({ 'peer-id': uid('d-b') }) as RtcChat;
    const a = await openChat({ 'peer-id': uid('d-a') }) as RtcChat;
    const bc = nextEvent(b, 'rtc-connect');
    await a.connect(b.peerId!);
    await bc;
    for (const x of [a, b]) (x as unknown as { scheduleUpdate: () => void }).scheduleUpdate = () => {};
    const dcOf = (x: RtcChat) => ([...((x as unknown as { held: Map<string, Set<{ dataChannel: RTCDataChannel }>> }).held.values())][0].values().next().value!).dataChannel;
    const T: Record<string, number> = {};
    dcOf(b).addEventListener('message', () => { T.wireB ??= performance.now(); });
    dcOf(a).addEventListener('message', () => { T.wireA ??= performance.now(); });
    b.addEventListener('rtc-message', (e) => {
      const { self, data } = e.detail;
      const p = data as { type?: string; i?: number };
      if (!self && p?.type === 'ping') { T.evB = performance.now(); b.send({ type: 'pong', i: p.i }).catch(() => {}); T.sentB = performance.now(); }
    });
    const elRound = async (i: number) => {
      for (const k of Object.keys(T)) delete T[k];
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
      const p = a.send({ type: 'ping', i, t: t0, text: 'hello' }, { to: b.peerId! });
      T.sentA = performance.now();
      await p;
      const end = await pong;
      return { sendA: T.sentA - t0, toWireB: T.wireB - t0, wireToEvB: T.evB - T.wireB, sendB: T.sentB - T.evB, toWireA: T.wireA - T.sentB, wireToEvA: end - T.wireA, total: end - t0 };
    };
    const pa = await openPeer(uid('pa')); const pb = await openPeer(uid('pb'));
    const [out, inc] = await connectPair(pa, pb, { reliable: true, serialization: 'json' });
    const dA = (out as unknown as { dataChannel: RTCDataChannel }).dataChannel; const dB = (inc as unknown as { dataChannel: RTCDataChannel }).dataChannel;
    dB.addEventListener('message', () => { T.wireB ??= performance.now(); });
    dA.addEventListener('message', () => { T.wireA ??= performance.now(); });
    inc.on('data', (d) => { const p = d as { type: string; i: number }; if (p.type === 'ping') { T.evB = performance.now(); inc.send({ type: 'pong', i: p.i }); T.sentB = performance.now(); } });
    const pjRound = async (i: number) => {
      for (const k of Object.keys(T)) delete T[k];
      const pong = new Promise<number>((resolve) => {
        const l = (d: unknown) => { const m = d as { type: string; i: number }; if (m.type !== 'pong' || m.i !== i) return; out.off('data', l); resolve(performance.now()); };
        out.on('data', l);
      });
      const t0 = performance.now();
      out.send({ type: 'ping', i, t: t0, text: 'hello' });
      T.sentA = performance.now();
      const end = await pong;
      return { sendA: T.sentA - t0, toWireB: T.wireB - t0, wireToEvB: T.evB - T.wireB, sendB: T.sentB - T.evB, toWireA: T.wireA - T.sentB, wireToEvA: end - T.wireA, total: end - t0 };
    };
    type R = Record<string, number>;
    const acc: Record<string, R[]> = { el: [], pj: [] };
    let i = 0;
    for (let w = 0; w < 30; w++) { await elRound(i++); await pjRound(i++); }
    for (let blk = 0; blk < 40; blk++) { for (let n = 0; n < 10; n++) acc.el.push(await elRound(i++)); for (let n = 0; n < 10; n++) acc.pj.push(await pjRound(i++)); }
    for (const k of ['el', 'pj']) {
      const keys = Object.keys(acc[k][0]);
      const mean = (key: string) => acc[k].reduce((s, r) => s + r[key], 0) / acc[k].length;
      console.log(`${k}: ` + keys.map((key) => `${key} mean ${mean(key).toFixed(3)} med ${median(acc[k].map((r) => r[key])).toFixed(2)}`).join(' | '));
    }
    pa.destroy(); pb.destroy();
  });
});
