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
  });
});
