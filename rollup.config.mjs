// Two builds:
//  - dist/*.js + .d.ts: the ESM library build (lit and peerjs stay external) for bundlers.
//  - dist/rtc-elements.js: one minified, self-contained script-tag bundle (lit + peerjs inlined).
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';

import { fileURLToPath } from 'node:url';

/**
 * The script-tag bundle replaces webrtc-adapter (PeerJS's dependency: ~11 KB gzipped of shims for
 * old browsers) with src/session/browser-details.ts, which gives PeerJS the only thing it reads.
 */
const withoutAdapter = {
  name: 'without-webrtc-adapter',
  resolveId(source) {
    if (source === 'webrtc-adapter') return fileURLToPath(new URL('./src/session/browser-details.ts', import.meta.url));
    return null;
  },
};

const ts = (opts) => typescript({ tsconfig: './tsconfig.json', ...opts });

// msgpack (shipped inside peerjs's ESM build) is compiled to ES5 with `this &&` helpers; harmless.
const onwarn = (warning, warn) => {
  if (warning.code === 'THIS_IS_UNDEFINED' && /node_modules/.test(warning.id ?? '')) return;
  warn(warning);
};

export default [
  {
    input: ['src/index.ts', 'src/rtc-chat/rtc-chat.ts', 'src/rtc-call/rtc-call.ts', 'src/react/index.ts'],
    output: { dir: 'dist', format: 'es', sourcemap: true, preserveModules: true, preserveModulesRoot: 'src' },
    external: [/^lit/, /^peerjs/, /^@lit\//, /^tslib/, /^react/],
    // tslib is a dependency (decorator helpers), not copied into dist/.
    plugins: [ts({ outDir: 'dist', declaration: true, declarationDir: 'dist' })],
    onwarn,
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/rtc-elements.js', format: 'es', sourcemap: true },
    onwarn,
    plugins: [
      withoutAdapter,
      resolve({ browser: true }),
      commonjs(), // sdp (webrtc-adapter, under peerjs) is CommonJS
      ts({ outDir: 'dist', declaration: false, declarationMap: false, sourceMap: true }),
      terser({ format: { comments: false } }),
    ],
  },
];
