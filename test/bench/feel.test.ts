// What users feel (issue 18): call setup, CPU in a call, message to pixels, page to ready, big
// files, long history. Every figure next to a baseline measured in the same run (bare PeerJS, a
// plain RTCDataChannel, a minimal hand-written page), medians over repetitions. Run through
// `npm run bench` (scripts/bench.mjs; rows in scripts/bench-feel-rows.mjs); method in BENCHMARKS.md.
import { executeServerCommand } from '@web/test-runner-commands';
import { Peer, type MediaConnection } from 'peerjs';
import { PEER_URL } from '/__peer-config.js';
import { BENCH } from '/__bench-config.js';
import '../../src/index.js';
import type { RtcCall } from '../../src/rtc-call/rtc-call.js';
import { cleanup, nextEvent, openCall, openChat, openPage, pageEval, SMALL_VIDEO, uid, until, untilIn } from '../helpers.js';
import { MiB, browserCpuByProcess, errorText, median, percentile, report, round, settledHeap, sleep, withTimeout } from './util.js';
import { plainPair } from './plain.js';
import { openPeer } from './peerjs.js';

const enabled = (section: string) => !BENCH.only || BENCH.only.includes(section);
const section = (name: string, fn: () => void) => (enabled(name) ? describe(name, fn) : describe.skip(name, fn));
const quick = BENCH.quick === true;

const stats = (xs: number[], digits = 1) => ({
  n: xs.length,
  median: round(median(xs), digits),
  p95: round(percentile(xs, 0.95), digits),
  min: round(Math.min(...xs), digits),
  max: round(Math.max(...xs), digits),
});

/** The next frame after now: rAF, then the task after it (after style, layout, paint of that frame). */
const afterNextPaint = () =>
  new Promise<number>((resolve) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve(performance.now());
      ch.port2.postMessage(null);
    }),
  );

/** Resolves with the time of the first frame `video` presents (requestVideoFrameCallback). */
const firstFrame = (video: HTMLVideoElement) => new Promise<number>((resolve) => video.requestVideoFrameCallback((now: DOMHighResTimeStamp) => resolve(now)));

/** Waits for `find()` to return an element (MutationObserver on `root`), then resolves it. */
function whenPresent<T extends Element>(root: Node, find: () => T | null | undefined, ms = 30000): Promise<T> {
  const hit = find();
  if (hit) return Promise.resolve(hit);
  return withTimeout(
    new Promise<T>((resolve) => {
      const mo = new MutationObserver(() => {
        const el = find();
        if (el) {
          mo.disconnect();
          resolve(el);
        }
      });
      mo.observe(root, { childList: true, subtree: true });
    }),
    ms,
    'element present',
  );
}

/** CPU ms per second of the browser (all processes, and the renderer processes alone) over `seconds`. */
async function cpuRate(seconds: number): Promise<{ all: number; renderer: number; byProcess: Record<string, number> }> {
  const c0 = await browserCpuByProcess();
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const c1 = await browserCpuByProcess();
  const s = (performance.now() - t0) / 1000;
  const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  const byProcess = Object.fromEntries(Object.keys(c1).map((k) => [k, round((c1[k] - (c0[k] ?? 0)) / s, 0)]));
  return { all: (sum(c1) - sum(c0)) / s, renderer: ((c1.renderer ?? NaN) - (c0.renderer ?? NaN)) / s, byProcess };
}

const camera = () => navigator.mediaDevices.getUserMedia({ audio: true, video: SMALL_VIDEO });

/** A <video> the baseline pages show a remote stream in (autoplay, muted: as the elements' own). */
function videoFor(stream: MediaStream): HTMLVideoElement {
  const v = document.createElement('video');
  v.autoplay = true;
  v.muted = true;
  v.playsInline = true;
  v.width = 320;
  v.height = 240;
  v.srcObject = stream;
  document.body.append(v);
  return v;
}

