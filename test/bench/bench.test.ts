// rtc-elements benchmarks: every figure next to its baseline, measured in the same page and run.
// Run through `npm run bench` (scripts/bench.mjs), never by `npm test`. Each measurement goes to
// the bench plugin as a `bench-result` command; scripts/bench.mjs turns them into one table.
import type { DataConnection } from 'peerjs';
import { BENCH } from '/__bench-config.js';
import '../../src/index.js';
import type { RtcChat } from '../../src/rtc-chat/rtc-chat.js';
import { liveSessionCount } from '../../src/session/registry.js';
import { Sha256 } from '../../src/core/sha256.js';
import { createSha256, sha256Engine } from '../../src/core/sha256-wasm.js';
import { cleanup, nextEvent, openChat, SERVER, NO_ICE, uid } from '../helpers.js';
import {
  KiB,
  MiB,
  browserCpuByProcess,
  browserCpuMs,
  canForceGc,
  heapSnapshot,
  errorText,
  installPcCounter,
  makePayload,
  median,
  pcCounts,
  percentile,
  report,
  round,
  settledHeap,
  sleep,
  withTimeout,
} from './util.js';
import { BEST_PLAIN, plainPair, plainTransfer, type PipeSettings } from './plain.js';
import { closePair, connectPair, openPeer, peerjsTransfer } from './peerjs.js';

installPcCounter();

const enabled = (section: string) => !BENCH.only || BENCH.only.includes(section);
const section = (name: string, fn: () => void) => (enabled(name) ? describe(name, fn) : describe.skip(name, fn));

/** What <rtc-chat> offers for files once the lead's sendFile lands (checked at run time). */
interface FileSender {
  sendFile?: (file: Blob, options?: { name?: string }) => Promise<unknown>;
}
interface RtcFileDetail {
  id: string;
  from: string;
  name: string;
  type: string;
  size: number;
  blob: Blob;
}

/** Two open <rtc-chat> elements, `a` connected to `b`. */
async function chatPair(attrs: Record<string, string> = {}): Promise<{ a: RtcChat; b: RtcChat }> {
  // Files of any size flow without the user's Accept (confirm-file-size), as in a benchmark they must.
  const b = await openChat({ 'peer-id': uid('bench-b'), 'confirm-file-size': String(Number.MAX_SAFE_INTEGER), ...attrs });
  const a = await openChat({ 'peer-id': uid('bench-a'), ...attrs });
  const bConnected = nextEvent(b, 'rtc-connect');
  await a.connect(b.peerId!);
  await bConnected;
  return { a, b };
}

async function disconnectChats(a: RtcChat, b: RtcChat): Promise<void> {
  const gone = b.peers.length ? nextEvent(b, 'rtc-disconnect') : Promise.resolve();
  a.disconnect();
  await gone;
}

const summary = (xs: number[], digits = 2) => ({
  n: xs.length,
  median: round(median(xs), digits),
  p95: round(percentile(xs, 0.95), digits),
  min: round(Math.min(...xs), digits),
  max: round(Math.max(...xs), digits),
});

