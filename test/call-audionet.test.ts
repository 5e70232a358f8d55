// Clean audio (noise suppression, echo cancellation, gain control) and network adaptation of
// <rtc-call>: real browsers, real PeerServer, real WebRTC; the throttled path is a real coturn
// relay with a per-session bandwidth cap (--max-bps, test/wtr/turn-server-plugin.mjs), which drops
// what is above it. The policy's decisions are unit-tested on their own (pure module).
import { expect } from '@open-wc/testing';
import { TURN_URL, TURN_CAPPED_URL, TURN_USER, TURN_PASS } from '/__turn-config.js';
import '../src/index.js';
import type { RtcCall } from '../src/rtc-call/rtc-call.js';
import { decide, initialNetworkState, judge, NETWORK_LIMITS, type NetworkSample, type NetworkState } from '../src/rtc-call/network-adaptation.js';
import type { RtcNetworkQualityDetail } from '../src/rtc-call/network.events.js';
import { cleanup, openCall, record, uid, until } from './helpers.js';

const part = <T extends Element = HTMLElement>(el: RtcCall, name: string): T | null => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
/** The call's RTCPeerConnection (internal: the element exposes no getter for it). */
const pcOf = (el: RtcCall): RTCPeerConnection =>
  (el as unknown as { book: { current: { call: { peerConnection: RTCPeerConnection } } } }).book.current.call.peerConnection;
const videoSender = (pc: RTCPeerConnection) => pc.getTransceivers().find((t) => t.receiver.track.kind === 'video' && t.mid !== null)!.sender;
const KEYS = ['noiseSuppression', 'echoCancellation', 'autoGainControl'] as const;
const supported = navigator.mediaDevices.getSupportedConstraints();

async function pair(callerAttrs: Record<string, string>, calleeAttrs: Record<string, string>) {
  const callee = await openCall({ 'peer-id': uid('bob'), 'auto-answer': '', ...calleeAttrs });
  const caller = await openCall({ 'peer-id': uid('alice'), ...callerAttrs });
  expect(await caller.call(callee.peerId!)).to.equal('connected');
  await until(() => callee.callState === 'active', 'callee active');
  return { caller, callee };
}

/** What the sent microphone track really does (null where unsupported). */
const processing = (el: RtcCall) => {
  const settings = el.localStream!.getAudioTracks()[0]!.getSettings();
  return Object.fromEntries(KEYS.map((k) => [k, supported[k] && typeof settings[k] === 'boolean' ? settings[k] : null]));
};
/** Whether the page's microphone really switches each processing (Firefox's fake microphone has none: always false). */
let honours: Record<string, boolean> = {};
async function probeMicrophone(): Promise<void> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: { noiseSuppression: true, echoCancellation: true, autoGainControl: true } });
  const settings = stream.getAudioTracks()[0]!.getSettings();
  stream.getTracks().forEach((t) => t.stop());
  honours = Object.fromEntries(KEYS.map((k) => [k, settings[k] === true]));
}
/** What an honest report says when `on` was asked for. */
const expected = (on: boolean) => Object.fromEntries(KEYS.map((k) => [k, supported[k] ? on && honours[k] : null]));
const lastOwn = (events: CustomEvent[]) => events.filter((e) => e.detail.self).at(-1)!.detail.audioProcessing;

/** Audio bytes the element receives right now. */
async function audioBytesIn(el: RtcCall): Promise<number> {
  let bytes = 0;
  (await pcOf(el).getStats()).forEach((s: { type: string; kind?: string; bytesReceived?: number }) => {
    if (s.type === 'inbound-rtp' && s.kind === 'audio') bytes += s.bytesReceived ?? 0;
  });
  return bytes;
}

