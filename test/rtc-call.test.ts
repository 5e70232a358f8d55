// End-to-end tests of <rtc-call>: real Chromium (fake camera/microphone/screen from its flags),
// real PeerServer, real WebRTC. Nothing is mocked.
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import { Peer, type DataConnection, type MediaConnection } from 'peerjs';
import { PEER_HOST, PEER_PORT, PEER_PATH } from '/__peer-config.js';
import '../src/index.js';
import type { RtcCall } from '../src/rtc-call/rtc-call.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import { classifyControl, readCallMetadata, RateLimiter } from '../src/rtc-call/call-protocol.js';
import { qualityOf } from '../src/rtc-call/call-stats.js';
import { liveSessionCount } from '../src/session/registry.js';
import { cleanup, nextEvent, openCall, openChat, record, uid, until } from './helpers.js';

const part = <T extends Element = HTMLElement>(el: RtcCall, name: string): T | null => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const remoteVideo = (el: RtcCall) => part<HTMLVideoElement>(el, 'remote-video')!;
const statusText = (el: RtcCall) => part(el, 'status')!.textContent!.trim();

async function playing(video: HTMLVideoElement, what: string): Promise<void> {
  await until(() => video.videoWidth > 0 && video.readyState >= 2 && !video.paused, `${what} plays`, 20000);
}

/** A connected call: `callee` auto-answers (unless told otherwise), `caller` calls it. */
async function connectedPair(callerAttrs: Record<string, string> = {}, calleeAttrs: Record<string, string> = { 'auto-answer': '' }) {
  const callee = await openCall({ 'peer-id': uid('bob'), ...calleeAttrs });
  const caller = await openCall({ 'peer-id': uid('alice'), ...callerAttrs });
  const outcome = await caller.call(callee.peerId!);
  expect(outcome).to.equal('connected');
  await until(() => callee.callState === 'active', 'callee active');
  return { caller, callee };
}

interface OpenedPage {
  handle: number;
  status: string;
}
const openPage = (url: string) =>
  executeServerCommand<OpenedPage, { url: string; browser: string }>('open-page', { url: new URL(url, location.origin).href, browser: 'same' });
const pageEval = async <T>(handle: number, expression: string): Promise<T> =>
  (await executeServerCommand<{ value: T }, { handle: number; expression: string }>('page-eval', { handle, expression })).value;

