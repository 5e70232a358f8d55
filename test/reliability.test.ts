import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { Peer, type DataConnection } from 'peerjs';
import { PEER_HOST, PEER_PORT, PEER_PATH } from '/__peer-config.js';
import { TURN_URL, TURN_USER, TURN_PASS } from '/__turn-config.js';
import '../src/index.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import { PeerSession, type PeerChannel } from '../src/session/peer-session.js';
import { parseServerUrl } from '../src/core/config.js';
import { cleanup, nextEvent, openChat, record, uid, until } from './helpers.js';

/** The chat channels an element holds (read for fault injection only). */
function channelsOf(chat: RtcChat, peer: string): PeerChannel[] {
  const held = (chat as unknown as { held: Map<string, Set<PeerChannel>> }).held;
  return [...(held.get(peer) ?? [])];
}

async function chatPair(aliceAttrs: Record<string, string> = {}, bobAttrs: Record<string, string> = {}): Promise<[RtcChat, RtcChat]> {
  const bob = await openChat({ 'peer-id': uid('bob'), ...bobAttrs });
  const alice = await openChat({ 'peer-id': uid('alice'), remote: bob.peerId!, ...aliceAttrs });
  await until(() => alice.peers.length === 1 && bob.peers.length === 1, 'connected');
  return [alice, bob];
}

describe('reliability: broker loss', () => {
  afterEach(async () => {
    cleanup();
    await executeServerCommand('peer-server', { action: 'start' });
  });

  it('keeps chatting P2P while the PeerServer is down, and re-registers the same ids when it is back', async () => {
    const [alice, bob] = await chatPair();
    const aliceStates = record(alice, 'rtc-broker-state');
    const bobReopened = nextEvent<CustomEvent>(bob, 'rtc-open', 40000);
    const aliceReopened = nextEvent<CustomEvent>(alice, 'rtc-open', 40000);
    await executeServerCommand('peer-server', { action: 'stop' });
    await until(() => aliceStates.some((e) => e.detail.state === 'reconnecting'), 'alice noticed the broker loss');
    expect(aliceStates.find((e) => e.detail.state === 'reconnecting')!.detail.retryIn).to.be.a('number');
    await alice.send('while the broker is down');
    await bob.send('reply while down');
    await until(
      () => bob.messages.some((m) => m.data === 'while the broker is down') && alice.messages.some((m) => m.data === 'reply while down'),
      'P2P without broker',
    );
    await alice.updateComplete;
    expect(alice.shadowRoot!.querySelector('[part~="status"]')!.textContent).to.contain('Connected');
    await executeServerCommand('peer-server', { action: 'start' });
    expect((await aliceReopened).detail.id).to.equal(alice.peerId);
    expect((await bobReopened).detail.id).to.equal(bob.peerId);
    // registered again: a new peer can reach them through the broker
    const carol = await openChat({ 'peer-id': uid('carol'), remote: bob.peerId! });
    await until(() => carol.peers.length === 1, 'carol reached bob via the restarted broker', 15000);
  });
});

describe('reliability: broker down at start', () => {
  afterEach(async () => {
    cleanup();
    await executeServerCommand('peer-server', { action: 'start' });
  });

  it('reports the unreachable broker, retries with backoff and registers once it is up', async function () {
    this.timeout(40000);
    const warm = await openChat({ 'peer-id': uid('warm') });
    const server = warm.server!;
    cleanup();
    await executeServerCommand('peer-server', { action: 'stop' });
    const el = document.createElement('rtc-chat');
    el.setAttribute('server', server);
    el.setAttribute('ice-servers', '[]');
    el.setAttribute('peer-id', uid('early'));
    const states = record(el, 'rtc-broker-state');
    const error = nextEvent<CustomEvent>(el, 'rtc-error', 15000);
    document.body.appendChild(el);
    expect(['network', 'socket-error', 'socket-closed', 'server-error']).to.include((await error).detail.type);
    await until(() => states.some((e) => e.detail.state === 'reconnecting' && typeof e.detail.retryIn === 'number'), 'retry announced');
    const opened = nextEvent<CustomEvent>(el, 'rtc-open', 30000);
    await executeServerCommand('peer-server', { action: 'start' });
    expect((await opened).detail.id).to.equal(el.peerId);
  });
});

