// `npm run test:firefox`: the same suite in Debian's Firefox ESR, driven by puppeteer-core over
// WebDriver BiDi (no browser download). Fake camera/mic and loopback ICE come from prefs.
import puppeteer from 'puppeteer-core';
import { chromeLauncher } from '@web/test-runner-chrome';
import chromium from './web-test-runner.config.mjs';
import { firefoxPrefs } from './test/wtr/shared.mjs';

export default {
  ...chromium,
  // Chromium-only files: the demo/screenshot test, the cross-browser pair (run from Chromium), the
  // shipped-artifacts smoke run (CI time; the Firefox suite runs src/ through the same features) and
  // the built example apps (test/examples.test.ts).
  files: process.env.TEST_FILES || ['test/**/*.test.ts', '!test/bench/**', '!test/demo.test.ts', '!test/cross-browser.test.ts', '!test/shipped.test.ts', '!test/examples.test.ts'],
  browsers: [
    chromeLauncher({
      puppeteer,
      launchOptions: {
        browser: 'firefox',
        executablePath: process.env.FIREFOX_BIN || '/usr/bin/firefox-esr',
        headless: true,
        extraPrefsFirefox: firefoxPrefs,
      },
    }),
  ],
};
