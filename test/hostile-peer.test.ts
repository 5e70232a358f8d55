// The trust boundary, tried the way a stranger on the broker would: plain PeerJS, or the broker's
// WebSocket protocol spoken directly. Real Chromium, real PeerServer; nothing mocked.
import { expect } from '@open-wc/testing';
import { Peer, util, type DataConnection } from 'peerjs';
import { PEER_HOST, PEER_PORT, PEER_PATH } from '/__peer-config.js';
import '../src/index.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import type { RtcCall } from '../src/rtc-call/rtc-call.js';
import { liveSessionCount } from '../src/session/registry.js';
import { cleanup, openCall, openChat, record, texts, uid, uncaughtDuring, until } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A binarypack map header declaring 2^26 entries in five bytes: PeerJS's unpacker loops 67 million times. */
const MAP_BOMB = new Uint8Array([0xdf, 0x04, 0x00, 0x00, 0x00]);

/**
 * The longest the main thread went without running a 10 ms timer while `during` ran (and a
 * little after): a decoder stuck in a loop shows up here, measured inside the page.
 */
async function longestStall(during: () => Promise<void>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 10);
  try {
    await during();
    await sleep(500);
  } finally {
    clearInterval(timer);
  }
  return worst;
}

const strangers: Peer[] = [];
async function stranger(id = uid('stranger')): Promise<Peer> {
  const peer = await new Promise<Peer>((resolve, reject) => {
    const p = new Peer(id, { host: PEER_HOST, port: PEER_PORT, path: PEER_PATH, secure: false, config: { iceServers: [] } });
    p.once('open', () => resolve(p));
    p.once('error', reject);
  });
  strangers.push(peer);
  return peer;
}

