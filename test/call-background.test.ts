// <rtc-call background>: blur / replace of the sent camera, end to end in the real browser with
// the built files (the worker, the model and the wasm as dist/ serves them), fake camera, real
// PeerServer. Where the browser lacks what the code needs (feature-detected here the same way),
// it must report `unsupported` and send the plain camera.
import { expect } from '@open-wc/testing';
import type { RtcCall } from '../src/rtc-call/rtc-call.js';
import { cleanup, nextEvent, openCall, uid, until } from './helpers.js';

const g = globalThis as Record<string, unknown>;
const supported = !!g.MediaStreamTrackProcessor && !!g.MediaStreamTrackGenerator && typeof OffscreenCanvas !== 'undefined';

interface Internals {
  book: { current?: { call?: { peerConnection: RTCPeerConnection } } };
}
const pcOf = (el: RtcCall) => (el as unknown as Internals).book.current!.call!.peerConnection;
const sentVideo = (el: RtcCall) =>
  pcOf(el)
    .getSenders()
    .find((s) => s.track?.kind === 'video' || s.track === null)?.track ?? null;
const camera = (el: RtcCall) => el.localStream!.getVideoTracks()[0];

/** One frame of `track`, drawn to a canvas. */
async function frameOf(track: MediaStreamTrack): Promise<ImageData> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream([track]);
  await video.play();
  await until(() => video.videoWidth > 0 && video.readyState >= 2, 'video plays', 15000);
  await new Promise((r) => setTimeout(r, 300));
  const c = document.createElement('canvas');
  c.width = video.videoWidth;
  c.height = video.videoHeight;
  const ctx = c.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(video, 0, 0);
  video.srcObject = null;
  return ctx.getImageData(0, 0, c.width, c.height);
}

/** Mean absolute difference of horizontally adjacent pixels (grey): high-frequency energy. */
function edges(img: ImageData): number {
  const d = img.data;
  let sum = 0;
  let n = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x + 1 < img.width; x++) {
      const i = (y * img.width + x) * 4;
      const a = d[i] + d[i + 1] + d[i + 2];
      const b = d[i + 4] + d[i + 5] + d[i + 6];
      sum += Math.abs(a - b) / 3;
      n++;
    }
  }
  return sum / n;
}

/** Share of pixels within `tolerance` of the colour. */
function near(img: ImageData, [r, gr, b]: number[], tolerance = 40): number {
  const d = img.data;
  let hits = 0;
  for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - gr) + Math.abs(d[i + 2] - b) <= tolerance) hits++;
  return hits / (d.length / 4);
}

const backgroundState = (el: RtcCall, want: string, ms = 30000) =>
  nextEvent<CustomEvent<{ self: boolean; background?: string }>>(el, 'rtc-media-state', ms, (e) => e.detail.self && e.detail.background === want);

