import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/index.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import { cleanup, nextEvent, uid, until } from './helpers.js';

async function localChat(attrs: Record<string, string>): Promise<RtcChat> {
  const el = document.createElement('rtc-chat');
  el.setAttribute('signaling', 'local');
  el.setAttribute('ice-servers', '[]');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const opened = nextEvent(el, 'rtc-open');
  document.body.appendChild(el);
  await opened;
  return el;
}

describe('no-broker mode: signaling="local" (BroadcastChannel between tabs)', () => {
  afterEach(async () => {
    cleanup();
    await executeServerCommand('close-pages');
    await executeServerCommand('peer-server', { action: 'start' });
  });

  it('a hostile same-origin page on the BroadcastChannel cannot take the id away or throw: ID-TAKEN, ERROR and bogus offers are dropped', async function () {
    this.timeout(40000);
    const me = await localChat({ 'peer-id': uid('local') });
    const errors: string[] = [];
    me.addEventListener('rtc-error', (e) => errors.push((e as CustomEvent).detail.type));
    const evil = new BroadcastChannel('rtc-elements-signaling:peerjs');
    const to = (message: Record<string, unknown>) => evil.postMessage({ src: 'evil-tab', dst: me.peerId, ...message });
    to({ type: 'ID-TAKEN', payload: { msg: 'taken' } });
    to({ type: 'ERROR', payload: { msg: 'boom' } });
    to({ type: 'INVALID-KEY' });
    to({ type: 'OPEN' });
    to({ type: 'OFFER', payload: { connectionId: 'dc_x', type: 'data', serialization: 'no-such', sdp: { type: 'offer', sdp: 'v=0' } } });
    await until(() => errors.includes('invalid-data'), 'dropped signaling reported');
    await new Promise((r) => setTimeout(r, 500));
    evil.close();
    expect(
      errors.filter((t) => t !== 'invalid-data'),
      'no error but invalid-data',
    ).to.deep.equal([]);
    // Still holds its id and chats.
    const other = await localChat({ 'peer-id': uid('other'), remote: me.peerId! });
    await until(() => other.peers.includes(me.peerId!) && me.peers.includes(other.peerId!), 'connected');
    await other.send('still mine');
    await until(() => me.messages.some((m) => m.data === 'still mine'), 'message arrived');
  });

  it('chats with another tab while no broker runs at all', async function () {
    this.timeout(40000);
    await executeServerCommand('peer-server', { action: 'stop' }); // prove nothing needs it
    const me = await localChat({ 'peer-id': uid('local') });
    const tabId = uid('tab');
    const page = await executeServerCommand<{ handle: number; status: string }, { url: string; browser: string }>('open-page', {
      url: `${location.origin}/test/pages/chat-peer.html?id=${tabId}&remote=${me.peerId}&echo=1&signaling=local`,
      browser: 'same',
    });
    expect(page.status).to.equal('open');
    await until(() => me.peers.includes(tabId), 'the tab connected without a broker', 15000);
    const echoed = nextEvent<CustomEvent>(me, 'rtc-message', 15000, (e) => !e.detail.self);
    await me.send('no broker needed');
    expect((await echoed).detail.data).to.deep.equal({ echo: 'no broker needed' });
    await until(() => !!me.verificationCode, 'safety code');
  });

  it('reports a taken id (held by another tab) and an unknown remote like the broker would', async () => {
    const id = uid('dup');
    const page = await executeServerCommand<{ handle: number; status: string }, { url: string; browser: string }>('open-page', {
      url: `${location.origin}/test/pages/chat-peer.html?id=${id}&signaling=local`,
      browser: 'same',
    });
    expect(page.status).to.equal('open');
    const second = document.createElement('rtc-chat');
    second.setAttribute('signaling', 'local');
    second.setAttribute('peer-id', id);
    const taken = nextEvent<CustomEvent>(second, 'rtc-error');
    document.body.appendChild(second);
    expect((await taken).detail.type).to.equal('unavailable-id');

    const lonely = await localChat({ 'peer-id': uid('lonely') });
    const unavailable = nextEvent<CustomEvent>(lonely, 'rtc-error', 15000);
    lonely.remote = uid('nobody');
    expect((await unavailable).detail.type).to.equal('peer-unavailable');
  });

  it('needs a peer-id and a known signaling value', async () => {
    for (const [attrs, type] of [
      [{ signaling: 'local' }, 'invalid-attribute'],
      [{ signaling: 'carrier-pigeon', 'peer-id': 'x1' }, 'invalid-attribute'],
    ] as const) {
      const el = document.createElement('rtc-chat');
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      const error = nextEvent<CustomEvent>(el, 'rtc-error');
      document.body.appendChild(el);
      expect((await error).detail.type).to.equal(type);
    }
  });
});
