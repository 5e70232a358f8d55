import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../src/index.js';
import type { RtcCall } from '../src/rtc-call/rtc-call.js';
import type { RtcActiveSpeakerDetail } from '../src/rtc-call/layout.events.js';
import { ActiveSpeakerPolicy, HOLD_MS, SpotlightPolicy, TAKEOVER_MS, type SpotlightInput } from '../src/rtc-call/active-speaker.js';
import { cleanup, openCall, record, uid, until } from './helpers.js';

/** Feeds `policy` one sample every 200 ms (as the room does) from `from` to `to`; returns each sample's speaker. */
function feed(policy: ActiveSpeakerPolicy, levels: (t: number, i: number) => Record<string, number>, from: number, to: number): (string | null)[] {
  const out: (string | null)[] = [];
  for (let t = from, i = 0; t < to; t += 200, i++) out.push(policy.sample(new Map(Object.entries(levels(t, i))), t));
  return out;
}
const changes = (list: unknown[]) => list.filter((v, i) => i > 0 && v !== list[i - 1]).length;

describe('speaker layout: the active speaker policy (synthetic levels)', () => {
  it('a member becomes the speaker after speaking ~600 ms; a short burst does not; silence keeps the last speaker', () => {
    const p = new ActiveSpeakerPolicy();
    const first = feed(p, () => ({ a: 0.2, b: 0 }), 0, 1000);
    expect(first.indexOf('a') * 200).to.be.at.least(TAKEOVER_MS);
    expect(first.slice(0, 3)).to.deep.equal([null, null, null]);
    expect(p.current).to.equal('a');
    // b speaks 400 ms (a quiet): not enough.
    const burst = feed(p, (t) => ({ a: 0, b: t < 3400 ? 0.3 : 0 }), 3000, 6000);
    expect(burst.every((s) => s === 'a')).to.equal(true);
    // Everybody silent for 10 s: a stays.
    expect(feed(p, () => ({ a: 0, b: 0 }), 6000, 16000).every((s) => s === 'a')).to.equal(true);
  });

  it('levels alternating every sample do not flip the speaker; a steadily louder member takes over, but not before the hold', () => {
    const p = new ActiveSpeakerPolicy();
    const alternating = feed(p, (_t, i) => (i % 2 ? { a: 0.05, b: 0.4 } : { a: 0.4, b: 0.05 }), 0, 10000);
    expect(changes(alternating), `speakers: ${alternating.join()}`).to.be.at.most(1);
    const q = new ActiveSpeakerPolicy();
    feed(q, () => ({ a: 0.2, b: 0 }), 0, 800); // a took over at 600
    expect(q.current).to.equal('a');
    // b louder from 800 on: the takeover needs 600 ms of it and 1.5 s of a's hold (from 600).
    const run = feed(q, () => ({ a: 0.1, b: 0.5 }), 800, 4000);
    const at = 800 + run.indexOf('b') * 200;
    expect(at).to.be.at.least(600 + HOLD_MS);
    expect(run.slice(run.indexOf('b')).every((s) => s === 'b')).to.equal(true);
    // A quieter member never takes over from a louder current one.
    expect(feed(q, () => ({ a: 0.1, b: 0.5 }), 4000, 8000).every((s) => s === 'b')).to.equal(true);
    q.remove('b');
    expect(q.current).to.equal(null);
    // NaN and garbage levels count as silence.
    expect(feed(q, () => ({ a: Number.NaN, c: Infinity }), 8000, 10000).every((s) => s === null)).to.equal(true);
  });

  it('the spotlight: pin over share over speaker; grid shows nobody large; a leave and a pin apply at once; flapping shares do not flicker', () => {
    const s = new SpotlightPolicy();
    const base: SpotlightInput = { members: ['a', 'b', 'c'], sharing: new Set(), pinned: undefined, speaker: null, speakerLayout: false, now: 0 };
    expect(s.decide(base)).to.equal(undefined); // grid, nothing large
    expect(s.decide({ ...base, speakerLayout: true, now: 100 })).to.deep.equal({ peer: 'a', pinned: false, reason: 'speaking' });
    expect(s.decide({ ...base, speakerLayout: true, speaker: 'c', now: 200 }), 'held').to.equal(undefined);
    expect(s.decide({ ...base, speakerLayout: true, speaker: 'c', now: 1700 })).to.deep.equal({ peer: 'c', pinned: false, reason: 'speaking' });
    expect(s.decide({ ...base, speakerLayout: true, speaker: 'c', pinned: 'b', now: 1800 })).to.deep.equal({ peer: 'b', pinned: true, reason: 'pin' });
    // A share does not beat the pin; unpinning shows the share.
    const sharing = new Set(['a']);
    expect(s.decide({ ...base, speakerLayout: true, speaker: 'c', pinned: 'b', sharing, now: 1900 })).to.equal(undefined);
    expect(s.decide({ ...base, speakerLayout: true, speaker: 'c', sharing, now: 2000 })).to.deep.equal({ peer: 'a', pinned: false, reason: 'pin' });
    // A later share does not take the large tile from an ongoing one.
    expect(s.decide({ ...base, speaker: 'c', sharing: new Set(['a', 'c']), now: 9000 })).to.equal(undefined);
    // The sharer leaves: at once.
    expect(s.decide({ ...base, members: ['b', 'c'], sharing: new Set(['c']), now: 9100 })).to.deep.equal({ peer: 'c', pinned: false, reason: 'left' });
    // c flaps its share every 100 ms for 3 s in the grid: the large tile changes at most every HOLD_MS.
    let events = 0;
    for (let t = 20000, i = 0; t < 23000; t += 100, i++) if (s.decide({ ...base, members: ['b', 'c'], sharing: new Set(i % 2 ? [] : ['c']), now: t })) events++;
    expect(events).to.be.at.most(Math.ceil(3000 / HOLD_MS));
  });
});

