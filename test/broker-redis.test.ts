// The broker in Redis mode, end to end: real Chromium elements against two real broker instances
// (the CLI with --redis) sharing a real redis-server, and a loopback TCP proxy in front of them as
// the load balancer (test/wtr/broker-cluster-plugin.mjs). Nothing is mocked.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/index.js';
import type { RtcCall } from '../src/rtc-call/rtc-call.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import { NO_ICE, SMALL_VIDEO, cleanup, nextEvent, uid, until } from './helpers.js';

interface ClusterUrls {
  a: string;
  b: string;
  proxy: string;
}

const cluster = (action: string, extra: Record<string, unknown> = {}) => executeServerCommand('broker-cluster', { action, ...extra });

async function open<T extends RtcChat | RtcCall>(tag: 'rtc-chat' | 'rtc-call', server: string, attrs: Record<string, string>): Promise<T> {
  const el = document.createElement(tag) as T;
  el.setAttribute('server', server);
  el.setAttribute('ice-servers', NO_ICE);
  if (tag === 'rtc-call') (el as RtcCall).videoConstraints = SMALL_VIDEO;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const opened = nextEvent(el, 'rtc-open');
  document.body.appendChild(el);
  await opened;
  return el;
}
const chat = (server: string, attrs: Record<string, string>) => open<RtcChat>('rtc-chat', server, attrs);

const received = (el: RtcChat, text: string) => el.messages.some((m) => !m.self && m.data === text);

describe('broker in Redis mode: elements on different instances', function () {
  this.timeout(60000);
  let urls: ClusterUrls;

  before(async function () {
    this.timeout(60000);
    urls = (await cluster('start')) as ClusterUrls;
  });
  after(async () => {
    await cluster('stop');
  });
  afterEach(cleanup);

  it('chat and call across instances', async () => {
    const bob = await chat(urls.b, { 'peer-id': uid('bob') });
    const alice = await chat(urls.a, { 'peer-id': uid('alice'), remote: bob.peerId! });
    await until(() => alice.peers.length === 1 && bob.peers.length === 1, 'chat connected across instances');
    await alice.send('hello from instance A');
    await bob.send('hello from instance B');
    await until(() => received(bob, 'hello from instance A') && received(alice, 'hello from instance B'), 'messages both ways');

    const callee = await open<RtcCall>('rtc-call', urls.a, { 'peer-id': uid('callee'), 'auto-answer': '' });
    const caller = await open<RtcCall>('rtc-call', urls.b, { 'peer-id': uid('caller') });
    expect(await caller.call(callee.peerId!)).to.equal('connected');
    await until(() => callee.callState === 'active' && caller.callState === 'active', 'call active on both sides');
    const video = caller.shadowRoot!.querySelector<HTMLVideoElement>('[part~="remote-video"]')!;
    await until(() => video.videoWidth > 0 && video.readyState >= 2, 'remote video plays', 20000);
  });

  it('an id registered on one instance is refused on the other', async () => {
    const id = uid('dup');
    await chat(urls.a, { 'peer-id': id });
    const twin = document.createElement('rtc-chat');
    twin.setAttribute('server', urls.b);
    twin.setAttribute('ice-servers', NO_ICE);
    twin.setAttribute('peer-id', id);
    const error = nextEvent<CustomEvent>(twin, 'rtc-error');
    document.body.appendChild(twin);
    const { detail } = await error;
    expect(detail.type).to.equal('unavailable-id');
    expect(detail.message).to.contain(id);
  });

  it('killing an instance mid-chat: the P2P chat goes on, its clients re-register on the other with the same ids', async () => {
    // Both through the proxy (round robin): one lands on A, the other on B.
    const alice = await chat(urls.proxy, { 'peer-id': uid('alice') });
    const bob = await chat(urls.proxy, { 'peer-id': uid('bob'), remote: alice.peerId! });
    await until(() => alice.peers.length === 1 && bob.peers.length === 1, 'connected through the proxy');
    const aliceOn = (await cluster('where', { id: alice.peerId })) as string;
    const bobOn = (await cluster('where', { id: bob.peerId })) as string;
    expect([aliceOn, bobOn].sort()).to.deep.equal(['a', 'b'], 'one peer on each instance');

    const aliceReopened = nextEvent<CustomEvent>(alice, 'rtc-open', 40000);
    await cluster('kill', { which: aliceOn });
    await alice.send('sent while my instance is dead');
    await bob.send('reply while it is dead');
    await until(() => received(bob, 'sent while my instance is dead') && received(alice, 'reply while it is dead'), 'P2P chat without the instance');

    expect((await aliceReopened).detail.id).to.equal(alice.peerId);
    expect(await cluster('where', { id: alice.peerId })).to.equal(bobOn, 'alice re-registered on the surviving instance');
    // Reachable through the broker again: a newcomer dials alice.
    const survivor = bobOn === 'a' ? urls.a : urls.b;
    const carol = await chat(survivor, { 'peer-id': uid('carol'), remote: alice.peerId! });
    await until(() => carol.peers.length === 1, 'carol reached alice after the move', 20000);
  });
});

describe('broker in Redis mode: Redis restarts', function () {
  this.timeout(60000);
  let urls: ClusterUrls;

  before(async function () {
    this.timeout(60000);
    await cluster('stop');
    urls = (await cluster('start')) as ClusterUrls;
  });
  after(async () => {
    await cluster('stop');
  });
  afterEach(cleanup);

  it('registered peers stay reachable across instances after Redis restarts empty', async () => {
    const bob = await chat(urls.b, { 'peer-id': uid('bob') });
    const alice = await chat(urls.a, { 'peer-id': uid('alice'), remote: bob.peerId! });
    await until(() => alice.peers.length === 1, 'connected before the restart');
    await cluster('restart-redis');
    await alice.send('after the Redis restart');
    await until(() => received(bob, 'after the Redis restart'), 'P2P unaffected');
    // The instances put their peers back into the new Redis: a newcomer on A reaches bob on B.
    const dave = await chat(urls.a, { 'peer-id': uid('dave'), remote: bob.peerId! });
    await until(() => dave.peers.length === 1, 'dave reached bob across instances after the restart', 20000);
  });
});