/** Dials with plain PeerJS; resolves true once the channel opens, false if it does not within `ms`. */
function opens(connection: DataConnection, ms = 4000): Promise<boolean> {
  return new Promise((resolve) => {
    if (connection.open) {
      resolve(true);
      return;
    }
    const timer = setTimeout(() => resolve(false), ms);
    connection.once('open', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** The session internals a test inspects (PeerJS's connection and held-message maps). */
function peerInternals(el: RtcChat | RtcCall): { _connections: Map<string, unknown[]>; _lostMessages: Map<string, unknown[]> } {
  const session = (el as unknown as { session: { peer: unknown } }).session;
  return session.peer as { _connections: Map<string, unknown[]>; _lostMessages: Map<string, unknown[]> };
}

/** A socket that speaks the broker's WebSocket protocol directly, as any program could. */
async function brokerSocket(
  id = uid('raw'),
): Promise<{ id: string; send(message: unknown): void; raw(text: string): void; close(): void; received: unknown[] }> {
  const url = `ws://${PEER_HOST}:${PEER_PORT}${PEER_PATH.replace(/\/?$/, '/')}peerjs?key=peerjs&id=${encodeURIComponent(id)}&token=${uid('t')}`;
  const ws = new WebSocket(url);
  const received: unknown[] = [];
  await new Promise<void>((resolve, reject) => {
    ws.onmessage = (e) => {
      const message = JSON.parse(String(e.data)) as { type?: string };
      received.push(message);
      if (message.type === 'OPEN') resolve();
    };
    ws.onerror = () => reject(new Error('broker socket failed'));
  });
  return { id, received, send: (m) => ws.send(JSON.stringify(m)), raw: (t) => ws.send(t), close: () => ws.close() };
}

/** A real SDP offer with a data channel, for offers that PeerJS would act on. */
async function realOffer(): Promise<RTCSessionDescriptionInit> {
  const pc = new RTCPeerConnection();
  pc.createDataChannel('x');
  const offer = await pc.createOffer();
  pc.close();
  return { type: offer.type, sdp: offer.sdp };
}

afterEach(() => {
  cleanup();
  for (const peer of strangers.splice(0)) peer.destroy();
});

describe('trust boundary: decoders', () => {
  it('a binarypack bomb from a plain PeerJS peer is refused before it loops: no stall, invalid-data, the channel closed, chat goes on', async () => {
    const target = await openChat({ 'peer-id': uid('target') });
    const errors = record(target, 'rtc-error');
    const evil = await stranger();
    const connection = evil.connect(target.peerId!, { reliable: true }); // PeerJS's default: binary
    expect(await opens(connection, 15000)).to.equal(true);
    const closed = new Promise<void>((resolve) => connection.once('close', () => resolve()));
    const stall = await longestStall(async () => {
      connection.dataChannel.send(MAP_BOMB);
      await until(() => errors.some((e) => e.detail.type === 'invalid-data'), 'bomb reported', 15000);
    });
    expect(stall, 'longest main-thread stall (ms)').to.be.below(200);
    expect(errors.find((e) => e.detail.type === 'invalid-data')!.detail.peer).to.equal(evil.id);
    await Promise.race([
      closed,
      sleep(5000).then(() => {
        throw new Error('the bomber’s channel stayed open');
      }),
    ]);
    const good = await openChat({ 'peer-id': uid('good'), remote: target.peerId! });
    await until(() => good.peers.length === 1, 'good peer connected');
    await good.send('after the bomb');
    await until(() => texts(target).includes('after the bomb'), 'message shown');
  });

  it('chunked binary messages are bounded: absurd totals and piles of partial messages are refused, not stored', async () => {
    const target = await openChat({ 'peer-id': uid('target') });
    const errors = record(target, 'rtc-error');
    const evil = await stranger();
    const connection = evil.connect(target.peerId!, { reliable: true });
    expect(await opens(connection, 15000)).to.equal(true);
    // PeerJS's chunk format, as its sender would write it, but never completed.
    for (let i = 0; i < 50; i++) connection.dataChannel.send(util.pack({ __peerData: i, n: 0, total: 1e9, data: new ArrayBuffer(1000) }) as ArrayBuffer);
    await until(() => errors.some((e) => e.detail.type === 'invalid-data' && /chunk/.test(e.detail.message)), 'chunk abuse reported', 15000);
    // PeerJS's own store of partial messages is never used; ours holds at most two.
    const stored = connection as unknown as { peer: string };
    expect(stored.peer).to.equal(target.peerId);
    const internals = peerInternals(target)._connections.get(evil.id) as Array<{ _chunkedData?: Record<string, unknown> }> | undefined;
    for (const c of internals ?? []) expect(Object.keys(c._chunkedData ?? {}).length).to.equal(0);
  });
});

describe('trust boundary: the admission gate', () => {
  it('with allow, a stranger gets no channel of any kind and its bytes reach no decoder: no stall, one peer-refused', async () => {
    const friend = uid('friend');
    const target = await openChat({ 'peer-id': uid('target'), allow: friend });
    const errors = record(target, 'rtc-error');
    const evil = await stranger();
    const kinds: Array<{ serialization: string; metadata?: unknown }> = [
      { serialization: 'binary' }, // plain PeerJS chat
      { serialization: 'binary', metadata: { rtcElements: 1, kind: 'room' } }, // a kind <rtc-chat> does not handle
      { serialization: 'binary', metadata: { rtcElements: 1, kind: 'call-control', call: 'mc_x' } },
      { serialization: 'binary', metadata: { rtcElements: 1, kind: 'no-such-kind' } },
      { serialization: 'json', metadata: { rtcElements: 1, kind: 'chat' } },
      { serialization: 'raw', metadata: { rtcElements: 1, kind: 'file', transfer: 'f1' } },
    ];
    const stall = await longestStall(async () => {
      const connections = kinds.map((k) => evil.connect(target.peerId!, { reliable: true, ...k }));
      // Whatever opens gets the bomb at once; nothing should open long enough to matter.
      for (const c of connections)
        c.once('open', () => {
          try {
            c.dataChannel.send(MAP_BOMB);
          } catch {
            /* closed */
          }
        });
      const opened = await Promise.all(connections.map((c) => opens(c, 4000)));
      // A refused chat may open for its last word and close straight away; none stays open.
      await sleep(500);
      expect(connections.filter((c) => c.open).length, `open: ${opened}`).to.equal(0);
    });
    expect(stall, 'longest main-thread stall (ms)').to.be.below(200);
    const refused = errors.filter((e) => e.detail.type === 'peer-refused');
    expect(refused.length, 'one peer-refused per peer per interval').to.equal(1);
    expect(refused[0].detail.peer).to.equal(evil.id);
    expect(errors.filter((e) => e.detail.type === 'invalid-data')).to.deep.equal([]);
    expect(target.peers).to.deep.equal([]);
  });

  it('without allow, kinds the page does not handle are refused before a channel opens (a chat-only page and a call-only page)', async () => {
    const chat = await openChat({ 'peer-id': uid('chat') });
    const call = await openCall({ 'peer-id': uid('call') });
    const evil = await stranger();
    const stall = await longestStall(async () => {
      const toChat = evil.connect(chat.peerId!, { reliable: true, serialization: 'binary', metadata: { rtcElements: 1, kind: 'call-control', call: 'mc_1' } });
      const toCall = evil.connect(call.peerId!, { reliable: true, serialization: 'binary' });
      for (const c of [toChat, toCall])
        c.once('open', () => {
          try {
            c.dataChannel.send(MAP_BOMB);
          } catch {
            /* closed */
          }
        });
      expect(await Promise.all([opens(toChat), opens(toCall)])).to.deep.equal([false, false]);
    });
    expect(stall, 'longest main-thread stall (ms)').to.be.below(200);
  });

  it('a call from a peer not in allow is never answered: no RTCPeerConnection for it, and a plain PeerJS caller gets no stream', async () => {
    const bob = await openCall({ 'peer-id': uid('bob'), 'auto-answer': '', allow: 'carol-only' });
    const events = record(bob, 'rtc-incoming-call', 'rtc-local-stream', 'rtc-error');
    const evil = await stranger();
    const media = evil.call(bob.peerId!, new MediaStream());
    let streamed = false;
    media.on('stream', () => {
      streamed = true;
    });
    await until(() => events.length > 0, 'refusal reported');
    await sleep(2000);
    expect(streamed).to.equal(false);
    expect(events.map((e) => [e.type, e.detail.type])).to.deep.equal([['rtc-error', 'peer-refused']]);
    expect(peerInternals(bob)._connections.get(evil.id) ?? []).to.have.length(0);
  });

  it('two elements sharing one session with different allow: each sees only what it admits', async () => {
    const id = uid('shared');
    const friend = uid('friend');
    const strict = await openChat({ 'peer-id': id, allow: friend });
    const open = await openChat({ 'peer-id': id });
    const strictErrors = record(strict, 'rtc-error');
    const visitor = await openChat({ 'peer-id': uid('visitor'), remote: id });
    await until(() => visitor.peers.length === 1, 'visitor connected');
    await visitor.send('hello open door');
    await until(() => texts(open).includes('hello open door'), 'the open element shows it');
    await sleep(300);
    expect(texts(strict)).to.deep.equal([]);
    expect(strict.peers).to.deep.equal([]);
    expect(strictErrors.map((e) => e.detail.type)).to.deep.equal([]);
    // A friend reaches both.
    const pal = await openChat({ 'peer-id': friend, remote: id });
    await until(() => pal.peers.length === 1, 'friend connected');
    await pal.send('hi both');
    await until(() => texts(strict).includes('hi both') && texts(open).includes('hi both'), 'both show the friend');
    expect(texts(strict)).to.not.include('hello open door');
  });
});

describe('trust boundary: the broker protocol spoken directly', () => {
  it('bogus offers, answers and candidates: nothing uncaught, nothing held, teardown completes', async () => {
    const target = await openChat({ 'peer-id': uid('target') });
    const errors = record(target, 'rtc-error');
    const sessionsBefore = liveSessionCount();
    const uncaught = await uncaughtDuring(async () => {
      const ws = await brokerSocket();
      const sdp = await realOffer();
      const offer = (payload: Record<string, unknown>) =>
        ws.send({ type: 'OFFER', dst: target.peerId, payload: { connectionId: `dc_${uid('c')}`, type: 'data', reliable: true, sdp, ...payload } });
      offer({ serialization: 'no-such-serialization' });
      offer({ serialization: 'constructor' });
      offer({ serialization: '__proto__' });
      offer({ serialization: 'json', sdp: undefined });
      offer({ serialization: 'json', sdp: { type: 'offer', sdp: 42 } });
      offer({ serialization: 'json', type: 'telepathy' });
      offer({ serialization: 'json', connectionId: { toString: 1 } });
      ws.send({ type: 'OFFER', dst: target.peerId });
      ws.send({ type: 'ANSWER', dst: target.peerId, payload: { connectionId: 'dc_nothing', sdp: { type: 'answer', sdp: 'v=0' } } });
      ws.raw('{not json');
      ws.send({ type: 'ERROR', dst: target.peerId });
      // Candidates for connections that do not exist: PeerJS would keep every one of them.
      for (let i = 0; i < 5000; i++)
        ws.send({
          type: 'CANDIDATE',
          dst: target.peerId,
          payload: { connectionId: `dc_ghost${i}`, candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host' } },
        });
      await until(() => errors.some((e) => e.detail.type === 'invalid-data'), 'bad signaling reported', 15000);
      await sleep(1500);
      expect(peerInternals(target)._lostMessages.size, 'candidates held for nothing').to.equal(0);
      expect([...peerInternals(target)._connections.values()].flat().length).to.equal(0);
      ws.close();
      // Still works, and tears down cleanly.
      const good = await openChat({ 'peer-id': uid('good'), remote: target.peerId! });
      await until(() => good.peers.length === 1, 'good peer connected');
      await good.send('still fine');
      await until(() => texts(target).includes('still fine'), 'message shown');
      good.remove();
      target.remove();
      await sleep(100);
    });
    expect(uncaught).to.deep.equal([]);
    expect(liveSessionCount()).to.be.at.most(sessionsBefore - 1);
    // One report per sender per interval, not one per message.
    expect(errors.filter((e) => e.detail.type === 'invalid-data').length).to.be.at.most(2);
  });

  it('hundreds of connection offers from one peer: at most a small fixed number is set up', async () => {
    const target = await openChat({ 'peer-id': uid('target') });
    const ws = await brokerSocket();
    const sdp = await realOffer();
    for (let i = 0; i < 300; i++) {
      ws.send({
        type: 'OFFER',
        dst: target.peerId,
        payload: { connectionId: `dc_flood${i}`, type: 'data', serialization: 'json', reliable: true, sdp, metadata: { rtcElements: 1, kind: 'chat' } },
      });
    }
    await until(() => (peerInternals(target)._connections.get(ws.id)?.length ?? 0) > 0, 'some offers set up', 15000);
    await sleep(2000);
    const live = peerInternals(target)._connections.get(ws.id)?.length ?? 0;
    expect(live, 'connections set up for one peer').to.be.at.most(32);
    ws.close();
  });
});
