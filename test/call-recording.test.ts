// Local recording in <rtc-call>: two real elements (real PeerServer, real WebRTC, fake
// camera/microphone), MediaRecorder and Web Audio as the browser has them.
import { expect } from '@open-wc/testing';
import '../src/index.js';
import type { RtcCall } from '../src/rtc-call/rtc-call.js';
import type { RtcRecordingDetail } from '../src/rtc-call/call-acts.events.js';
import { cleanup, nextEvent, openCall, record, uid, until } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const part = <T extends Element = HTMLElement>(el: RtcCall, name: string): T | null => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const notice = (el: RtcCall) => part(el, 'recording-indicator');
const noticeShown = (el: RtcCall) => !!notice(el) && !notice(el)!.hidden;

/** Loads the recording into a <video> and waits for its metadata: what a user's player would do. */
async function playable(blob: Blob): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  const url = URL.createObjectURL(blob);
  try {
    await new Promise<void>((resolve, reject) => {
      video.onloadedmetadata = () => resolve();
      video.onerror = () => reject(new Error(`the recording does not load: ${video.error?.message ?? 'error'}`));
      video.src = url;
    });
  } finally {
    URL.revokeObjectURL(url);
  }
  return video;
}

describe('<rtc-call>: local recording', () => {
  afterEach(cleanup);

  it('records a 1:1 call from the record button: both sides see the notice, stop gives a playable video Blob; limits and the end of the call stop it with an event', async () => {
    const bob = await openCall({ 'peer-id': uid('bob'), 'auto-answer': '' });
    const alice = await openCall({ 'peer-id': uid('alice'), 'record-button': '' });
    expect(await alice.call(bob.peerId!)).to.equal('connected');
    await until(() => bob.callState === 'active', 'bob active');
    await until(() => !!part(alice, 'record-button'), 'the record button (record-button)');
    await until(() => !!part(bob, 'reactions-button'), 'bob’s part loaded');
    expect(part(bob, 'record-button'), 'no record button without the attribute').to.equal(null);
    expect(noticeShown(bob)).to.equal(false);

    // Without MediaRecorder: unsupported.
    const saved = window.MediaRecorder;
    Object.defineProperty(window, 'MediaRecorder', { value: undefined, configurable: true, writable: true });
    const unsupported = await alice.startRecording().catch((e: { type?: string }) => e);
    Object.defineProperty(window, 'MediaRecorder', { value: saved, configurable: true, writable: true });
    expect((unsupported as { type?: string }).type).to.equal('unsupported');

    const aliceEvents = record(alice, 'rtc-recording-state', 'rtc-recording', 'rtc-error');
    const bobEvents = record(bob, 'rtc-recording-state', 'rtc-error');
    part<HTMLButtonElement>(alice, 'record-button')!.click();
    await until(() => alice.recording, 'alice records');
    await until(() => bobEvents.length > 0, 'bob is told');
    expect(bobEvents.map((e) => [e.type, e.detail])).to.deep.equal([['rtc-recording-state', { peer: alice.peerId, recording: true, self: false }]]);
    expect(aliceEvents.map((e) => [e.type, e.detail])).to.deep.equal([['rtc-recording-state', { peer: alice.peerId, recording: true, self: true }]]);
    await bob.updateComplete;
    await alice.updateComplete;
    expect(noticeShown(bob)).to.equal(true);
    expect(notice(bob)!.getAttribute('role')).to.equal('status');
    expect(notice(bob)!.textContent).to.contain(`${alice.peerId} is recording`);
    expect(noticeShown(alice)).to.equal(true);
    expect(part(alice, 'record-button')!.getAttribute('aria-pressed')).to.equal('true');
    await expect(bob).to.be.accessible();
    await expect(alice).to.be.accessible();

    await sleep(2500);
    const done = nextEvent<CustomEvent<RtcRecordingDetail>>(alice, 'rtc-recording');
    const detail = await alice.stopRecording();
    const fired = (await done).detail;
    expect(fired).to.equal(detail);
    expect(detail!.blob.size).to.be.above(0);
    expect(detail!.mimeType).to.match(/^video\//);
    expect(detail!.blob.type).to.equal(detail!.mimeType);
    expect(detail!.duration).to.be.above(2000);
    expect(detail!.startedAt).to.be.within(Date.now() - 60_000, Date.now());
    const video = await playable(detail!.blob);
    expect(video.duration, 'duration').to.be.above(0);
    expect(video.videoWidth, 'it has the remote video').to.be.above(0);
    expect(aliceEvents.filter((e) => e.type === 'rtc-recording-state').at(-1)!.detail).to.deep.equal({
      peer: alice.peerId,
      recording: false,
      self: true,
      reason: 'stopped',
    });
    await until(() => bobEvents.length === 2, 'bob is told it stopped');
    expect(bobEvents[1].detail).to.deep.equal({ peer: alice.peerId, recording: false, self: false });
    await bob.updateComplete;
    expect(noticeShown(bob), 'the notice went away').to.equal(false);
    expect(alice.recording).to.equal(false);

    // Audio only, with a size cap of one byte: it stops by itself at the first chunk.
    const limited = nextEvent<CustomEvent<RtcRecordingDetail>>(alice, 'rtc-recording');
    await alice.startRecording({ video: 'none', maxBytes: 1 });
    const audio = (await limited).detail;
    expect(aliceEvents.filter((e) => e.type === 'rtc-recording-state').at(-1)!.detail.reason).to.equal('limit');
    expect(audio.mimeType).to.match(/^audio\//);
    expect(audio.blob.size).to.be.above(0);
    const decoded = await new AudioContext().decodeAudioData(await audio.blob.arrayBuffer());
    expect(decoded.duration, 'decoded audio').to.be.above(0);

    // The call ends during a recording: what was recorded still comes.
    await alice.startRecording({ video: 'local' });
    await until(() => bobEvents.length === 5, 'bob is told again');
    await sleep(1200);
    const last = nextEvent<CustomEvent<RtcRecordingDetail>>(alice, 'rtc-recording');
    bob.hangup();
    const ended = (await last).detail;
    expect(ended.blob.size).to.be.above(0);
    expect(aliceEvents.filter((e) => e.type === 'rtc-recording-state').at(-1)!.detail.reason).to.equal('call-ended');
    expect(alice.recording).to.equal(false);
    expect([...aliceEvents, ...bobEvents].filter((e) => e.type === 'rtc-error')).to.deep.equal([]);

    // No call: invalid-state, and nothing records.
    const errors = record(alice, 'rtc-error');
    const none = await alice.startRecording().catch((e: { type?: string }) => e);
    expect((none as { type?: string }).type).to.equal('invalid-state');
    expect(errors.map((e) => e.detail.type)).to.deep.equal(['invalid-state']);
    expect(await alice.stopRecording()).to.equal(undefined);
  });
});
