// `grant-clipboard`: lets the test page read and write the clipboard (puppeteer's permission
// override; Chromium only: Firefox over BiDi answers { granted: false } and the test checks the
// fallback there).
export function clipboardPlugin() {
  return {
    name: 'clipboard',
    async executeCommand({ command, session }) {
      if (command !== 'grant-clipboard') return undefined;
      try {
        const page = session.browser.getPage(session.id);
        if (page.browser().process && !/chrom/i.test(await page.browser().version())) return { granted: false };
        await page.browserContext().overridePermissions(new URL(page.url()).origin, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
        return { granted: true };
      } catch (error) {
        return { granted: false, reason: String(error) };
      }
    },
  };
}
