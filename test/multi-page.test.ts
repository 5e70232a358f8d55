import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/index.js';
import { cleanup, nextEvent, openChat, uid, until } from './helpers.js';

interface OpenedPage {
  handle: number;
  status: string;
}
const openPage = (url: string) =>
  executeServerCommand<OpenedPage, { url: string; browser: string }>('open-page', { url: new URL(url, location.origin).href, browser: 'same' });
const pageEval = async <T>(handle: number, expression: string): Promise<T> =>
  (await executeServerCommand<{ value: T }, { handle: number; expression: string }>('page-eval', { handle, expression })).value;

describe('a second page (tab) using the script-tag bundle', () => {
  afterEach(async () => {
    cleanup();
    await executeServerCommand('close-pages');
  });

  it('chats with an element in this page, both ways', async () => {
    const local = await openChat({ 'peer-id': uid('local') });
    const remoteId = uid('tab');
    const page = await openPage(`/test/pages/chat-peer.html?id=${remoteId}&remote=${local.peerId}&echo=1`);
    expect(page.status).to.equal('open');
    await until(() => local.peers.includes(remoteId), 'the tab connected to us');
    const echoed = nextEvent<CustomEvent>(local, 'rtc-message', 15000, (e) => !e.detail.self);
    await local.send('ping from test page');
    expect((await echoed).detail.data).to.deep.equal({ echo: 'ping from test page' });
    expect(await pageEval<unknown[]>(page.handle, 'window.__received')).to.deep.equal(['ping from test page']);
    // A broker hiccup under load may be reported and retried; anything else is a failure.
    const errors = await pageEval<string[]>(page.handle, 'window.__errors');
    expect(errors.filter((t) => !['network', 'socket-error', 'socket-closed', 'server-error'].includes(t))).to.deep.equal([]);
  });

  it('reports the other tab closing within a few seconds', async () => {
    const local = await openChat({ 'peer-id': uid('local') });
    const remoteId = uid('tab');
    const page = await openPage(`/test/pages/chat-peer.html?id=${remoteId}&remote=${local.peerId}`);
    await until(() => local.peers.includes(remoteId), 'connected');
    const gone = nextEvent<CustomEvent>(local, 'rtc-disconnect', 10000);
    const closedAt = performance.now();
    await executeServerCommand('close-page', { handle: page.handle });
    const detail = (await gone).detail;
    expect(detail.peer).to.equal(remoteId);
    expect(['remote', 'failed', 'timeout']).to.include(detail.reason);
    console.log(`tab close noticed after ${Math.round(performance.now() - closedAt)} ms (${detail.reason})`);
  });

  it('detects a peer that stops answering (frozen tab) by heartbeat, where PeerJS reports nothing', async () => {
    const local = await openChat({ 'peer-id': uid('local') });
    const remoteId = uid('tab');
    const page = await openPage(`/test/pages/chat-peer.html?id=${remoteId}&remote=${local.peerId}`);
    await until(() => local.peers.includes(remoteId), 'connected');
    const gone = nextEvent<CustomEvent>(local, 'rtc-disconnect', 15000);
    // Freeze the other tab's main thread for 9 s: its connection stays technically open but silent.
    await pageEval(page.handle, 'void setTimeout(() => { const end = Date.now() + 9000; while (Date.now() < end); }, 0)');
    const frozenAt = performance.now();
    const detail = (await gone).detail;
    const after = performance.now() - frozenAt;
    expect(detail).to.deep.equal({ peer: remoteId, reason: 'timeout' });
    expect(after).to.be.greaterThan(3000); // it was the heartbeat, not a close
    console.log(`frozen peer noticed after ${Math.round(after)} ms`);
  });
});
