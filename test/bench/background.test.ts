// Background blur (issue 19): browser CPU per second in a 1:1 call with blur on vs off, in the
// same call (one pair, the caller's background switched), plus the processed frame rate and the
// time per processed frame in the worker. Uses the built files (`npm run build` first): the
// worker and the model load from dist/ as users get them. Rows in scripts/bench-feel-rows.mjs.
import { BENCH } from '/__bench-config.js';
import type { RtcCall } from '../../src/rtc-call/rtc-call.js';
import { cleanup, nextEvent, openCall, uid, until } from '../helpers.js';
import { browserCpuByProcess, median, report, round, sleep } from './util.js';

const enabled = (section: string) => !BENCH.only || BENCH.only.includes(section);
const section = (name: string, fn: () => void) => (enabled(name) ? describe(name, fn) : describe.skip(name, fn));
const quick = BENCH.quick === true;

interface PipeStats {
  frames: number;
  ms: number;
}
const pipeStats = (el: RtcCall): PipeStats | undefined => (el as unknown as { media: { bg?: { pipe?: { stats: PipeStats } } } }).media.bg?.pipe?.stats;

/** Browser CPU ms per second over `seconds` (all processes), and the worker's figures sampled each second. */
async function cpuWindow(seconds: number, el: RtcCall): Promise<{ cpu: number; fps: number[]; frameMs: number[] }> {
  const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  const c0 = sum(await browserCpuByProcess());
  const t0 = performance.now();
  const fps: number[] = [];
  const frameMs: number[] = [];
  for (let i = 0; i < seconds; i++) {
    await sleep(1000);
    const s = pipeStats(el);
    if (s && s.frames) {
      fps.push(s.frames);
      frameMs.push(s.ms / s.frames);
    }
  }
  const c1 = sum(await browserCpuByProcess());
  return { cpu: (c1 - c0) / ((performance.now() - t0) / 1000), fps, frameMs };
}

section('blur-cpu', () => {
  const windows = quick ? 1 : 3;
  const seconds = quick ? 5 : 10;

  it('1:1 call: browser CPU with background="blur" on the caller vs none, same call', async function () {
    this.timeout(180000);
    await import(/* @vite-ignore */ '/dist/rtc-elements.js' as string);
    const callee = await openCall({ 'peer-id': uid('blur-b'), 'auto-answer': '' });
    const caller = await openCall({ 'peer-id': uid('blur-a') });
    try {
      if ((await caller.call(callee.peerId!)) !== 'connected') throw new Error('call did not connect');
      await until(() => callee.callState === 'active', 'callee active', 30000);
      for (const variant of ['off', 'blur'] as const) {
        if (variant === 'blur') {
          const on = nextEvent<CustomEvent<{ self: boolean; background?: string }>>(
            caller,
            'rtc-media-state',
            30000,
            (e) => e.detail.self && e.detail.background === 'blur',
          );
          caller.setAttribute('background', 'blur');
          await on;
        }
        await sleep(2000); // encoders ramp up (and the segmenter warms up)
        const cpu: number[] = [];
        const fps: number[] = [];
        const frameMs: number[] = [];
        for (let w = 0; w < windows; w++) {
          const r = await cpuWindow(seconds, caller);
          cpu.push(r.cpu);
          fps.push(...r.fps);
          frameMs.push(...r.frameMs);
        }
        await report('blur-cpu', {
          variant,
          windows,
          seconds,
          allMsPerS: { n: cpu.length, median: round(median(cpu), 0) },
          fps: fps.length ? round(median(fps), 1) : null,
          frameMs: frameMs.length ? round(median(frameMs), 1) : null,
        });
      }
    } finally {
      caller.hangup();
      await sleep(300);
      cleanup();
    }
  });
});
