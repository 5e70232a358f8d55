import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

interface OpenedPage { handle: number; status: string }
const pageEval = async <T>(handle: number, expression: string): Promise<T> =>
  (await executeServerCommand<{ value: T }, { handle: number; expression: string }>('page-eval', { handle, expression })).value;

// Globals Lit itself registers (version tracking and decorator metadata); nothing else may appear.
const LIT_GLOBALS = ['litPropertyMetadata', 'reactiveElementVersions', 'litHtmlVersions', 'litElementVersions'];

describe('script tag bundle', () => {
  after(() => executeServerCommand('close-pages'));

  it('works under a strict CSP, loaded twice, adding no globals beyond Lit\'s', async function () {
    this.timeout(40000);
    const page = await executeServerCommand<OpenedPage, { url: string; browser: string }>('open-page', { url: `${location.origin}/test/pages/csp.html`, browser: 'same' });
    expect(page.status).to.equal('open');
    expect(await pageEval(page.handle, 'window.__received')).to.deep.equal(['hello under CSP']);
    expect(await pageEval(page.handle, 'window.__violations')).to.deep.equal([]);
    expect(await pageEval(page.handle, 'window.__errors')).to.deep.equal([]);
    expect(await pageEval(page.handle, 'window.__styled')).to.equal(true);
    const added = await pageEval<string[]>(page.handle, 'window.__newGlobals');
    expect(added.filter((g) => !LIT_GLOBALS.includes(g)), `unexpected globals: ${added}`).to.deep.equal([]);
    expect(await pageEval(page.handle, "[customElements.get('rtc-chat') !== undefined, customElements.get('rtc-call') !== undefined]")).to.deep.equal([true, true]);

    // A file under the same policy: it forbids WebAssembly ('wasm-unsafe-eval' missing), so
    // SHA-256 falls back to JavaScript (at most one violation report, for the refused module).
    const file = await pageEval<{ size: number; same: boolean; violations: string[]; errors: string[] }>(page.handle, `(async () => {
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
    })()`);
    expect(file.size).to.equal(700000);
    expect(file.same).to.equal(true);
    expect(file.errors).to.deep.equal([]);
    expect(file.violations.length, file.violations.join('; ')).to.be.at.most(1);
    for (const v of file.violations) expect(v).to.match(/wasm/);
  });
});
