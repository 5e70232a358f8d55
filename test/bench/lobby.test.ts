// The pre-join lobby's cost (issue 19): CPU while it is open (camera preview + microphone meter)
// next to an idle element, and the first call's setup from the click on Join next to call()
// without a lobby; both measured in the same run. Rows: scripts/bench-feel-rows.mjs.
import { BENCH } from '/__bench-config.js';
import '../../src/index.js';
import type { RtcCall } from '../../src/rtc-call/rtc-call.js';
import { cleanup, nextEvent, openCall, SMALL_VIDEO, uid, until } from '../helpers.js';
import { browserCpuByProcess, median, percentile, report, round, sleep, withTimeout } from './util.js';

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

const part = <T extends Element = HTMLElement>(el: RtcCall, name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const firstFrame = (video: HTMLVideoElement) => new Promise<number>((resolve) => video.requestVideoFrameCallback((now: DOMHighResTimeStamp) => resolve(now)));

async function cpuRate(seconds: number): Promise<{ all: number; renderer: number }> {
  const c0 = await browserCpuByProcess();
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const c1 = await browserCpuByProcess();
  const s = (performance.now() - t0) / 1000;
  const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  return { all: (sum(c1) - sum(c0)) / s, renderer: ((c1.renderer ?? NaN) - (c0.renderer ?? NaN)) / s };
}

async function previewPlays(el: RtcCall): Promise<void> {
  await until(
    () => {
      const video = part<HTMLVideoElement>(el, 'lobby-preview');
      return !!video && video.videoWidth > 0 && !video.paused;
    },
    'lobby preview plays',
    20000,
  );
}

describe('lobby benchmarks', () => {
  afterEach(cleanup);

  section('lobby-cpu', () => {
    it('browser CPU ms per second with the lobby open (preview + meter) vs the same element idle', async () => {
      const windows = quick ? 1 : 3;
      const seconds = quick ? 4 : 10;
      const el = await openCall({ 'peer-id': uid('lobby-cpu'), lobby: '' });
      const measure = async (variant: string) => {
        await sleep(1500); // preview and meter settle
        const all: number[] = [];
        const renderer: number[] = [];
        for (let w = 0; w < windows; w++) {
          const r = await cpuRate(seconds);
          all.push(r.all);
          renderer.push(r.renderer);
        }
        await report('lobby-cpu', { variant, windows, seconds, allMsPerS: stats(all), rendererMsPerS: stats(renderer) });
      };
      await measure('idle');
      await el.openLobby();
      await previewPlays(el);
      await measure('lobby');
      el.closeLobby();
      // Diagnostic baseline: what any preview costs, a bare getUserMedia stream in a <video> (no meter, no element).
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: SMALL_VIDEO });
      const video = Object.assign(document.createElement('video'), { autoplay: true, muted: true, playsInline: true, srcObject: stream });
      document.body.append(video);
      try {
        await measure('bare-preview');
      } finally {
        stream.getTracks().forEach((t) => t.stop());
        video.remove();
      }
    });
  });

  section('lobby-setup', () => {
    it('first call: click on Join (lobby) vs call() (no lobby) -> first remote frame on both sides', async () => {
      const reps = quick ? 3 : 10;
      const callee = await openCall({ 'peer-id': uid('lobby-b'), 'auto-answer': '' });
      const plain = await openCall({ 'peer-id': uid('lobby-plain') });
      const withLobby = await openCall({ 'peer-id': uid('lobby-a'), lobby: '', remote: callee.peerId! });
      const xs: Record<string, { caller: number[]; both: number[] }> = { lobby: { caller: [], both: [] }, plain: { caller: [], both: [] } };
      const once = async (caller: RtcCall, start: () => void) => {
        const onCaller = firstFrame(part<HTMLVideoElement>(caller, 'remote-video')!);
        const onCallee = firstFrame(part<HTMLVideoElement>(callee, 'remote-video')!);
        const connected = nextEvent(caller, 'rtc-connect', 30000);
        const t0 = performance.now();
        start();
        await connected;
        const [tCaller, tCallee] = await withTimeout(Promise.all([onCaller, onCallee]), 30000, 'first frames');
        const ended = Promise.all([nextEvent(caller, 'rtc-call-end'), nextEvent(callee, 'rtc-call-end')]);
        caller.hangup();
        await ended;
        await sleep(300);
        return { caller: tCaller - t0, both: Math.max(tCaller, tCallee) - t0 };
      };
      for (let i = 0; i < reps; i++) {
        // The lobby is open and its preview runs (the user looks at it); the clock starts at Join.
        await withLobby.openLobby();
        await previewPlays(withLobby);
        await withLobby.updateComplete;
        const l = await once(withLobby, () => part<HTMLButtonElement>(withLobby, 'lobby-join')!.click());
        xs.lobby.caller.push(l.caller);
        xs.lobby.both.push(l.both);
        const p = await once(plain, () => void plain.call(callee.peerId!));
        xs.plain.caller.push(p.caller);
        xs.plain.both.push(p.both);
      }
      for (const variant of ['lobby', 'plain'])
        await report('lobby-setup', { variant, bothMs: stats(xs[variant].both, 0), callerMs: stats(xs[variant].caller, 0) });
    });
  });
});
