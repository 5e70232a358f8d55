// `npm test`: every test file in Debian's Chromium (headless, fake camera/mic) against a real
// PeerServer on 127.0.0.1 started by the peer-server plugin.
import { chromeLauncher } from '@web/test-runner-chrome';
import { sharedConfig, chromiumFlags } from './test/wtr/shared.mjs';

// test/pages/csp.html is served with a strict policy: the script-tag bundle must need no inline
// script, no eval and no inline styles.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "connect-src 'self' http://127.0.0.1:* ws://127.0.0.1:*",
].join('; ');

export default {
  ...sharedConfig,
  middleware: [
    // /missing-chunks/dist/...: the build as deployed without its lazy chunks (test/pages/missing-chunks.html).
    (context, next) => {
      if (!context.path.startsWith('/missing-chunks/')) return next();
      const path = context.path.slice('/missing-chunks'.length);
      if (/^\/dist\/cdn\/chunks\/(?!shared-)/.test(path)) {
        context.status = 404;
        return undefined;
      }
      context.url = path;
      return next();
    },
    (context, next) => {
      if (context.path === '/test/pages/csp.html') context.set('Content-Security-Policy', CSP);
      return next();
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
        headless: true,
        args: chromiumFlags,
        ...(process.env.DUMPIO === '1' ? { dumpio: true } : {}),
      },
    }),
  ],
};
