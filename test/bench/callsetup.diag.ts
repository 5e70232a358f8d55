// Diagnostic (not in `npm run bench`): one <rtc-call> setup split into its events, to see where
// call setup's time goes next to bare PeerJS (feel.test.ts 'call-setup').
// BENCH_OUT=/tmp/x.jsonl TEST_FILES=test/bench/callsetup.diag.ts npx wtr --config web-test-runner.bench.config.mjs
import '../../src/index.js';
import { SMALL_VIDEO } from '../helpers.js';
import { openPeer } from './peerjs.js';
import { PeerSession } from '../../src/session/peer-session.js';

if (new URLSearchParams(location.search).has('x')) void 0;
const NO_CONTROL = (window as unknown as { __noControl?: boolean }).__noControl;
void NO_CONTROL;
import { cleanup, nextEvent, openCall, uid } from '../helpers.js';
import { report, sleep } from './util.js';

describe('call setup split', function () {
  this.timeout(0);
  afterEach(cleanup);
  for (const noControl of [false, true])
    it(`events from call() to the first remote frames${noControl ? ' (no control channel)' : ''}`, async () => {
      const original = PeerSession.prototype.openDedicatedChannel;
      if (noControl)
        PeerSession.prototype.openDedicatedChannel = () => {
          throw new Error('off');
        };
      const callee = await openCall({ 'peer-id': uid('d-b'), 'auto-answer': '' });
      const caller = await openCall({ 'peer-id': uid('d-a') });
      for (let rep = 0; rep < 4; rep++) {
        const marks: Record<string, number> = {};
        const t0 = performance.now();
        const mark = (k: string) => (marks[k] ??= Math.round(performance.now() - t0));
        for (const [who, el] of [
          ['caller', caller],
          ['callee', callee],
        ] as const) {
          for (const type of ['rtc-local-stream', 'rtc-remote-stream', 'rtc-connect', 'rtc-incoming-call', 'rtc-call-state'])
            el.addEventListener(type, (e) => mark(`${who} ${type}${type === 'rtc-call-state' ? ' ' + (e as CustomEvent).detail.state : ''}`));
          const root = el.shadowRoot!;
          const mo = new MutationObserver(() => {
            const v = root.querySelector<HTMLVideoElement>('[part~="remote-video"]');
            if (v && !marks[`${who} video`]) {
              mark(`${who} video`);
              v.addEventListener('loadedmetadata', () => mark(`${who} loadedmetadata`), { once: true });
              v.addEventListener('playing', () => mark(`${who} playing`), { once: true });
              v.requestVideoFrameCallback(() => mark(`${who} first frame`));
            }
            if (v && !v.classList.contains('hidden')) mark(`${who} video visible`);
          });
          mo.observe(root, { childList: true, subtree: true, attributes: true });
        }
        const outcome = await caller.call(callee.peerId!);
        mark(`call() ${outcome}`);
        await sleep(1500);
        const ended = Promise.all([nextEvent(caller, 'rtc-call-end'), nextEvent(callee, 'rtc-call-end')]);
        caller.hangup();
        await ended;
        await report('callsetup-diag', { noControl, rep, marks: Object.entries(marks).sort((a, b) => a[1] - b[1]) });
        await sleep(500);
      }
      PeerSession.prototype.openDedicatedChannel = original;
    });
  it('bare PeerJS, the same split', async () => {
    const pa = await openPeer(uid('d-pa'));
    const pb = await openPeer(uid('d-pb'));
    for (let rep = 0; rep < 4; rep++) {
      const marks: Record<string, number> = {};
      const t0 = performance.now();
      const mark = (k: string) => (marks[k] ??= Math.round(performance.now() - t0));
      const cam = () => navigator.mediaDevices.getUserMedia({ audio: true, video: SMALL_VIDEO });
      const show = (who: string, s: MediaStream) => {
        mark(`${who} stream`);
        const v = document.createElement('video');
        v.autoplay = v.muted = true;
        v.srcObject = s;
        document.body.append(v);
        v.requestVideoFrameCallback(() => mark(`${who} first frame`));
        return v;
      };
      const tracks: MediaStreamTrack[] = [];
      const vids: HTMLVideoElement[] = [];
      pb.once('call', (call) => {
        mark('callee call event');
        void cam().then((s) => {
          mark('callee camera');
          tracks.push(...s.getTracks());
          call.once('stream', (r) => vids.push(show('callee', r)));
          call.answer(s);
        });
      });
      const s = await cam();
      mark('caller camera');
      tracks.push(...s.getTracks());
      const call = pa.call(pb.id, s);
      call.once('stream', (r) => vids.push(show('caller', r)));
      await sleep(1500);
      call.close();
      tracks.forEach((t) => t.stop());
      vids.forEach((v) => v.remove());
      await report('callsetup-diag-bare', { rep, marks: Object.entries(marks).sort((a, b) => a[1] - b[1]) });
      await sleep(500);
    }
    pa.destroy();
    pb.destroy();
  });
});