describe('<rtc-call>: clean audio', () => {
  before(probeMicrophone);
  after(cleanup);
  let caller: RtcCall, callee: RtcCall;
  let selfStates: CustomEvent[] = [];

  // Both elements of a pair share the page's one fake microphone, and Firefox gives one device one
  // processing setting per page: so both sides of a pair ask for the same.
  it('starts with processing off where asked, in the sent track and in rtc-media-state', async () => {
    const off = { 'noise-suppression': 'off', 'echo-cancellation': 'false', 'auto-gain': 'off' };
    const callee0 = await openCall({ 'peer-id': uid('bob'), 'auto-answer': '', 'noise-suppression': 'no', 'echo-cancellation': '0', 'auto-gain': 'OFF' });
    const caller0 = await openCall({ 'peer-id': uid('alice'), ...off });
    selfStates = record(caller0, 'rtc-media-state');
    const calleeStates = record(callee0, 'rtc-media-state');
    expect([caller0.noiseSuppression, caller0.echoCancellation, caller0.autoGain]).to.deep.equal([false, false, false]);
    expect([callee0.noiseSuppression, callee0.echoCancellation, callee0.autoGain]).to.deep.equal([false, false, false]);
    expect(await caller0.call(callee0.peerId!)).to.equal('connected');
    await until(() => callee0.callState === 'active', 'callee active');
    caller = caller0;
    callee = callee0;
    expect(processing(caller)).to.deep.equal(expected(false));
    expect(processing(callee)).to.deep.equal(expected(false));
    expect(lastOwn(selfStates)).to.deep.equal(expected(false));
    await until(() => calleeStates.some((e) => e.detail.self && e.detail.audioProcessing), 'callee own state');
    expect(lastOwn(calleeStates)).to.deep.equal(expected(false));
    // The remote side's state carries no processing (it is never sent).
    caller.setMuted(true);
    await until(() => calleeStates.some((e) => !e.detail.self), 'remote state');
    expect(calleeStates.find((e) => !e.detail.self)!.detail).to.not.have.property('audioProcessing');
    caller.setMuted(false);
  });

  it('switches mid-call (the checkboxes of the devices panel) without renegotiation, and audio keeps flowing', async () => {
    const pcs = [pcOf(caller), pcOf(callee)];
    // The o= line's session version goes up with every renegotiation (trickled candidates do not change it).
    const origin = (sdp: string) => sdp.split('\r\n').find((l) => l.startsWith('o='));
    const versions = () => pcs.map((pc) => [origin(pc.localDescription!.sdp), origin(pc.remoteDescription!.sdp)]);
    const sdps = versions();
    const renegotiations: string[] = [];
    for (const pc of pcs) {
      pc.addEventListener('negotiationneeded', () => renegotiations.push('negotiationneeded'));
      pc.addEventListener('signalingstatechange', () => renegotiations.push(pc.signalingState));
    }
    part<HTMLButtonElement>(caller, 'settings-button')!.click();
    await until(() => caller.shadowRoot!.querySelectorAll('[part~="audio-processing-checkbox"]').length === 3, 'checkboxes');
    await caller.updateComplete;
    const boxes = [...caller.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="audio-processing-checkbox"]')];
    expect(boxes.map((b) => b.checked)).to.deep.equal([false, false, false]);
    // Labelled: each checkbox's label text.
    expect(boxes.map((b) => b.closest('label')!.textContent!.trim())).to.deep.equal(['Noise suppression', 'Echo cancellation', 'Automatic gain control']);
    await expect(caller).to.be.accessible();
    const before = await audioBytesIn(callee);
    const on = JSON.stringify(expected(true));
    const firstTrack = caller.localStream!.getAudioTracks()[0];
    const errors = record(caller, 'rtc-error');
    for (const box of boxes) box.click();
    expect([caller.noiseSuppression, caller.echoCancellation, caller.autoGain]).to.deep.equal([true, true, true]);
    callee.setAttribute('noise-suppression', 'on');
    callee.removeAttribute('echo-cancellation');
    callee.autoGain = true;
    // Where the device cannot (Firefox's fake one), the element tries a new track (or says why not) and reports what the track does.
    const settled = () =>
      Object.values(honours).some(Boolean)
        ? selfStates.some((e) => e.detail.self && JSON.stringify(e.detail.audioProcessing) === on)
        : caller.localStream!.getAudioTracks()[0] !== firstTrack || errors.length > 0;
    await until(settled, () => `rtc-media-state with ${on}; the track says ${JSON.stringify(processing(caller))}`);
    expect(processing(caller)).to.deep.equal(expected(true));
    expect(lastOwn(selfStates), 'reports what the track does').to.deep.equal(processing(caller));
    // The track the call sends is the one in the local stream (applyConstraints, or a new one put in by replaceTrack).
    const audioSender = pcs[0]!.getTransceivers().find((t) => t.receiver.track.kind === 'audio' && t.mid !== null)!.sender;
    await until(() => audioSender.track === caller.localStream!.getAudioTracks()[0], 'the call sends the microphone track of the local stream');
    expect(audioSender.track!.readyState).to.equal('live');
    const after = await audioBytesIn(callee);
    await new Promise((r) => setTimeout(r, 600));
    expect(await audioBytesIn(callee), 'audio still arrives').to.be.greaterThan(Math.max(before, after));
    // And off again through the property.
    await until(
      () => JSON.stringify(processing(callee)) === on,
      () => `callee on: ${JSON.stringify(processing(callee))}`,
    );
    if (honours.noiseSuppression) {
      const count = selfStates.length;
      caller.noiseSuppression = false;
      callee.noiseSuppression = false;
      await until(
        () => selfStates.slice(count).some((e) => e.detail.self && e.detail.audioProcessing?.noiseSuppression === false),
        () => `noise suppression off; the track says ${JSON.stringify(processing(caller))}`,
      );
      expect(processing(caller).noiseSuppression).to.equal(false);
      expect(lastOwn(selfStates)).to.deep.equal(processing(caller));
    }
    expect(renegotiations, 'no renegotiation').to.deep.equal([]);
    expect(versions()).to.deep.equal(sdps);
    const mid = await audioBytesIn(callee);
    await new Promise((r) => setTimeout(r, 600));
    expect(await audioBytesIn(callee)).to.be.greaterThan(mid);
  });

  it('is on by default (absent attributes), in the sent track and in rtc-media-state', async () => {
    cleanup();
    const bob = await openCall({ 'peer-id': uid('bob'), 'auto-answer': '' });
    const alice = await openCall({ 'peer-id': uid('alice') });
    const states = record(alice, 'rtc-media-state');
    expect([alice.noiseSuppression, alice.echoCancellation, alice.autoGain]).to.deep.equal([true, true, true]);
    expect(await alice.call(bob.peerId!)).to.equal('connected');
    expect(processing(alice)).to.deep.equal(expected(true));
    expect(lastOwn(states)).to.deep.equal(expected(true));
  });
});

