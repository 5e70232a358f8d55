// One-off diagnostic: plain channel vs bare PeerJS json round trips.
import '../../src/index.js';
import { median, percentile } from './util.js';
import { plainPair } from './plain.js';
import { openPeer, connectPair } from './peerjs.js';
import { uid } from '../helpers.js';

describe('diag2', function () {
  this.timeout(0);
  it('rtt baselines', async () => {
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
    const pa = await openPeer(uid('pa')); const pb = await openPeer(uid('pb'));
    const [out, inc] = await connectPair(pa, pb, { reliable: true, serialization: 'json' });
    inc.on('data', (d) => { const p = d as { type: string; i: number }; if (p.type === 'ping') inc.send({ type: 'pong', i: p.i }); });
    const pjRound = async (i: number) => {
      const pong = new Promise<number>((resolve) => {
        const l = (d: unknown) => { const m = d as { type: string; i: number }; if (m.type !== 'pong' || m.i !== i) return; out.off('data', l); resolve(performance.now()); };
        out.on('data', l);
      });
      const t0 = performance.now();
      out.send({ type: 'ping', i, t: t0, text: 'hello' });
      return (await pong) - t0;
    };
    // raw datachannel under PeerJS
    const rdA = (out as unknown as { dataChannel: RTCDataChannel }).dataChannel;
    const rdB = (inc as unknown as { dataChannel: RTCDataChannel }).dataChannel;
    const enc = new TextEncoder(); const dec = new TextDecoder();
    const rawRound = async (i: number) => {
      const pong = new Promise<number>((resolve) => {
        const l = (e: MessageEvent) => { if (typeof e.data === 'string') return; const m = JSON.parse(dec.decode(e.data)); if (m.type !== 'pong2' || m.i !== i) return; rdA.removeEventListener('message', l); resolve(performance.now()); };
        rdA.addEventListener('message', l);
      });
      const t0 = performance.now();
      rdA.send(enc.encode(JSON.stringify({ type: 'ping2', i, t: t0, text: 'hello' })));
      return (await pong) - t0;
    };
    rdB.addEventListener('message', (e) => { const p = JSON.parse(dec.decode(e.data)); if (p.type === 'ping2') rdB.send(enc.encode(JSON.stringify({ type: 'pong2', i: p.i }))); });
    let i = 0;
    const res: Record<string, number[]> = { plain: [], peerjs: [], raw: [] };
    const fns: Record<string, (i: number) => Promise<number>> = { plain: plainRound, peerjs: pjRound, raw: rawRound };
    for (let w = 0; w < 30; w++) for (const k of Object.keys(fns)) await fns[k](i++);
    for (let blk = 0; blk < 20; blk++) for (const k of Object.keys(fns)) for (let n = 0; n < 10; n++) res[k].push(await fns[k](i++));
    for (const k of Object.keys(res)) console.log(`RTT ${k} p50 ${median(res[k]).toFixed(2)} p95 ${percentile(res[k], 0.95).toFixed(2)}`);
    const sendCost = (dc: RTCDataChannel, data: string | Uint8Array) => { const t = performance.now(); for (let k = 0; k < 500; k++) dc.send(data as string); return (performance.now() - t) / 500; };
    await new Promise((r) => setTimeout(r, 500));
    console.log(`send cost plain text ${sendCost(ps, '{"a":1}').toFixed(4)} ms; peerjs dc binary ${sendCost(rdA, enc.encode('{"a":1}')).toFixed(4)} ms; plain binary ${sendCost(ps, enc.encode('{"a":1}')).toFixed(4)}`);
    plain.close(); pa.destroy(); pb.destroy();
  });
});
