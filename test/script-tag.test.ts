import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

interface OpenedPage {
  handle: number;
  status: string;
}
const pageEval = async <T>(handle: number, expression: string): Promise<T> =>
  (await executeServerCommand<{ value: T }, { handle: number; expression: string }>('page-eval', { handle, expression })).value;

// Globals Lit itself registers (version tracking and decorator metadata); nothing else may appear.
const LIT_GLOBALS = ['litPropertyMetadata', 'reactiveElementVersions', 'litHtmlVersions', 'litElementVersions'];

describe('script tag bundle', () => {
  after(() => executeServerCommand('close-pages'));

  it("works under a strict CSP, loaded twice, adding no globals beyond Lit's", async function () {
    this.timeout(40000);
    const page = await executeServerCommand<OpenedPage, { url: string; browser: string }>('open-page', {
      url: `${location.origin}/test/pages/csp.html`,
      browser: 'same',
    });
    expect(page.status).to.equal('open');
    expect(await pageEval(page.handle, 'window.__received')).to.deep.equal(['hello under CSP']);
    expect(await pageEval(page.handle, 'window.__violations')).to.deep.equal([]);
    expect(await pageEval(page.handle, 'window.__errors')).to.deep.equal([]);
    expect(await pageEval(page.handle, 'window.__styled')).to.equal(true);
    const added = await pageEval<string[]>(page.handle, 'window.__newGlobals');
    expect(
      added.filter((g) => !LIT_GLOBALS.includes(g)),
      `unexpected globals: ${added}`,
    ).to.deep.equal([]);
    expect(await pageEval(page.handle, "[customElements.get('rtc-chat') !== undefined, customElements.get('rtc-call') !== undefined]")).to.deep.equal([
      true,
      true,
    ]);

    // A file under the same policy: it forbids WebAssembly ('wasm-unsafe-eval' missing), so
    // SHA-256 falls back to JavaScript (at most one violation report, for the refused module).
    const file = await pageEval<{ size: number; same: boolean; violations: string[]; errors: string[] }>(
      page.handle,
      `(async () => {
      const chats = [...document.querySelectorAll('rtc-chat')];
      const a = chats.find((c) => c.remote);
      const b = chats.find((c) => !c.remote);
      const bytes = new Uint8Array(700000);
      for (let at = 0; at < bytes.length; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
      const got = new Promise((resolve) => b.addEventListener('rtc-file', (e) => resolve(e.detail), { once: true }));
      await a.sendFile(new Blob([bytes]), { name: 'csp.bin' });
      const detail = await got;
      const back = new Uint8Array(await detail.blob.arrayBuffer());
      return { size: detail.size, same: back.length === bytes.length && back.every((v, i) => v === bytes[i]), violations: window.__violations, errors: window.__errors };
    })()`,
    );
    expect(file.size).to.equal(700000);
    expect(file.same).to.equal(true);
    expect(file.errors).to.deep.equal([]);
    expect(file.violations.length, file.violations.join('; ')).to.be.at.most(1);
    for (const v of file.violations) expect(v).to.match(/wasm/);
  });
});

