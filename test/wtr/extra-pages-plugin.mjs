// WTR command plugin: lets a browser test drive extra pages (a second "user"):
//   executeServerCommand('open-page', { url, browser: 'same' | 'chromium' | 'firefox' }) -> { handle, status }
//   executeServerCommand('page-eval', { handle, expression })  -> { value: JSON result of the expression (awaited) }
//   executeServerCommand('close-page', { handle })               closes one page (like a user closing a tab)
//   executeServerCommand('screenshot', { handle, path, width?, height? }) saves a PNG of the page
//   executeServerCommand('viewport', { handle, width, height })
//   executeServerCommand('close-pages')                          closes all
// 'same' opens a tab in the browser running the test; 'chromium'/'firefox' launch a separate browser.
import puppeteer from 'puppeteer-core';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function extraPagesPlugin({ chromiumArgs = [], firefoxPrefs = {} } = {}) {
  const pages = new Map();
  let next = 1;
  const browsers = {};
  async function launch(kind) {
    if (browsers[kind]?.connected) return browsers[kind];
    browsers[kind] = kind === 'firefox'
      ? await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, extraPrefsFirefox: firefoxPrefs })
      : await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
    return browsers[kind];
  }
  return {
    name: 'extra-pages',
    async executeCommand({ command, payload, session }) {
      if (command === 'open-page') {
        const kind = payload.browser || 'same';
        const browser = kind === 'same' ? session.browser.getPage(session.id).browser() : await launch(kind);
        const page = await browser.newPage();
        page.on('console', (m) => { if (process.env.PAGE_LOG === '1') console.log(`[${kind} page] ${m.text()}`); });
        page.on('pageerror', (e) => console.log(`[${kind} page] pageerror ${e.message}`));
        const handle = next++;
        pages.set(handle, page);
        await page.goto(payload.url);
        await page.waitForFunction(() => window.__status === 'open' || String(window.__status).startsWith('error'), { timeout: 20000 });
        const status = await page.evaluate(() => window.__status);
        return { handle, status };
      }
      if (command === 'page-eval') {
        const page = pages.get(payload.handle);
        if (!page) throw new Error(`no page ${payload.handle}`);
        // Wrapped: WTR reads a null/undefined result as "command not handled".
        const json = await page.evaluate(`(async () => JSON.stringify(await (${payload.expression})))()`);
        return { value: json === undefined ? null : JSON.parse(json) };
      }
      if (command === 'screenshot') {
        // { handle, path, width?, height?, fullPage? }: writes a PNG (the README's screenshots)
        const page = pages.get(payload.handle);
        if (!page) throw new Error(`no page ${payload.handle}`);
        if (payload.width) await page.setViewport({ width: payload.width, height: payload.height ?? 900 });
        await new Promise((r) => setTimeout(r, payload.settle ?? 300));
        // The README's screenshots (docs/) are only rewritten with UPDATE_SCREENSHOTS=1, so a
        // normal test run leaves the work tree clean; otherwise they go to a cache folder.
        let target = payload.path;
        if (target.startsWith('docs/') && process.env.UPDATE_SCREENSHOTS !== '1') target = path.join('node_modules/.cache/screenshots', path.basename(target));
        mkdirSync(path.dirname(target), { recursive: true });
        await page.screenshot({ path: target, fullPage: payload.fullPage ?? false });
        if (statSync(target).size < 10000) throw new Error(`screenshot ${target} looks empty`);
        return true;
      }
      if (command === 'viewport') {
        const page = pages.get(payload.handle);
        await page.setViewport({ width: payload.width, height: payload.height });
        return true;
      }
      if (command === 'close-page') {
        const page = pages.get(payload.handle);
        pages.delete(payload.handle);
        if (page) await page.close({ runBeforeUnload: false }).catch(() => {});
        return true;
      }
      if (command === 'close-pages') {
        for (const p of pages.values()) await p.close().catch(() => {});
        pages.clear();
        return true;
      }
      return undefined;
    },
    async serverStop() {
      for (const b of Object.values(browsers)) await b.close().catch(() => {});
    },
  };
}