// ------------------------------------------------------------------ the policy (pure)

const run = (samples: NetworkSample[], auto = false, from: NetworkState = initialNetworkState()) => {
  let state = from;
  return samples.map((sample) => {
    const decision = decide(state, sample, auto);
    state = decision.state;
    return decision;
  });
};
const GOOD: NetworkSample = { loss: 0, rtt: 20, bitrate: 2_000_000 };
const POOR: NetworkSample = { loss: 0.1, rtt: 20, bitrate: 2_000_000 };
const BAD: NetworkSample = { loss: 0.3, rtt: 20, bitrate: 2_000_000 };
const SLOW: NetworkSample = { loss: 0, rtt: 20, bitrate: 100_000 };

describe('network adaptation policy', () => {
  it('judges loss, round-trip time and the bitrate estimate, and says why', () => {
    expect(judge(GOOD, 0, false)).to.deep.equal({ level: 'good', reasons: [] });
    expect(judge({ loss: 0.05, rtt: 400, bitrate: null }, 0, false)).to.deep.equal({ level: 'fair', reasons: ['loss', 'rtt'] });
    expect(judge(POOR, 0, false).level).to.equal('poor');
    expect(judge(BAD, 0, false)).to.deep.equal({ level: 'bad', reasons: ['loss'] });
    expect(judge(SLOW, 0, false)).to.deep.equal({ level: 'bad', reasons: ['bitrate'] });
    expect(judge({ ...GOOD, bitrate: 200_000 }, 0, false).level, 'poor estimate at full video').to.equal('poor');
    expect(judge({ ...GOOD, bitrate: 200_000 }, 2, false).level, 'a lowered encoder sends less: not poor').to.equal('good');
    expect(judge(SLOW, 1, true).level, 'paused: the estimate does not count').to.equal('good');
    expect(judge({ loss: NaN, rtt: null, bitrate: null }, 0, false).level).to.equal('good');
  });

  it('steps down after two degraded samples in a row, to audio-only after three bad ones, and back up after four good ones', () => {
    expect(run([POOR, POOR, POOR, POOR]).map((d) => [d.action, d.state.step])).to.deep.equal([
      ['none', 0],
      ['reduce', 1],
      ['none', 1],
      ['reduce', 2],
    ]);
    const bad = run([BAD, BAD, BAD, BAD], true);
    expect(bad.map((d) => d.action)).to.deep.equal(['none', 'reduce', 'audio-only', 'none']);
    expect(bad.map((d) => d.state.quality)).to.deep.equal(['good', 'poor', 'bad', 'bad']);
    expect(bad[2]!.state.paused, 'auto-audio-only pauses').to.equal(true);
    expect(run([BAD, BAD, BAD], false)[2]!.state, 'without it only suggests').to.include({ paused: false, bad: true });
    const back = run([GOOD, GOOD, GOOD, GOOD, GOOD, GOOD, GOOD, GOOD], true, bad[3]!.state);
    expect(back.map((d) => d.action)).to.deep.equal(['none', 'none', 'none', 'restore', 'none', 'none', 'none', 'restore']);
    expect(back[3]!.state).to.include({ paused: false, bad: false, quality: 'good' });
    expect(back[7]!.state.step).to.equal(0);
  });

  it('does not flap on alternating samples (no action, no change of the reported level)', () => {
    const decisions = run(Array.from({ length: 20 }, (_, i) => (i % 2 ? BAD : GOOD)));
    expect(decisions.every((d) => d.action === 'none' && d.state.quality === 'good')).to.equal(true);
    const fairPoor = run(Array.from({ length: 20 }, (_, i) => (i % 2 ? POOR : { ...GOOD, loss: 0.03 })));
    expect(fairPoor.filter((d) => d.action !== 'none')).to.deep.equal([]);
    // A reduced step does not come back on fair samples between good ones either.
    const reduced = run([POOR, POOR])[1]!.state;
    expect(run([GOOD, GOOD, GOOD, { ...GOOD, loss: 0.03 }, GOOD, GOOD, GOOD], false, reduced).map((d) => d.action)).to.not.include('restore');
    expect(NETWORK_LIMITS.restoreAfter).to.be.greaterThan(NETWORK_LIMITS.reduceAfter);
  });
});

