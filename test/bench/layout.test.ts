// Speaker layout (issue 19): what a pin costs until it is on screen, and how long the large tile
// takes to follow a new speaker. Baselines from the same run and room: a plain re-render of the
// grid, and the speaking indicator (rtc-speaking) of the same member. Rows in
// scripts/bench-feel-rows.mjs (sections layout-pin, layout-speaker).
import { BENCH } from '/__bench-config.js';
import '../../src/index.js';
import type { RtcCall } from '../../src/rtc-call/rtc-call.js';
import { cleanup, nextEvent, openCall, uid, until } from '../helpers.js';
import { median, percentile, report, round } from './util.js';

const enabled = (section: string) => !BENCH.only || BENCH.only.includes(section);
const quick = BENCH.quick === true;
const stats = (xs: number[], digits = 1) => ({ n: xs.length, median: round(median(xs), digits), p95: round(percentile(xs, 0.95), digits) });
const afterNextPaint = () =>
  new Promise<number>((resolve) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve(performance.now());
      ch.port2.postMessage(null);
    }),
  );
interface MemberRecord {
  call?: { peerConnection?: RTCPeerConnection };
}
const recordsOf = (call: RtcCall) => (call as unknown as { book: { members: Map<string, MemberRecord> } }).book.members;

(enabled('layout-pin') || enabled('layout-speaker') ? describe : describe.skip)('speaker layout', () => {
  let a: RtcCall;
  let members: RtcCall[];
  before(async function () {
    this.timeout(90000);
    const room = uid('bench-layout');
    a = await openCall({ 'peer-id': uid('bl-a'), room });
    members = [await openCall({ 'peer-id': uid('bl-b'), room }), await openCall({ 'peer-id': uid('bl-c'), room })];
    await until(() => [a, ...members].every((x) => x.roomMembers.length === 3), 'three members', 60000);
  });
  after(cleanup);

  (enabled('layout-pin') ? it : it.skip)('pin(): call -> large tile painted, vs a re-render of the grid', async function () {
    this.timeout(60000);
    const reps = quick ? 5 : 20;
    const grid: number[] = [];
    const pin: number[] = [];
    for (let i = 0; i < reps; i++) {
      a.unpin();
      a.layout = 'grid';
      await a.updateComplete;
      await afterNextPaint();
      let t0 = performance.now();
      a.requestUpdate();
      await a.updateComplete;
      grid.push((await afterNextPaint()) - t0);
      const target = members[i % 2].peerId!;
      t0 = performance.now();
      a.pin(target);
      await a.updateComplete;
      pin.push((await afterNextPaint()) - t0);
      if (a.shadowRoot!.querySelector<HTMLElement>('[part~="tile-main"] [part~="tile-remote"]')?.dataset.peer !== target)
        throw new Error('the pin did not show');
    }
    a.unpin();
    await report('layout-pin', { variant: 'pin', ms: stats(pin, 2) });
    await report('layout-pin', { variant: 'grid', ms: stats(grid, 2) });
  });

  (enabled('layout-speaker') ? it : it.skip)('a new speaker: unmuted -> large tile, vs -> rtc-speaking', async function () {
    this.timeout(90000);
    a.layout = 'speaker';
    // A steady tone from each member to a (the fake microphone only beeps); mute decides who speaks.
    const context = new AudioContext();
    await Promise.race([context.resume(), new Promise((r) => setTimeout(r, 1000))]);
    for (const m of members) {
      m.setMuted(true);
      const oscillator = context.createOscillator();
      const destination = context.createMediaStreamDestination();
      oscillator.connect(destination);
      oscillator.start();
      const sender = recordsOf(m)
        .get(a.peerId!)!
        .call!.peerConnection!.getSenders()
        .find((s) => s.track?.kind === 'audio')!;
      await sender.replaceTrack(destination.stream.getAudioTracks()[0]);
    }
    await new Promise((r) => setTimeout(r, 2000));
    const reps = quick ? 2 : 6;
    const large: number[] = [];
    const speaking: number[] = [];
    for (let i = 0; i < reps; i++) {
      // The one shown now stays quiet; the other one speaks.
      const shown = a.shadowRoot!.querySelector<HTMLElement>('[part~="tile-main"] [part~="tile-remote"]')?.dataset.peer;
      const loud = members.find((m) => m.peerId !== shown)!;
      for (const m of members) m.setMuted(true);
      await new Promise((r) => setTimeout(r, 2000)); // past the hold, everybody silent
      const spoke = nextEvent(a, 'rtc-speaking', 20000, (e: CustomEvent) => e.detail.peer === loud.peerId && e.detail.speaking);
      const switched = nextEvent(a, 'rtc-active-speaker', 20000, (e: CustomEvent) => e.detail.peer === loud.peerId);
      const t0 = performance.now();
      loud.setMuted(false);
      const [s, l] = await Promise.all([spoke, switched]);
      speaking.push(s.timeStamp - t0);
      large.push(l.timeStamp - t0);
    }
    void context.close();
    await report('layout-speaker', { variant: 'large-tile', ms: stats(large, 0) });
    await report('layout-speaker', { variant: 'speaking', ms: stats(speaking, 0) });
  });
});
