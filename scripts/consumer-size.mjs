#!/usr/bin/env node
// `node scripts/consumer-size.mjs`: what a bundler app pays for rtc-elements. Packs the package
// (dist/ must be built), installs the tarball into a fresh app folder (.pack/consumer-size/), and
// builds three apps with Vite in production mode:
//   chat only   import 'rtc-elements/rtc-chat'
//   call only   import 'rtc-elements/rtc-call'
//   both        import 'rtc-elements'
// For each: gzip -9 size of the JavaScript loaded at start (the entry chunk and its static
// imports, transitively) and of all emitted JavaScript (lazy chunks too). Targets: chat only
// <= 45 KiB and both <= 60 KiB at start. `npm run bench` includes these rows (section "consumer").
// Exit code 1 when a build fails; missed targets are verdicts (MISS), not failures.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KIB = 1024;

export const APPS = [
  { id: 'chat', label: 'chat only', code: "import 'rtc-elements/rtc-chat';\n", target: 45 * KIB },
  { id: 'call', label: 'call only', code: "import 'rtc-elements/rtc-call';\n", target: undefined },
  { id: 'both', label: 'both elements', code: "import 'rtc-elements';\n", target: 60 * KIB },
];

const gz = (code) => gzipSync(Buffer.from(code), { level: 9 }).length;

/** Packs and installs the tarball into .pack/consumer-size/ (a fresh folder each time). */
function prepare(log) {
  if (!existsSync(path.join(root, 'dist', 'index.js'))) throw new Error('dist/ is not built: run `npm run build` first');
  const dir = path.join(root, '.pack', 'consumer-size');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  const opts = { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] };
  const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], opts));
  const tarball = path.join(dir, 'rtc-elements.tgz');
  renameSync(path.join(dir, path.basename(filename)), tarball);
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'rtc-elements-size', private: true, type: 'module' }, null, 2)}\n`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', '--loglevel=error', tarball], { ...opts, cwd: dir });
  log(`consumer-size: packed and installed into ${path.relative(root, dir)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return dir;
}

/** Builds one app with the root's Vite (production) and measures its JavaScript. */
async function measure(vite, dir, app) {
  const appDir = path.join(dir, app.id);
  mkdirSync(appDir, { recursive: true });
  writeFileSync(path.join(appDir, 'index.html'), '<!doctype html>\n<script type="module" src="./main.js"></script>\n');
  writeFileSync(path.join(appDir, 'main.js'), app.code);
  const result = await vite.build({
    root: appDir,
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    base: './',
    build: { outDir: path.join(appDir, 'dist'), emptyOutDir: true, reportCompressedSize: false },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunks = new Map(outputs.filter((o) => o.type === 'chunk').map((c) => [c.fileName, c]));
  const entries = [...chunks.values()].filter((c) => c.isEntry);
  if (entries.length !== 1) throw new Error(`${app.label}: expected one entry chunk, got ${entries.length}`);
  const initial = new Set();
  const walk = (name) => {
    if (initial.has(name) || !chunks.has(name)) return;
    initial.add(name);
    for (const next of chunks.get(name).imports) walk(next);
  };
  walk(entries[0].fileName);
  const sum = (names) => [...names].reduce((n, f) => n + gz(chunks.get(f).code), 0);
  return {
    ...app,
    initialFiles: initial.size,
    initialGzip: sum(initial),
    allFiles: chunks.size,
    allGzip: sum(chunks.keys()),
    bytes: [...initial].reduce((n, f) => n + Buffer.byteLength(chunks.get(f).code), 0),
  };
}

/**
 * Measures every app. Returns { results: [...], problems: [...] }: an app whose build fails (e.g.
 * a subpath the package does not export) is reported in problems with the reason.
 */
export async function consumerSizes({ log = (...a) => console.error(...a) } = {}) {
  const dir = prepare(log);
  const vite = await import(pathToFileURL(path.join(root, 'node_modules', 'vite', 'dist', 'node', 'index.js')).href);
  const results = [];
  const problems = [];
  for (const app of APPS) {
    const t0 = Date.now();
    try {
      const r = await measure(vite, dir, app);
      results.push(r);
      log(
        `consumer-size: ${app.label}: ${kib(r.initialGzip)} at start (${r.initialFiles} files), ${kib(r.allGzip)} in all (${r.allFiles} files), built in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
    } catch (error) {
      const message = String(error?.message ?? error).split('\n')[0];
      problems.push(`consumer-size: ${app.label} (${app.code.trim()}) did not build: ${message}`);
      results.push({ ...app, error: message });
    }
  }
  return { results, problems };
}

export const kib = (bytes) => `${(bytes / KIB).toFixed(1)} KiB`;
export const verdictOf = (r) => (r.error ? 'n/a' : r.target === undefined ? '-' : r.initialGzip <= r.target ? 'ok' : 'MISS');

/** Rows in bench.mjs's table shape: { metric, ours, base, ratio, target, verdict }. */
export function consumerRows(results) {
  return results.flatMap((r) => [
    {
      metric: `Vite app, ${r.label} (${r.code.trim().replace(/;$/, '')}): JS at start (entry + static imports), gzip -9`,
      ours: r.error ? `error: ${r.error}` : `${kib(r.initialGzip)} (${r.initialFiles} files)`,
      base: '-',
      ratio: '-',
      target: r.target === undefined ? 'info' : `<= ${r.target / KIB} KiB`,
      verdict: r.error ? 'n/a' : r.target === undefined ? '-' : r.initialGzip <= r.target ? 'PASS' : 'MISS',
    },
    {
      metric: `  same app, all emitted JS (lazy features too)`,
      ours: r.error ? '-' : `${kib(r.allGzip)} (${r.allFiles} files)`,
      base: '-',
      ratio: '-',
      target: 'info',
      verdict: '-',
    },
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { results, problems } = await consumerSizes();
  const w = Math.max(...results.map((r) => r.label.length));
  console.log(`\nVite production builds of fresh apps from the packed package (gzip -9):`);
  console.log(`  ${'app'.padEnd(w)}  ${'at start'.padStart(10)}  ${'all JS'.padStart(10)}  target (at start)`);
  for (const r of results) {
    if (r.error) {
      console.log(`  ${r.label.padEnd(w)}  error: ${r.error}`);
      continue;
    }
    console.log(
      `  ${r.label.padEnd(w)}  ${kib(r.initialGzip).padStart(10)}  ${kib(r.allGzip).padStart(10)}  ${r.target === undefined ? '-' : `<= ${r.target / KIB} KiB ${verdictOf(r)}`}`,
    );
  }
  if (problems.length) {
    console.log(`\n${problems.join('\n')}`);
    process.exit(1);
  }
}