/** Collects uncaught errors and unhandled rejections while `body` runs. */
async function noUncaught(body: () => Promise<void>): Promise<unknown[]> {
  const uncaught: unknown[] = [];
  const onError = (e: ErrorEvent) => uncaught.push(e.error ?? e.message);
  const onRejection = (e: PromiseRejectionEvent) => uncaught.push(e.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  try {
    await body();
    await new Promise((r) => setTimeout(r, 100));
  } finally {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
  return uncaught;
}

describe('<rtc-call>: two elements call each other', () => {
  afterEach(cleanup);

  it('connects, both remote videos play, with events and state on both sides', async () => {
    const bob = await openCall({ 'peer-id': uid('bob'), 'auto-answer': '' });
    const alice = await openCall({ 'peer-id': uid('alice') });
    const aliceEvents = record(alice, 'rtc-local-stream', 'rtc-remote-stream', 'rtc-connect', 'rtc-call-state');
    const bobEvents = record(bob, 'rtc-incoming-call', 'rtc-local-stream', 'rtc-remote-stream', 'rtc-connect');
    const outcome = await alice.call(bob.peerId!, { metadata: { topic: 'stand-up', n: 1 } });
    expect(outcome).to.equal('connected');
    await until(() => bob.callState === 'active', 'bob active');
    await playing(remoteVideo(alice), "alice's remote video");
    await playing(remoteVideo(bob), "bob's remote video");

    const incoming = bobEvents.find((e) => e.type === 'rtc-incoming-call')!;
    expect(incoming.detail).to.deep.equal({ from: alice.peerId, metadata: { topic: 'stand-up', n: 1 } });
    expect(incoming.cancelable).to.equal(true);
    for (const [el, events, other] of [
      [alice, aliceEvents, bob],
      [bob, bobEvents, alice],
    ] as const) {
      expect(events.filter((e) => e.type === 'rtc-connect').map((e) => e.detail)).to.deep.equal([{ peer: other.peerId }]);
      const local = events.find((e) => e.type === 'rtc-local-stream')!;
      expect(local.detail.stream).to.equal(el.localStream);
      expect(el.localStream!.getAudioTracks()).to.have.length(1);
      expect(el.localStream!.getVideoTracks()).to.have.length(1);
      const remote = events.find((e) => e.type === 'rtc-remote-stream')!;
      expect(remote.detail.peer).to.equal(other.peerId);
      expect(remote.detail.stream).to.equal(el.remoteStream);
      expect(el.remotePeer).to.equal(other.peerId);
      expect(el.getAttribute('call-state')).to.equal('active');
      await el.updateComplete;
      expect(statusText(el)).to.equal(`In call with ${other.peerId}`);
      expect(part(el, 'local-video')!.classList.contains('mirrored')).to.equal(true);
      expect(part<HTMLVideoElement>(el, 'local-video')!.muted).to.equal(true);
    }
    expect(aliceEvents.filter((e) => e.type === 'rtc-call-state').map((e) => e.detail.state)).to.deep.equal(['calling', 'connecting', 'active']);
  });

  it('answers from the Accept button with the keyboard, then each side can hang up and both end', async () => {
    const bob = await openCall({ 'peer-id': uid('bob') });
    const alice = await openCall({ 'peer-id': uid('alice') });
    const ringing = nextEvent<CustomEvent>(bob, 'rtc-incoming-call');
    const outcome = alice.call(bob.peerId!);
    await ringing;
    await bob.updateComplete;
    const accept = part<HTMLButtonElement>(bob, 'accept-button')!;
    expect(accept.textContent!.trim()).to.equal('Accept');
    accept.focus();
    await sendKeys({ press: 'Enter' });
    expect(await outcome).to.equal('connected');
    await until(() => bob.callState === 'active', 'bob active');

    // bob hangs up: both end, with the reason seen from each side
    let aliceEnd = nextEvent<CustomEvent>(alice, 'rtc-call-end');
    let bobEnd = nextEvent<CustomEvent>(bob, 'rtc-call-end');
    const aliceDisconnect = nextEvent<CustomEvent>(alice, 'rtc-disconnect');
    await bob.updateComplete;
    part<HTMLButtonElement>(bob, 'hangup-button')!.click();
    expect((await bobEnd).detail).to.deep.equal({ peer: alice.peerId, reason: 'hangup' });
    expect((await aliceEnd).detail).to.deep.equal({ peer: bob.peerId, reason: 'remote-hangup' });
    expect((await aliceDisconnect).detail).to.deep.equal({ peer: bob.peerId, reason: 'remote' });
    expect(alice.callState).to.equal('idle');
    expect(bob.callState).to.equal('idle');
    expect(alice.localStream).to.equal(undefined); // camera released
    await alice.updateComplete;
    expect(statusText(alice)).to.equal(`Call with ${bob.peerId} ended`);

    // and the other way round: alice hangs up
    bob.autoAnswer = true;
    expect(await alice.call(bob.peerId!)).to.equal('connected');
    await until(() => bob.callState === 'active', 'bob active again');
    aliceEnd = nextEvent<CustomEvent>(alice, 'rtc-call-end');
    bobEnd = nextEvent<CustomEvent>(bob, 'rtc-call-end');
    alice.hangup();
    expect((await aliceEnd).detail.reason).to.equal('hangup');
    expect((await bobEnd).detail.reason).to.equal('remote-hangup');
  });

  it('declines: the caller gets declined, the callee never starts its camera', async () => {
    const bob = await openCall({ 'peer-id': uid('bob') });
    const alice = await openCall({ 'peer-id': uid('alice') });
    const bobEvents = record(bob, 'rtc-local-stream', 'rtc-connect', 'rtc-call-end');
    const aliceEvents = record(alice, 'rtc-connect', 'rtc-remote-stream', 'rtc-call-end');
    const ringing = nextEvent<CustomEvent>(bob, 'rtc-incoming-call');
    const outcome = alice.call(bob.peerId!);
    await ringing;
    await bob.updateComplete;
    part<HTMLButtonElement>(bob, 'decline-button')!.click();
    expect(await outcome).to.equal('declined');
    await until(() => bobEvents.some((e) => e.type === 'rtc-call-end'), 'bob ended');
    expect(aliceEvents.filter((e) => e.type === 'rtc-call-end').map((e) => e.detail)).to.deep.equal([{ peer: bob.peerId, reason: 'declined' }]);
    expect(bobEvents.map((e) => [e.type, e.detail.reason])).to.deep.equal([['rtc-call-end', 'declined']]);
    expect(aliceEvents.some((e) => e.type === 'rtc-connect' || e.type === 'rtc-remote-stream')).to.equal(false);
    await alice.updateComplete;
    expect(statusText(alice)).to.equal(`${bob.peerId} declined the call`);
    expect(part(bob, 'incoming')).to.equal(null);
  });

  it('does not answer by itself: a ringing call starts no camera and connects nothing', async () => {
    const bob = await openCall({ 'peer-id': uid('bob') }); // no auto-answer
    const alice = await openCall({ 'peer-id': uid('alice') });
    const bobEvents = record(bob, 'rtc-local-stream', 'rtc-connect', 'rtc-remote-stream');
    const aliceEvents = record(alice, 'rtc-connect', 'rtc-remote-stream');
    const ringing = nextEvent<CustomEvent>(bob, 'rtc-incoming-call');
    const outcome = alice.call(bob.peerId!);
    await ringing;
    await new Promise((r) => setTimeout(r, 2000));
    expect(bob.callState).to.equal('ringing');
    expect(bob.localStream).to.equal(undefined);
    expect(bobEvents).to.deep.equal([]);
    expect(aliceEvents).to.deep.equal([]);
    expect(alice.callState).to.equal('calling');
    await bob.updateComplete;
    expect(part(bob, 'incoming')).to.not.equal(null);
    expect(part(bob, 'local-tile')).to.equal(null);
    // the caller gives up: the callee stops ringing
    const bobEnd = nextEvent<CustomEvent>(bob, 'rtc-call-end');
    alice.hangup();
    expect(await outcome).to.equal('hangup');
    expect((await bobEnd).detail).to.deep.equal({ peer: alice.peerId, reason: 'remote-hangup' });
    expect(bobEvents).to.deep.equal([]);
  });

  it('preventDefault() on rtc-incoming-call hides the ringing UI; the page answers with answer()', async () => {
    const bob = await openCall({ 'peer-id': uid('bob'), 'auto-answer': '' });
    const alice = await openCall({ 'peer-id': uid('alice') });
    bob.addEventListener('rtc-incoming-call', (e) => e.preventDefault());
    const ringing = nextEvent<CustomEvent>(bob, 'rtc-incoming-call');
    const outcome = alice.call(bob.peerId!);
    await ringing;
    await new Promise((r) => setTimeout(r, 500));
    await bob.updateComplete;
    expect(bob.callState).to.equal('ringing'); // prevented: not auto-answered
    expect(part(bob, 'incoming')).to.equal(null);
    await bob.answer();
    expect(await outcome).to.equal('connected');
  });

  it('rings out with ring-timeout: no-answer on both sides (a missed call for the callee)', async () => {
    const bob = await openCall({ 'peer-id': uid('bob') });
    const alice = await openCall({ 'peer-id': uid('alice'), 'ring-timeout': '1500' });
    const bobEnd = nextEvent<CustomEvent>(bob, 'rtc-call-end');
    expect(await alice.call(bob.peerId!)).to.equal('no-answer');
    expect((await bobEnd).detail.reason).to.equal('no-answer');
    await bob.updateComplete;
    expect(statusText(bob)).to.equal(`Missed call from ${alice.peerId}`);
  });

  it('tells the other side about mute and camera changes, and shows them on its remote tile', async () => {
    const { caller: alice, callee: bob } = await connectedPair();
    await playing(remoteVideo(bob), "bob's remote video");
    const states = record(bob, 'rtc-media-state');
    const own = record(alice, 'rtc-media-state');

    alice.setMuted(true);
    await until(() => states.some((e) => e.detail.muted), 'bob saw mute');
    expect(states.at(-1)!.detail).to.deep.equal({ peer: alice.peerId, self: false, muted: true, cameraOff: false, screen: false });
    // Own states also say what the microphone does (call-audionet.test.ts checks the values).
    const { audioProcessing, ...ownState } = own.at(-1)!.detail;
    expect(ownState).to.deep.equal({ peer: alice.peerId, self: true, muted: true, cameraOff: false, screen: false });
    expect(audioProcessing).to.have.keys('noiseSuppression', 'echoCancellation', 'autoGainControl');
    expect(alice.localStream!.getAudioTracks()[0].enabled).to.equal(false);
    expect(alice.hasAttribute('muted')).to.equal(true);
    expect(bob.remoteMediaState).to.deep.equal({ muted: true, cameraOff: false, screen: false });
    await bob.updateComplete;
    expect(part(bob, 'remote-badges')!.textContent).to.contain('Muted');

    const cameraTrack = alice.localStream!.getVideoTracks()[0];
    await alice.setCameraOff(true);
    await until(() => bob.remoteMediaState?.cameraOff === true, 'bob saw camera off');
    expect(cameraTrack.readyState).to.equal('ended'); // the camera itself is off, not just black frames
    expect(alice.localStream!.getVideoTracks()).to.have.length(0);
    expect(alice.getAttribute('camera-off')).to.equal('');
    await bob.updateComplete;
    expect(remoteVideo(bob).classList.contains('hidden')).to.equal(true);
    expect(part(bob, 'remote-avatar')!.textContent!.trim()).to.equal(initialsOf(alice.peerId!));
    expect(part(bob, 'remote-badges')!.textContent).to.contain('Camera off');

    // back on, through the attributes this time
    alice.removeAttribute('camera-off');
    alice.removeAttribute('muted');
    await until(() => bob.remoteMediaState?.cameraOff === false && bob.remoteMediaState?.muted === false, 'bob saw camera on, unmuted');
    expect(alice.localStream!.getVideoTracks()[0].readyState).to.equal('live');
    await bob.updateComplete;
    expect(remoteVideo(bob).classList.contains('hidden')).to.equal(false);
    const stats = await waitForStats(bob, (s) => (s.video?.width ?? 0) > 0);
    expect(stats.video!.width).to.be.greaterThan(0);
  });

  it('shares the screen by replacing the outgoing video track (same call, no renegotiation), and stops again', async () => {
    const { caller: alice, callee: bob } = await connectedPair();
    await playing(remoteVideo(bob), "bob's remote video");
    const cameraSize = await waitForStats(bob, (s) => (s.video?.width ?? 0) > 0);
    const bobStream = bob.remoteStream;
    const churn = record(bob, 'rtc-remote-stream', 'rtc-connect', 'rtc-call-end', 'rtc-incoming-call');
    const states = record(bob, 'rtc-media-state');

    // A real click (user activation): Firefox only allows getDisplayMedia from a user gesture.
    await alice.updateComplete;
    const shareButton = part<HTMLButtonElement>(alice, 'screen-button')!;
    shareButton.scrollIntoView({ block: 'center' });
    const shareErrors = record(alice, 'rtc-error');
    const clicks = record(shareButton, 'click');
    const box = shareButton.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    if (navigator.userAgent.includes('Firefox')) {
      // Headless Firefox has no fake screen source: sharing must fail clearly and the call go on.
      await until(() => shareErrors.length > 0, 'screen capture error', 10000);
      expect(clicks.length).to.equal(1);
      expect(shareErrors[0].detail.type).to.equal('media-not-found');
      expect(alice.screenSharing).to.equal(false);
      expect(alice.callState).to.equal('active');
      expect(churn).to.deep.equal([]);
      return;
    }
    await until(
      () => alice.screenSharing,
      `alice is sharing her screen (clicks: ${clicks.length}, errors: ${JSON.stringify(shareErrors.map((e) => e.detail))})`,
      10000,
    );
    await until(() => bob.remoteMediaState?.screen === true, 'bob saw screen sharing');
    // The screen is bigger than the 320x240 camera: bob receives a different picture on the same track.
    const shared = await waitForStats(bob, (s) => !!s.video && s.video.width !== cameraSize.video!.width);
    expect(shared.video!.width).to.not.equal(cameraSize.video!.width);
    expect(bob.remoteStream).to.equal(bobStream);
    expect(churn).to.deep.equal([]);
    await alice.updateComplete;
    expect(part(alice, 'local-video')!.classList.contains('mirrored')).to.equal(false); // the screen preview is not mirrored
    expect(alice.localStream!.getVideoTracks()[0].readyState).to.equal('live'); // the camera waits
    await bob.updateComplete;
    expect(part(bob, 'remote-badges')!.textContent).to.contain('Sharing screen');

    await alice.stopScreenShare();
    await until(() => bob.remoteMediaState?.screen === false, 'bob saw sharing stop');
    const back = await waitForStats(bob, (s) => s.video?.width === cameraSize.video!.width);
    expect(back.video!.width).to.equal(cameraSize.video!.width);
    expect(churn).to.deep.equal([]);
    expect(states.map((e) => e.detail.screen)).to.deep.equal([true, false]);
  });

  it('audio-only: no camera, initials tiles, and the other side answers audio-only too', async () => {
    const { caller: alice, callee: bob } = await connectedPair({ 'audio-only': '' });
    expect(alice.localStream!.getVideoTracks()).to.have.length(0);
    expect(alice.localStream!.getAudioTracks()).to.have.length(1);
    expect(bob.localStream!.getVideoTracks()).to.have.length(0); // no camera for an audio-only caller
    await until(() => bob.remoteMediaState?.cameraOff === true, 'bob knows alice has no camera');
    await alice.updateComplete;
    await bob.updateComplete;
    expect(part(alice, 'camera-button')).to.equal(null);
    expect(part(alice, 'screen-button')).to.equal(null);
    expect(part(alice, 'remote-avatar')!.textContent!.trim()).to.equal(initialsOf(bob.peerId!));
    expect(part(alice, 'local-avatar')).to.not.equal(null);
    expect(part(bob, 'remote-avatar')).to.not.equal(null);
    expect(remoteVideo(bob).classList.contains('hidden')).to.equal(true);
    // the remote audio still plays through the (hidden) remote video element
    await until(() => !remoteVideo(bob).paused && remoteVideo(bob).srcObject === bob.remoteStream, 'remote audio plays');
    expect(bob.remoteStream!.getAudioTracks()).to.have.length(1);
  });

  it('reports rtc-stats with round-trip time, bitrates, loss, resolution and frame rate; stats-interval="0" turns them off', async () => {
    const { caller: alice, callee: bob } = await connectedPair({ 'stats-interval': '300' }, { 'auto-answer': '', 'stats-interval': '0' });
    const bobStats = record(bob, 'rtc-stats');
    const aliceStats = record(alice, 'rtc-stats');
    const stats = await waitForStats(alice, (s) => s.bitrateIn > 0 && s.bitrateOut > 0 && (s.video?.width ?? 0) > 0 && s.roundTripTime !== null);
    expect(stats.peer).to.equal(bob.peerId);
    expect(stats.roundTripTime).to.be.a('number').and.at.least(0);
    expect(stats.packetLoss).to.be.within(0, 1);
    expect(stats.video!.height).to.be.greaterThan(0);
    expect(stats.sentVideo!.width).to.be.greaterThan(0);
    expect(['good', 'fair', 'poor']).to.include(stats.quality);
    await until(() => aliceStats.length >= 2, 'periodic rtc-stats events');
    expect(aliceStats[1].detail.timestamp).to.be.greaterThan(aliceStats[0].detail.timestamp);
    await alice.updateComplete;
    expect(part(alice, 'quality')!.getAttribute('aria-label')).to.match(/^Connection quality: (good|fair|poor)$/);
    expect(getComputedStyle(part(alice, 'quality')!).position, 'the indicator styles came with the stats code').to.equal('absolute');
    expect(bobStats).to.deep.equal([]);
    await bob.updateComplete;
    expect(part(bob, 'quality')).to.equal(null);
    expect(await bob.getStats()).to.have.property('peer', alice.peerId); // on demand still works
  });

  it('picture-in-picture: the button opens the remote video in its own window, closes it again, and hanging up closes it', async function () {
    if (!document.pictureInPictureEnabled) this.skip(); // Firefox has no picture-in-picture API for pages
    // Chromium's own picture-in-picture window may report this benign notice while it resizes; it
    // is not the element's (it has no ResizeObserver), so it must not fail the test.
    const previous = window.onerror;
    window.onerror = function (this: Window, message, ...rest) {
      if (String(message).includes('ResizeObserver loop')) return true;
      return previous?.call(this, message, ...rest);
    } as OnErrorEventHandler;
    try {
      const { caller: alice, callee: bob } = await connectedPair();
      await playing(remoteVideo(alice), "alice's remote video");
      const clickPip = async () => {
        await alice.updateComplete;
        const button = part<HTMLButtonElement>(alice, 'pip-button')!;
        button.scrollIntoView({ block: 'center' });
        const box = button.getBoundingClientRect();
        await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
      };
      const errors = record(alice, 'rtc-error');
      const inPip = () => alice.shadowRoot!.pictureInPictureElement === remoteVideo(alice);
      // The browser refuses (here: the video disallows it): the page hears why, the call goes on.
      remoteVideo(alice).disablePictureInPicture = true;
      await clickPip();
      await until(() => errors.length > 0, 'refusal reported');
      remoteVideo(alice).disablePictureInPicture = false;
      expect(errors[0].detail.type).to.equal('invalid-state');
      expect(errors[0].detail.message).to.match(/^Picture in picture is not available: /);
      expect(inPip()).to.equal(false);
      expect(alice.callState).to.equal('active');
      errors.length = 0;
      await clickPip();
      await until(() => inPip() || errors.length > 0, 'the remote video is in picture-in-picture');
      expect(errors.map((e) => e.detail)).to.deep.equal([]);
      await until(() => part(alice, 'pip-button')!.getAttribute('aria-label') === 'Exit picture in picture', 'the button offers to exit');
      await clickPip();
      await until(() => !alice.shadowRoot!.pictureInPictureElement, 'the second click closes it');
      await clickPip();
      await until(() => inPip() || errors.length > 0, 'open again');
      expect(errors.map((e) => e.detail)).to.deep.equal([]);
      bob.hangup();
      await until(() => !alice.shadowRoot!.pictureInPictureElement, 'the end of the call closes it');
    } finally {
      window.onerror = previous;
    }
  });

  it('removing the element hangs up; the other side gets remote-hangup', async () => {
    const { caller: alice, callee: bob } = await connectedPair();
    const track = alice.localStream!.getVideoTracks()[0];
    const bobEnd = nextEvent<CustomEvent>(bob, 'rtc-call-end');
    alice.remove();
    expect((await bobEnd).detail).to.deep.equal({ peer: alice.peerId, reason: 'remote-hangup' });
    expect(track.readyState).to.equal('ended');
  });

  it('moving the element in the DOM keeps the call', async () => {
    const { caller: alice, callee: bob } = await connectedPair();
    const ends = record(alice, 'rtc-call-end', 'rtc-disconnect');
    const bobEnds = record(bob, 'rtc-call-end');
    const box = document.createElement('div');
    document.body.appendChild(box);
    box.appendChild(alice); // disconnect + connect in one task
    await new Promise((r) => setTimeout(r, 1500));
    expect(ends).to.deep.equal([]);
    expect(bobEnds).to.deep.equal([]);
    expect(alice.callState).to.equal('active');
    await playing(remoteVideo(alice), "alice's remote video after the move");
    box.remove();
  });

  it('muted and camera-off set before calling: the camera never starts, the other side knows at once', async () => {
    const { caller: alice, callee: bob } = await connectedPair({ muted: '', 'camera-off': '' });
    expect(alice.localStream!.getVideoTracks()).to.have.length(0);
    expect(alice.localStream!.getAudioTracks()[0].enabled).to.equal(false);
    await until(() => bob.remoteMediaState?.muted === true && bob.remoteMediaState?.cameraOff === true, 'bob sees muted, camera off');
    await playing(remoteVideo(alice), "bob's video at alice"); // alice still receives
    await alice.setCameraOff(false);
    await until(() => bob.remoteMediaState?.cameraOff === false, 'camera on');
    await playing(remoteVideo(bob), "alice's video at bob");
  });

  it('both call each other at once: one call connects on both sides', async () => {
    const alice = await openCall({ 'peer-id': uid('alice') });
    const bob = await openCall({ 'peer-id': uid('bob') });
    const ends = record(alice, 'rtc-call-end');
    const [a, b] = await Promise.all([alice.call(bob.peerId!), bob.call(alice.peerId!)]);
    expect([a, b]).to.deep.equal(['connected', 'connected']);
    expect(alice.remotePeer).to.equal(bob.peerId);
    expect(bob.remotePeer).to.equal(alice.peerId);
    await playing(remoteVideo(alice), "alice's remote video");
    await playing(remoteVideo(bob), "bob's remote video");
    expect(ends).to.deep.equal([]);
  });
});

describe('<rtc-call>: another tab', () => {
  afterEach(async () => {
    cleanup();
    await executeServerCommand('close-pages');
  });

  it('a second tab calls this page; closing that tab ends the call here within a few seconds', async () => {
    const local = await openCall({ 'peer-id': uid('local'), 'auto-answer': '' });
    const tabId = uid('tab');
    const connected = nextEvent<CustomEvent>(local, 'rtc-connect', 20000);
    const page = await openPage(`/test/pages/call-peer.html?id=${tabId}&call=${local.peerId}`);
    expect(page.status).to.equal('open');
    expect((await connected).detail).to.deep.equal({ peer: tabId });
    await playing(remoteVideo(local), "the tab's video here");
    const widthThere = await waitFor(
      () => pageEval<number>(page.handle, 'window.__remoteVideoWidth()'),
      (w) => w > 0,
      'our video in the tab',
    );
    expect(widthThere).to.be.greaterThan(0);
    expect(await pageEval<string>(page.handle, 'window.__outcome')).to.equal('connected');
    expect(await pageEval<string[]>(page.handle, 'window.__errors')).to.deep.equal([]);

    const ended = nextEvent<CustomEvent>(local, 'rtc-call-end', 12000);
    await executeServerCommand('close-page', { handle: page.handle });
    const detail = (await ended).detail;
    expect(detail.peer).to.equal(tabId);
    expect(['remote-hangup', 'disconnected']).to.include(detail.reason);
    expect(local.callState).to.equal('idle');
  });

  it('fetches the capture code once registered with the broker, before any call, and captures nothing', async () => {
    const page = await openPage(`/test/pages/call-peer.html?id=${uid('tab')}`);
    expect(page.status).to.equal('open');
    await waitFor(
      () => pageEval<string>(page.handle, 'window.__status'),
      (s) => s === 'open',
      'registered',
    );
    const fetched = await waitFor(
      () => pageEval<string[]>(page.handle, "performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\\/capture\\.(ts|js)/.test(n))"),
      (names) => names.length > 0,
      'capture code fetched',
    );
    expect(fetched[0]).to.match(/rtc-call\/capture\./);
    expect(await pageEval<boolean>(page.handle, 'window.__call.localStream === undefined')).to.equal(true);
    expect(await pageEval<string>(page.handle, 'window.__call.callState')).to.equal('idle');
  });

  it('a hung tab (main thread blocked, network alive) is noticed by the heartbeat: disconnected', async () => {
    const local = await openCall({ 'peer-id': uid('local'), 'auto-answer': '' });
    const tabId = uid('tab');
    const connected = nextEvent<CustomEvent>(local, 'rtc-connect', 20000);
    const page = await openPage(`/test/pages/call-peer.html?id=${tabId}&call=${local.peerId}`);
    await connected;
    const ended = nextEvent<CustomEvent>(local, 'rtc-call-end', 15000);
    const disconnect = nextEvent<CustomEvent>(local, 'rtc-disconnect', 15000);
    await pageEval(page.handle, 'void window.__freeze(12000)');
    expect((await ended).detail).to.deep.equal({ peer: tabId, reason: 'disconnected' });
    expect((await disconnect).detail.reason).to.equal('timeout');
    await local.updateComplete;
    expect(statusText(local)).to.equal(`Lost the connection to ${tabId}`);
  });
});

describe('<rtc-call>: camera and microphone faults', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => {
    cleanup();
    frame?.remove();
    frame = undefined;
  }); // only ours: the runner has iframes too

  it('denied by the browser: rtc-error media-denied, and the call goes on receive-only', async () => {
    // Honest denial without mocks: the page's permissions policy forbids camera and microphone in
    // this frame, so Chromium's getUserMedia itself rejects with NotAllowedError.
    const local = await openCall({ 'peer-id': uid('local'), 'auto-answer': '' });
    const frameId = uid('frame');
    frame = document.createElement('iframe');
    frame.allow = "camera 'none'; microphone 'none'";
    frame.src = `/test/pages/call-peer.html?id=${frameId}&call=${local.peerId}`;
    const connected = nextEvent<CustomEvent>(local, 'rtc-connect', 20000);
    document.body.appendChild(frame);
    expect((await connected).detail.peer).to.equal(frameId);
    // Values from the frame's realm are read as plain JSON / booleans before asserting.
    const win = frame.contentWindow as unknown as { __errors: string[]; __outcome?: string; __call: RtcCall; __remoteVideoWidth(): number };
    await until(() => win.__outcome === 'connected', "the frame's call connected");
    expect(JSON.stringify(win.__errors)).to.equal('["media-denied"]');
    expect(win.__call.localStream === undefined).to.equal(true); // nothing could be captured
    // receive-only: the frame sees and hears us ...
    await until(() => win.__remoteVideoWidth() > 0, 'our video plays in the frame');
    // ... and we know it sends nothing
    await until(() => local.remoteMediaState?.muted === true && local.remoteMediaState?.cameraOff === true, 'we see the frame as muted, camera off');
    const notice = win.__call.shadowRoot!.querySelector('[part~="notice"]')?.textContent ?? '';
    expect(notice).to.contain('denied');
  });

  it('a camera that is not there (unknown device id): rtc-error media-not-found, and the call goes on audio-only', async () => {
    const bob = await openCall({ 'peer-id': uid('bob'), 'auto-answer': '' });
    const alice = await openCall({ 'peer-id': uid('alice') });
    // Honest failure without mocks: getUserMedia with an exact deviceId no device has (OverconstrainedError).
    await alice.setDevices({ videoInput: 'no-such-camera' });
    const errors = record(alice, 'rtc-error');
    expect(await alice.call(bob.peerId!)).to.equal('connected');
    expect(errors.map((e) => e.detail.type)).to.deep.equal(['media-not-found']);
    expect(errors[0].detail.message).to.contain('camera').and.contain('audio only');
    expect(alice.localStream!.getVideoTracks()).to.have.length(0);
    expect(alice.localStream!.getAudioTracks()).to.have.length(1);
    await until(() => bob.remoteMediaState?.cameraOff === true && bob.remoteMediaState?.muted === false, 'bob sees alice audio-only');
    await playing(remoteVideo(alice), "bob's video at alice");
    // a working camera later joins the same call
    await alice.setDevices({ videoInput: null });
    await alice.setCameraOff(false);
    expect(alice.localStream!.getVideoTracks()).to.have.length(1);
    await until(() => bob.remoteMediaState?.cameraOff === false, 'bob sees the camera come on');
    await playing(remoteVideo(bob), "alice's late video at bob");
  });

  it('switching to a missing camera during a call rejects and keeps the working one', async () => {
    const { caller: alice } = await connectedPair();
    const before = alice.localStream!.getVideoTracks()[0];
    const error = nextEvent<CustomEvent>(alice, 'rtc-error');
    const rejected = await alice.setDevices({ videoInput: 'gone-camera' }).then(
      () => null,
      (e) => e,
    );
    expect(rejected.type).to.equal('media-not-found');
    expect((await error).detail.type).to.equal('media-not-found');
    expect(alice.localStream!.getVideoTracks()[0]).to.equal(before);
    expect(before.readyState).to.equal('live');
    expect(alice.selectedDevices.videoInput).to.equal(undefined);
  });
});

