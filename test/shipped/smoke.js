// The features of each shipped artifact, exercised inside a page that loaded only that artifact
// (test/pages/shipped.html). Plain JavaScript on purpose: nothing here is compiled by the test
// server, so what runs is exactly the built file. Returns a report the test compares.
import { PEER_URL } from '/__peer-config.js';

const uid = (p) => `${p}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const SMALL_VIDEO = { width: { ideal: 320 }, height: { ideal: 240 }, frameRate: { ideal: 15 } };

async function until(test, label, ms = 20000) {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > ms) throw new Error(`timeout: ${label}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const next = (el, type, ms = 20000) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timeout: ${type}`)), ms);
    el.addEventListener(
      type,
      (e) => {
        clearTimeout(timer);
        resolve(e);
      },
      { once: true },
    );
  });

/** An element on the test broker; resolves once it is registered (rtc-open). */
async function open(tag, attrs = {}) {
  const el = document.createElement(tag);
  el.setAttribute('ice-servers', '[]');
  if (!('signaling' in attrs)) el.setAttribute('server', PEER_URL);
  if (tag === 'rtc-call') el.videoConstraints = SMALL_VIDEO;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const opened = next(el, 'rtc-open');
  document.body.appendChild(el);
  await opened;
  return el;
}
const received = (chat) => {
  const got = [];
  chat.addEventListener('rtc-message', (e) => {
    if (!e.detail.self) got.push(e.detail.data);
  });
  return got;
};
const drawn = (chat) => [...chat.shadowRoot.querySelectorAll('[part~="text"]')].map((n) => n.textContent);

export const checks = {
  async chat() {
    const alice = await open('rtc-chat', { 'peer-id': uid('alice') });
    const bob = await open('rtc-chat', { 'peer-id': uid('bob'), remote: alice.peerId });
    const atAlice = received(alice);
    const atBob = received(bob);
    await until(() => alice.peers.length === 1 && bob.peers.length === 1, 'chat connected');
    await bob.send('hello <b>alice</b>');
    await alice.send({ json: [1, 2] });
    await until(() => atAlice.length === 1 && atBob.length === 1, 'messages');
    await until(() => bob.messages.some((m) => m.status === 'delivered' || m.status === 'read'), 'delivery receipt');
    await alice.updateComplete;
    const result = {
      atAlice,
      atBob,
      // remote text is drawn as text, never as markup
      drawnAtAlice: drawn(alice),
      boldElements: alice.shadowRoot.querySelectorAll('.text b').length,
      status: alice.shadowRoot.querySelector('[part~="status"]').textContent,
    };
    alice.remove();
    bob.remove();
    return result;
  },

  async file() {
    const alice = await open('rtc-chat', { 'peer-id': uid('falice') });
    const bob = await open('rtc-chat', { 'peer-id': uid('fbob'), remote: alice.peerId });
    await until(() => alice.peers.length === 1 && bob.peers.length === 1, 'file chat connected');
    const bytes = new Uint8Array(300000);
    for (let at = 0; at < bytes.length; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
    const got = next(alice, 'rtc-file', 30000);
    await bob.sendFile(new Blob([bytes]), { name: '../../etc/pass<wd>.bin' });
    const { detail } = await got;
    const back = new Uint8Array(await detail.blob.arrayBuffer());
    await alice.updateComplete;
    const result = {
      size: detail.size,
      same: back.length === bytes.length && back.every((v, i) => v === bytes[i]),
      name: detail.name,
      link: !!alice.shadowRoot.querySelector('[part~="file-link"]'),
    };
    alice.remove();
    bob.remove();
    return result;
  },

  async room() {
    const room = uid('room');
    const [a, b, c] = [
      await open('rtc-chat', { 'peer-id': uid('ra'), room }),
      await open('rtc-chat', { 'peer-id': uid('rb'), room }),
      await open('rtc-chat', { 'peer-id': uid('rc'), room }),
    ];
    await until(() => [a, b, c].every((el) => el.peers.length === 2), 'room of three connected', 30000);
    const atB = received(b);
    const atC = received(c);
    await a.send('to the room');
    await until(() => atB.length === 1 && atC.length === 1, 'room message');
    const result = { members: [a, b, c].map((el) => el.roomMembers.length), atB, atC };
    a.remove();
    b.remove();
    c.remove();
    return result;
  },

  async pairing() {
    const ann = await open('rtc-chat', { 'peer-id': uid('pann'), signaling: 'manual' });
    const bob = await open('rtc-chat', { 'peer-id': uid('pbob'), signaling: 'manual' });
    const panel = await until(() => !!ann.shadowRoot.querySelector('[part~="pairing"]'), 'pairing panel', 5000).then(
      () => true,
      () => false,
    );
    const reply = await bob.acceptInvite(await ann.createInvite());
    await ann.completeInvite(reply);
    await until(() => ann.peers.length === 1 && bob.peers.length === 1, 'paired chat connected', 30000);
    const atBob = received(bob);
    await ann.send('no broker at all');
    await until(() => atBob.length === 1, 'paired message');
    const result = { panel, atBob };
    ann.remove();
    bob.remove();
    return result;
  },

  async call() {
    const bob = await open('rtc-call', { 'peer-id': uid('cbob'), 'auto-answer': '' });
    const alice = await open('rtc-call', { 'peer-id': uid('calice') });
    const outcome = await alice.call(bob.peerId);
    await until(() => bob.callState === 'active', 'callee active');
    const video = alice.shadowRoot.querySelector('[part~="remote-video"]');
    await until(() => video && video.videoWidth > 0 && !video.paused, 'remote video playing');
    const remoteVideo = video.videoWidth > 0;
    alice.setMuted(true);
    await until(() => bob.remoteMediaState?.muted === true, 'the callee hears of the mute');
    await alice.updateComplete;
    // every icon shape drawn: a child of its <svg>, never swallowed by a sibling shape
    const icons = [...alice.shadowRoot.querySelectorAll('svg')];
    const shapes = icons.flatMap((svg) => [...svg.querySelectorAll('path, rect, circle, line, polyline, polygon')]);
    const ended = next(bob, 'rtc-call-end');
    alice.hangup();
    const end = (await ended).detail;
    const result = {
      outcome,
      remoteVideo,
      icons: icons.length,
      misplacedShapes: shapes.filter((s) => s.parentElement.localName !== 'svg' && s.parentElement.localName !== 'g').length,
      endReason: end.reason,
    };
    alice.remove();
    bob.remove();
    return result;
  },

  async errors() {
    const types = [];
    const bad = document.createElement('rtc-chat');
    bad.addEventListener('rtc-error', (e) => types.push(`${e.detail.type}: ${typeof e.detail.message === 'string' && e.detail.message.length > 10}`));
    bad.setAttribute('ice-servers', 'not json');
    bad.setAttribute('server', PEER_URL);
    bad.setAttribute('peer-id', uid('bad'));
    document.body.appendChild(bad);
    await until(() => types.length > 0, 'invalid-attribute reported');
    bad.remove();

    const away = document.createElement('rtc-chat');
    const awayTypes = [];
    away.addEventListener('rtc-error', (e) => awayTypes.push(e.detail.type));
    away.setAttribute('server', 'http://127.0.0.1:9/nobody');
    away.setAttribute('peer-id', uid('away'));
    document.body.appendChild(away);
    await until(() => awayTypes.length > 0, 'unreachable broker reported');
    away.remove();

    const lonely = await open('rtc-chat', { 'peer-id': uid('lonely') });
    const unavailable = next(lonely, 'rtc-error');
    const sent = await lonely.send('anyone?').then(
      () => 'sent',
      (e) => e.type,
    );
    const dial = await lonely.connect(uid('nobody')).then(
      () => 'connected',
      (e) => e.type,
    );
    await unavailable.catch(() => {});
    lonely.remove();
    return { invalidAttribute: types[0], unreachable: awayTypes[0], sendAlone: sent, dialNobody: dial };
  },
};