describe('reliability: reclaiming the own id after a reload', () => {
  it('a new Peer with the same resume token takes over an id whose old socket still lingers', async () => {
    const id = uid('reload');
    const options = {
      broker: parseServerUrl((await openChat({ 'peer-id': uid('warm') })).server!),
      key: 'peerjs',
      peerId: id,
      iceServers: [],
      token: 'same-tab-token-1',
    };
    cleanup();
    const before = new PeerSession('old-page', options);
    await new Promise<void>((resolve, reject) => {
      before.on('open', () => resolve());
      before.on('error', reject);
    });
    // the "reloaded page": same id and token while the old socket is still connected
    const after = new PeerSession('new-page', options);
    try {
      const opened = await new Promise<string>((resolve, reject) => {
        after.on('open', ({ id: got }) => resolve(got));
        after.on('error', (e) => reject(e));
        setTimeout(() => reject(new Error('no open: the broker took the socket but PeerJS was never told')), 8000);
      });
      expect(opened).to.equal(id);
      // and another token is still refused
      const thief = new PeerSession('thief', { ...options, token: 'other-token' });
      const error = await new Promise<{ type: string }>((resolve) => thief.on('error', resolve));
      expect(error.type).to.equal('unavailable-id');
      thief.destroy();
    } finally {
      before.destroy();
      after.destroy();
    }
  });
});

describe('reliability: no message lost', () => {
  afterEach(cleanup);

  it('delivers 1,000 numbered messages exactly once and in order although the connection drops mid-way', async function () {
    this.timeout(90000);
    const [alice, bob] = await chatPair();
    const received: number[] = [];
    bob.addEventListener('rtc-message', (e) => {
      if (!e.detail.self) received.push(e.detail.data as number);
    });
    const disconnects = record(alice, 'rtc-disconnect');
    for (let i = 1; i <= 1000; i++) {
      await alice.send(i);
      if (i === 300) {
        // cut the WebRTC connection under the element: PeerJS and the element see it die
        for (const channel of channelsOf(alice, bob.peerId!)) channel.peerConnection!.close();
      }
    }
    await until(() => received.length >= 1000, `bob has ${received.length} of 1000`, 60000);
    await new Promise((r) => setTimeout(r, 500)); // any duplicate would arrive now
    expect(disconnects.length).to.be.at.least(1);
    expect(received.length).to.equal(1000);
    expect(received).to.deep.equal(Array.from({ length: 1000 }, (_, i) => i + 1));
    await until(() => alice.messages.filter((m) => m.self).every((m) => ['delivered', 'read'].includes(m.status!)), 'all delivered', 20000);
  });

  it('a receiver over its rate limit drops, the sender resends: all arrive once, in order', async function () {
    this.timeout(60000);
    const [alice, bob] = await chatPair({}, { 'rate-limit': '20' }); // bursts of 200
    const received: number[] = [];
    bob.addEventListener('rtc-message', (e) => {
      if (!e.detail.self) received.push(e.detail.data as number);
    });
    const limited = nextEvent<CustomEvent>(bob, 'rtc-error', 10000, (e) => e.detail.type === 'rate-limited');
    for (let i = 1; i <= 260; i++) await alice.send(i);
    await limited;
    await until(() => received.length >= 260, `bob has ${received.length} of 260`, 45000);
    await new Promise((r) => setTimeout(r, 300));
    expect(received).to.deep.equal(Array.from({ length: 260 }, (_, i) => i + 1));
  });

  it('queues messages while the remote peer is away (marked pending) and delivers them when it is back', async () => {
    const bobId = uid('bob');
    let bob = await openChat({ 'peer-id': bobId });
    const alice = await openChat({ 'peer-id': uid('alice'), remote: bobId });
    await until(() => alice.peers.length === 1, 'connected');
    bob.remove();
    await until(() => alice.peers.length === 0, 'alice noticed bob left', 10000);
    const queued = await alice.send('while you were away');
    expect(queued.status).to.equal('pending');
    await alice.updateComplete;
    expect(alice.shadowRoot!.querySelector('.delivery--pending')).to.not.equal(null);
    bob = await openChat({ 'peer-id': bobId });
    await until(() => bob.messages.some((m) => m.data === 'while you were away'), 'delivered after bob returned', 30000);
    await until(() => (alice.messages.find((m) => m.id === queued.id)?.status ?? '').match(/delivered|read/) !== null, 'status delivered', 10000);
    expect(bob.messages.filter((m) => m.data === 'while you were away')).to.have.length(1);
  });

  it('with persist, history and pending messages survive the element being recreated (a reload)', async () => {
    const aliceId = uid('alice');
    const bobId = uid('bob');
    localStorage.removeItem(`rtc-elements:chat:${aliceId}`);
    const alice = await openChat({ 'peer-id': aliceId, remote: bobId, persist: '' });
    const pending = await alice.send('sent before bob existed');
    expect(pending.status).to.equal('pending');
    await new Promise((r) => setTimeout(r, 300));
    alice.remove();
    await new Promise((r) => setTimeout(r, 100));
    const bob = await openChat({ 'peer-id': bobId });
    const again = await openChat({ 'peer-id': aliceId, remote: bobId, persist: '' });
    await again.updateComplete; // includes the restore (its code loads on first use)
    expect(again.messages.map((m) => m.data)).to.include('sent before bob existed');
    await until(() => bob.messages.some((m) => m.data === 'sent before bob existed'), 'pending delivered after reload', 30000);
    await until(() => (again.messages.find((m) => m.id === pending.id)?.status ?? '').match(/delivered|read/) !== null, 'delivered', 10000);
    localStorage.removeItem(`rtc-elements:chat:${aliceId}`);
  });
});