describe('<rtc-call>: edge cases and bad input', () => {
  afterEach(cleanup);

  it('answer() with nothing ringing, hangup() twice, decline() idle, call() while in a call: no exceptions', async () => {
    const uncaught = await noUncaught(async () => {
      const bob = await openCall({ 'peer-id': uid('bob'), 'auto-answer': '' });
      const alice = await openCall({ 'peer-id': uid('alice') });
      const carol = await openCall({ 'peer-id': uid('carol') });
      const errors = record(alice, 'rtc-error');

      await alice.answer(); // nothing ringing
      expect(errors.map((e) => e.detail.type)).to.deep.equal(['invalid-state']);
      alice.decline();
      alice.hangup();
      alice.hangup();
      await alice.stopScreenShare();
      expect(alice.callState).to.equal('idle');

      expect(await alice.call(bob.peerId!)).to.equal('connected');
      expect(await alice.call(bob.peerId!)).to.equal('connected'); // same peer: that call
      expect(await alice.call(carol.peerId!)).to.equal('busy'); // someone else: refused, the call goes on
      expect(errors.at(-1)!.detail).to.include({ type: 'invalid-state', peer: carol.peerId });
      expect(alice.remotePeer).to.equal(bob.peerId);
      expect(carol.callState).to.equal('idle');

      // a third party calling a busy callee gets busy; the call goes on
      const bobIncoming = record(bob, 'rtc-incoming-call');
      expect(await carol.call(bob.peerId!)).to.equal('busy');
      expect(bobIncoming).to.deep.equal([]);
      expect(bob.callState).to.equal('active');

      const ends = record(alice, 'rtc-call-end');
      alice.hangup();
      alice.hangup();
      await new Promise((r) => setTimeout(r, 300));
      expect(ends.map((e) => e.detail.reason)).to.deep.equal(['hangup']);
      await alice.answer();
      await alice.shareScreen().catch(() => {});
    });
    expect(uncaught).to.deep.equal([]);
  });

  it('call() rejects only when the call cannot be placed', async () => {
    const alice = await openCall({ 'peer-id': uid('alice') });
    const e1 = await alice.call().catch((e) => e);
    expect(e1.type).to.equal('not-connected');
    const e2 = await alice.call('no good!').catch((e) => e);
    expect(e2.type).to.equal('invalid-id');
    const e3 = await alice.call(alice.peerId!).catch((e) => e);
    expect(e3.type).to.equal('invalid-attribute');
    const e4 = await alice.call(uid('x'), { metadata: { big: 'x'.repeat(5000) } }).catch((e) => e);
    expect(e4.type).to.equal('message-too-large');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const e5 = await alice.call(uid('x'), { metadata: cyclic }).catch((e) => e);
    expect(e5.type).to.equal('send-failed');
    expect(alice.callState).to.equal('idle');
    expect(alice.localStream).to.equal(undefined);
  });

  it('calling a peer that does not exist: peer-unavailable, then rtc-call-end failed', async () => {
    const alice = await openCall({ 'peer-id': uid('alice') });
    const ghost = uid('ghost');
    const error = nextEvent<CustomEvent>(alice, 'rtc-error', 20000);
    const end = nextEvent<CustomEvent>(alice, 'rtc-call-end', 20000);
    expect(await alice.call(ghost)).to.equal('failed');
    expect((await error).detail).to.include({ type: 'peer-unavailable', peer: ghost });
    expect((await end).detail).to.deep.equal({ peer: ghost, reason: 'failed' });
    expect(alice.localStream).to.equal(undefined);
  });

  it('allow: a call from anyone else is refused before it rings or starts a device', async () => {
    const bob = await openCall({ 'peer-id': uid('bob'), 'auto-answer': '', allow: 'carol-only' });
    const alice = await openCall({ 'peer-id': uid('alice') });
    const bobEvents = record(bob, 'rtc-incoming-call', 'rtc-local-stream', 'rtc-error', 'rtc-call-end');
    expect(await alice.call(bob.peerId!)).to.equal('declined');
    await until(() => bobEvents.length > 0, 'bob reported it');
    expect(bobEvents.map((e) => [e.type, e.detail.type, e.detail.peer])).to.deep.equal([['rtc-error', 'peer-refused', alice.peerId]]);
    expect(bob.callState).to.equal('idle');
    bob.allow = `carol-only ${alice.peerId}`;
    await bob.updateComplete;
    expect(await alice.call(bob.peerId!)).to.equal('connected');
  });

  it('two <rtc-call> with one peer-id: only the first rings for an incoming call', async () => {
    const bobId = uid('bob');
    const first = await openCall({ 'peer-id': bobId });
    const second = await openCall({ 'peer-id': bobId });
    const alice = await openCall({ 'peer-id': uid('alice') });
    const secondEvents = record(second, 'rtc-incoming-call', 'rtc-error');
    const ringing = nextEvent(first, 'rtc-incoming-call');
    const outcome = alice.call(bobId);
    await ringing;
    await first.answer();
    expect(await outcome).to.equal('connected');
    await new Promise((r) => setTimeout(r, 500));
    expect(secondEvents).to.deep.equal([]);
    expect(second.callState).to.equal('idle');
  });

  it('setDevices() with a bad argument gives invalid-attribute', async () => {
    const alice = await openCall({ 'peer-id': uid('alice') });
    const e1 = await alice.setDevices(42 as unknown as object).catch((e) => e);
    expect(e1.type).to.equal('invalid-attribute');
    const e2 = await alice.setDevices({ audioInput: 7 as unknown as string }).catch((e) => e);
    expect(e2.type).to.equal('invalid-attribute');
  });
});