describe(`<rtc-call background> (${supported ? 'processed' : 'unsupported here'})`, function () {
  this.timeout(60000);
  let alice: RtcCall;
  let bob: RtcCall;

  before(async function () {
    this.timeout(60000);
    // The built script-tag bundle: its lazy chunk finds the worker and the assets next to it in dist/.
    await import(/* @vite-ignore */ '/dist/rtc-elements.js' as string);
    bob = await openCall({ 'peer-id': uid('bob'), 'auto-answer': '' });
    alice = await openCall({ 'peer-id': uid('alice') });
    expect(await alice.call(bob.peerId!)).to.equal('connected');
    await until(() => bob.callState === 'active' && !!sentVideo(alice), 'call active');
  });
  after(cleanup);

  it('background="blur": sends a processed track with less fine detail than the camera, no renegotiation', async () => {
    const sdp = pcOf(alice).localDescription!.sdp;
    const pc = pcOf(alice);
    if (!supported) {
      const error = nextEvent<CustomEvent<{ type: string; message: string }>>(alice, 'rtc-error');
      alice.setAttribute('background', 'blur');
      expect((await error).detail.type).to.equal('unsupported');
      expect((await error).detail.message).to.match(/MediaStreamTrackProcessor/);
      expect(sentVideo(alice)).to.equal(camera(alice));
      return;
    }
    const state = backgroundState(alice, 'blur');
    alice.setAttribute('background', 'blur');
    await state;
    await until(() => sentVideo(alice) !== camera(alice), 'the processed track is sent');
    const sent = sentVideo(alice)!;
    expect(sent.readyState).to.equal('live');
    const [raw, blurred] = [await frameOf(camera(alice)), await frameOf(sent)];
    expect(blurred.width).to.equal(raw.width);
    expect(edges(blurred), `edges: camera ${edges(raw).toFixed(2)}, blurred ${edges(blurred).toFixed(2)}`).to.be.below(edges(raw) * 0.6);
    expect(pcOf(alice)).to.equal(pc);
    expect(pc.localDescription!.sdp).to.equal(sdp);
    // The other side gets it.
    const remote = bob.shadowRoot!.querySelector<HTMLVideoElement>('[part~="remote-video"]')!;
    await until(() => remote.videoWidth > 0 && !remote.paused, "bob's remote video plays");
  });

  it('background=<image URL>: the fake camera (no person in it) becomes the image', async function () {
    if (!supported) this.skip();
    const state = backgroundState(alice, 'image');
    alice.setAttribute('background', '/test/pages/background-green.png');
    await state;
    await until(() => sentVideo(alice) !== camera(alice), 'the processed track is sent');
    const frame = await frameOf(sentVideo(alice)!);
    expect(near(frame, [0, 200, 80]), 'share of green pixels').to.be.above(0.8);
    expect(near(await frameOf(camera(alice)), [0, 200, 80]), 'the camera itself is not green').to.be.below(0.2);
  });

  it('background="none" during the call: the camera track is sent again, without renegotiation', async () => {
    const pc = pcOf(alice);
    const sdp = pc.localDescription!.sdp;
    alice.setAttribute('background', 'none');
    await until(() => sentVideo(alice) === camera(alice), 'the camera is sent');
    await until(() => alice.localStream!.getVideoTracks()[0].readyState === 'live', 'camera live');
    expect(pcOf(alice)).to.equal(pc);
    expect(pc.localDescription!.sdp).to.equal(sdp);
    expect(pc.signalingState).to.equal('stable');
  });

  it('a broken image URL: rtc-error, the plain camera is sent', async () => {
    const error = nextEvent<CustomEvent<{ type: string; message: string }>>(alice, 'rtc-error', 30000);
    alice.setAttribute('background', '/test/pages/no-such-background.png');
    const { type, message } = (await error).detail;
    expect(type).to.equal(supported ? 'background-failed' : 'unsupported');
    expect(message).to.match(supported ? /could not be loaded/ : /MediaStreamTrackProcessor/);
    expect(sentVideo(alice)).to.equal(camera(alice));
    expect(alice.localStream!.getVideoTracks()[0].readyState).to.equal('live');
  });

  it('a background value that is no image URL: invalid-attribute', async () => {
    const error = nextEvent<CustomEvent<{ type: string }>>(alice, 'rtc-error', 15000);
    alice.setAttribute('background', 'javascript:alert(1)');
    expect((await error).detail.type).to.equal('invalid-attribute');
    expect(sentVideo(alice)).to.equal(camera(alice));
    alice.removeAttribute('background');
  });

  it("the devices panel's background select switches blur on and off; accessible", async () => {
    const part = (name: string) => alice.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
    part('settings-button')!.click();
    await until(() => !!part('background-select'), 'background select rendered');
    await alice.updateComplete;
    const select = part('background-select') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).to.deep.equal(['none', 'blur']);
    expect(select.value).to.equal('none');
    await expect(alice).to.be.accessible();
    const error = supported ? undefined : nextEvent<CustomEvent<{ type: string }>>(alice, 'rtc-error', 15000);
    const state = supported ? backgroundState(alice, 'blur') : undefined;
    select.value = 'blur';
    select.dispatchEvent(new Event('change'));
    expect(alice.background).to.equal('blur');
    if (supported) {
      await state;
      await until(() => sentVideo(alice) !== camera(alice), 'the processed track is sent');
    } else {
      expect((await error!).detail.type).to.equal('unsupported');
    }
    select.value = 'none';
    select.dispatchEvent(new Event('change'));
    await until(() => sentVideo(alice) === camera(alice), 'the camera is sent');
  });
});