const remoteVideoOf = (el: RtcCall) => el.shadowRoot!.querySelector<HTMLVideoElement>('[part~="remote-video"]');

describe('what users feel', function () {
  this.timeout(0);
  afterEach(cleanup);

  section('call-setup', () => {
    it('call() -> first remote frame on both sides vs bare peer.call() + answer() + <video>', async () => {
      const reps = quick ? 3 : 10;
      const callee = await openCall({ 'peer-id': uid('setup-b'), 'auto-answer': '' });
      const caller = await openCall({ 'peer-id': uid('setup-a') });
      const pa = await openPeer(uid('setup-pa'));
      const pb = await openPeer(uid('setup-pb'));
      const xs: Record<string, { caller: number[]; both: number[] }> = { element: { caller: [], both: [] }, peerjs: { caller: [], both: [] } };
      const elementOnce = async () => {
        const t0 = performance.now();
        const onCaller = whenPresent(caller.shadowRoot!, () => remoteVideoOf(caller)).then(firstFrame);
        const onCallee = whenPresent(callee.shadowRoot!, () => remoteVideoOf(callee)).then(firstFrame);
        const outcome = await caller.call(callee.peerId!);
        if (outcome !== 'connected') throw new Error(`call(): ${outcome}`);
        const [tCaller, tCallee] = await withTimeout(Promise.all([onCaller, onCallee]), 30000, 'element first frames');
        const ended = Promise.all([nextEvent(caller, 'rtc-call-end'), nextEvent(callee, 'rtc-call-end')]);
        caller.hangup();
        await ended;
        return { caller: tCaller - t0, both: Math.max(tCaller, tCallee) - t0 };
      };
      const bareOnce = async () => {
        const videos: HTMLVideoElement[] = [];
        const streams: MediaStream[] = [];
        const calls: MediaConnection[] = [];
        try {
          const incoming = new Promise<number>((resolve, reject) => {
            pb.once('call', (call) => {
              calls.push(call);
              camera()
                .then((stream) => {
                  streams.push(stream);
                  call.once('stream', (remote) => {
                    const v = videoFor(remote);
                    videos.push(v);
                    resolve(firstFrame(v));
                  });
                  call.answer(stream);
                })
                .catch(reject);
            });
          });
          const t0 = performance.now();
          const stream = await camera();
          streams.push(stream);
          const call = pa.call(pb.id, stream);
          calls.push(call);
          const outgoing = new Promise<number>((resolve) =>
            call.once('stream', (remote) => {
              const v = videoFor(remote);
              videos.push(v);
              resolve(firstFrame(v));
            }),
          );
          const [tCaller, tCallee] = await withTimeout(Promise.all([outgoing, incoming]), 30000, 'bare first frames');
          return { caller: tCaller - t0, both: Math.max(tCaller, tCallee) - t0 };
        } finally {
          for (const c of calls) c.close();
          for (const s of streams) for (const t of s.getTracks()) t.stop();
          for (const v of videos) v.remove();
        }
      };
      try {
        for (let run = -1; run < reps; run++) {
          for (const variant of run % 2 ? ['element', 'peerjs'] : ['peerjs', 'element']) {
            const r = variant === 'element' ? await elementOnce() : await bareOnce();
            if (run >= 0) {
              xs[variant].caller.push(r.caller);
              xs[variant].both.push(r.both);
            }
            await sleep(300);
          }
        }
      } finally {
        pa.destroy();
        pb.destroy();
      }
      for (const variant of Object.keys(xs)) await report('call-setup', { variant, bothMs: stats(xs[variant].both), callerMs: stats(xs[variant].caller) });
    });
  });

  section('call-cpu', () => {
    const windows = quick ? 1 : 3;
    const seconds = quick ? 5 : 10;
    const measure = async (variant: string, setup: () => Promise<() => Promise<void>>, extra: Record<string, unknown> = {}) => {
      const teardown = await setup();
      const all: number[] = [];
      const renderer: number[] = [];
      const byProcess: Array<Record<string, number>> = [];
      try {
        await sleep(2000); // encoders ramp up, first stats polls
        for (let w = 0; w < windows; w++) {
          const r = await cpuRate(seconds);
          all.push(r.all);
          renderer.push(r.renderer);
          byProcess.push(r.byProcess);
        }
      } finally {
        await teardown();
      }
      await report('call-cpu', { variant, windows, seconds, allMsPerS: stats(all), rendererMsPerS: stats(renderer), byProcess, ...extra });
      await sleep(1000);
    };

    it('1:1 video call: browser CPU ms per second, <rtc-call> pair vs bare PeerJS with two <video>', async () => {
      const elements = async (attrs: Record<string, string> = {}) => {
        const callee = await openCall({ 'peer-id': uid('cpu-b'), 'auto-answer': '', ...attrs });
        const caller = await openCall({ 'peer-id': uid('cpu-a'), ...attrs });
        const frames = Promise.all([
          whenPresent(caller.shadowRoot!, () => remoteVideoOf(caller)).then(firstFrame),
          whenPresent(callee.shadowRoot!, () => remoteVideoOf(callee)).then(firstFrame),
        ]);
        if ((await caller.call(callee.peerId!)) !== 'connected') throw new Error('element call did not connect');
        await withTimeout(frames, 30000, 'element frames');
        return async () => {
          caller.hangup();
          await sleep(300);
          cleanup();
        };
      };
      const bare = async (selfView = false) => {
        const [pa, pb] = await Promise.all([openPeer(uid('cpu-pa')), openPeer(uid('cpu-pb'))]);
        const sa = await camera();
        const sb = await camera();
        const videos: HTMLVideoElement[] = selfView ? [videoFor(sa), videoFor(sb)] : [];
        const answered = new Promise<void>((resolve) =>
          pb.once('call', (call) => {
            call.once('stream', (s) => {
              videos.push(videoFor(s));
              resolve();
            });
            call.answer(sb);
          }),
        );
        const call = pa.call(pb.id, sa);
        const got = new Promise<void>((resolve) =>
          call.once('stream', (s) => {
            videos.push(videoFor(s));
            resolve();
          }),
        );
        await withTimeout(Promise.all([answered, got]), 30000, 'bare call');
        await Promise.all(videos.map(firstFrame));
        return async () => {
          call.close();
          for (const t of [...sa.getTracks(), ...sb.getTracks()]) t.stop();
          for (const v of videos) v.remove();
          pa.destroy();
          pb.destroy();
        };
      };
      // one setup each, `windows` consecutive windows inside it; full runs add a diagnostic
      // without the statistics polling (stats-interval="0": no getStats(), no quality indicator)
      await measure('element', () => elements(), { members: 2 });
      await measure('peerjs', () => bare(), { members: 2 });
      if (!quick) {
        await measure('element-no-stats', () => elements({ 'stats-interval': '0' }), { members: 2 });
        // diagnostic baseline: bare PeerJS that also shows each side's own camera (as the element does)
        await measure('peerjs-self-view', () => bare(true), { members: 2 });
      }
    });

    (quick ? it.skip : it)('4-member room: browser CPU ms per second, 4 <rtc-call room> vs a bare PeerJS mesh', async () => {
      const room = async () => {
        const name = uid('cpu-room');
        const calls: RtcCall[] = [];
        for (let i = 0; i < 4; i++) calls.push(await openCall({ 'peer-id': uid(`cpu-m${i}`), room: name }));
        await until(
          () => calls.every((c) => c.roomMembers.length === 4),
          () => `4 members: ${calls.map((c) => c.roomMembers.length)}`,
          90000,
        );
        // every remote tile presents frames
        await until(
          () => calls.every((c) => [...c.shadowRoot!.querySelectorAll<HTMLVideoElement>('video[data-peer]')].filter((v) => v.videoWidth > 0).length === 3),
          'every room tile plays',
          60000,
        );
        return async () => {
          for (const c of calls) c.hangup();
          await sleep(500);
          cleanup();
        };
      };
      const mesh = async () => {
        const peers = await Promise.all([0, 1, 2, 3].map((i) => openPeer(uid(`cpu-pm${i}`))));
        const streams = await Promise.all(peers.map(() => camera()));
        const videos: HTMLVideoElement[] = [];
        const calls: MediaConnection[] = [];
        const flowing: Array<Promise<void>> = [];
        peers.forEach((p, j) =>
          p.on('call', (call) => {
            calls.push(call);
            flowing.push(new Promise((resolve) => call.once('stream', (s) => resolve(void videos.push(videoFor(s))))));
            call.answer(streams[j]);
          }),
        );
        for (let i = 0; i < 4; i++)
          for (let j = i + 1; j < 4; j++) {
            const call = peers[i].call(peers[j].id, streams[i]);
            calls.push(call);
            flowing.push(new Promise((resolve) => call.once('stream', (s) => resolve(void videos.push(videoFor(s))))));
          }
        await until(() => flowing.length === 12, 'all 12 ends of the mesh', 30000);
        await withTimeout(Promise.all(flowing), 30000, 'mesh streams');
        await until(() => videos.every((v) => v.videoWidth > 0), 'every mesh video plays', 30000);
        return async () => {
          for (const c of calls) c.close();
          for (const s of streams) for (const t of s.getTracks()) t.stop();
          for (const v of videos) v.remove();
          for (const p of peers) (p as Peer).destroy();
        };
      };
      await measure('room', room, { members: 4 });
      await measure('mesh', mesh, { members: 4 });
    });
  });

  section('paint', () => {
    /**
     * Frame clock: a rAF loop that, in every frame, posts a task which runs once that frame is
     * rendered (style, layout, paint); `paintedAfter(t)` is the first such time after `t`. A node
     * added in a rAF callback (the element renders there) is shown by that same frame, one added in
     * an ordinary task by the next: either way the first frame rendered after the mutation.
     */
    let rendered: number[] = [];
    let clockOn = false;
    const waiting: Array<{ after: number; resolve: (t: number) => void }> = [];
    const startClock = () => {
      clockOn = true;
      rendered = [];
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        const now = performance.now();
        rendered.push(now);
        for (let i = waiting.length - 1; i >= 0; i--)
          if (waiting[i].after < now) {
            waiting[i].resolve(now);
            waiting.splice(i, 1);
          }
      };
      const frame = () => {
        ch.port2.postMessage(null);
        if (clockOn) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    };
    const stopClock = () => {
      clockOn = false;
    };
    const paintedAfter = (after: number) => new Promise<number>((resolve) => waiting.push({ after, resolve }));
    /** Resolves with the time the first frame rendered after a node containing `token` was added under `root`. */
    const painted = (root: Node, token: string) =>
      new Promise<number>((resolve) => {
        const mo = new MutationObserver((records) => {
          for (const r of records)
            for (const n of r.addedNodes)
              if (n.textContent?.includes(token)) {
                mo.disconnect();
                void paintedAfter(performance.now()).then(resolve);
                return;
              }
        });
        mo.observe(root, { childList: true, subtree: true });
      });

    /**
     * The minimal hand-written chat: a plain channel, JSON, one <li> appended per message on the
     * receiver's list, and (as any chat, and as the element) the sent one on the sender's list.
     */
    async function handWritten() {
      const pair = await plainPair(1);
      const makeList = () => {
        const ul = document.createElement('ul');
        ul.style.cssText = 'height: 300px; overflow-y: auto; font: 14px sans-serif';
        document.body.append(ul);
        return ul;
      };
      const list = makeList();
      const own = makeList();
      const append = (ul: HTMLElement, text: string) => {
        const li = document.createElement('li');
        li.textContent = text;
        ul.append(li);
        ul.scrollTop = ul.scrollHeight;
      };
      let received = 0;
      pair.recv[0].onmessage = (e) => {
        const m = JSON.parse(e.data as string) as { text: string };
        append(list, m.text);
        received++;
      };
      return {
        list,
        send: (text: string) => {
          pair.send[0].send(JSON.stringify({ text, time: Date.now() }));
          append(own, text);
        },
        received: () => received,
        close: () => {
          pair.close();
          list.remove();
          own.remove();
        },
      };
    }

    async function elementPair() {
      const b = await openChat({ 'peer-id': uid('paint-b') });
      const a = await openChat({ 'peer-id': uid('paint-a') });
      const connected = nextEvent(b, 'rtc-connect');
      await a.connect(b.peerId!);
      await connected;
      let received = 0;
      b.addEventListener('rtc-message', (e) => {
        if (!e.detail.self) received++;
      });
      return { a, b, received: () => received };
    }

    it('send() -> message painted on the receiver vs a hand-written plain-channel chat', async () => {
      const rounds = quick ? 30 : 100;
      const { a, b } = await elementPair();
      const plain = await handWritten();
      // frame interval of this headless Chromium (rAF deltas)
      const stamps: number[] = [];
      for (let i = 0; i < 31; i++) stamps.push(await new Promise<number>((r) => requestAnimationFrame(r)));
      const frameMs = median(stamps.slice(1).map((t, i) => t - stamps[i]));
      startClock();
      const xs: Record<string, number[]> = { element: [], plain: [] };
      const once = async (variant: string, i: number) => {
        const token = `m${i}-${Math.random().toString(36).slice(2, 8)}`;
        const root = variant === 'element' ? b.shadowRoot! : plain.list;
        const shown = painted(root, token);
        const t0 = performance.now();
        if (variant === 'element') void a.send(`hello ${token}`);
        else plain.send(`hello ${token}`);
        return (await withTimeout(shown, 10000, `${variant} painted`)) - t0;
      };
      let i = 0;
      for (let w = 0; w < 10; w++) for (const v of ['element', 'plain']) await once(v, i++);
      for (let k = 0; k < rounds; k++)
        for (const v of k % 2 ? ['element', 'plain'] : ['plain', 'element']) {
          xs[v].push(await once(v, i++));
          await sleep(20 + Math.random() * 17); // off the frame clock
        }
      stopClock();
      plain.close();
      for (const v of Object.keys(xs)) await report('paint', { variant: v, ms: stats(xs[v], 2), frameMs: round(frameMs, 2) });
    });

    it('flood: 200 messages/s for 10 s, delivered per second and the longest main-thread stall', async () => {
      const rate = 200;
      const seconds = quick ? 3 : 10;
      const tick = 50;
      const perTick = (rate * tick) / 1000;
      const total = rate * seconds;
      const run = async (variant: string) => {
        const el = variant === 'element' ? await elementPair() : undefined;
        const plain = variant === 'plain' ? await handWritten() : undefined;
        const received = () => (el ? el.received() : plain!.received());
        const longTasks: number[] = [];
        const po = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) longTasks.push(e.duration);
        });
        po.observe({ type: 'longtask' });
        const frames: number[] = [];
        let last = 0;
        let measuring = true;
        const onFrame = (t: number) => {
          if (last) frames.push(t - last);
          last = t;
          if (measuring) requestAnimationFrame(onFrame);
        };
        requestAnimationFrame(onFrame);
        const t0 = performance.now();
        let sent = 0;
        while (sent < total) {
          const due = t0 + (sent / perTick) * tick;
          const wait = due - performance.now();
          if (wait > 0) await sleep(wait);
          for (let k = 0; k < perTick && sent < total; k++, sent++) {
            if (el) void el.a.send(`flood ${sent}`).catch(() => {});
            else plain!.send(`flood ${sent}`);
          }
        }
        const tSent = performance.now();
        await until(
          () => received() >= total,
          () => `${variant}: ${received()} of ${total} delivered`,
          60000,
        );
        const tDone = performance.now();
        measuring = false;
        po.disconnect();
        await sleep(100);
        plain?.close();
        cleanup();
        await report('flood', {
          variant,
          sent: total,
          seconds,
          sendSeconds: round((tSent - t0) / 1000, 2),
          deliveredPerS: round(total / ((tDone - t0) / 1000), 1),
          drainMs: round(tDone - tSent, 1),
          longestTaskMs: round(Math.max(0, ...longTasks), 1),
          longTasks: longTasks.length,
          longestFrameMs: round(Math.max(0, ...frames), 1),
          frameP95Ms: round(percentile(frames, 0.95), 1),
        });
        await sleep(500);
      };
      await run('plain');
      await run('element');
    });
  });

  section('page-load', () => {
    it('page with only the script tag -> rtc-open vs bare PeerJS -> open (cold and warm cache)', async () => {
      const reps = quick ? 2 : 5;
      const server = encodeURIComponent(PEER_URL);
      const url = (page: string) => new URL(`/test/bench/pages/${page}?server=${server}`, location.origin).href;
      const xs: Record<string, { cold: number[]; warm: number[]; codeCold: number[]; codeWarm: number[] }> = {
        element: { cold: [], warm: [], codeCold: [], codeWarm: [] },
        peerjs: { cold: [], warm: [], codeCold: [], codeWarm: [] },
      };
      for (let rep = -1; rep < reps; rep++)
        for (const variant of rep % 2 ? ['element', 'peerjs'] : ['peerjs', 'element']) {
          const r = await executeServerCommand<{ cold: number[]; warm: number[]; defined: { cold: number[]; warm: number[] } }, { url: string; reps: number }>(
            'bench-load',
            {
              url: url(variant === 'element' ? 'ready-element.html' : 'ready-peerjs.html'),
              reps: 1,
            },
          );
          if (rep < 0) continue; // warm-up: the dev server compiles and caches on first request
          xs[variant].cold.push(...r.cold);
          xs[variant].warm.push(...r.warm);
          xs[variant].codeCold.push(...r.defined.cold);
          xs[variant].codeWarm.push(...r.defined.warm);
        }
      for (const v of Object.keys(xs))
        await report('page-load', {
          variant: v,
          coldMs: stats(xs[v].cold),
          warmMs: stats(xs[v].warm),
          // when the script had run (element defined / PeerJS global there): the rest is the broker
          codeColdMs: stats(xs[v].codeCold),
          codeWarmMs: stats(xs[v].codeWarm),
        });
    });
  });

  section('bigfile', () => {
    it('a big generated file end to end: peak renderer memory of sender and receiver, and time', async () => {
      const bigMiB = quick ? 32 : 1024;
      const refMiB = quick ? 8 : 64;
      // the receiver: a second tab (its own renderer process) with the script-tag build
      const before = await executeServerCommand<Record<string, string>, undefined>('bench-pids');
      const rid = uid('big-b');
      const page = await openPage(`/test/pages/chat-peer.html?id=${rid}`);
      const after = await executeServerCommand<Record<string, string>, undefined>('bench-pids');
      const receiverPids = Object.keys(after).filter((p) => !(p in before) && after[p] === 'renderer');
      await pageEval(
        page.handle,
        `(() => { const c = document.getElementById('chat'); c.setAttribute('confirm-file-size', String(Number.MAX_SAFE_INTEGER)); window.__files = []; c.addEventListener('rtc-file', (e) => window.__files.push(e.detail.size)); return true; })()`,
      );
      const a = await openChat({ 'peer-id': uid('big-a') });
      const senderPids = Object.keys(await executeServerCommand<Record<string, string>, undefined>('bench-pids')).filter(
        (p) => before[p] === 'renderer' && !receiverPids.includes(p),
      );
      await a.connect(rid);
      await untilIn(page.handle, `document.getElementById('chat').peers.length === 1`, 'receiver connected');
      // 1 MiB of random bytes, repeated: the big Blob references it and is never held whole
      const block = new Uint8Array(MiB);
      for (let o = 0; o < MiB; o += 65536) crypto.getRandomValues(block.subarray(o, o + 65536));
      const blockBlob = new Blob([block]);
      const generated = (mib: number) =>
        new Blob(
          Array.from({ length: mib }, () => blockBlob),
          { type: 'application/octet-stream' },
        );
      const transfer = async (mib: number, n: number) => {
        const file = generated(mib);
        const heap0 = await settledHeap();
        await executeServerCommand('bench-rss', { action: 'start', interval: 100 });
        const t0 = performance.now();
        await a.sendFile(file, { name: `big-${mib}.bin` });
        const seconds = (performance.now() - t0) / 1000;
        await untilIn(page.handle, `window.__files.length >= ${n}`, 'rtc-file on the receiver', 60000);
        const rss = await executeServerCommand<{ processes: Array<{ pid: number; type: string; startKiB: number; peakKiB: number; endKiB: number }> }, object>(
          'bench-rss',
          { action: 'stop' },
        );
        const size = (await pageEval<number[]>(page.handle, 'window.__files'))[n - 1];
        if (size !== mib * MiB) throw new Error(`rtc-file: ${size} of ${mib * MiB} bytes`);
        const growth = (pids: string[]) => {
          const ps = rss.processes.filter((p) => pids.includes(String(p.pid)));
          return ps.length ? Math.max(...ps.map((p) => (p.peakKiB - p.startKiB) / 1024)) : NaN;
        };
        const browserProc = rss.processes.find((p) => p.type === 'browser');
        return {
          mib,
          seconds: round(seconds, 2),
          mibps: round(mib / seconds, 2),
          senderPeakGrowthMB: round(growth(senderPids) * 1.048576, 1),
          receiverPeakGrowthMB: round(growth(receiverPids) * 1.048576, 1),
          browserPeakGrowthMB: browserProc ? round(((browserProc.peakKiB - browserProc.startKiB) / 1024) * 1.048576, 1) : NaN,
          senderHeapGrowthMB: round(((await settledHeap()) - heap0) / 1e6, 1),
          pids: { sender: senderPids, receiver: receiverPids },
        };
      };
      try {
        const reference = [await transfer(refMiB, 1), await transfer(refMiB, 2)];
        const big = await transfer(bigMiB, 3);
        await report('bigfile', { variant: 'reference', ...reference[1], runs: reference.map((r) => r.mibps) });
        await report('bigfile', { variant: 'big', ...big });
      } catch (error) {
        await report('bigfile', { variant: 'big', error: errorText(error) });
        throw error;
      } finally {
        await executeServerCommand('close-page', { handle: page.handle });
      }
    });
  });

  section('history', () => {
    it('max-messages=10000 filled, scroll to the top (Show earlier) and back: frame times and memory', async () => {
      const count = quick ? 1000 : 10000;
      const step = 100;
      /** Frame intervals (rAF deltas) while `work` runs. */
      const framesDuring = async (work: () => Promise<void>) => {
        const frames: number[] = [];
        let last = 0;
        let on = true;
        const onFrame = (t: number) => {
          if (last) frames.push(t - last);
          last = t;
          if (on) requestAnimationFrame(onFrame);
        };
        requestAnimationFrame(onFrame);
        const longTasks: number[] = [];
        const po = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
        po.observe({ type: 'longtask' });
        await work();
        await afterNextPaint();
        on = false;
        po.disconnect();
        return { frames, longTasks };
      };
      /**
       * Scrolls `list` to `f` of the way from the oldest (0) to the newest (1) message. The
       * element's list is a column-reverse scroller (scrollTop 0 at the newest end, negative above).
       */
      const scrollTo = (list: HTMLElement, f: number) => {
        const range = list.scrollHeight - list.clientHeight;
        list.scrollTop = getComputedStyle(list).flexDirection === 'column-reverse' ? -range * (1 - f) : range * f;
      };
      const scrollBack = async (list: HTMLElement) => {
        const steps = 20;
        for (let s = 1; s <= steps; s++) {
          scrollTo(list, s / steps);
          await afterNextPaint();
        }
      };
      const now = Date.now();
      const text = (i: number) => `message ${i}: the quick brown fox jumps over the lazy dog`;

      // element: the history restored from `persist` storage (what a long chat reloads to)
      const run = async (variant: string) => {
        await settledHeap();
        const heap0 = await settledHeap();
        const t0 = performance.now();
        let list: HTMLElement;
        let reveal: () => boolean; // shows `step` more at the top; false when all are shown
        if (variant === 'element') {
          const id = uid('hist');
          const me = uid('hist-peer');
          const messages = Array.from({ length: count }, (_, i) => ({
            id: (i + 1).toString(16).padStart(24, '0'),
            from: i % 2 ? id : me,
            data: text(i),
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
          await until(
            () => el.messages.length === count,
            () => `history restored: ${el.messages.length}`,
            30000,
          );
          await el.updateComplete;
          list = el.shadowRoot!.querySelector<HTMLElement>('[part~="messages"]')!;
          reveal = () => {
            const more = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="show-earlier"]');
            if (!more) return false;
            more.click();
            return true;
          };
          localStorage.removeItem(`rtc-elements:chat:${id}`);
        } else {
          // the minimal hand-written page: the same texts, the newest 50 drawn, 100 more per step at the top
          list = document.createElement('ul');
          list.style.cssText = 'height: 400px; overflow-y: auto; font: 14px sans-serif';
          document.body.append(list);
          let shown = Math.min(50, count);
          const items = (from: number, to: number) =>
            Array.from({ length: to - from }, (_, k) => {
              const li = document.createElement('li');
              li.textContent = text(from + k);
              return li;
            });
          list.append(...items(count - shown, count));
          reveal = () => {
            if (shown >= count) return false;
            const next = Math.min(count, shown + step);
            list.prepend(...items(count - next, count - shown));
            shown = next;
            return true;
          };
        }
        await afterNextPaint();
        scrollTo(list, 1);
        const readyMs = performance.now() - t0;
        const { frames, longTasks } = await framesDuring(async () => {
          // to the top: scroll up, reveal the earlier ones, until everything is shown
          for (let guard = 0; guard < count / step + 10; guard++) {
            scrollTo(list, 0);
            await afterNextPaint();
            if (!reveal()) break;
            await afterNextPaint();
          }
          scrollTo(list, 0);
          await afterNextPaint();
          const atTop =
            getComputedStyle(list).flexDirection === 'column-reverse' ? list.scrollTop <= -(list.scrollHeight - list.clientHeight - 2) : list.scrollTop <= 2;
          if (!atTop) throw new Error(`${variant}: not at the top (scrollTop ${list.scrollTop}, range ${list.scrollHeight - list.clientHeight})`);
          await scrollBack(list);
        });
        const nodes = (list.getRootNode() as Document | ShadowRoot).querySelectorAll('*').length;
        const heap1 = await settledHeap();
        await report('history', {
          variant,
          count,
          readyMs: round(readyMs, 1),
          frameP95Ms: round(percentile(frames, 0.95), 1),
          frameMaxMs: round(Math.max(...frames), 1),
          frames: frames.length,
          longestTaskMs: round(Math.max(0, ...longTasks), 1),
          heapGrowthMB: round((heap1 - heap0) / 1e6, 2),
          domNodes: nodes,
        });
        list.remove();
        cleanup();
        await sleep(300);
      };
      await run('plain');
      await run('element');
    });
  });
});