describe('<rtc-call>: hostile peers', () => {
  let plain: Peer | undefined;
  afterEach(() => {
    cleanup();
    plain?.destroy();
    plain = undefined;
  });

  const plainOptions = { host: PEER_HOST, port: PEER_PORT, path: PEER_PATH, secure: false, debug: 0, config: { iceServers: [] } };
  const openPlain = (id: string) =>
    new Promise<Peer>((resolve, reject) => {
      const peer = new Peer(id, plainOptions);
      peer.once('open', () => resolve(peer));
      peer.once('error', reject);
    });
  function canvasStream(): MediaStream {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const ctx = canvas.getContext('2d')!;
    const stream = canvas.captureStream(10);
    let n = 0;
    const timer = setInterval(() => {
      ctx.fillStyle = `hsl(${(n += 20) % 360} 80% 50%)`;
      ctx.fillRect(0, 0, 160, 120);
    }, 100);
    stream.getVideoTracks()[0].addEventListener('ended', () => clearInterval(timer));
    return stream;
  }

  it('drops malformed and flooding control messages with rtc-error; never renders remote text as HTML', async () => {
    const bob = await openCall({ 'peer-id': uid('bob') });
    plain = await openPlain(uid('mallory'));
    const errors = record(bob, 'rtc-error');
    const ringing = nextEvent<CustomEvent>(bob, 'rtc-incoming-call');
    const hostileName = '<img src=x onerror="window.__pwned=1">';
    const media: MediaConnection = plain.call(bob.peerId!, canvasStream(), {
      metadata: { rtcElements: 1, video: true, app: JSON.parse(`{"name": ${JSON.stringify(hostileName)}, "__proto__": {"polluted": true}}`) },
    });
    const channel: DataConnection = plain.connect(bob.peerId!, {
      reliable: true,
      serialization: 'json',
      metadata: { rtcElements: 1, kind: 'call-control', call: media.connectionId },
    });
    const incoming = (await ringing).detail;
    expect(incoming.metadata).to.deep.equal({ name: hostileName });
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    await new Promise<void>((r) => channel.once('open', () => r()));
    for (const bad of [
      'hello',
      42,
      null,
      [1],
      { $rtc: 2, t: 'hb' },
      { $rtc: 1, t: '<b>x</b>' },
      { $rtc: 1, t: 'media-state', muted: 'yes', cameraOff: false, screen: false, video: true },
    ])
      channel.send(bad);
    await until(() => errors.filter((e) => e.detail.type === 'invalid-data').length >= 7, 'seven invalid-data errors');
    for (let i = 0; i < 200; i++) channel.send({ $rtc: 1, t: 'hb' });
    await until(() => errors.some((e) => e.detail.type === 'rate-limited'), 'rate-limited');
    expect(errors.every((e) => e.detail.peer === plain!.id)).to.equal(true);
    await new Promise((r) => setTimeout(r, 2500)); // the bucket refills
    channel.send({ $rtc: 1, t: 'media-state', muted: true, cameraOff: false, screen: false, video: true, extra: '<script>' });
    await until(() => bob.remoteMediaState?.muted === true, 'a valid message still works');
    await bob.answer();
    await until(() => bob.callState === 'active', 'the call connects');
    await bob.updateComplete;
    const root = bob.shadowRoot!;
    expect(root.querySelector('img, script, b')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(bob.callState).to.equal('active');
  });

  it('a plain PeerJS app can call the element, and the element answers with media', async () => {
    const bob = await openCall({ 'peer-id': uid('bob') });
    plain = await openPlain(uid('plain'));
    const ringing = nextEvent<CustomEvent>(bob, 'rtc-incoming-call');
    const media = plain.call(bob.peerId!, canvasStream(), { metadata: { caller: 'plain app' } });
    expect((await ringing).detail).to.deep.equal({ from: plain.id, metadata: { caller: 'plain app' } });
    const back = new Promise<MediaStream>((r) => media.once('stream', r));
    await bob.answer();
    const stream = await back;
    expect(stream.getVideoTracks().length).to.equal(1);
    await until(() => bob.callState === 'active', 'active');
    await playing(remoteVideo(bob), "the plain app's canvas");
    const end = nextEvent<CustomEvent>(bob, 'rtc-call-end', 15000);
    media.close();
    expect(['remote-hangup', 'disconnected']).to.include((await end).detail.reason);
  });
});

describe('<rtc-call>: with <rtc-chat>', () => {
  afterEach(cleanup);

  it('a call and a chat with the same peer-id share one Peer: the same person calls and chats', async () => {
    await new Promise((r) => setTimeout(r, 20));
    const before = liveSessionCount();
    const aliceId = uid('alice');
    const bobId = uid('bob');
    const aliceCall = await openCall({ 'peer-id': aliceId });
    const aliceChat = await openChat({ 'peer-id': aliceId }); // a second Peer would get unavailable-id
    const bobCall = await openCall({ 'peer-id': bobId, 'auto-answer': '' });
    const bobChat: RtcChat = await openChat({ 'peer-id': bobId, remote: aliceId });
    expect(liveSessionCount()).to.equal(before + 2);
    await until(() => aliceChat.peers.includes(bobId), 'chat connected');
    expect(await aliceCall.call(bobId)).to.equal('connected');
    await bobChat.send('during the call');
    await until(() => aliceChat.messages.some((m) => m.data === 'during the call'), 'chat message arrived');
    expect(aliceChat.messages).to.have.length(1); // control channel traffic never shows up in the chat
    bobCall.hangup();
    await until(() => aliceCall.callState === 'idle', 'call ended');
    expect(aliceChat.peers).to.deep.equal([bobId]); // the chat goes on
  });
});

describe('<rtc-call>: UI, accessibility and labels', () => {
  afterEach(cleanup);

  it('is accessible idle, with settings open, ringing and in a call', async () => {
    const bob = await openCall({ 'peer-id': uid('bob') });
    await bob.updateComplete;
    await expect(bob).to.be.accessible();
    part<HTMLButtonElement>(bob, 'settings-button')!.click();
    await until(() => !!bob.shadowRoot!.querySelector('select option'), 'settings rendered');
    await bob.updateComplete;
    expect(part(bob, 'settings-button')!.getAttribute('aria-expanded')).to.equal('true');
    expect(getComputedStyle(part(bob, 'settings')!).display, 'the panel styles came with its code').to.equal('grid');
    await expect(bob).to.be.accessible();
    const alice = await openCall({ 'peer-id': uid('alice') });
    const ringing = nextEvent(bob, 'rtc-incoming-call');
    const outcome = alice.call(bob.peerId!);
    await ringing;
    await bob.updateComplete;
    await alice.updateComplete;
    await expect(bob).to.be.accessible();
    await expect(alice).to.be.accessible();
    await bob.answer();
    expect(await outcome).to.equal('connected');
    await until(() => bob.callState === 'active', 'active');
    alice.setMuted(true);
    await until(() => bob.remoteMediaState?.muted === true, 'badge');
    await bob.updateComplete;
    await alice.updateComplete;
    await expect(bob).to.be.accessible();
    await expect(alice).to.be.accessible();
  });

  it('works from the keyboard: dial form, mute, settings with Escape', async () => {
    const bob = await openCall({ 'peer-id': uid('bob'), 'auto-answer': '' });
    const alice = await openCall({ 'peer-id': uid('alice') });
    const input = part<HTMLInputElement>(alice, 'dial-input')!;
    expect(alice.shadowRoot!.querySelector(`label[for="${input.id}"]`)!.textContent).to.equal('Peer id to call');
    input.focus();
    await sendKeys({ type: bob.peerId! });
    const connected = nextEvent(alice, 'rtc-connect', 20000);
    await sendKeys({ press: 'Enter' });
    await connected;
    await alice.updateComplete;
    const mute = part<HTMLButtonElement>(alice, 'mute-button')!;
    expect(mute.getAttribute('aria-label')).to.equal('Mute microphone');
    mute.focus();
    await sendKeys({ type: ' ' }); // Space activates a focused button (typed: Firefox's driver has no "Space" key name)
    expect(alice.muted).to.equal(true);
    await alice.updateComplete;
    expect(mute.getAttribute('aria-label')).to.equal('Unmute microphone');
    const settings = part<HTMLButtonElement>(alice, 'settings-button')!;
    settings.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => alice.shadowRoot!.activeElement?.tagName === 'SELECT', 'focus moved into the settings');
    await sendKeys({ press: 'Escape' });
    await until(() => alice.shadowRoot!.activeElement === settings, 'focus back on the settings button');
    expect(part(alice, 'settings')!.hidden).to.equal(true);
  });

  it('lists devices and switches the camera during a call without a new call', async () => {
    const { caller: alice, callee: bob } = await connectedPair();
    const devices = await alice.getDevices();
    expect(devices.videoInput.length).to.be.greaterThan(0);
    expect(devices.audioInput.length).to.be.greaterThan(0);
    const churn = record(bob, 'rtc-remote-stream', 'rtc-call-end', 'rtc-incoming-call');
    const before = alice.localStream!.getVideoTracks()[0];
    const camera = devices.videoInput.find((d) => d.deviceId && d.deviceId !== 'default')!;
    await alice.setDevices({ videoInput: camera.deviceId });
    const after = alice.localStream!.getVideoTracks()[0];
    expect(after).to.not.equal(before);
    expect(before.readyState).to.equal('ended');
    expect(after.getSettings().deviceId).to.equal(camera.deviceId);
    expect(alice.selectedDevices.videoInput).to.equal(camera.deviceId);
    await playing(remoteVideo(bob), "alice's video after the switch");
    expect(churn).to.deep.equal([]);
  });

  it('uses the page language and the strings property', async () => {
    const wrap = document.createElement('div');
    wrap.lang = 'de';
    document.body.appendChild(wrap);
    const el = await openCall({ 'peer-id': uid('de'), remote: uid('someone') }, wrap);
    // German loads on first use (English until then).
    await until(() => part(el, 'call-button')?.textContent?.trim() === 'Anrufen', 'German strings');
    expect(part(el, 'mute-button')!.getAttribute('aria-label')).to.equal('Mikrofon stumm');
    el.strings = { call: 'Klingeln', mute: 'Still' };
    await el.updateComplete;
    expect(part(el, 'call-button')!.textContent!.trim()).to.equal('Klingeln');
    expect(part(el, 'mute-button')!.getAttribute('aria-label')).to.equal('Still');
    wrap.remove();
  });
});

