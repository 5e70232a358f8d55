// Pieces shared by every WTR config: Chromium flags, plugins, TypeScript via esbuild.
// Flags and why each is needed: ../shared/webrtc-test-recipe/README.md (measured on this machine kind).
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { peerServerPlugin } from './peer-server-plugin.mjs';
import { brokerClusterPlugin } from './broker-cluster-plugin.mjs';
import { extraPagesPlugin } from './extra-pages-plugin.mjs';
import { turnServerPlugin } from './turn-server-plugin.mjs';
import { sveltePlugin } from './svelte-plugin.mjs';
import { reactBundlePlugin } from './react-bundle-plugin.mjs';
import { demoServerPlugin } from './demo-server-plugin.mjs';

// webrtc-adapter (under peerjs) imports the CommonJS package `sdp` as a default export.
const commonjs = fromRollup(rollupCommonjs);

export const chromiumFlags = [
  '--headless=new',
  '--no-sandbox', // root
  '--use-fake-device-for-media-stream', // fake camera/mic
  '--use-fake-ui-for-media-stream', // grant camera/mic; also lets ICE use every interface
  '--auto-select-desktop-capture-source=Entire screen', // getDisplayMedia without a picker
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
];

export const firefoxPrefs = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'permissions.default.camera': 1,
  'permissions.default.microphone': 1,
  'network.dns.forceResolve': '127.0.0.1',
};

export const sharedConfig = {
  files: process.env.TEST_FILES || ['test/**/*.test.ts', '!test/bench/**'],
  // 'browser' picks client builds (Svelte's mount() lives in its browser entry).
  nodeResolve: { exportConditions: ['browser'] },
  concurrency: 1,
  testsFinishTimeout: 300000,
  testFramework: { config: { timeout: 30000, ...(process.env.GREP ? { grep: process.env.GREP } : {}) } },
  plugins: [
    sveltePlugin(),
    esbuildPlugin({ ts: true, tsconfig: 'test/tsconfig.json' }),
    commonjs({ include: ['**/node_modules/sdp/**', '**/node_modules/jsqr/**'], strictRequires: false }),
    reactBundlePlugin(),
    {
      // Vue's ESM build expects a bundler to replace process.env.NODE_ENV.
      name: 'node-env',
      transform(context) {
        if (!/node_modules\/(vue|@vue)\//.test(context.path)) return undefined;
        if (typeof context.body !== 'string' || !context.body.includes('process.env.NODE_ENV')) return undefined;
        return { body: context.body.replaceAll('process.env.NODE_ENV', '"production"') };
      },
    },
    peerServerPlugin({ host: '127.0.0.1', path: '/myapp' }),
    brokerClusterPlugin(),
    extraPagesPlugin({ chromiumArgs: chromiumFlags, firefoxPrefs }),
    turnServerPlugin(),
    demoServerPlugin(),
  ],
};