describe('reliability: hostile plain PeerJS peer', () => {
  let evil: Peer | undefined;
  afterEach(() => {
    cleanup();
    evil?.destroy();
    evil = undefined;
  });

  async function connectEvil(target: string, serialization = 'json', metadata?: unknown): Promise<DataConnection> {
    evil =
      evil ??
      (await new Promise<Peer>((resolve, reject) => {
        const p = new Peer(uid('evil'), { host: PEER_HOST, port: PEER_PORT, path: PEER_PATH, secure: false, config: { iceServers: [] } });
        p.once('open', () => resolve(p));
        p.once('error', reject);
      }));
    const conn = evil.connect(target, { reliable: true, serialization, metadata });
    await new Promise((r) => conn.once('open', () => r(undefined)));
    return conn;
  }

  it('survives every bad input and keeps working with a good peer', async () => {
    const uncaught: unknown[] = [];
    const onError = (e: ErrorEvent) => uncaught.push(e.message);
    window.addEventListener('error', onError);
    try {
      const target = await openChat({ 'peer-id': uid('target'), 'rate-limit': '20' });
      const errors = record(target, 'rtc-error');
      const json = await connectEvil(target.peerId!);
      json.send({ $rtc: 1, t: 'msg' }); // malformed envelope
      json.send({ $rtc: 1, t: 'format-disk' }); // unknown type
      json.send(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "ok": 1}'));
      json.send('<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>');
      json.dataChannel.send(new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0x22])); // binary garbage on a JSON channel
      json.dataChannel.send('{not json');
      const binary = await connectEvil(target.peerId!, 'binary');
      binary.send('x'.repeat(50000)); // oversized (PeerJS chunks it)
      binary.dataChannel.send(new Uint8Array([0xc1, 0xc1, 0xc1, 0xff])); // undecodable binarypack
      await until(() => errors.some((e) => e.detail.type === 'message-too-large'), 'oversized message reported', 15000);
      for (let i = 0; i < 400; i++) json.send(`flood ${i}`); // flood
      await until(() => errors.some((e) => e.detail.type === 'rate-limited'), 'flood reported', 15000);
      await new Promise((r) => setTimeout(r, 1000));
      const types = new Set(errors.map((e) => e.detail.type));
      for (const t of ['message-too-large', 'invalid-data', 'rate-limited']) expect(types.has(t), t).to.equal(true);
      // the flood was capped: about the burst (10 s x 20/s) got through, not all 400
      expect(target.messages.filter((m) => String(m.data).startsWith('flood')).length).to.be.at.most(230);
      // no prototype pollution, no markup
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      const polluted = target.messages.find((m) => (m.data as Record<string, unknown>)?.ok === 1);
      expect(Object.keys(polluted!.data as object)).to.deep.equal(['ok']);
      await target.updateComplete;
      expect(target.shadowRoot!.querySelector('img, script')).to.equal(null);
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
      // still works with a good peer
      const good = await openChat({ 'peer-id': uid('good'), remote: target.peerId! });
      await until(() => good.peers.length === 1, 'good peer connected');
      await good.send('hello after the attack');
      await until(() => target.messages.some((m) => m.data === 'hello after the attack'), 'good message shown', 10000);
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(uncaught).to.deep.equal([]);
  });
});