describe('script tag entry with its lazy chunks missing', () => {
  after(() => executeServerCommand('close-pages'));

  it('reports every feature that cannot load as rtc-error load-failed, queues nothing forever, throws nothing', async function () {
    this.timeout(60000);
    const uid = (p: string) => `${p}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const [m, p] = [uid('nochunks'), uid('sender')];
    const missing = await executeServerCommand<OpenedPage, { url: string; browser: string }>('open-page', {
      url: `${location.origin}/test/pages/missing-chunks.html?id=${m}`,
      browser: 'same',
    });
    const sender = await executeServerCommand<OpenedPage, { url: string; browser: string }>('open-page', {
      url: `${location.origin}/test/pages/chat-peer.html?id=${p}&remote=${m}`,
      browser: 'same',
    });
    expect(sender.status).to.equal('open');
    const until = async (handle: number, expression: string, label: string) => {
      const start = Date.now();
      while (!(await pageEval<boolean>(handle, expression))) {
        if (Date.now() - start > 20000) throw new Error(`timeout: ${label} (${JSON.stringify(await pageEval(missing.handle, 'window.__errors'))})`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await until(missing.handle, `window.__chat.peers.includes(${JSON.stringify(p)})`, 'connected');
    // The safety code: reported once, the chat works without it.
    await until(missing.handle, "window.__errors.some((e) => e.type === 'load-failed' && e.message.includes('safety code'))", 'safety code load-failed');
    const loadErrors = () =>
      pageEval<Array<{ id: string; type: string; message: string }>>(missing.handle, "window.__errors.filter((e) => e.type === 'load-failed')");

    // An incoming file offer: refused (the sender hears file-refused), reported here.
    const offered = pageEval<string>(sender.handle, "document.getElementById('chat').sendFile(new Blob(['hi'])).then(() => 'sent', (e) => e.type)");
    expect(await offered).to.equal('file-refused');
    expect((await loadErrors()).map((e) => e.message).join(' ')).to.contain('file transfer');
    // An outgoing file: sendFile() rejects with load-failed.
    expect(await pageEval(missing.handle, 'window.__sendFile()')).to.equal('load-failed');
    // German: English stays, load-failed once.
    expect(await pageEval(missing.handle, 'window.__german()')).to.equal('Send');
    await until(missing.handle, "window.__errors.some((e) => e.type === 'load-failed' && e.message.includes('\"de\" language'))", 'German load-failed');
    // A room: load-failed.
    await pageEval(missing.handle, `window.__chat.setAttribute('room', ${JSON.stringify(uid('room'))})`);
    await until(missing.handle, "window.__errors.some((e) => e.type === 'load-failed' && e.message.includes('room code'))", 'room load-failed');
    // persist: load-failed; sending does not wait for the storage code forever.
    await pageEval(missing.handle, "window.__chat.setAttribute('persist', '')");
    await until(missing.handle, "window.__errors.some((e) => e.type === 'load-failed' && e.message.includes('chat storage'))", 'persist load-failed');
    // The chat itself still works.
    await pageEval(missing.handle, "window.__chat.send('still here')");
    await until(sender.handle, "window.__received.includes('still here')", 'message after the failures');
    // Formatting: a marked-up message loads nothing, says so once, and stays plain text; the export rejects.
    await pageEval(missing.handle, "window.__chat.send('**still** plain')");
    await until(missing.handle, "window.__errors.some((e) => e.type === 'load-failed' && e.message.includes('formatting'))", 'formatting load-failed');
    expect(
      await pageEval(
        missing.handle,
        "[...window.__chat.shadowRoot.querySelectorAll('[part~=\"text\"]')].map((n) => n.innerHTML.includes('<strong')).includes(true)",
      ),
    ).to.equal(false);
    expect(await pageEval(missing.handle, "window.__chat.exportHistory().then(() => 'ok', (e) => e.type)")).to.equal('load-failed');
    expect(await pageEval(missing.handle, 'window.__uncaught')).to.deep.equal([]);
  });

  it('<rtc-call> without its chunks: settings, devices, capture, statistics and rooms report load-failed; a call still connects', async function () {
    this.timeout(60000);
    const uid = (p: string) => `${p}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const [m, p] = [uid('nocallchunks'), uid('callee')];
    const missing = await executeServerCommand<OpenedPage, { url: string; browser: string }>('open-page', {
      url: `${location.origin}/test/pages/missing-chunks-call.html?id=${m}`,
      browser: 'same',
    });
    const callee = await executeServerCommand<OpenedPage, { url: string; browser: string }>('open-page', {
      url: `${location.origin}/test/pages/call-peer.html?id=${p}&auto-answer`,
      browser: 'same',
    });
    expect(callee.status).to.equal('open');
    const until = async (expression: string, label: string) => {
      const start = Date.now();
      while (!(await pageEval<boolean>(missing.handle, expression))) {
        if (Date.now() - start > 20000) throw new Error(`timeout: ${label} (${JSON.stringify(await pageEval(missing.handle, 'window.__errors'))})`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const failed = (feature: string) => `window.__errors.some((e) => e.type === 'load-failed' && e.message.includes('${feature} code'))`;
    await until("window.__status === 'open'", 'registered');

    // The settings panel: load-failed, and it stays closed.
    await pageEval(missing.handle, 'window.__openSettings()');
    await until(failed('device settings'), 'settings load-failed');
    expect(await pageEval(missing.handle, 'window.__call.shadowRoot.querySelector(\'[part~="settings"]\').hidden')).to.equal(true);
    // getDevices() rejects with it.
    expect(await pageEval(missing.handle, "window.__call.getDevices().then(() => 'listed', (e) => e.type)")).to.equal('load-failed');
    // A call without the capture code goes on receive-only; statistics cannot load either.
    expect(await pageEval(missing.handle, `window.__call.call(${JSON.stringify(p)})`)).to.equal('connected');
    await until(failed('media capture'), 'capture load-failed');
    await until(failed('call statistics'), 'statistics load-failed');
    expect(await pageEval(missing.handle, 'window.__call.localStream === undefined')).to.equal(true);
    await pageEval(missing.handle, 'window.__call.hangup()');
    // A room: load-failed.
    await pageEval(missing.handle, `window.__call.setAttribute('room', ${JSON.stringify(uid('room'))})`);
    await until(failed('room'), 'room load-failed');
    expect(await pageEval(missing.handle, 'window.__call.callState')).to.equal('idle');
    expect(await pageEval(missing.handle, 'window.__uncaught')).to.deep.equal([]);
  });
});

describe('script tag bundle draws its icons', () => {
  afterEach(() => document.querySelectorAll('rtc-call').forEach((el) => el.remove()));

  it('every icon of a call, from the minified build, is whole: each shape a child of its <svg>, each with its geometry', async function () {
    this.timeout(40000);
    // The built bundle as a page gets it (minified templates, production Lit), not src/.
    await import(/* @vite-ignore */ `${location.origin}/dist/rtc-elements.js`);
    const { PEER_URL } = (await import(/* @vite-ignore */ `${location.origin}/__peer-config.js`)) as { PEER_URL: string };
    const make = (id: string) => {
      const el = document.createElement('rtc-call');
      el.setAttribute('server', PEER_URL);
      el.setAttribute('ice-servers', '[]');
      el.setAttribute('peer-id', id);
      document.body.appendChild(el);
      return el as HTMLElement & { call(peer: string): Promise<string>; updateComplete: Promise<unknown> };
    };
    const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const bob = make(`icons-bob-${stamp}`);
    bob.setAttribute('auto-answer', '');
    const alice = make(`icons-alice-${stamp}`);
    await Promise.all([bob, alice].map((el) => new Promise((r) => el.addEventListener('rtc-open', r, { once: true }))));
    expect(await alice.call(bob.getAttribute('peer-id')!)).to.equal('connected');
    await alice.updateComplete;
    const icons = [...alice.shadowRoot!.querySelectorAll<SVGSVGElement>('svg.icon')];
    expect(icons.length, 'icons in an active call').to.be.at.least(5);
    for (const svg of icons) {
      const label = svg.closest('button')?.getAttribute('aria-label') ?? svg.parentElement?.getAttribute('part') ?? '?';
      const shapes = [...svg.querySelectorAll('path, rect, circle')];
      expect(shapes.length, `${label}: shapes`).to.be.at.least(1);
      for (const shape of shapes) {
        // The broken build nested each shape inside the one before it, where SVG draws nothing.
        expect(shape.parentElement, `${label}: <${shape.tagName}> is a child of the svg`).to.equal(svg);
        const geometry =
          shape.tagName === 'path'
            ? (shape.getAttribute('d') ?? '').length
            : shape.tagName === 'rect'
              ? Number(shape.getAttribute('width')) * Number(shape.getAttribute('height'))
              : Number(shape.getAttribute('r'));
        expect(geometry, `${label}: <${shape.tagName}> has its geometry`).to.be.above(0);
      }
    }
  });
});
