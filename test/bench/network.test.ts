// "What users feel" on a bad network (issue 19): the audio of a call over a relay capped to
// 64 kbit/s per direction (coturn --max-bps, test/wtr/turn-server-plugin.mjs), with the network
// adaptation (auto-audio-only: the video yields to the audio) vs the same call without it
// (stats-interval="0": no statistics, so no adaptation). Figures: received audio packet loss and
// the concealed (made-up) share of the played audio, over a window once the call settled.
import { TURN_CAPPED_URL, TURN_USER, TURN_PASS } from '/__turn-config.js';
import { BENCH } from '/__bench-config.js';
import '../../src/index.js';
import type { RtcCall } from '../../src/rtc-call/rtc-call.js';
import { cleanup, openCall, uid, until } from '../helpers.js';
import { errorText, median, report, round, sleep } from './util.js';

const quick = BENCH.quick === true;
const enabled = (section: string) => !BENCH.only || BENCH.only.includes(section);
const pcOf = (el: RtcCall): RTCPeerConnection =>
  (el as unknown as { book: { current: { call: { peerConnection: RTCPeerConnection } } } }).book.current.call.peerConnection;

interface AudioIn {
  received: number;
  lost: number;
  samples: number;
  concealed: number;
}
async function audioIn(el: RtcCall): Promise<AudioIn> {
  const out: AudioIn = { received: 0, lost: 0, samples: 0, concealed: 0 };
  (await pcOf(el).getStats()).forEach((s: Record<string, number | string>) => {
    if (s.type !== 'inbound-rtp' || s.kind !== 'audio') return;
    out.received += Number(s.packetsReceived ?? 0);
    out.lost += Math.max(0, Number(s.packetsLost ?? 0));
    out.samples += Number(s.totalSamplesReceived ?? 0);
    out.concealed += Number(s.concealedSamples ?? 0);
  });
  return out;
}

async function measure(adapt: boolean, settleMs: number, windowMs: number) {
  const ice = JSON.stringify([{ urls: TURN_CAPPED_URL, username: TURN_USER, credential: TURN_PASS }]);
  const common = { 'ice-servers': ice, 'relay-only': '', 'stats-interval': adapt ? '500' : '0' };
  const callee = await openCall({ 'peer-id': uid('bob'), 'auto-answer': '', ...common });
  const caller = await openCall({ 'peer-id': uid('alice'), ...common, ...(adapt ? { 'auto-audio-only': '' } : {}) });
  if (adapt) callee.autoAudioOnly = true;
  if ((await caller.call(callee.peerId!)) !== 'connected') throw new Error('call did not connect');
  await until(() => callee.callState === 'active', 'callee active');
  await sleep(settleMs);
  const a = await audioIn(callee);
  await sleep(windowMs);
  const b = await audioIn(callee);
  cleanup();
  const received = b.received - a.received;
  const lost = b.lost - a.lost;
  const samples = b.samples - a.samples;
  return {
    lossPct: received + lost > 0 ? (100 * lost) / (received + lost) : NaN,
    concealedPct: samples > 0 ? (100 * (b.concealed - a.concealed)) / samples : NaN,
  };
}

describe('bench: network adaptation', function () {
  this.timeout(180000);
  afterEach(cleanup);

  (enabled('network-audio') ? it : it.skip)('audio over a 64 kbit/s relay: with adaptation (auto-audio-only) vs without', async () => {
    const runs = quick ? 1 : 3;
    const settle = quick ? 5000 : 10000;
    const window = quick ? 3000 : 10000;
    for (const adapt of [true, false]) {
      const variant = adapt ? 'adapted' : 'fixed';
      try {
        const xs = [];
        for (let i = 0; i < runs; i++) xs.push(await measure(adapt, settle, window));
        await report('network-audio', {
          variant,
          runs,
          windowS: window / 1000,
          lossPct: round(median(xs.map((x) => x.lossPct)), 1),
          concealedPct: round(median(xs.map((x) => x.concealedPct)), 1),
        });
      } catch (error) {
        await report('network-audio', { variant, error: errorText(error) });
      }
    }
  });
});