interface MemberRecord {
  peer: string;
  call?: { peerConnection?: RTCPeerConnection };
  send(message: unknown): void;
}
/** The element's call records with room members (internal; the test speaks the control protocol through them). */
const recordsOf = (call: RtcCall) => (call as unknown as { book: { members: Map<string, MemberRecord> } }).book.members;
const shadow = (call: RtcCall) => call.shadowRoot!;
const mainPeer = (call: RtcCall) => shadow(call).querySelector<HTMLElement>('[part~="tile-main"] [part~="tile-remote"]')?.dataset.peer ?? null;
const pinButton = (call: RtcCall, peer: string) =>
  shadow(call).querySelector<HTMLButtonElement>(`[part~="tile-remote"][data-peer="${peer}"] [part~="tile-pin-button"]`)!;
const mediaState = (screen: boolean) => ({ $rtc: 1, t: 'media-state', muted: false, cameraOff: false, screen, video: true });

describe('speaker layout: a room of 3 on one page', () => {
  let a: RtcCall;
  let b: RtcCall;
  let c: RtcCall;
  let spotlights: CustomEvent<RtcActiveSpeakerDetail>[];
  let errors: CustomEvent[];
  const last = () => spotlights.at(-1)?.detail;

  before(async function () {
    this.timeout(90000);
    const room = uid('layout');
    a = await openCall({ 'peer-id': uid('la'), room });
    spotlights = record(a, 'rtc-active-speaker') as CustomEvent<RtcActiveSpeakerDetail>[];
    errors = record(a, 'rtc-error');
    b = await openCall({ 'peer-id': uid('lb'), room });
    c = await openCall({ 'peer-id': uid('lc'), room });
    await until(() => [a, b, c].every((x) => x.roomMembers.length === 3), 'three members connected', 60000);
    await a.updateComplete;
  });
  after(cleanup);

  it('grid by default: no large tile, a labelled pin button on each member tile; layout="speaker" shows one large tile and a filmstrip', async function () {
    this.timeout(30000);
    expect(a.layout).to.equal('grid');
    expect(shadow(a).querySelector('[part~="grid"]')).to.exist;
    expect(shadow(a).querySelector('[part~="tile-main"]')).to.equal(null);
    expect(spotlights).to.deep.equal([]);
    for (const peer of [b.peerId!, c.peerId!]) {
      const button = pinButton(a, peer);
      expect(button.getAttribute('aria-label')).to.equal(`Pin ${peer}`);
      expect(button.getAttribute('aria-pressed')).to.equal('false');
    }
    a.setAttribute('layout', 'speaker');
    await until(() => spotlights.length === 1, 'rtc-active-speaker on switching to the speaker layout');
    await a.updateComplete;
    expect(last()!.pinned).to.equal(false);
    expect(last()!.reason).to.equal('speaking');
    expect([b.peerId, c.peerId]).to.include(last()!.peer);
    expect(shadow(a).querySelectorAll('[part~="tile-main"] [part~="tile"]').length).to.equal(1);
    expect(mainPeer(a)).to.equal(last()!.peer);
    const strip = shadow(a).querySelector<HTMLElement>('[part~="filmstrip"]')!;
    expect(strip.querySelectorAll('[part~="tile-remote"]').length).to.equal(1);
    expect(strip.querySelector('[part~="tile-self"]')).to.exist;
    expect(getComputedStyle(strip).overflowX).to.equal('auto');
    // 390 px wide: the filmstrip scrolls instead of squeezing its tiles.
    a.style.width = '390px';
    await a.updateComplete;
    const tile = strip.querySelector<HTMLElement>('[part~="tile-remote"]')!;
    expect(tile.getBoundingClientRect().width).to.be.greaterThan(100);
    await expect(a).to.be.accessible();
    a.style.width = '';
  });

  it('pin(peer) and the pin button (keyboard) spotlight a member; unpin(); a bad pin is an rtc-error', async function () {
    this.timeout(30000);
    const other = mainPeer(a) === b.peerId ? c.peerId! : b.peerId!;
    const count = spotlights.length;
    a.pin(other);
    await until(() => spotlights.length === count + 1, 'rtc-active-speaker for the pin');
    expect(last()).to.deep.equal({ peer: other, pinned: true, reason: 'pin' });
    await a.updateComplete;
    expect(mainPeer(a)).to.equal(other);
    expect(pinButton(a, other).getAttribute('aria-pressed')).to.equal('true');
    expect(pinButton(a, other).title).to.equal('Unpin');
    expect(shadow(a).querySelector(`[part~="tile-pinned"]`)?.getAttribute('data-peer')).to.equal(other);

    a.unpin();
    await until(() => spotlights.length === count + 2 || last()?.pinned === false, 'rtc-active-speaker for the unpin');
    expect(last()!.pinned).to.equal(false);
    expect(last()!.reason).to.equal('pin');

    // The keyboard: focus the other member's pin button, press Enter; focus stays on it after the tile moved.
    const target = mainPeer(a) === b.peerId ? c.peerId! : b.peerId!;
    pinButton(a, target).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => last()?.peer === target && last()!.pinned, 'pinned from the keyboard');
    await a.updateComplete;
    await until(() => shadow(a).activeElement === pinButton(a, target), 'focus stays on the pin button');
    await expect(a).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await until(() => last()?.pinned === false, 'unpinned from the keyboard');

    const before = spotlights.length;
    const errorsBefore = errors.length;
    a.pin('nobody-here');
    a.pin(a.peerId!);
    await a.updateComplete;
    expect(errors.slice(errorsBefore).map((e) => e.detail.type)).to.deep.equal(['invalid-state', 'invalid-state']);
    expect(spotlights.length).to.equal(before);
  });

  it('a member sharing its screen takes the large tile, in the grid too; the pin wins over it', async function () {
    this.timeout(40000);
    const errorsBefore = errors.length;
    a.setAttribute('layout', 'bogus');
    await until(() => mainPeer(a) === null, 'an unknown layout: the grid');
    await until(() => errors.length > errorsBefore, 'rtc-error for the unknown layout');
    expect(errors[errorsBefore].detail.type).to.equal('invalid-attribute');
    a.layout = 'grid';
    const sharer = b;
    if (navigator.userAgent.includes('Firefox')) {
      // Headless Firefox has no fake screen: b announces a share the way a sharing member does.
      recordsOf(sharer).get(a.peerId!)!.send(mediaState(true));
    } else {
      // A real click (user activation) on b's share button; Chromium picks the screen by itself.
      const button = shadow(sharer).querySelector<HTMLButtonElement>('[part~="screen-button"]')!;
      button.scrollIntoView({ block: 'center' });
      const box = button.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
      await until(() => sharer.screenSharing, 'b shares its screen', 10000);
    }
    await until(() => last()?.peer === sharer.peerId && last()?.reason === 'screen', 'the share took the large tile', 10000);
    await a.updateComplete;
    expect(mainPeer(a)).to.equal(sharer.peerId);
    expect(shadow(a).querySelector('.spot [part~="grid"] [part~="tile-self"]'), 'the others in a row of the grid').to.exist;
    a.pin(c.peerId!);
    await until(() => mainPeer(a) === c.peerId, 'the pin wins over the share');
    a.unpin();
    await until(() => mainPeer(a) === sharer.peerId, 'the share again after unpin');
    if (navigator.userAgent.includes('Firefox')) recordsOf(sharer).get(a.peerId!)!.send(mediaState(false));
    else await sharer.stopScreenShare();
    await until(() => mainPeer(a) === null && last()?.peer === null && last()?.reason === 'screen', 'the share ended: the grid again', 10000);
  });

  it('hostile: a member flapping its announced screen share 20 times does not make the large tile flicker', async function () {
    this.timeout(30000);
    const count = spotlights.length;
    const rec = recordsOf(c).get(a.peerId!)!;
    for (let i = 0; i < 20; i++) {
      rec.send(mediaState(i % 2 === 0));
      await new Promise((r) => setTimeout(r, 100));
    }
    rec.send(mediaState(false));
    await new Promise((r) => setTimeout(r, HOLD_MS + 500));
    // The large tile changes at most once per hold (however slow a loaded machine made the loop).
    const flaps = spotlights.slice(count);
    const text = JSON.stringify(flaps.map((e) => [e.detail.peer, Math.round(e.timeStamp)]));
    expect(flaps.length, text).to.be.within(1, 10);
    for (let i = 1; i < flaps.length; i++) expect(flaps[i].timeStamp - flaps[i - 1].timeStamp, text).to.be.at.least(HOLD_MS - 100);
    await until(() => mainPeer(a) === null, 'back to the grid');
  });

  it('the active speaker: the one member audibly speaking becomes large in the speaker layout', async function () {
    this.timeout(40000);
    a.layout = 'speaker';
    await until(() => mainPeer(a) !== null, 'speaker layout');
    const quiet = mainPeer(a) === b.peerId ? b : c;
    const loud = quiet === b ? c : b;
    quiet.setMuted(true);
    // Chromium's fake microphone only beeps now and then: a steady tone on the loud member's call to a.
    // (Firefox's is a steady tone already; its AudioContext may stay suspended without a gesture.)
    const context = new AudioContext();
    await Promise.race([context.resume(), new Promise((r) => setTimeout(r, 1000))]);
    const oscillator = context.createOscillator();
    const destination = context.createMediaStreamDestination();
    oscillator.connect(destination);
    oscillator.start();
    const sender = recordsOf(loud)
      .get(a.peerId!)!
      .call!.peerConnection!.getSenders()
      .find((s) => s.track?.kind === 'audio')!;
    await sender.replaceTrack(destination.stream.getAudioTracks()[0]);
    try {
      await until(() => last()?.peer === loud.peerId && mainPeer(a) === loud.peerId, `${loud.peerId} becomes the active speaker`, 20000);
      expect(last()).to.deep.equal({ peer: loud.peerId, pinned: false, reason: 'speaking' });
    } finally {
      oscillator.stop();
      void context.close();
      quiet.setMuted(false);
    }
    // The member on the large tile leaves: the tile goes to the one left, at once.
    loud.remove();
    await until(() => last()?.reason === 'left', 'rtc-active-speaker with reason left', 20000);
    expect(last()!.peer).to.equal(quiet.peerId);
  });
});