describe('rtc-elements benchmarks', function () {
  this.timeout(0);
  afterEach(cleanup);

  it('environment', async () => {
    const pair = await plainPair(1);
    const env = {
      userAgent: navigator.userAgent,
      hardwareConcurrency: navigator.hardwareConcurrency,
      forcedGc: canForceGc(),
      preciseMemory: Number.isFinite(await settledHeap()),
      sctpMaxMessageSize: pair.a.sctp?.maxMessageSize,
      // 5 us timer steps when isolated, 100 us otherwise (round trips are ~0.5 ms)
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      defaultBinaryType: pair.recv[0].binaryType,
      config: BENCH,
    };
    pair.close();
    await report('env', env);
  });

  section('connect', () => {
    it('chat.connect() -> rtc-connect vs bare peer.connect() -> open', async () => {
      const runs = BENCH.connectRuns ?? 20;
      // Diagnostic (full runs): the same elements with display:none, i.e. without layout/paint.
      const diagnostics = !BENCH.quick;
      const pairs: Record<string, { a: RtcChat; b: RtcChat }> = {};
      for (const name of diagnostics ? ['element', 'element-hidden'] : ['element']) {
        const b = await openChat({ 'peer-id': uid('conn-b') });
        const a = await openChat({ 'peer-id': uid('conn-a') });
        if (name === 'element-hidden') {
          a.style.display = 'none';
          b.style.display = 'none';
        }
        pairs[name] = { a, b };
      }
      const [pa, pb] = await Promise.all([openPeer(uid('conn-pa')), openPeer(uid('conn-pb'))]);
      const variants = [...Object.keys(pairs), 'peerjs'];
      const xs: Record<string, { event: number[]; resolved: number[]; both: number[] }> = {};
      for (const v of variants) xs[v] = { event: [], resolved: [], both: [] };

      const elementOnce = async ({ a, b }: { a: RtcChat; b: RtcChat }) => {
        let tEvent = 0;
        const onConnect = () => {
          tEvent ||= performance.now();
        };
        a.addEventListener('rtc-connect', onConnect);
        const remoteConnected = nextEvent(b, 'rtc-connect');
        const t0 = performance.now();
        await a.connect(b.peerId!);
        const tResolved = performance.now();
        await remoteConnected;
        const tBoth = performance.now();
        a.removeEventListener('rtc-connect', onConnect);
        await disconnectChats(a, b);
        return { event: tEvent - t0, resolved: tResolved - t0, both: tBoth - t0 };
      };
      const bareOnce = async () => {
        const inbound = new Promise<DataConnection>((resolve) => pb.once('connection', resolve));
        const t0 = performance.now();
        const out = pa.connect(pb.id);
        await withTimeout(new Promise<void>((resolve) => out.once('open', resolve)), 15000, 'bare open');
        const tOpen = performance.now();
        const inc = await withTimeout(inbound, 15000, 'bare inbound');
        if (!inc.open) await new Promise<void>((resolve) => inc.once('open', resolve));
        const tBoth = performance.now();
        await closePair(out, inc);
        return { event: tOpen - t0, resolved: tOpen - t0, both: tBoth - t0 };
      };
      try {
        // run -1 warms every variant up; then the order rotates every run
        for (let run = -1; run < runs; run++) {
          for (let k = 0; k < variants.length; k++) {
            const variant = variants[(k + Math.max(0, run)) % variants.length];
            const r = variant === 'peerjs' ? await bareOnce() : await elementOnce(pairs[variant]);
            if (run >= 0) {
              xs[variant].event.push(r.event);
              xs[variant].resolved.push(r.resolved);
              xs[variant].both.push(r.both);
            }
            await sleep(50);
          }
        }
      } finally {
        pa.destroy();
        pb.destroy();
      }
      for (const variant of variants) {
        const x = xs[variant];
        await report('connect', {
          variant,
          ms: summary(x.event),
          resolvedMs: summary(x.resolved),
          bothSidesMs: summary(x.both),
          runs: x.event.map((v) => round(v)),
        });
      }
    });
  });

  section('rtt', () => {
    it('chat message round trip: <rtc-chat> send()/rtc-message vs plain RTCDataChannel + JSON', async () => {
      const rounds = BENCH.rttRounds ?? 200;
      const warmup = BENCH.rttWarmup ?? 20;
      // Blocks of 10 round trips, the variant order rotating every block: load from other jobs on
      // this shared machine changes over seconds, so every variant samples the same conditions.
      const perBlock = 10;
      const blocks = Math.ceil(rounds / perBlock);
      type Round = (i: number) => Promise<number>;

      /** An element pair where b answers every ping from an rtc-message listener. */
      const elementRoundTrip = async (attrs: Record<string, string>, hidden: boolean): Promise<{ round: Round; a: RtcChat }> => {
        const { a, b } = await chatPair(attrs);
        if (hidden) {
          a.style.display = 'none';
          b.style.display = 'none';
        }
        const bId = b.peerId!;
        b.addEventListener('rtc-message', (e) => {
          const { self, data } = e.detail;
          const ping = data as { type?: string; i?: number };
          if (!self && ping?.type === 'ping') b.send({ type: 'pong', i: ping.i }).catch(() => {});
        });
        const round = async (i: number): Promise<number> => {
          const pong = new Promise<number>((resolve) => {
            const listener = (e: Event) => {
              const { self, data } = (e as CustomEvent<{ self: boolean; data: { type?: string; i?: number } }>).detail;
              if (self || data?.type !== 'pong' || data.i !== i) return;
              a.removeEventListener('rtc-message', listener);
              resolve(performance.now());
            };
            a.addEventListener('rtc-message', listener);
          });
          const t0 = performance.now();
          await a.send({ type: 'ping', i, t: t0, text: 'hello' }, { to: bId });
          return (await withTimeout(pong, 10000, 'element pong')) - t0;
        };
        return { round, a };
      };

      // plain pair: the same JSON both ways
      const plain = await plainPair(1);
      const [ps, pr] = [plain.send[0], plain.recv[0]];
      pr.onmessage = (e) => {
        const ping = JSON.parse(e.data as string) as { type: string; i: number };
        if (ping.type === 'ping') pr.send(JSON.stringify({ type: 'pong', i: ping.i }));
      };
      const plainRound: Round = async (i) => {
        const pong = new Promise<number>((resolve) => {
          const listener = (e: MessageEvent) => {
            const m = JSON.parse(e.data as string) as { type: string; i: number };
            if (m.type !== 'pong' || m.i !== i) return;
            ps.removeEventListener('message', listener);
            resolve(performance.now());
          };
          ps.addEventListener('message', listener);
        });
        const t0 = performance.now();
        ps.send(JSON.stringify({ type: 'ping', i, t: t0, text: 'hello' }));
        return (await withTimeout(pong, 10000, 'plain pong')) - t0;
      };

      // Reference: bare PeerJS with the connection the element dials (json, reliable), i.e. the
      // floor for anything built on PeerJS: its serializer, binary frames, its event emitter.
      const [rpa, rpb] = await Promise.all([openPeer(uid('rtt-pa')), openPeer(uid('rtt-pb'))]);
      const [pjOut, pjIn] = await connectPair(rpa, rpb, { reliable: true, serialization: 'json' });
      pjIn.on('data', (d) => {
        const ping = d as { type?: string; i?: number };
        if (ping?.type === 'ping') pjIn.send({ type: 'pong', i: ping.i });
      });
      const peerjsRound: Round = async (i) => {
        const pong = new Promise<number>((resolve) => {
          const listener = (d: unknown) => {
            const m = d as { type?: string; i?: number };
            if (m?.type !== 'pong' || m.i !== i) return;
            pjOut.off('data', listener);
            resolve(performance.now());
          };
          pjOut.on('data', listener);
        });
        const t0 = performance.now();
        pjOut.send({ type: 'ping', i, t: t0, text: 'hello' });
        return (await withTimeout(pong, 10000, 'peerjs pong')) - t0;
      };

      const element = await elementRoundTrip({}, false);
      const variants: Array<{ name: string; round: Round; a?: RtcChat }> = [
        { name: 'element', round: element.round, a: element.a },
        { name: 'plain', round: plainRound },
        { name: 'peerjs', round: peerjsRound },
      ];
      if (!BENCH.quick) {
        // Diagnostics: where the element's time goes (history rendering, layout).
        const small = await elementRoundTrip({ 'max-messages': '20' }, false);
        const hidden = await elementRoundTrip({}, true);
        variants.push({ name: 'element-max-messages-20', round: small.round, a: small.a }, { name: 'element-hidden', round: hidden.round, a: hidden.a });
      }
      const xs: Record<string, number[]> = Object.fromEntries(variants.map((v) => [v.name, []]));
      const firstHalf: Record<string, number[]> = Object.fromEntries(variants.map((v) => [v.name, []]));
      let i = 0;
      for (let w = 0; w < warmup; w++) for (const v of variants) await v.round(i++);
      for (let block = 0; block < blocks; block++) {
        for (let k = 0; k < variants.length; k++) {
          const v = variants[(k + block) % variants.length]; // rotate which goes first
          for (let n = 0; n < perBlock; n++) {
            const ms = await v.round(i++);
            xs[v.name].push(ms);
            if (block < blocks / 2) firstHalf[v.name].push(ms);
          }
        }
      }
      plain.close();
      rpa.destroy();
      rpb.destroy();
      for (const v of variants) {
        await report('rtt', {
          variant: v.name,
          ms: summary(xs[v.name], 3),
          firstHalfMedian: round(median(firstHalf[v.name]), 3),
          ...(v.a ? { historyLength: v.a.messages.length, maxMessages: v.a.maxMessages } : {}),
        });
      }
    });
  });

  section('memory', () => {
    const cycles = () => BENCH.memoryCycles ?? 50;

    /**
     * Runs `cycle` (after warm-up cycles), then reports heap, RTCPeerConnection and session counts.
     * `snapshots`: also split the growth into JS data and compiled code with heap snapshots
     * (a few seconds each under load; quick runs skip them).
     */
    async function measure(
      variant: string,
      cycle: (n: number) => Promise<void>,
      snapshots: boolean,
      extra: () => Record<string, unknown> = () => ({}),
    ): Promise<void> {
      const n = cycles();
      // Warm-up first: the first cycles grow the heap with JIT code and inline caches (measured:
      // +128, +60, +31, +10 KiB for four successive blocks of 50 element cycles), not with leaks.
      // Heap snapshots before/after split the growth into JS data and compiled code.
      const warmup = BENCH.quick ? 5 : 20;
      for (let w = 0; w < warmup; w++) await cycle(-1 - w);
      await sleep(300);
      const heapBefore = await settledHeap();
      const heapNoise = Math.abs((await settledHeap()) - heapBefore);
      const snapBefore = snapshots ? await heapSnapshot(`${variant}-before`) : undefined;
      const pcBefore = pcCounts();
      const sessionsBefore = liveSessionCount();
      const t0 = performance.now();
      for (let k = 0; k < n; k++) await cycle(k);
      const ms = performance.now() - t0;
      await sleep(500); // let remote closes and the registry's deferred destroy run
      const heapAfter = await settledHeap();
      const snapAfter = snapBefore ? await heapSnapshot(`${variant}-after`, `${variant}-before`) : undefined;
      const pcAfter = pcCounts();
      await report('memory', {
        variant,
        cycles: n,
        warmup,
        msPerCycle: round(ms / n, 1),
        heapBefore,
        heapAfter,
        heapGrowth: heapAfter - heapBefore,
        heapNoise,
        ...(snapBefore && snapAfter
          ? { jsDataGrowth: snapAfter.jsData - snapBefore.jsData, codeGrowth: snapAfter.code - snapBefore.code, grew: snapAfter.grew }
          : {}),
        pcCreated: pcAfter.created - pcBefore.created,
        pcClosed: pcAfter.closed - pcBefore.closed,
        pcOpenBefore: pcBefore.open,
        pcOpenAfter: pcAfter.open,
        pcAliveBefore: pcBefore.alive,
        pcAliveAfter: pcAfter.alive,
        sessionsBefore,
        sessionsAfter: liveSessionCount(),
        ...extra(),
      });
    }

    it('connect/disconnect cycles: two <rtc-chat> vs two bare Peers', async () => {
      // order: bare first, then element (element heap is measured after the bare run warmed PeerJS up too)
      const [pa, pb] = await Promise.all([openPeer(uid('mem-pa')), openPeer(uid('mem-pb'))]);
      await measure(
        'peerjs-connect',
        async () => {
          const [out, inc] = await connectPair(pa, pb);
          const got = new Promise((resolve) => inc.once('data', resolve));
          out.send({ type: 'hi' });
          await withTimeout(got, 10000, 'bare data');
          await closePair(out, inc);
        },
        !BENCH.quick,
      );
      pa.destroy();
      pb.destroy();

      const b = await openChat({ 'peer-id': uid('mem-b') });
      const a = await openChat({ 'peer-id': uid('mem-a') });
      await measure(
        'element-connect',
        async () => {
          const remote = nextEvent(b, 'rtc-connect');
          await a.connect(b.peerId!);
          await remote;
          const got = nextEvent<CustomEvent>(b, 'rtc-message', 10000, (e) => !e.detail.self);
          await a.send({ type: 'hi' });
          await got;
          await disconnectChats(a, b);
          a.clear(); // the history is kept by design; only connection state may not grow
          b.clear();
        },
        !BENCH.quick,
        () => ({ heldPeers: [a.peers.length, b.peers.length] }),
      );
    });

    it('mount/unmount cycles: two new <rtc-chat> (new peer ids) vs two new bare Peers', async () => {
      await measure(
        'peerjs-mount',
        async () => {
          // one after the other, like the elements below (b is open before a dials)
          const pb = await openPeer(uid('mm-pb'));
          const pa = await openPeer(uid('mm-pa'));
          const [out, inc] = await connectPair(pa, pb);
          const got = new Promise((resolve) => inc.once('data', resolve));
          out.send({ type: 'hi' });
          await withTimeout(got, 10000, 'bare data');
          pa.destroy();
          pb.destroy();
        },
        !BENCH.quick,
      );

      await measure(
        'element-mount',
        async () => {
          const bId = uid('mm-b');
          const b = await openChat({ 'peer-id': bId });
          const a = document.createElement('rtc-chat');
          a.setAttribute('server', SERVER);
          a.setAttribute('ice-servers', NO_ICE);
          a.setAttribute('peer-id', uid('mm-a'));
          a.setAttribute('remote', bId);
          const connected = nextEvent(a, 'rtc-connect');
          const remote = nextEvent(b, 'rtc-connect');
          document.body.appendChild(a);
          await connected;
          await remote;
          const got = nextEvent<CustomEvent>(b, 'rtc-message', 10000, (e) => !e.detail.self);
          await a.send({ type: 'hi' });
          await got;
          a.remove();
          b.remove();
          await sleep(0);
        },
        !BENCH.quick,
      );
    });
  });

  section('throughput', () => {
    it('SHA-256 speed: what sendFile hashes with (both sides) vs the JavaScript fallback vs WebCrypto', async () => {
      const size = (BENCH.quick ? 8 : 32) * MiB;
      const rounds = BENCH.quick ? 2 : 4; // hash the buffer this often per measurement (10 ms CPU ticks)
      const { bytes } = makePayload(size);
      // MiB per second of renderer CPU (robust against the other jobs on this machine) and of wall time
      const cpuRates: Record<string, number[]> = { used: [], js: [], webcrypto: [] };
      const wallRates: Record<string, number[]> = { used: [], js: [], webcrypto: [] };
      const feed = (hash: Sha256) => {
        for (let at = 0; at < size; at += 256 * KiB) hash.update(bytes.subarray(at, at + 256 * KiB)); // as sendFile does
        return hash.hex();
      };
      const variants: Record<string, () => Promise<unknown>> = {
        used: async () => feed(createSha256()),
        js: async () => feed(new Sha256()),
        webcrypto: () => crypto.subtle.digest('SHA-256', bytes),
      };
      for (let rep = 0; rep < 3; rep++) {
        for (const [name, run] of Object.entries(variants)) {
          const c0 = (await browserCpuByProcess()).renderer ?? NaN;
          const t0 = performance.now();
          for (let r = 0; r < rounds; r++) await run();
          const t1 = performance.now();
          const c1 = (await browserCpuByProcess()).renderer ?? NaN;
          cpuRates[name].push((rounds * size) / MiB / ((c1 - c0) / 1000));
          wallRates[name].push((rounds * size) / MiB / ((t1 - t0) / 1000));
        }
      }
      const m = (xs: number[]) => round(median(xs), 0);
      await report('sha256', {
        variant: 'speed',
        engine: sha256Engine(),
        mib: size / MiB,
        rounds,
        usedMiBps: m(cpuRates.used),
        jsMiBps: m(cpuRates.js),
        webcryptoMiBps: m(cpuRates.webcrypto),
        wall: { usedMiBps: m(wallRates.used), jsMiBps: m(wallRates.js), webcryptoMiBps: m(wallRates.webcrypto) },
      });
    });

    it('file throughput: <rtc-chat> sendFile vs plain RTCDataChannel (best settings) vs PeerJS binary', async () => {
      const size = Math.round((BENCH.fileMB ?? 64) * MiB);
      const reps = BENCH.throughputReps ?? 3;
      const payload = makePayload(size);
      const [pa, pb] = await Promise.all([openPeer(uid('tp-pa')), openPeer(uid('tp-pb'))]);
      const { a, b } = await chatPair();
      const sender = a as RtcChat & FileSender;
      const hasSendFile = typeof sender.sendFile === 'function';
      const results: Record<string, number[]> = { element: [], plain: [], 'peerjs-binary': [] };
      const cpu: Record<string, number[]> = { element: [], plain: [], 'peerjs-binary': [] };
      // CPU ms per MiB of the renderer (page, WebRTC threads) and of the network service (UDP sockets)
      const renderer: Record<string, number[]> = { element: [], plain: [], 'peerjs-binary': [] };
      const network: Record<string, number[]> = { element: [], plain: [], 'peerjs-binary': [] };
      const errors: Record<string, string> = {};
      let maxMessageSize: number | undefined;
      let peerjsReceivedType = '';
      let elementDetail: Partial<RtcFileDetail> = {};
      const variants = ['plain', 'element', 'peerjs-binary'];
      try {
        for (let rep = 0; rep < reps; rep++) {
          for (let k = 0; k < variants.length; k++) {
            const variant = variants[(k + rep) % variants.length]; // rotate the order every repetition
            if (errors[variant]) continue;
            if (variant === 'element' && !hasSendFile) continue;
            const before = await browserCpuByProcess();
            try {
              if (variant === 'plain') {
                const r = await plainTransfer(payload, BEST_PLAIN);
                maxMessageSize = r.maxMessageSize;
                results.plain.push(r.mibps);
                cpu.plain.push(r.cpuMsPerMiB);
              } else if (variant === 'peerjs-binary') {
                const r = await peerjsTransfer(pa, pb, payload.blob);
                peerjsReceivedType = r.receivedType;
                results['peerjs-binary'].push(r.mibps);
                cpu['peerjs-binary'].push(r.cpuMsPerMiB);
              } else {
                const arrived = nextEvent<CustomEvent<RtcFileDetail>>(b, 'rtc-file', 300000);
                const c0 = await browserCpuMs();
                const t0 = performance.now();
                await sender.sendFile!(payload.blob, { name: 'bench.bin' });
                const t1 = performance.now();
                cpu.element.push(((await browserCpuMs()) - c0) / (size / MiB));
                const detail = (await arrived).detail;
                if (detail.size !== size || detail.blob.size !== size) throw new Error(`rtc-file: ${detail.blob.size} of ${size} bytes`);
                elementDetail = { name: detail.name, type: detail.type, size: detail.size };
                results.element.push(size / MiB / ((t1 - t0) / 1000));
              }
              const after = await browserCpuByProcess();
              renderer[variant].push(((after.renderer ?? NaN) - (before.renderer ?? NaN)) / (size / MiB));
              const ns = 'network.mojom.NetworkService';
              network[variant].push(((after[ns] ?? NaN) - (before[ns] ?? NaN)) / (size / MiB));
            } catch (error) {
              errors[variant] = errorText(error);
            }
            await sleep(200);
          }
        }
      } finally {
        pa.destroy();
        pb.destroy();
      }
      const fileMiB = size / MiB;
      await report('throughput', {
        variant: 'element',
        fileMiB,
        ...(hasSendFile ? {} : { na: 'sendFile not available' }),
        runs: results.element.map((x) => round(x)),
        median: round(median(results.element)),
        cpuMsPerMiB: round(median(cpu.element), 1),
        rendererMsPerMiB: round(median(renderer.element), 0),
        networkServiceMsPerMiB: round(median(network.element), 0),
        detail: elementDetail,
        error: errors.element,
      });
      await report('throughput', {
        variant: 'plain',
        fileMiB,
        settings: BEST_PLAIN,
        maxMessageSize,
        runs: results.plain.map((x) => round(x)),
        median: round(median(results.plain)),
        cpuMsPerMiB: round(median(cpu.plain), 1),
        rendererMsPerMiB: round(median(renderer.plain), 0),
        networkServiceMsPerMiB: round(median(network.plain), 0),
        error: errors.plain,
      });
      await report('throughput', {
        variant: 'peerjs-binary',
        fileMiB,
        chunk: 64 * KiB,
        receivedType: peerjsReceivedType,
        runs: results['peerjs-binary'].map((x) => round(x)),
        median: round(median(results['peerjs-binary'])),
        cpuMsPerMiB: round(median(cpu['peerjs-binary']), 1),
        rendererMsPerMiB: round(median(renderer['peerjs-binary']), 0),
        networkServiceMsPerMiB: round(median(network['peerjs-binary']), 0),
        error: errors['peerjs-binary'],
      });
    });
  });

  // Plain-channel settings matrix; only with --explore / full runs (slow).
  (BENCH.explore && enabled('explore') ? describe : describe.skip)('explore', () => {
    it('plain RTCDataChannel settings matrix', async () => {
      const size = Math.round((BENCH.exploreMB ?? 32) * MiB);
      const reps = BENCH.exploreReps ?? 2;
      const payload = makePayload(size);
      const changes: Array<Partial<PipeSettings>> = [];
      const sizes = (chunk: number, high: number, low: number) => ({ chunk: chunk * KiB, high: high * MiB, low: low * MiB });
      if (BENCH.exploreSet === 'read') {
        for (const mib of [1, 2, 4, 8]) changes.push({ readSize: mib * MiB });
      } else if (BENCH.exploreSet === 'focus' || BENCH.exploreSet === 'final') {
        // the best candidates of the full matrix, for more repetitions
        const candidates =
          BENCH.exploreSet === 'final'
            ? [
                [64, 4, 1],
                [64, 1, 0.25],
                [128, 1, 0.25],
                [256, 1, 0.25],
              ]
            : [
                [64, 4, 1],
                [64, 1, 0.25],
                [64, 15, 8],
                [256, 4, 1],
                [256, 1, 0.25],
                [256, 15, 8],
                [128, 8, 2],
              ];
        for (const [chunk, high, low] of candidates) changes.push(sizes(chunk, high, low));
        if (BENCH.exploreSet === 'final') changes.push({ readSize: 1 * MiB });
      } else {
        // one change at a time from the ceiling settings (BEST_PLAIN)
        for (const source of ['memory', 'blob'] as const) {
          for (const chunk of [16, 64, 128, 256]) changes.push({ source, chunk: chunk * KiB });
        }
        for (const [high, low] of [
          [1, 0.25],
          [4, 1],
          [8, 4],
          [15, 8],
        ])
          changes.push({ high: high * MiB, low: low * MiB });
        changes.push(sizes(64, 4, 1), sizes(64, 15, 8));
        changes.push({ binaryType: 'blob' }, { ordered: false }, { channels: 2 }, { channels: 4 }, { pcs: 2 });
        changes.push({ readSize: 64 * KiB }, { readSize: 1 * MiB });
      }
      const label = (p: PipeSettings) => {
        const size = (n: number) => (n >= MiB ? `${n / MiB}M` : `${n / KiB}K`);
        return [
          p.source,
          `${size(p.chunk)} chunks`,
          `hi ${size(p.high)} lo ${size(p.low)}`,
          p.channels > 1 ? `${p.channels} channels` : '',
          (p.pcs ?? 1) > 1 ? `${p.pcs} PCs` : '',
          p.binaryType !== 'arraybuffer' ? `binaryType ${p.binaryType}` : '',
          p.ordered ? '' : 'unordered',
          p.readSize !== BEST_PLAIN.readSize ? `read ${size(p.readSize)}` : '',
        ]
          .filter(Boolean)
          .join(', ');
      };
      const matrix = new Map<string, PipeSettings>();
      for (const change of changes) {
        const settings = { ...BEST_PLAIN, ...change };
        matrix.set(label(settings), settings);
      }
      for (let rep = 0; rep < reps; rep++) {
        const entries = [...matrix];
        for (const [label, settings] of rep % 2 ? entries.reverse() : entries) {
          let mibps = NaN;
          let cpuMsPerMiB = NaN;
          let error: string | undefined;
          const byProcess: Record<string, number> = {};
          try {
            const before = await browserCpuByProcess();
            ({ mibps, cpuMsPerMiB } = await plainTransfer(payload, settings));
            const after = await browserCpuByProcess();
            for (const [type, ms] of Object.entries(after)) {
              const per = (ms - (before[type] ?? 0)) / (size / MiB);
              if (per >= 1) byProcess[type] = round(per, 0);
            }
          } catch (e) {
            error = errorText(e);
          }
          await report('explore', {
            label,
            rep,
            fileMiB: size / MiB,
            settings,
            mibps: round(mibps),
            cpuMsPerMiB: round(cpuMsPerMiB, 1),
            cpuMsPerMiBByProcess: byProcess,
            error,
          });
          await sleep(200);
        }
      }
    });
  });
});
