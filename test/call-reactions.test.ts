// Reactions and raised hands in <rtc-call>: two real elements (real PeerServer, real WebRTC, fake
// camera/microphone), and a stranger speaking PeerJS directly on a call-control channel.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Peer, type DataConnection, type MediaConnection } from 'peerjs';
import { PEER_HOST, PEER_PORT, PEER_PATH } from '/__peer-config.js';
import '../src/index.js';
import type { RtcCall } from '../src/rtc-call/rtc-call.js';
import { checkAct } from '../src/rtc-call/call-acts.js';
import { classifyControl } from '../src/rtc-call/call-protocol.js';
import { cleanup, nextEvent, openCall, record, uid, uncaughtDuring, until } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const part = <T extends Element = HTMLElement>(root: ParentNode, name: string): T | null => root.querySelector<T>(`[part~="${name}"]`);
const parts = (root: ParentNode, name: string) => [...root.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const shadow = (el: RtcCall) => el.shadowRoot!;
const remoteTile = (el: RtcCall) => part(shadow(el), 'remote-tile')!;
const localTile = (el: RtcCall) => part(shadow(el), 'local-tile')!;
const activeElement = (el: RtcCall) => shadow(el).activeElement as HTMLElement | null;

async function connectedPair(): Promise<{ alice: RtcCall; bob: RtcCall }> {
  const bob = await openCall({ 'peer-id': uid('bob'), 'auto-answer': '' });
  const alice = await openCall({ 'peer-id': uid('alice') });
  expect(await alice.call(bob.peerId!)).to.equal('connected');
  await until(() => bob.callState === 'active', 'bob active');
  return { alice, bob };
}

describe('<rtc-call>: the reaction envelopes', () => {
  it('classifyControl hands react/hand/rec on for checkAct, which takes one emoji and boolean toggles only', () => {
    expect(classifyControl({ $rtc: 1, t: 'react', e: 1 }).kind).to.equal('act');
    expect(checkAct({ $rtc: 1, t: 'react', e: '👍🏽', extra: '<x>' })).to.deep.equal({ $rtc: 1, t: 'react', e: '👍🏽' });
    expect(checkAct({ $rtc: 1, t: 'react', e: '👩‍💻' })).to.deep.equal({ $rtc: 1, t: 'react', e: '👩‍💻' });
    expect(checkAct({ $rtc: 1, t: 'react', e: '🇩🇪' })).to.deep.equal({ $rtc: 1, t: 'react', e: '🇩🇪' });
    expect(checkAct({ $rtc: 1, t: 'hand', on: true })).to.deep.equal({ $rtc: 1, t: 'hand', on: true });
    expect(checkAct({ $rtc: 1, t: 'rec', on: false })).to.deep.equal({ $rtc: 1, t: 'rec', on: false });
    for (const bad of [
      { t: 'react', e: '👍👍' },
      { t: 'react', e: '<b>x</b>' },
      { t: 'react', e: 'a' },
      { t: 'react', e: '' },
      { t: 'react', e: '🎉'.repeat(20) },
      { t: 'react', e: ['👍'] },
      { t: 'react' },
      { t: 'hand', on: 'true' },
      { t: 'rec', on: 1 },
      { t: 'hand' },
    ])
      expect(typeof checkAct({ $rtc: 1, ...bad }), JSON.stringify(bad)).to.equal('string');
  });
});

describe('<rtc-call>: reactions and raised hands', () => {
  afterEach(cleanup);

  it('react() and raiseHand() show on the other side’s tile and the own tile, with events on both sides; the menu works by keyboard and is accessible', async () => {
    const { alice, bob } = await connectedPair();
    // The reactions button comes with its code, loaded when the call connects.
    await until(() => !!part(shadow(bob), 'reactions-button') && !!part(shadow(alice), 'reactions-button'), 'reactions buttons');
    const aliceEvents = record(alice, 'rtc-reaction', 'rtc-hand', 'rtc-error');
    const bobEvents = record(bob, 'rtc-reaction', 'rtc-hand', 'rtc-error');
    const alicesHand = () => bobEvents.filter((e) => e.type === 'rtc-hand' && e.detail.peer === alice.peerId);

    alice.react('🎉');
    await until(() => bobEvents.some((e) => e.type === 'rtc-reaction'), 'bob hears the reaction');
    expect(bobEvents.map((e) => [e.type, e.detail])).to.deep.equal([['rtc-reaction', { peer: alice.peerId, emoji: '🎉', self: false }]]);
    expect(aliceEvents.map((e) => [e.type, e.detail])).to.deep.equal([['rtc-reaction', { peer: alice.peerId, emoji: '🎉', self: true }]]);
    await bob.updateComplete;
    await alice.updateComplete;
    expect(parts(remoteTile(bob), 'reaction').map((n) => n.textContent)).to.deep.equal(['🎉']);
    expect(part(remoteTile(bob), 'reaction')!.getAttribute('aria-label')).to.contain(alice.peerId!);
    expect(parts(localTile(alice), 'reaction').map((n) => n.textContent)).to.deep.equal(['🎉']);

    alice.raiseHand();
    await until(() => bobEvents.some((e) => e.type === 'rtc-hand'), 'bob sees the hand');
    expect(bobEvents.at(-1)!.detail).to.deep.equal({ peer: alice.peerId, raised: true, self: false });
    expect(aliceEvents.at(-1)!.detail).to.deep.equal({ peer: alice.peerId, raised: true, self: true });
    await bob.updateComplete;
    await alice.updateComplete;
    // A drawn hand (an SVG, not a character that needs an emoji font) with its text alternative.
    expect(part(remoteTile(bob), 'hand')?.getAttribute('aria-label')).to.contain(alice.peerId!);
    expect(part(remoteTile(bob), 'hand')?.querySelector('svg')).to.not.equal(null);
    expect(part(localTile(alice), 'hand')?.querySelector('svg')).to.not.equal(null);
    expect(part(localTile(bob), 'hand')).to.equal(null);

    // Keyboard: the button opens the menu on its first item; arrows move; Enter picks and closes it.
    const button = part<HTMLButtonElement>(shadow(bob), 'reactions-button')!;
    const menu = part(shadow(bob), 'reactions-menu')!;
    expect(menu.hidden).to.equal(true);
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !menu.hidden && activeElement(bob)?.getAttribute('role') === 'menuitem', 'the menu opens on its first item');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(activeElement(bob)!.textContent).to.equal('👍');
    await expect(bob).to.be.accessible();
    await sendKeys({ press: 'ArrowRight' });
    expect(activeElement(bob)!.textContent).to.equal('👏');
    await sendKeys({ press: 'Enter' });
    await until(() => aliceEvents.some((e) => e.type === 'rtc-reaction' && e.detail.emoji === '👏'), 'alice hears 👏');
    expect(aliceEvents.at(-1)!.detail).to.deep.equal({ peer: bob.peerId, emoji: '👏', self: false });
    await until(() => menu.hidden && activeElement(bob) === button, 'the menu closed, focus back on its button');
    // Escape closes it too; the last item raises the hand.
    await sendKeys({ press: 'Enter' });
    await until(() => !menu.hidden, 'open again');
    await sendKeys({ press: 'Escape' });
    await until(() => menu.hidden && activeElement(bob) === button, 'Escape closes');
    await sendKeys({ press: 'Enter' });
    await until(() => !menu.hidden, 'open again');
    await sendKeys({ press: 'End' });
    expect(activeElement(bob)!.textContent!.trim()).to.contain('Raise hand');
    await sendKeys({ press: 'Enter' });
    await until(() => aliceEvents.some((e) => e.type === 'rtc-hand' && e.detail.peer === bob.peerId), 'alice sees bob’s hand');
    await alice.updateComplete;
    expect(part(remoteTile(alice), 'hand')).to.not.equal(null);
    await bob.updateComplete;
    await expect(bob).to.be.accessible();

    alice.raiseHand(false);
    await until(() => alicesHand().length === 2, 'bob sees it lowered');
    expect(alicesHand().at(-1)!.detail).to.deep.equal({ peer: alice.peerId, raised: false, self: false });
    await bob.updateComplete;
    expect(part(remoteTile(bob), 'hand')).to.equal(null);

    // Bad page input: an rtc-error, nothing sent.
    alice.react('not an emoji');
    alice.react('👍👍');
    await until(() => aliceEvents.filter((e) => e.type === 'rtc-error').length === 2, 'two errors');
    expect(aliceEvents.filter((e) => e.type === 'rtc-error').map((e) => e.detail.type)).to.deep.equal(['invalid-data', 'invalid-data']);

    // Alice's hand is up when she hangs up: bob's record of it goes with her (rtc-hand raised: false).
    alice.raiseHand();
    await until(() => alicesHand().length === 3, 'raised again');
    alice.hangup();
    await until(() => alicesHand().length === 4, 'cleared when she left');
    expect(alicesHand().at(-1)!.detail).to.deep.equal({ peer: alice.peerId, raised: false, self: false });
    expect(bobEvents.filter((e) => e.type === 'rtc-error')).to.deep.equal([]);
  });
});

