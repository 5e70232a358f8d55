// A Chromium page (this test) and a Firefox ESR page (launched by the extra-pages plugin) talk
// through the same PeerServer. Runs from the Chromium config only.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/index.js';
import { cleanup, nextEvent, openChat, uid, until } from './helpers.js';

interface OpenedPage { handle: number; status: string }
const pageEval = async <T>(handle: number, expression: string): Promise<T> =>
  (await executeServerCommand<{ value: T }, { handle: number; expression: string }>('page-eval', { handle, expression })).value;

describe('cross-browser: Chromium <-> Firefox ESR', () => {
  afterEach(async () => { cleanup(); await executeServerCommand('close-pages'); });

  it('chat and a file between a Chromium page and a Firefox page', async function () {
    this.timeout(60000);
    const local = await openChat({ 'peer-id': uid('chromium') });
    const firefoxId = uid('firefox');
    const page = await executeServerCommand<OpenedPage, { url: string; browser: string }>('open-page', {
      url: `${location.origin}/test/pages/chat-peer.html?id=${firefoxId}&remote=${local.peerId}&echo=1`, browser: 'firefox',
    });
    expect(page.status).to.equal('open');
    expect(await pageEval<string>(page.handle, 'navigator.userAgent')).to.contain('Firefox');
    await until(() => local.peers.includes(firefoxId), 'Firefox connected', 20000);
    const echoed = nextEvent<CustomEvent>(local, 'rtc-message', 15000, (e) => !e.detail.self);
    await local.send({ from: 'chromium', n: 1 });
    expect((await echoed).detail.data).to.deep.equal({ echo: { from: 'chromium', n: 1 } });
    const bytes = crypto.getRandomValues(new Uint8Array(60000));
    const [transfer] = await local.sendFile(new File([bytes], 'cross.bin'));
    expect(transfer.status).to.equal('done');
    expect(await pageEval<string[]>(page.handle, 'window.__errors')).to.deep.equal([]);
  });
});
