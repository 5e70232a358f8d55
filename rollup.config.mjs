// Two builds:
//  - dist/*.js + .d.ts: the ESM library build (lit and peerjs stay external) for bundlers.
//  - the script-tag build (lit + peerjs inlined, minified), three entries sharing chunks:
//      dist/rtc-elements.js   both elements (the URL the README, demo and tests load)
//      dist/cdn/rtc-chat.js   only <rtc-chat>
//      dist/cdn/rtc-call.js   only <rtc-call>
//    plus dist/cdn/chunks/*.js: code shared by the entries, and features loaded on first use
//    (file transfer, rooms, copy-paste pairing, local signaling, German strings; for <rtc-call>:
//    call stats, group calls, device settings, camera/microphone/screen capture).
//    The entries import the chunks by relative URL, so the files must be served together.
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';

import { fileURLToPath } from 'node:url';
import { rmSync } from 'node:fs';

/**
 * Chunk file names carry content hashes, so every change leaves differently named chunks behind:
 * the first build starts from an empty dist/, so old ones neither pile up nor get published.
 */
const cleanDist = {
  name: 'clean-dist',
  buildStart() {
    rmSync(fileURLToPath(new URL('./dist', import.meta.url)), { recursive: true, force: true });
  },
};

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

/**
 * Chunk names: lazy features keep their module's name (file-transfer, room, ...); the chunks the
 * entries share are named after the element whose code they hold, or `shared`.
 */
const chunkFileNames = (chunk) => {
  if (!chunk.isDynamicEntry) {
    const has = (file) => chunk.moduleIds.some((id) => id.endsWith(file));
    const name = has('/src/rtc-chat/rtc-chat.ts') ? 'rtc-chat' : has('/src/rtc-call/rtc-call.ts') ? 'rtc-call' : 'shared';
    return `cdn/chunks/${name}-[hash].js`;
  }
  return 'cdn/chunks/[name]-[hash].js';
};

export default [
  {
    input: ['src/index.ts', 'src/rtc-chat/rtc-chat.ts', 'src/rtc-call/rtc-call.ts', 'src/react/index.ts'],
    output: { dir: 'dist', format: 'es', sourcemap: true, preserveModules: true, preserveModulesRoot: 'src' },
    external: [/^lit/, /^peerjs/, /^@lit\//, /^tslib/, /^react/],
    // tslib is a dependency (decorator helpers), not copied into dist/.
    plugins: [cleanDist, ts({ outDir: 'dist', declaration: true, declarationDir: 'dist' })],
    onwarn,
  },
  {
    input: { 'rtc-elements': 'src/index.ts', 'cdn/rtc-chat': 'src/rtc-chat/rtc-chat.ts', 'cdn/rtc-call': 'src/rtc-call/rtc-call.ts' },
    // The element entries may carry extra exports, so each holds its element's code itself
    // (no extra chunk between them and the shared one).
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames },
    onwarn,
    plugins: [
      withoutAdapter,
      resolve({ browser: true }),
      commonjs(), // sdp (webrtc-adapter, under peerjs) is CommonJS
      ts({ outDir: 'dist', declaration: false, declarationMap: false, sourceMap: true }),
      // keepClosingSlash: without it the minifier turns the icons' `<rect .../>` into `<rect ...>`, and
      // the HTML parser then nests the next shape inside the rect, where SVG draws nothing.
      minifyLiterals({ include: ['src/**/*.ts'], failOnError: true, options: { minifyOptions: { keepClosingSlash: true } } }),
      terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
    ],
  },
];