describe('<rtc-call>: reactions from a stranger speaking PeerJS', () => {
  let plain: Peer | undefined;
  afterEach(() => {
    cleanup();
    plain?.destroy();
    plain = undefined;
  });

  function canvasStream(): MediaStream {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const ctx = canvas.getContext('2d')!;
    const stream = canvas.captureStream(10);
    const timer = setInterval(() => ctx.fillRect(0, 0, 160, 120), 100);
    stream.getVideoTracks()[0].addEventListener('ended', () => clearInterval(timer));
    return stream;
  }

  it('1000 reactions and oversized, HTML and multi-emoji strings: text only, rate-limited, invalid-data at most once a second, nothing sent to a peer that did not say it understands, hand cleared when it leaves', async () => {
    const bob = await openCall({ 'peer-id': uid('bob') });
    plain = await new Promise<Peer>((resolve, reject) => {
      const peer = new Peer(uid('mallory'), { host: PEER_HOST, port: PEER_PORT, path: PEER_PATH, secure: false, debug: 0, config: { iceServers: [] } });
      peer.once('open', () => resolve(peer));
      peer.once('error', reject);
    });
    const ringing = nextEvent(bob, 'rtc-incoming-call');
    const media: MediaConnection = plain.call(bob.peerId!, canvasStream(), { metadata: { rtcElements: 1, video: true } });
    const channel: DataConnection = plain.connect(bob.peerId!, {
      reliable: true,
      serialization: 'json',
      metadata: { rtcElements: 1, kind: 'call-control', call: media.connectionId },
    });
    const heard: Array<{ t?: string; on?: boolean }> = [];
    channel.on('data', (value) => heard.push(value as { t?: string }));
    await ringing;
    await new Promise<void>((r) => (channel.open ? r() : channel.once('open', () => r())));
    await bob.answer();
    await until(() => bob.callState === 'active', 'the call connects');
    await until(() => !!part(shadow(bob), 'recording-indicator'), 'reactions loaded');
    expect(part(shadow(bob), 'reactions-button'), 'no reactions button for a peer that did not say it understands them').to.equal(null);

    // The stranger never said `acts`: bob sends it none of them.
    bob.react('👍');
    bob.raiseHand();
    await sleep(1000);
    expect(heard.filter((m) => m.t === 'react' || m.t === 'hand')).to.deep.equal([]);
    // Once it says it understands (media state with acts), bob tells it his raised hand.
    channel.send({ $rtc: 1, t: 'media-state', muted: false, cameraOff: false, screen: false, video: true, acts: true });
    await until(() => heard.some((m) => m.t === 'hand'), 'told the raised hand');
    await until(() => !!part(shadow(bob), 'reactions-button'), 'now the reactions button shows');
    expect(heard.find((m) => m.t === 'hand')).to.deep.equal({ $rtc: 1, t: 'hand', on: true });

    const errors = record(bob, 'rtc-error');
    const reactions = record(bob, 'rtc-reaction');
    const hands = record(bob, 'rtc-hand');
    const hostile = [
      '<img src=x onerror="window.__pwned=1">',
      '👍<b>bold</b>',
      '👍👍',
      'x'.repeat(100_000),
      '🎉'.repeat(50),
      'a',
      '\u200D',
      '<script>window.__pwned=2</script>',
    ];
    let mostShown = 0;
    const watch = setInterval(() => (mostShown = Math.max(mostShown, parts(remoteTile(bob), 'reaction').length)), 20);
    let stall = 0;
    const started = performance.now();
    const uncaught = await uncaughtDuring(async () => {
      let last = performance.now();
      const ticker = setInterval(() => {
        const now = performance.now();
        stall = Math.max(stall, now - last);
        last = now;
      }, 10);
      for (const e of hostile) channel.send({ $rtc: 1, t: 'react', e });
      for (let i = 0; i < 20; i++) channel.send({ $rtc: 1, t: 'hand', on: i % 2 === 0 });
      for (let i = 0; i < 1000; i++) channel.send({ $rtc: 1, t: 'react', e: '👍' });
      await sleep(2500);
      clearInterval(ticker);
    });
    clearInterval(watch);
    const elapsed = (performance.now() - started) / 1000;
    expect(uncaught).to.deep.equal([]);
    expect(stall, 'longest main-thread stall (ms)').to.be.below(500);
    const root = shadow(bob);
    expect(root.querySelector('img, script, b')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    // Only single emojis get through, and only as fast as the rate allows (a burst of 10, 5 a second).
    expect(reactions.length).to.be.within(1, 10 + Math.ceil(elapsed * 5));
    expect(reactions.every((e) => e.detail.emoji === '👍' && e.detail.peer === plain!.id && !e.detail.self)).to.equal(true);
    expect(mostShown, 'reactions on the tile at once').to.be.within(1, 4);
    for (const node of parts(remoteTile(bob), 'reaction')) expect(node.textContent).to.equal('👍');
    // Hand toggles: at most a burst of 4 pass.
    expect(hands.length).to.be.within(1, 4 + Math.ceil(elapsed * 2));
    // Invalid content is reported at most once a second (the channel's own rate limit may add one).
    const invalid = errors.filter((e) => e.detail.type === 'invalid-data');
    expect(invalid.length).to.be.within(1, Math.ceil(elapsed) + 1);
    expect(errors.every((e) => e.detail.peer === plain!.id && ['invalid-data', 'rate-limited'].includes(e.detail.type))).to.equal(true);
    expect(bob.callState).to.equal('active');

    // Still responsive to a valid reaction once the bucket refills.
    await sleep(1000);
    const before = reactions.length;
    channel.send({ $rtc: 1, t: 'react', e: '❤️' });
    await until(() => reactions.length > before, 'a valid reaction still works');
    expect(reactions.at(-1)!.detail.emoji).to.equal('❤️');

    // Its hand up when it leaves: cleared (rtc-hand raised: false), the badge gone.
    channel.send({ $rtc: 1, t: 'hand', on: true });
    await until(() => !!part(remoteTile(bob), 'hand'), 'its hand shows');
    const cleared = nextEvent<CustomEvent>(bob, 'rtc-hand', 15000, (e) => e.detail.peer === plain!.id && e.detail.raised === false);
    media.close();
    channel.close();
    expect((await cleared).detail).to.deep.equal({ peer: plain.id, raised: false, self: false });
  });
});
