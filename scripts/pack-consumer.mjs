#!/usr/bin/env node
// Packs the package as npm would publish it and checks it the way a consumer meets it:
//   .pack/rtc-elements.tgz   `npm pack` of the root package (build first: `npm run build`)
//   .pack/consumer/          an empty project that installs the tarball, then
//     - imports every export in Node (SSR frameworks do): none may throw;
//     - checks the tarball: source maps and the manifest's paths resolve inside it, no .d.ts
//       imports a package it does not depend on, optional peers (react, @lit/react) not installed;
//     - builds a Vite app (`import 'rtc-elements'`) into .pack/consumer/dist/app.js, which
//       test/shipped.test.ts runs in Chromium.
// Then `attw --profile esm-only` and `publint --strict` on the tarball.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packDir = path.join(root, '.pack');
const consumer = path.join(packDir, 'consumer');
const problems = [];
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
const started = Date.now();

if (!existsSync(path.join(root, 'dist/index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
rmSync(packDir, { recursive: true, force: true });
mkdirSync(consumer, { recursive: true });
const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', packDir]))[0];
const tarball = path.join(packDir, 'rtc-elements.tgz');
execFileSync('mv', [path.join(packDir, packed.filename), tarball]);
console.log(`pack-consumer: ${packed.filename} ${(packed.size / 1024).toFixed(0)} KiB packed, ${packed.entryCount} files`);

writeFileSync(path.join(consumer, 'package.json'), `${JSON.stringify({ name: 'rtc-elements-consumer', private: true, type: 'module' }, null, 2)}\n`);
run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', tarball], consumer);
const installed = path.join(consumer, 'node_modules/rtc-elements');
const pkg = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));

// 1. Every export imports in Node without throwing.
for (const subpath of Object.keys(pkg.exports).filter((s) => !s.includes('*') && !s.endsWith('.json'))) {
  const specifier = subpath === '.' ? 'rtc-elements' : `rtc-elements/${subpath.slice(2)}`;
  if (subpath === './react') continue; // needs the optional peers react and @lit/react
  const script = `const m = await import(${JSON.stringify(specifier)}); const defined = ['rtc-chat', 'rtc-call'].filter((t) => globalThis.customElements?.get(t)); console.log(JSON.stringify({ exports: Object.keys(m).length, defined }));`;
  try {
    const out = JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], consumer).trim().split('\n').pop());
    // Type-only entries (rtc-elements/jsx, /preact, /vue, /svelte: framework typings in types/)
    // have an empty module so that an import of them resolves everywhere; they export nothing.
    const typesOnly = String(pkg.exports[subpath]?.types ?? '').startsWith('./types/');
    if (out.exports === 0 && !typesOnly) problems.push(`${specifier}: imports in Node but exports nothing`);
  } catch (error) {
    problems.push(
      `${specifier}: importing it in Node throws: ${
        String(error.stderr || error.message)
          .split('\n')
          .find((l) => /Error/.test(l)) ?? error.message
      }`,
    );
  }
}

// 2. What the tarball holds resolves inside it.
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const files = walk(installed);
for (const map of files.filter((f) => f.endsWith('.js.map'))) {
  const { sources, sourcesContent = [] } = JSON.parse(readFileSync(map, 'utf8'));
  sources.forEach((source, i) => {
    const inside = path.resolve(path.dirname(map), source).startsWith(installed) && existsSync(path.resolve(path.dirname(map), source));
    if (!inside && typeof sourcesContent[i] !== 'string')
      problems.push(`${path.relative(installed, map)}: source ${source} is neither in the package nor inlined`);
  });
}
const manifest = JSON.parse(readFileSync(path.join(installed, 'custom-elements.json'), 'utf8'));
for (const mod of manifest.modules)
  if (!existsSync(path.join(installed, mod.path))) problems.push(`custom-elements.json: module ${mod.path} is not in the package`);
const allowed = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
// types/ holds opt-in framework typings (JSX, Vue, Svelte): those may use the framework's types.
const FRAMEWORKS = new Set(['react', 'preact', 'vue', 'svelte', '@angular/core', 'solid-js']);
for (const dts of files.filter((f) => f.endsWith('.d.ts'))) {
  const framework = path.relative(installed, dts).startsWith('types/');
  const code = readFileSync(dts, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  for (const [, spec] of code.matchAll(/(?:\bfrom|\bimport\(|^\s*import)\s*['"]([^'".][^'"]*)['"]/gm)) {
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    if (!allowed.has(name) && !(framework && FRAMEWORKS.has(name)))
      problems.push(`${path.relative(installed, dts)} imports types from ${spec}, which the package does not depend on`);
  }
}
for (const optional of ['react', '@lit/react', '@types/react', 'peerjs']) {
  if (existsSync(path.join(consumer, 'node_modules', optional))) problems.push(`installing rtc-elements also installed ${optional}`);
}

// 3. A Vite app, as a bundler consumes the package.
writeFileSync(path.join(consumer, 'index.html'), '<!doctype html>\n<script type="module" src="./main.js"></script>\n');
writeFileSync(path.join(consumer, 'main.js'), "import 'rtc-elements';\n");
writeFileSync(
  path.join(consumer, 'vite.config.js'),
  "export default { base: './', logLevel: 'warn', build: { rollupOptions: { output: { entryFileNames: 'app.js' } } } };\n",
);
run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], consumer);
if (!existsSync(path.join(consumer, 'dist/app.js'))) problems.push('the Vite build wrote no dist/app.js');

// 4. The package linters.
for (const [label, args] of [
  ['attw', ['attw', '--profile', 'esm-only', tarball]],
  ['publint', ['publint', '--strict', tarball]],
]) {
  try {
    run('npx', ['--no-install', ...args]);
  } catch (error) {
    problems.push(`${label} failed:\n${error.stdout}${error.stderr}`);
  }
}

if (problems.length) {
  console.error(`pack-consumer: ${problems.length} problem(s)\n${problems.map((p) => `- ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(
  `pack-consumer: every export imports in Node, maps/manifest/types resolve in the package, Vite app built, attw and publint pass (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
