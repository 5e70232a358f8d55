// `npm test`: every test file in Debian's Chromium (headless, fake camera/mic) against a real
// PeerServer on 127.0.0.1 started by the peer-server plugin.
import { chromeLauncher } from '@web/test-runner-chrome';
import { sharedConfig, chromiumFlags } from './test/wtr/shared.mjs';

export default {
  ...sharedConfig,
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
