// Three builds:
//  - dist/**/*.js + .d.ts: the ESM library build for bundlers (npm). lit and react stay
//    external; PeerJS is not: it comes from dist/vendor/peerjs.js (below), so bundlers get the same
//    webrtc-adapter stand-in as the script tag, and Node (SSR) never loads PeerJS's CommonJS build.
//    Entries: `rtc-elements`, `rtc-elements/rtc-chat`, `rtc-elements/rtc-call`,
//    `rtc-elements/strings`, `rtc-elements/react`.
//  - dist/vendor/peerjs.js: PeerJS 1.5 as one ES module, with the stand-in for webrtc-adapter.
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
import MagicString from 'magic-string';

import { fileURLToPath } from 'node:url';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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
 * Both browser builds replace webrtc-adapter (PeerJS's dependency: ~11 KB gzipped of shims for
 * old browsers) with src/session/browser-details.ts, which gives PeerJS the only thing it reads.
 */
const withoutAdapter = {
  name: 'without-webrtc-adapter',
  resolveId(source) {
    if (source === 'webrtc-adapter') return fileURLToPath(new URL('./src/session/browser-details.ts', import.meta.url));
    return null;
  },
};

/** The library build's modules import PeerJS from the vendored copy; only src/session/ may import it. */
const vendoredPeerjs = {
  name: 'vendored-peerjs',
  resolveId(source, importer) {
    if (source !== 'peerjs') return null;
    if (!importer || !importer.includes(`${path.sep}src${path.sep}session${path.sep}`)) {
      this.error(`only src/session/ may import peerjs (imported by ${importer})`);
    }
    return { id: '../vendor/peerjs.js', external: true };
  },
  // PeerJS's types must not leak into ours: the package does not depend on peerjs (its members
  // that carry them are @internal and stripped).
  writeBundle(options) {
    const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    for (const file of walk(options.dir).filter((f) => f.endsWith('.d.ts'))) {
      if (/from ['"]peerjs['"]/.test(readFileSync(file, 'utf8'))) this.error(`${file} imports peerjs types; mark the member @internal`);
    }
  },
};

/** PeerJS with only what src/session/ uses, so msgpack and the rest of its exports stay out. */
const peerjsEntry = {
  name: 'peerjs-entry',
  resolveId: (source) => (source === 'peerjs-vendor-entry' ? '\0peerjs-vendor-entry' : null),
  load: (id) => (id === '\0peerjs-vendor-entry' ? "export { Peer, util } from 'peerjs';" : null),
};

/**
 * Drops PeerJS's logger calls, `logger.log/warn/error(...)`, with their message strings: the
 * session always creates its Peer with `debug: 0` (src/session/peer-session.ts), and at that level
 * PeerJS's logger prints none of them. What a user needs to know reaches them as `rtc-error`
 * events instead. Fails the build when PeerJS's bundle no longer looks as expected.
 */
const withoutPeerjsDebugLog = {
  name: 'without-peerjs-debug-log',
  transform(code, id) {
    if (!id.endsWith('/peerjs/dist/bundler.mjs')) return null;
    const logger = code.match(/var ([\w$]+) = new [\w$]+\$Logger\(\);/)?.[1];
    if (!logger) this.error('PeerJS bundle changed: its logger instance was not found (update without-peerjs-debug-log)');
    const out = new MagicString(code);
    let dropped = 0;
    const isLogCall = (node) =>
      node.type === 'CallExpression' &&
      node.callee.type === 'MemberExpression' &&
      ['log', 'warn', 'error'].includes(node.callee.property.name) &&
      [node.callee.object, node.callee.object.expressions?.at(-1)].some((o) => o?.type === 'Identifier' && o.name === logger);
    const walk = (node) => {
      if (!node || typeof node.type !== 'string') return;
      if (isLogCall(node)) {
        out.overwrite(node.start, node.end, 'void 0');
        dropped++;
        return;
      }
      for (const value of Object.values(node)) {
        if (Array.isArray(value)) value.forEach(walk);
        else if (value && typeof value === 'object') walk(value);
      }
    };
    walk(this.parse(code));
    if (dropped < 40) this.error(`PeerJS bundle changed: only ${dropped} logger calls found`);
    return { code: out.toString(), map: out.generateMap({ hires: true }) };
  },
};

/** Licences of the code bundled into dist/ (PeerJS and its dependencies; Lit and lean-qr in the script tag). */
const thirdPartyLicenses = {
  name: 'third-party-licenses',
  writeBundle() {
    const names = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element', 'peerjs', 'peerjs-js-binarypack', 'eventemitter3', 'lean-qr'];
    const text = names
      .map((name) => {
        const dir = fileURLToPath(new URL(`./node_modules/${name}/`, import.meta.url));
        const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
        const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
        return `${name}@${version}\n\n${readFileSync(path.join(dir, file), 'utf8').trim()}\n`;
      })
      .join('\n----------------------------------------------------------------\n\n');
    writeFileSync(
      fileURLToPath(new URL('./dist/THIRD-PARTY-LICENSES.txt', import.meta.url)),
      `Third-party code bundled into rtc-elements' dist/ files.\n\n${text}`,
    );
  },
};

// inlineSources: the maps carry the sources, so they work without src/ (which the package ships too).
// keepClosingSlash: without it the minifier turns the icons' `<rect .../>` into `<rect ...>`, and
// the HTML parser then nests the next shape inside the rect, where SVG draws nothing.
const minifyTemplates = () => minifyLiterals({ include: ['src/**/*.ts'], failOnError: true, options: { minifyOptions: { keepClosingSlash: true } } });

const ts = (opts) => typescript({ tsconfig: './tsconfig.json', inlineSources: true, ...opts });

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

/**
 * Background blur / replace: the worker's assets (the tasks-vision wasm in its ES-module build and
 * the selfie-segmentation model) go to dist/rtc-call/mediapipe/, next to dist/rtc-call/background.js
 * and the worker, which load them by URL relative to themselves: served from the page's own server.
 */
const MEDIAPIPE_ASSETS = [
  ['@mediapipe/tasks-vision/wasm/vision_wasm_module_internal.js', 'vision_wasm_module_internal.js'],
  ['@mediapipe/tasks-vision/wasm/vision_wasm_module_internal.wasm', 'vision_wasm_module_internal.wasm'],
  ['@mediapipe/selfie_segmentation/selfie_segmentation.tflite', 'selfie_segmentation.tflite'],
];
const mediapipeAssets = {
  name: 'mediapipe-assets',
  writeBundle() {
    const dir = fileURLToPath(new URL('./dist/rtc-call/mediapipe/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    const versions = [];
    for (const [from, to] of MEDIAPIPE_ASSETS) copyFileSync(fileURLToPath(new URL(`./node_modules/${from}`, import.meta.url)), path.join(dir, to));
    for (const name of ['@mediapipe/tasks-vision', '@mediapipe/selfie_segmentation']) {
      const pkg = JSON.parse(readFileSync(fileURLToPath(new URL(`./node_modules/${name}/package.json`, import.meta.url)), 'utf8'));
      versions.push(`${name}@${pkg.version}: ${pkg.license}`);
    }
    writeFileSync(
      path.join(dir, 'NOTICE.txt'),
      `Files copied unchanged from npm packages by Google (Apache License 2.0, https://www.apache.org/licenses/LICENSE-2.0):\n${versions.join('\n')}\n` +
        "background-worker.js (one level up) bundles @mediapipe/tasks-vision's JavaScript (Apache-2.0).\n",
    );
  },
};

/** The script-tag build's background chunk lives in dist/cdn/chunks/; its worker and assets in dist/rtc-call/. */
const backgroundPaths = {
  name: 'background-paths',
  transform(code, id) {
    if (!id.endsWith(`${path.sep}src${path.sep}rtc-call${path.sep}background.ts`)) return null;
    const out = code.replaceAll("'./background-worker.js'", "'../../rtc-call/background-worker.js'").replaceAll("'./mediapipe/", "'../../rtc-call/mediapipe/");
    if (out === code) this.error('background.ts: the worker and asset URLs were not found (update background-paths)');
    return { code: out, map: null };
  },
};

export default [
  {
    input: ['src/index.ts', 'src/rtc-chat/index.ts', 'src/rtc-call/index.ts', 'src/strings.ts', 'src/react/index.ts'],
    output: { dir: 'dist', format: 'es', sourcemap: true, preserveModules: true, preserveModulesRoot: 'src' },
    external: [/^lit/, /^@lit\//, /^react/, /^lean-qr/],
    // Templates and styles are minified here too: bundlers minify the JavaScript around them but
    // leave the insides of template literals alone.
    plugins: [cleanDist, vendoredPeerjs, ts({ outDir: 'dist', declaration: true, declarationDir: 'dist', stripInternal: true }), minifyTemplates()],
    onwarn,
  },
  {
    input: { 'vendor/peerjs': 'peerjs-vendor-entry' },
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js' },
    plugins: [
      peerjsEntry,
      withoutAdapter,
      withoutPeerjsDebugLog,
      resolve({ browser: true }),
      commonjs(),
      ts({ outDir: 'dist', declaration: false, declarationMap: false }),
      thirdPartyLicenses,
    ],
    onwarn,
  },
  {
    input: { 'rtc-elements': 'src/index.ts', 'cdn/rtc-chat': 'src/rtc-chat/index.ts', 'cdn/rtc-call': 'src/rtc-call/index.ts' },
    // The element entries may carry extra exports, so each holds its element's code itself
    // (no extra chunk between them and the shared one).
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames },
    onwarn,
    plugins: [
      withoutAdapter,
      withoutPeerjsDebugLog,
      backgroundPaths,
      resolve({ browser: true }),
      commonjs(), // sdp (webrtc-adapter, under peerjs) is CommonJS
      ts({ outDir: 'dist', declaration: false, declarationMap: false, sourceMap: true }),
      minifyTemplates(),
      terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
    ],
  },
  {
    // The background worker, self-contained (tasks-vision bundled), for both builds.
    input: { 'rtc-call/background-worker': 'src/rtc-call/background-worker.ts' },
    output: { dir: 'dist', format: 'es', sourcemap: false, entryFileNames: '[name].js', inlineDynamicImports: true },
    onwarn,
    plugins: [
      resolve({ browser: true }),
      ts({ outDir: 'dist', declaration: false, declarationMap: false, inlineSources: false }),
      terser({ module: true, ecma: 2020, format: { comments: false } }),
      mediapipeAssets,
    ],
  },
];