// ------------------------------------------------------------------ real paths

const relay = (url: string) => ({
  'ice-servers': JSON.stringify([{ urls: url, username: TURN_USER, credential: TURN_PASS }]),
  'relay-only': '',
  'stats-interval': '500',
});

describe('<rtc-call>: network adaptation on a real path', () => {
  afterEach(cleanup);

  it('on a relay capped to 64 kbit/s: poor, then bad; lowers its encodings; with auto-audio-only stops its video and tells the peer; the other side suggests audio only', async () => {
    expect(TURN_CAPPED_URL, 'coturn is not installed (apt-get install coturn)').to.not.equal('');
    const { caller, callee } = await pair({ ...relay(TURN_CAPPED_URL), 'auto-audio-only': '' }, relay(TURN_CAPPED_URL));
    const callerEvents = record(caller, 'rtc-network-quality');
    const calleeEvents = record(callee, 'rtc-network-quality');
    const details = () => callerEvents.map((e) => e.detail as RtcNetworkQualityDetail);
    await until(
      () => details().some((d) => d.action === 'audio-only'),
      () => `caller goes audio-only: ${JSON.stringify(details())}`,
      30000,
    );
    const first = details().find((d) => d.action === 'reduce')!;
    expect(first, 'a step down came first').to.not.equal(undefined);
    expect(['poor', 'fair', 'good']).to.include(first.quality);
    const bad = details().find((d) => d.action === 'audio-only')!;
    expect(bad).to.include({ peer: callee.peerId, quality: 'bad' });
    expect(bad.reasons.length).to.be.greaterThan(0);
    const encoding = videoSender(pcOf(caller)).getParameters().encodings[0]!;
    expect((encoding.scaleResolutionDownBy ?? 1) > 1 || encoding.maxBitrate !== undefined, JSON.stringify(encoding)).to.equal(true);
    await until(() => videoSender(pcOf(caller)).track === null, 'video no longer sent');
    await until(() => callee.remoteMediaState?.cameraOff === true, 'callee told: camera off');
    expect(caller.cameraOff, "the user's camera setting is untouched").to.equal(false);
    await caller.updateComplete;
    expect(part(caller, 'network-notice')!.textContent).to.contain('paused');
    // The callee (no auto-audio-only) only suggests it: the notice with its button.
    await until(
      () => calleeEvents.some((e) => e.detail.quality === 'bad'),
      () => `callee bad: ${JSON.stringify(calleeEvents.map((e) => e.detail))}`,
      20000,
    );
    await callee.updateComplete;
    const button = part<HTMLButtonElement>(callee, 'network-audio-only-button')!;
    expect(button.textContent!.trim()).to.equal('Switch to audio only');
    await expect(callee).to.be.accessible();
    expect(videoSender(pcOf(callee)).track, 'still sends video until asked').to.not.equal(null);
    button.click();
    await until(() => callee.cameraOff && videoSender(pcOf(callee)).track === null, 'callee switched to audio only');
    await callee.updateComplete;
    expect(part(callee, 'network-notice')).to.equal(null);
  });

  it('on an uncapped relay stays good and keeps full video', async () => {
    expect(TURN_URL, 'coturn is not installed').to.not.equal('');
    const { caller } = await pair({ ...relay(TURN_URL), 'auto-audio-only': '' }, relay(TURN_URL));
    const events = record(caller, 'rtc-network-quality');
    const stats = record(caller, 'rtc-stats');
    await until(() => stats.length >= 8, 'eight samples', 20000);
    expect(
      events.map((e) => e.detail.action).filter((a) => a !== 'none'),
      JSON.stringify(events.map((e) => e.detail)),
    ).to.deep.equal([]);
    const encoding = videoSender(pcOf(caller)).getParameters().encodings[0]!;
    expect(encoding.scaleResolutionDownBy ?? 1).to.equal(1);
    expect(encoding.maxBitrate).to.equal(undefined);
    expect(videoSender(pcOf(caller)).track).to.not.equal(null);
  });
});
