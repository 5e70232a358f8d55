// `npm run test:firefox`: the same suite in Debian's Firefox ESR, driven by puppeteer-core over
// WebDriver BiDi (no browser download). Fake camera/mic and loopback ICE come from prefs.
import puppeteer from 'puppeteer-core';
import { chromeLauncher } from '@web/test-runner-chrome';
import chromium from './web-test-runner.config.mjs';
import { firefoxPrefs } from './test/wtr/shared.mjs';

export default {
  ...chromium,
  // Chromium-only files: the demo test, the visual suite (its baselines are Chromium's pictures),
  // the cross-browser pair (run from Chromium), the shipped-artifacts smoke run and the example
  // apps (CI time; the Firefox suite runs src/ through the same features).
  files: process.env.TEST_FILES || [
    'test/**/*.test.ts',
    '!test/bench/**',
    '!test/demo.test.ts',
    '!test/visual.test.ts',
    '!test/cross-browser.test.ts',
    '!test/shipped.test.ts',
    '!test/examples.test.ts',
    // The broker's Redis mode: nothing browser-specific (the broker side is under test, the
    // elements' reconnect is covered in Firefox by reliability.test.ts); CI time.
    '!test/broker-redis.test.ts',
  ],
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
