// WTR command plugin: lets a browser test drive extra pages (a second "user"):
//   executeServerCommand('open-page', { url, browser: 'same' | 'chromium' | 'firefox' }) -> { handle, status }
//   executeServerCommand('page-eval', { handle, expression })  -> { value: JSON result of the expression (awaited) }
//   executeServerCommand('close-page', { handle })               closes one page (like a user closing a tab)
//   executeServerCommand('viewport', { handle, width, height })
//   executeServerCommand('visual-snap', { handle, name, selector, width, scheme, ... }) -> { result }: see ./visual.mjs
//   executeServerCommand('close-pages')                          closes all
// 'same' opens a tab in the browser running the test; 'chromium'/'firefox' launch a separate browser;
// 'visual' is the visual suite's Chromium: a still fake camera, a silent microphone, no motion.
import puppeteer from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { snap, visualArgs } from './visual.mjs';

export function extraPagesPlugin({ chromiumArgs = [], firefoxPrefs = {} } = {}) {
  const pages = new Map();
  let next = 1;
  const browsers = {};
  /** Launches under way, so that pages opened at once share one browser. */
  const launching = {};
  async function launch(kind) {
    if (browsers[kind]?.connected) return browsers[kind];
    if (kind === 'visual' && !existsSync('dist/rtc-elements.js'))
      throw new Error('the visual suite screenshots dist/rtc-elements.js: run `npm run build` first');
    launching[kind] ??=
      kind === 'firefox'
        ? puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, extraPrefsFirefox: firefoxPrefs })
        : puppeteer.launch({
            executablePath: '/usr/bin/chromium',
            headless: true,
            args: kind === 'visual' ? [...chromiumArgs, ...visualArgs()] : chromiumArgs,
          });
    try {
      browsers[kind] = await launching[kind];
    } finally {
      delete launching[kind];
    }
    return browsers[kind];
  }
  return {
    name: 'extra-pages',
    async executeCommand({ command, payload, session }) {
      if (command === 'open-page') {
        const kind = payload.browser || 'same';
        const browser = kind === 'same' ? session.browser.getPage(session.id).browser() : await launch(kind);
        // The visual suite's pages each get a window: a background tab is hidden (no frames, no read receipts).
        const page = await browser.newPage(kind === 'visual' ? { type: 'window' } : undefined);
        page.on('console', (m) => {
          if (process.env.PAGE_LOG === '1') console.log(`[${kind} page] ${m.text()}`);
        });
        page.on('pageerror', (e) => console.log(`[${kind} page] pageerror ${e.message}`));
        const handle = next++;
        pages.set(handle, page);
        if (kind === 'visual') {
          await page.setViewport({ width: 1024, height: 1600 });
          await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
        }
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
      if (command === 'visual-snap') {
        const page = pages.get(payload.handle);
        if (!page) throw new Error(`no page ${payload.handle}`);
        return { result: await snap(page, payload) };
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
