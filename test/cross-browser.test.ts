// A Chromium page (this test) and a Firefox ESR page (launched by the extra-pages plugin) talk
// through the same PeerServer. Runs from the Chromium config only.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/index.js';
import type { RtcCall } from '../src/rtc-call/rtc-call.js';
import { cleanup, nextEvent, openChat, SERVER, NO_ICE, uid, until } from './helpers.js';

/** An open <rtc-call> in this page with small video (cheap on 2 cores). */
async function openCall(peerId: string): Promise<RtcCall> {
  const el = document.createElement('rtc-call');
  el.setAttribute('server', SERVER);
  el.setAttribute('ice-servers', NO_ICE);
  el.setAttribute('peer-id', peerId);
  el.videoConstraints = { width: { ideal: 320 }, height: { ideal: 240 }, frameRate: { ideal: 15 } };
  const opened = nextEvent(el, 'rtc-open');
  document.body.appendChild(el);
  await opened;
  return el;
}

interface OpenedPage {
  handle: number;
  status: string;
}
const pageEval = async <T>(handle: number, expression: string): Promise<T> =>
  (await executeServerCommand<{ value: T }, { handle: number; expression: string }>('page-eval', { handle, expression })).value;

describe('cross-browser: Chromium <-> Firefox ESR', () => {
  afterEach(async () => {
    cleanup();
    await executeServerCommand('close-pages');
  });

  it('chat and a file between a Chromium page and a Firefox page', async function () {
    this.timeout(60000);
    const local = await openChat({ 'peer-id': uid('chromium') });
    const firefoxId = uid('firefox');
    const page = await executeServerCommand<OpenedPage, { url: string; browser: string }>('open-page', {
      url: `${location.origin}/test/pages/chat-peer.html?id=${firefoxId}&remote=${local.peerId}&echo=1`,
      browser: 'firefox',
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

  it('a call between Chromium and Firefox: both remote videos play, hangup ends both', async function () {
    this.timeout(60000);
    const local = await openCall(uid('chromium'));
    const firefoxId = uid('firefox');
    const page = await executeServerCommand<OpenedPage, { url: string; browser: string }>('open-page', {
      url: `${location.origin}/test/pages/call-peer.html?id=${firefoxId}&auto-answer`,
      browser: 'firefox',
    });
    expect(page.status).to.equal('open');
    const outcome = await local.call(firefoxId);
    expect(outcome).to.equal('connected');
    const video = local.shadowRoot!.querySelector<HTMLVideoElement>('[part~="remote-video"]')!;
    await until(() => video.videoWidth > 0, 'Firefox video plays in Chromium', 20000);
    const start = Date.now();
    while (!(await pageEval<number>(page.handle, 'window.__remoteVideoWidth()'))) {
      if (Date.now() - start > 20000) throw new Error('Chromium video never played in Firefox');
      await new Promise((r) => setTimeout(r, 250));
    }
    const ended = nextEvent<CustomEvent>(local, 'rtc-call-end', 15000);
    await pageEval(page.handle, '(window.__call.hangup(), true)');
    expect((await ended).detail.reason).to.equal('remote-hangup');
  });
});
