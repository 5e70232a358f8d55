// What users feel of reactions and recording (issue 19): how long a reaction takes to show on the
// other side, next to a mute change on the same call's control channel (the baseline, same run);
// how long the other side takes to see the recording notice, and what recording costs in CPU.
import { BENCH } from '/__bench-config.js';
import '../../src/index.js';
import type { RtcCall } from '../../src/rtc-call/rtc-call.js';
import { cleanup, nextEvent, openCall, uid, until } from '../helpers.js';
import { browserCpuByProcess, median, percentile, report, round, sleep } from './util.js';

const enabled = (section: string) => !BENCH.only || BENCH.only.includes(section);
const section = (name: string, fn: () => void) => (enabled(name) ? describe(name, fn) : describe.skip(name, fn));
const quick = BENCH.quick === true;
const stats = (xs: number[], digits = 1) => ({ n: xs.length, median: round(median(xs), digits), p95: round(percentile(xs, 0.95), digits) });

async function pair(): Promise<{ alice: RtcCall; bob: RtcCall }> {
  const bob = await openCall({ 'peer-id': uid('bench-b'), 'auto-answer': '' });
  const alice = await openCall({ 'peer-id': uid('bench-a') });
  await alice.call(bob.peerId!);
  await until(() => bob.callState === 'active', 'bob active');
  await until(() => !!bob.shadowRoot!.querySelector('[part~="reactions-button"]'), 'reactions loaded');
  return { alice, bob };
}

/** Browser CPU ms per second (all processes) over `seconds`. */
async function cpuRate(seconds: number): Promise<number> {
  const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  const c0 = sum(await browserCpuByProcess());
  const t0 = performance.now();
  await sleep(seconds * 1000);
  return (sum(await browserCpuByProcess()) - c0) / ((performance.now() - t0) / 1000);
}

describe('reactions and recording', function () {
  this.timeout(0);
  afterEach(cleanup);

  section('reactions', () => {
    it('react() -> the emoji on the other side’s tile, vs setMuted() -> the other side’s rtc-media-state on the same call', async () => {
      const { alice, bob } = await pair();
      const reps = quick ? 8 : 30;
      const reaction: number[] = [];
      const mute: number[] = [];
      const tile = () => bob.shadowRoot!.querySelector('[part~="remote-tile"] .acts-floats')!;
      for (let i = 0; i < reps; i++) {
        let t0 = performance.now();
        const shown = new Promise<number>((resolve) => {
          const mo = new MutationObserver(() => {
            mo.disconnect();
            resolve(performance.now());
          });
          mo.observe(tile(), { childList: true });
        });
        alice.react('👍');
        reaction.push((await shown) - t0);
        await sleep(250); // under the rate limit (5/s)
        t0 = performance.now();
        const state = nextEvent(bob, 'rtc-media-state');
        alice.setMuted(i % 2 === 0);
        await state;
        mute.push(performance.now() - t0);
        await sleep(250);
      }
      await report('reactions', { variant: 'reaction', ms: stats(reaction) });
      await report('reactions', { variant: 'mute', ms: stats(mute) });
    });
  });

  section('recording', () => {
    it('startRecording() -> the notice on the other side, and browser CPU while recording vs the same call not recording', async () => {
      const { alice, bob } = await pair();
      const seconds = quick ? 3 : 10;
      await sleep(2000);
      const idle = await cpuRate(seconds);
      const t0 = performance.now();
      const told = nextEvent(bob, 'rtc-recording-state');
      await alice.startRecording();
      await told;
      const noticeMs = performance.now() - t0;
      const recording = await cpuRate(seconds);
      const result = await alice.stopRecording();
      await report('recording', {
        noticeMs: round(noticeMs, 1),
        idleCpu: round(idle, 0),
        recordingCpu: round(recording, 0),
        seconds,
        kibPerS: round((result?.blob.size ?? NaN) / 1024 / (result ? result.duration / 1000 : NaN), 1),
        mimeType: result?.mimeType,
      });
    });
  });
});