describe('<rtc-call>: protocol checks (unit)', () => {
  it('classifies control messages strictly', () => {
    expect(classifyControl({ $rtc: 1, t: 'hb', extra: 1 })).to.deep.equal({ kind: 'message', message: { $rtc: 1, t: 'hb' } });
    expect(classifyControl({ $rtc: 1, t: 'decline', reason: 'busy' })).to.deep.equal({ kind: 'message', message: { $rtc: 1, t: 'decline', reason: 'busy' } });
    expect(classifyControl({ $rtc: 1, t: 'decline', reason: '<x>' })).to.deep.equal({
      kind: 'message',
      message: { $rtc: 1, t: 'decline', reason: 'declined' },
    });
    expect(classifyControl({ $rtc: 1, t: 'hangup', reason: 'whatever' })).to.deep.equal({ kind: 'message', message: { $rtc: 1, t: 'hangup' } });
    for (const bad of [
      null,
      'x',
      1,
      [],
      {},
      { $rtc: '1', t: 'hb' },
      { $rtc: 1 },
      { $rtc: 1, t: 'media-state', muted: 1, cameraOff: false, screen: false, video: true },
    ]) {
      expect(classifyControl(bad).kind, JSON.stringify(bad)).to.equal('invalid');
    }
    const proto = JSON.parse('{"$rtc":1,"t":"media-state","muted":true,"cameraOff":false,"screen":false,"video":true,"__proto__":{"x":1}}');
    const result = classifyControl(proto);
    expect(result).to.deep.equal({ kind: 'message', message: { $rtc: 1, t: 'media-state', muted: true, cameraOff: false, screen: false, video: true } });
  });

  it('reads call metadata: ours, plain, oversized', () => {
    expect(readCallMetadata({ rtcElements: 1, app: { a: 1 }, video: false })).to.deep.equal({ ours: true, app: { a: 1 }, video: false });
    expect(readCallMetadata({ a: 1 })).to.deep.equal({ ours: false, app: { a: 1 }, video: true });
    expect(readCallMetadata(undefined)).to.deep.equal({ ours: false, app: null, video: true });
    expect(readCallMetadata({ rtcElements: 1, app: 'x'.repeat(5000) }).problem).to.contain('4096');
  });

  it('rates quality and limits message rates', () => {
    expect(qualityOf(50, 0)).to.equal('good');
    expect(qualityOf(400, 0)).to.equal('fair');
    expect(qualityOf(50, 0.05)).to.equal('fair');
    expect(qualityOf(null, 0.2)).to.equal('poor');
    const limiter = new RateLimiter(1, 3);
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).to.deep.equal([true, true, true, false]);
  });
});

function initialsOf(id: string): string {
  const words = id.split(/[\s_-]+/).filter(Boolean);
  return (words.length > 1 ? words.slice(0, 2).map((w) => w[0]) : [...words[0]].slice(0, 2)).join('').toUpperCase();
}

type Stats = NonNullable<Awaited<ReturnType<RtcCall['getStats']>>>;

/** Polls getStats() until `accept` passes (stats need a moment to reflect a change). */
async function waitForStats(el: RtcCall, accept: (s: Stats) => boolean, ms = 20000): Promise<Stats> {
  return waitFor(
    async () => {
      const stats = await el.getStats();
      if (!stats) throw new Error('no stats: the call is not connected');
      return stats;
    },
    accept,
    'stats',
    ms,
  );
}

async function waitFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, ms = 20000): Promise<T> {
  const start = performance.now();
  let last: T | undefined;
  while (performance.now() - start < ms) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timeout waiting for ${what}; last: ${JSON.stringify(last)}`);
}