describe('reliability: access control', () => {
  afterEach(cleanup);

  it('refuses connections from peers not in allow before showing anything', async () => {
    const friendId = uid('friend');
    const target = await openChat({ 'peer-id': uid('target'), allow: `${friendId} someone-else` });
    const refused = nextEvent<CustomEvent>(target, 'rtc-error', 15000, (e) => e.detail.type === 'peer-refused');
    const stranger = await openChat({ 'peer-id': uid('stranger') });
    stranger.connect(target.peerId!).catch(() => {});
    const detail = (await refused).detail;
    expect(detail.peer).to.equal(stranger.peerId);
    await stranger.send('let me in').catch(() => {});
    await new Promise((r) => setTimeout(r, 500));
    expect(target.messages).to.deep.equal([]);
    expect(target.peers).to.deep.equal([]);

    const friend = await openChat({ 'peer-id': friendId, remote: target.peerId! });
    await until(() => friend.peers.length === 1 && target.peers.length === 1, 'friend connected');
    await friend.send('hi, friend here');
    await until(() => target.messages.length === 1, 'friend message shown');
  });
});

describe('reliability: TURN relay', () => {
  afterEach(cleanup);

  it('relay-only chat goes through coturn, and getStats shows relay candidates', async () => {
    expect(TURN_URL, 'coturn is not installed (apt-get install coturn)').to.not.equal('');
    const ice = JSON.stringify([{ urls: TURN_URL, username: TURN_USER, credential: TURN_PASS }]);
    const [alice, bob] = await chatPair({ 'ice-servers': ice, 'relay-only': '' }, { 'ice-servers': ice, 'relay-only': '' });
    await alice.send('through the relay');
    await until(() => bob.messages.some((m) => m.data === 'through the relay'), 'relayed message');
    const pc = channelsOf(alice, bob.peerId!)[0].peerConnection!;
    const stats = await pc.getStats();
    let local: { candidateType?: string } | undefined;
    let remote: { candidateType?: string } | undefined;
    stats.forEach((s) => {
      if (s.type === 'transport' && s.selectedCandidatePairId) {
        const pair = stats.get(s.selectedCandidatePairId);
        local = stats.get(pair.localCandidateId);
        remote = stats.get(pair.remoteCandidateId);
      }
    });
    expect(local?.candidateType).to.equal('relay');
    expect(remote?.candidateType).to.equal('relay');
  });

  it('relay-only with ice-servers that have no TURN server is a clear configuration error', async () => {
    const el = document.createElement('rtc-chat');
    el.setAttribute('ice-servers', '[{"urls":"stun:127.0.0.1:3478"}]');
    el.setAttribute('relay-only', '');
    const error = nextEvent<CustomEvent>(el, 'rtc-error');
    document.body.appendChild(el);
    expect((await error).detail.type).to.equal('invalid-ice-servers');
  });
});
