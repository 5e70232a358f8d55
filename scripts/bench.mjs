#!/usr/bin/env node
// `npm run bench [-- options]`: rtc-elements benchmarks, each figure next to its baseline from the
// same run, printed as ONE table and written to bench-results/ (JSON). Method: BENCHMARKS.md.
//
//   --quick          CI smoke run (8 MiB file, fewer repetitions, no settings matrix); < 2 min
//   --explore        also run the plain RTCDataChannel settings matrix (default: on in full runs)
//   --no-explore     skip it
//   --only=a,b       sections: bundle, consumer, connect, rtt, memory, throughput, explore,
//                    call-setup, call-cpu, paint, page-load, bigfile, history (issue 18: what users
//                    feel; test/bench/feel.test.ts, rows in scripts/bench-feel-rows.mjs; need dist/),
//                    broker (1 instance vs 2 instances + Redis, scripts/bench-broker.mjs; needs redis-server)
//                    (consumer: Vite app sizes from the packed package, scripts/consumer-size.mjs; needs dist/)
//   --file-mb=N --reps=N --connect-runs=N --rtt-rounds=N --cycles=N --explore-mb=N --explore-reps=N
//                    override the mode's defaults
//   --explore-set=focus|final|read   only the best candidates (7 | 5) or read sizes (1-8 MiB),
//                    for more repetitions
//                    (e.g. --only=explore --explore-set=final --explore-reps=8)
//   --verbose        stream the test runner's output
//
// Exit code: 0 when every section ran (missed targets are verdicts, not failures); 1 when the
// benchmark itself broke (a section threw, the browser or the build failed).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { feelProgress, feelRows, feelSections } from './bench-feel-rows.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

// ---------- options ----------
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const value = (name) => {
  const hit = argv.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? undefined : hit.slice(name.length + 3);
};
const num = (name) => (value(name) === undefined ? undefined : Number(value(name)));
const quick = flag('quick');
const verbose = flag('verbose');
const only = value('only')
  ?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const wants = (section) => !only || only.includes(section);
const explore = flag('explore') || (!quick && !flag('no-explore'));

const defaults = quick
  ? { fileMB: 8, throughputReps: 3, connectRuns: 8, rttRounds: 100, rttWarmup: 10, memoryCycles: 10, exploreMB: 8, exploreReps: 1 }
  : { fileMB: 64, throughputReps: 5, connectRuns: 20, rttRounds: 200, rttWarmup: 20, memoryCycles: 50, exploreMB: 32, exploreReps: 2 };
const benchConfig = {
  quick,
  ...defaults,
  ...(num('file-mb') ? { fileMB: num('file-mb') } : {}),
  ...(num('reps') ? { throughputReps: num('reps') } : {}),
  ...(num('connect-runs') ? { connectRuns: num('connect-runs') } : {}),
  ...(num('rtt-rounds') ? { rttRounds: num('rtt-rounds') } : {}),
  ...(num('cycles') ? { memoryCycles: num('cycles') } : {}),
  ...(num('explore-mb') ? { exploreMB: num('explore-mb') } : {}),
  ...(num('explore-reps') ? { exploreReps: num('explore-reps') } : {}),
  ...(value('explore-set') ? { exploreSet: value('explore-set') } : {}),
  explore: explore && wants('explore'),
  ...(only ? { only } : {}),
};

const started = Date.now();
const resultsDir = path.join(root, 'bench-results');
mkdirSync(resultsDir, { recursive: true });
const stamp = new Date(started).toISOString().replace(/[:.]/g, '-');
const rawFile = path.join(resultsDir, `raw-${stamp}.jsonl`);
const logFile = path.join(resultsDir, `wtr-${only ? 'partial-' : ''}${quick ? 'quick' : 'full'}.log`);
const log = (...args) => console.error(...args);
const problems = [];

const machine = () => ({
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
});
const machineAtStart = machine();
const git = (() => {
  try {
    const opts = { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] };
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], opts).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], opts).trim() !== '';
    return `${commit}${dirty ? ' + uncommitted changes in src/' : ''}`;
  } catch {
    return 'unknown';
  }
})();

// ---------- 4. bundle size (Node side, nothing written to dist/) ----------
const gz = (code) => gzipSync(Buffer.from(code), { level: 9 }).length;

async function bundleSizes() {
  const { rollup } = await import('rollup');
  const { default: resolve } = await import('@rollup/plugin-node-resolve');
  const { default: commonjs } = await import('@rollup/plugin-commonjs');
  const { default: terser } = await import('@rollup/plugin-terser');
  const quiet = (warning, warn) => {
    if (warning.code !== 'THIS_IS_UNDEFINED' && warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
  };
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'rtc-elements-bench-'));

  // Our script-tag build: the very build rollup.config.mjs makes for dist/rtc-elements.js,
  // dist/cdn/rtc-chat.js, dist/cdn/rtc-call.js and their chunks (dist/cdn/chunks/), generated in
  // memory from the current src/ (dist/ is not touched).
  const configs = (await import(pathToFileURL(path.join(root, 'rollup.config.mjs')).href)).default;
  const scriptTag = configs.find((c) => c.input && typeof c.input === 'object' && !Array.isArray(c.input) && c.input['rtc-elements']);
  if (!scriptTag) throw new Error('rollup.config.mjs has no script-tag build with an rtc-elements entry');
  const build = async (options, file) => {
    const t0 = Date.now();
    const bundle = await rollup({ onwarn: quiet, ...options });
    const { output } = await bundle.generate({ format: 'es', sourcemap: 'hidden' }); // hidden: no comment in the code
    await bundle.close();
    const chunks = output.filter((o) => o.type === 'chunk');
    const code = chunks.map((o) => o.code).join('\n');
    writeFileSync(path.join(outDir, file), code);
    if (verbose) log(`bundle: ${file} built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return { bytes: Buffer.byteLength(code), gzip: gz(code), chunk: chunks[0] };
  };
  const t0 = Date.now();
  const tagBuild = await rollup({
    onwarn: quiet,
    input: scriptTag.input,
    plugins: scriptTag.plugins,
    preserveEntrySignatures: scriptTag.preserveEntrySignatures,
  });
  const { output: tagOutput } = await tagBuild.generate({ ...scriptTag.output, sourcemap: 'hidden' });
  await tagBuild.close();
  if (verbose) log(`bundle: script-tag build in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // Every file as served: its own gzip -9 size (a browser fetches and decompresses each file).
  const files = new Map(
    tagOutput
      .filter((o) => o.type === 'chunk')
      .map((c) => [
        c.fileName,
        {
          file: c.fileName,
          bytes: Buffer.byteLength(c.code),
          gzip: gz(c.code),
          entry: c.isEntry,
          lazy: c.isDynamicEntry && !c.isEntry,
          imports: c.imports,
          dynamicImports: c.dynamicImports,
          modules: Object.keys(c.modules)
            .filter((id) => id.startsWith(path.join(root, 'src') + path.sep))
            .map((id) => path.relative(root, id)),
          code: c.code,
        },
      ]),
  );
  for (const f of files.values()) {
    mkdirSync(path.dirname(path.join(outDir, 'script-tag', f.file)), { recursive: true });
    writeFileSync(path.join(outDir, 'script-tag', f.file), f.code);
  }
  const closure = (start, follow) => {
    const seen = new Set();
    const walk = (name) => {
      if (seen.has(name)) return;
      seen.add(name);
      for (const next of follow(files.get(name))) walk(next);
    };
    walk(start);
    return [...seen];
  };
  const total = (names) => ({
    files: names.length,
    bytes: names.reduce((n, f) => n + files.get(f).bytes, 0),
    gzip: names.reduce((n, f) => n + files.get(f).gzip, 0),
  });
  const entryLoad = (fileName) => {
    if (!files.has(fileName)) throw new Error(`the script-tag build emitted no ${fileName}`);
    // Initial: the entry and its static imports; with lazy: plus every import() reachable from those.
    const initial = closure(fileName, (f) => f.imports);
    const everything = closure(fileName, (f) => [...f.imports, ...f.dynamicImports]);
    return { file: fileName, initial: total(initial), initialFiles: initial, everything: total(everything) };
  };
  // The baselines are minified with the script-tag build's own terser settings.
  const minifier = () => scriptTag.plugins.find((p) => p?.name === 'terser') ?? terser({ format: { comments: false } });
  const entries = { chat: entryLoad('cdn/rtc-chat.js'), call: entryLoad('cdn/rtc-call.js'), all: entryLoad('rtc-elements.js') };
  const full = entries.all.initial;
  const everything = total([...files.keys()]);
  const chunks = [...files.values()].map(({ code: _code, ...rest }) => rest);
  const ownModules = [...new Set([...files.values()].flatMap((f) => f.modules))].map((m) => path.join(root, m));

  // Baseline: lit + peerjs alone, i.e. a virtual entry re-exporting just the lit / peerjs bindings
  // that the modules in our bundle import (scanned from their sources), built the same way
  // (node-resolve browser, commonjs, terser, no comments). The literal `import 'lit'; import
  // 'peerjs'` would be tree-shaken to almost nothing (peerjs declares sideEffects), so the
  // bindings are re-exported under unique names to keep them.
  const entry = libraryEntry(ownModules);
  const virtual = (source) => {
    const id = path.join(root, '__bench-entry__.js');
    return {
      input: id,
      plugins: [
        { name: 'bench-entry', resolveId: (x) => (x === id ? id : null), load: (x) => (x === id ? source : null) },
        resolve({ browser: true }),
        commonjs(),
        minifier(),
      ],
    };
  };
  const { chunk: _libsChunk, ...libs } = await build(virtual(entry), 'baseline-lit-peerjs.js');
  // The same libraries as they end up inside our bundle: webrtc-adapter replaced by the stand-in and
  // PeerJS's logger calls dropped
  // (rollup.config.mjs), so "our code added" is measured against what we actually ship of them.
  const standIn = scriptTag.plugins.filter((p) => ['without-webrtc-adapter', 'without-peerjs-debug-log', 'typescript'].includes(p?.name));
  const slim = virtual(entry);
  const { chunk: _slimChunk, ...libsSlim } = await build(
    { ...slim, plugins: [slim.plugins[0], ...standIn, ...slim.plugins.slice(1)] },
    'baseline-lit-peerjs-slim.js',
  );
  // For reference: everything lit and peerjs export (more than we use; tree-shaking drops ~6 KiB of peerjs).
  const libsEverything = quick
    ? undefined
    : (({ chunk: _c, ...rest }) => rest)(await build(virtual(`export * from 'lit';\nexport * from 'peerjs';\n`), 'baseline-everything.js'));
  // Our code alone (full runs): the same entry with lit and peerjs external, minified the same way.
  const ownOnly = quick
    ? undefined
    : (({ chunk: _c, ...rest }) => rest)(
        await build(
          {
            input: Object.values(scriptTag.input),
            external: (id) => isLibrary(id),
            plugins: [
              (await import('@rollup/plugin-typescript')).default({
                tsconfig: './tsconfig.json',
                outDir: 'dist',
                declaration: false,
                declarationMap: false,
                sourceMap: false,
              }),
              ...scriptTag.plugins.filter((p) => p?.name === 'minify-html-literals'),
              minifier(),
            ],
          },
          'own-code-only.js',
        ),
      );
  return {
    full,
    entries,
    everything,
    chunks,
    libs,
    libsSlim,
    libsEverything,
    ownOnly,
    perModule: quick ? undefined : await perModuleSizes(ownModules),
    outDir,
    libraryEntry: entry,
  };
}

/** `export { a as _0, ... } from 'lit'; ...` for every lit / peerjs value binding `files` import. */
function libraryEntry(files) {
  const bySpec = new Map();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
      if (m[1] || !isLibrary(m[3])) continue;
      const names = m[2]
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x && !x.startsWith('type '));
      if (!bySpec.has(m[3])) bySpec.set(m[3], new Set());
      for (const n of names) bySpec.get(m[3]).add(n.split(/\s+as\s+/)[0].trim());
    }
    for (const m of text.matchAll(/import\s+(\w+)\s*(?:,\s*\{[^}]*\})?\s*from\s*['"]([^'"]+)['"]/g)) {
      if (isLibrary(m[2])) {
        if (!bySpec.has(m[2])) bySpec.set(m[2], new Set());
        bySpec.get(m[2]).add('default');
      }
    }
    for (const m of text.matchAll(/import\s*['"]([^'"]+)['"]/g)) if (isLibrary(m[1]) && !bySpec.has(m[1])) bySpec.set(m[1], new Set());
  }
  let k = 0;
  return (
    [...bySpec]
      .map(([spec, names]) => (names.size ? `export { ${[...names].map((n) => `${n} as _${k++}`).join(', ')} } from '${spec}';` : `import '${spec}';`))
      .join('\n') + '\n'
  );
}

const isLibrary = (spec) => /^(lit|lit-html|lit-element|@lit\/[^/]+|peerjs)(\/|$)/.test(spec);

/** Rough attribution: each src module minified on its own (esbuild, if installed) and gzipped. */
async function perModuleSizes(files) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return undefined;
  }
  const out = [];
  for (const file of files) {
    const { code } = esbuild.transformSync(readFileSync(file, 'utf8'), {
      loader: 'ts',
      minify: true,
      format: 'esm',
      target: 'es2021',
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    });
    out.push({ file: path.relative(root, file), minified: code.length, gzip: gz(code) });
  }
  return out.sort((a, b) => b.gzip - a.gzip);
}

// ---------- browser benchmarks (WTR) ----------
function runWtr() {
  return new Promise((resolvePromise) => {
    const out = createWriteStream(logFile);
    const child = spawn(process.execPath, [path.join(root, 'node_modules/@web/test-runner/dist/bin.js'), '--config', 'web-test-runner.bench.config.mjs'], {
      cwd: root,
      env: { ...process.env, BENCH_OUT: rawFile, BENCH_CONFIG: JSON.stringify(benchConfig), CI: process.env.CI ?? 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    const onData = (chunk) => {
      out.write(chunk);
      if (verbose) process.stderr.write(chunk);
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const at = line.indexOf('BENCH-RESULT {');
        if (!verbose && at >= 0) {
          try {
            progress(JSON.parse(line.slice(at + 13)));
          } catch {
            /* a partial line */
          }
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      out.end();
      resolvePromise(code ?? 1);
    });
  });
}

function progress(r) {
  const t = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  const v = r.variant ? ` ${r.variant}` : '';
  let what;
  if (r.kind === 'connect' || r.kind === 'rtt') what = `median ${r.ms?.median} ms, p95 ${r.ms?.p95} ms`;
  else if (r.kind === 'throughput')
    what = r.na ? r.na : `${r.median} MiB/s ${JSON.stringify(r.runs)}, ${r.cpuMsPerMiB} CPU ms/MiB${r.error ? ` error: ${r.error}` : ''}`;
  else if (r.kind === 'memory')
    what = `${r.cycles} cycles, ${r.msPerCycle} ms each; JS data ${kib(r.jsDataGrowth)}, code ${kib(r.codeGrowth)}, heap ${kib(r.heapGrowth)}, PCs open ${r.pcOpenBefore}->${r.pcOpenAfter}, sessions ${r.sessionsBefore}->${r.sessionsAfter}`;
  else if (r.kind === 'explore') what = `${r.label}: ${r.mibps} MiB/s, ${r.cpuMsPerMiB} CPU ms/MiB${r.error ? ` (${r.error})` : ''}`;
  else if (r.kind === 'sha256')
    what = `MiB per CPU second: ${r.engine} ${r.usedMiBps}, JavaScript ${r.jsMiBps}, WebCrypto ${r.webcryptoMiBps} (wall: ${r.wall.usedMiBps}, ${r.wall.jsMiBps}, ${r.wall.webcryptoMiBps})`;
  else if (r.kind === 'env') what = r.userAgent;
  else what = feelProgress(r) ?? '';
  log(`[${t}s] ${r.kind}${v}: ${what}`);
}

// ---------- table ----------
const kib = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KiB` : 'n/a');
const fmt = (x, unit, digits = 1) => (Number.isFinite(x) ? `${x.toFixed(digits)} ${unit}` : 'n/a');
const ratioText = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : '-');

function buildRows(results, bundle, consumer) {
  const rows = [];
  const find = (kind, variant) => results.find((r) => r.kind === kind && r.variant === variant);
  const row = (metric, ours, base, ratio, target, verdict) => rows.push({ metric, ours, base, ratio: ratioText(ratio), target, verdict });
  const verdict = (ok) => (ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS');

  // 1. throughput
  const el = find('throughput', 'element');
  const plain = find('throughput', 'plain');
  const pj = find('throughput', 'peerjs-binary');
  if (el || plain || pj) {
    const size = `${(el ?? plain ?? pj).fileMiB} MiB`;
    const ours = el?.na ? `n/a (${el.na})` : el?.error ? `error: ${el.error}` : fmt(el?.median, 'MiB/s');
    const has = el && !el.na && !el.error && Number.isFinite(el.median);
    const r1 = has ? el.median / plain?.median : NaN;
    const r2 = has ? el.median / pj?.median : NaN;
    row(
      `file ${size}: sendFile vs plain RTCDataChannel (best settings), median of ${plain?.runs?.length ?? 0}`,
      ours,
      plain?.error ? `error: ${plain.error}` : fmt(plain?.median, 'MiB/s'),
      r1,
      '>= 0.95x',
      verdict(has ? r1 >= 0.95 : undefined),
    );
    row(
      `file ${size}: sendFile vs PeerJS binary (default connect, 64 KiB chunks)`,
      ours,
      pj?.error ? `error: ${pj.error}` : fmt(pj?.median, 'MiB/s'),
      r2,
      '>= 1.20x',
      verdict(has ? r2 >= 1.2 : undefined),
    );
    // Browser CPU per MiB, then how it splits between processes.
    for (const [label, key, digits] of [
      [`file ${size}: browser CPU per MiB (all processes), sendFile vs plain`, 'cpuMsPerMiB', 1],
      ['  of which renderer process (page + WebRTC threads)', 'rendererMsPerMiB', 0],
      ['  of which network service (UDP sockets)', 'networkServiceMsPerMiB', 0],
    ])
      row(label, has ? fmt(el[key], 'ms', digits) : '-', fmt(plain?.[key], 'ms', digits), has ? el[key] / plain?.[key] : NaN, 'info', '-');
  }
  const sha = find('sha256', 'speed');
  if (sha)
    row(
      `  SHA-256 per s of renderer CPU: sendFile's (${sha.engine}) vs JavaScript fallback (WebCrypto ${sha.webcryptoMiBps})`,
      fmt(sha.usedMiBps, 'MiB/s', 0),
      fmt(sha.jsMiBps, 'MiB/s', 0),
      sha.usedMiBps / sha.jsMiBps,
      'info',
      '-',
    );
  // 2. connect
  const ce = find('connect', 'element');
  const cb = find('connect', 'peerjs');
  if (ce && cb) {
    const r = ce.ms.median / cb.ms.median;
    row(
      `connect() -> rtc-connect vs peer.connect() -> open, median of ${ce.ms.n}`,
      fmt(ce.ms.median, 'ms'),
      fmt(cb.ms.median, 'ms'),
      r,
      '<= 1.10x',
      verdict(r <= 1.1),
    );
    row(
      '  same, both sides connected (rtc-connect on both / open on both)',
      fmt(ce.bothSidesMs.median, 'ms'),
      fmt(cb.bothSidesMs.median, 'ms'),
      ce.bothSidesMs.median / cb.bothSidesMs.median,
      'info',
      '-',
    );
    const hidden = find('connect', 'element-hidden');
    if (hidden)
      row(
        '  diagnostic: elements display:none (no layout/paint)',
        fmt(hidden.ms.median, 'ms'),
        fmt(cb.ms.median, 'ms'),
        hidden.ms.median / cb.ms.median,
        'info',
        '-',
      );
  }
  // 3. RTT
  const re = find('rtt', 'element');
  const rp = find('rtt', 'plain');
  if (re && rp) {
    const r50 = re.ms.median / rp.ms.median;
    const r95 = re.ms.p95 / rp.ms.p95;
    row(`chat round trip p50 (n=${re.ms.n}) vs plain channel + JSON`, fmt(re.ms.median, 'ms', 2), fmt(rp.ms.median, 'ms', 2), r50, 'info', '-');
    row(`chat round trip p95 (n=${re.ms.n}) vs plain channel + JSON`, fmt(re.ms.p95, 'ms', 2), fmt(rp.ms.p95, 'ms', 2), r95, 'info', '-');
    const rj = find('rtt', 'peerjs');
    if (rj) {
      row(
        '  reference p50/p95: bare PeerJS (json, reliable) vs plain channel',
        `${fmt(rj.ms.median, 'ms', 2)} / ${fmt(rj.ms.p95, 'ms', 2)}`,
        `${fmt(rp.ms.median, 'ms', 2)} / ${fmt(rp.ms.p95, 'ms', 2)}`,
        rj.ms.median / rp.ms.median,
        'info',
        '-',
      );
      row('  element vs bare PeerJS, p50', fmt(re.ms.median, 'ms', 2), fmt(rj.ms.median, 'ms', 2), re.ms.median / rj.ms.median, 'info', '-');
    }
    for (const [variant, label] of [
      ['element-max-messages-20', 'max-messages=20 (short history)'],
      ['element-hidden', 'elements display:none (no layout/paint)'],
    ]) {
      const d = find('rtt', variant);
      if (d)
        row(
          `  diagnostic p50/p95: ${label}`,
          `${fmt(d.ms.median, 'ms', 2)} / ${fmt(d.ms.p95, 'ms', 2)}`,
          `${fmt(rp.ms.median, 'ms', 2)} / ${fmt(rp.ms.p95, 'ms', 2)}`,
          d.ms.median / rp.ms.median,
          'info',
          '-',
        );
    }
  }
  // 4. bundle
  if (bundle) {
    const limit = 42 * 1024;
    const ownLimit = 12 * 1024;
    const { chat, call, all } = bundle.entries;
    for (const [label, e] of [
      ['chat only (cdn/rtc-chat.js)', chat],
      ['call only (cdn/rtc-call.js)', call],
    ]) {
      const added = e.initial.gzip - bundle.libs.gzip;
      row(
        `script-tag ${label}, initial load (${e.initial.files} files), gzip -9: total vs lit + peerjs as imported`,
        kib(e.initial.gzip),
        kib(bundle.libs.gzip),
        e.initial.gzip / bundle.libs.gzip,
        '< 42 KiB total',
        verdict(e.initial.gzip < limit),
      );
      row(`  our code added: total - lit+peerjs as imported (${kib(bundle.libs.gzip)})`, kib(added), '-', NaN, '<= 12 KiB', verdict(added <= ownLimit));
      row(
        `  same, vs lit+peerjs as shipped (${kib(bundle.libsSlim.gzip)}, webrtc-adapter stand-in)`,
        kib(e.initial.gzip - bundle.libsSlim.gzip),
        '-',
        NaN,
        'info',
        '-',
      );
    }
    row(
      `script-tag all-in-one (rtc-elements.js), initial load (${all.initial.files} files) vs lit + peerjs as imported`,
      kib(all.initial.gzip),
      kib(bundle.libs.gzip),
      all.initial.gzip / bundle.libs.gzip,
      'info',
      '-',
    );
    row(
      `script-tag everything incl. lazy chunks (${bundle.everything.files} files) vs lit + peerjs as imported`,
      kib(bundle.everything.gzip),
      kib(bundle.libs.gzip),
      bundle.everything.gzip / bundle.libs.gzip,
      'info',
      '-',
    );
    row('  lit + peerjs as shipped in the bundle (webrtc-adapter stand-in)', '-', kib(bundle.libsSlim.gzip), NaN, 'info', '-');
    if (bundle.ownOnly) row('  our code alone, all features (lit, peerjs external), minified + gzip', kib(bundle.ownOnly.gzip), '-', NaN, 'info', '-');
    if (bundle.libsEverything) row('  reference: all of lit + all of peerjs (export *)', '-', kib(bundle.libsEverything.gzip), NaN, 'info', '-');
  }
  // 5. memory
  for (const [label, ours, base] of [
    ['connect/disconnect', 'element-connect', 'peerjs-connect'],
    ['mount/unmount (new ids)', 'element-mount', 'peerjs-mount'],
  ]) {
    const m = find('memory', ours);
    const b = find('memory', base);
    if (!m || !b) continue;
    // Verdict on JS data (heap snapshot: objects, arrays, strings, closures), not on compiled code,
    // which keeps growing for a while as V8 optimizes more of our code (see BENCHMARKS.md).
    // "Beyond noise": more than the bare-PeerJS run grew plus 0.5 KiB per cycle.
    if (Number.isFinite(m.jsDataGrowth) && Number.isFinite(b.jsDataGrowth)) {
      const allowance = Math.max(0, b.jsDataGrowth) + 512 * m.cycles;
      row(
        `JS data growth (heap snapshot), ${m.cycles} ${label} cycles`,
        kib(m.jsDataGrowth),
        kib(b.jsDataGrowth),
        NaN,
        '<= baseline + 0.5 KiB/cycle',
        verdict(m.jsDataGrowth <= allowance),
      );
      row(`  usedJSHeapSize growth (incl. compiled code: ${kib(m.codeGrowth)} / ${kib(b.codeGrowth)})`, kib(m.heapGrowth), kib(b.heapGrowth), NaN, 'info', '-');
    } else {
      // quick runs skip the snapshots here: whole heap, compiled code included, so a looser allowance
      const allowance = Math.max(0, b.heapGrowth) + 2048 * m.cycles;
      row(
        `usedJSHeapSize growth (no snapshot), ${m.cycles} ${label} cycles`,
        kib(m.heapGrowth),
        kib(b.heapGrowth),
        NaN,
        '<= baseline + 2 KiB/cycle',
        verdict(m.heapGrowth <= allowance),
      );
    }
    row(
      `open RTCPeerConnections after ${label} (before -> after)`,
      `${m.pcOpenBefore} -> ${m.pcOpenAfter}`,
      `${b.pcOpenBefore} -> ${b.pcOpenAfter}`,
      NaN,
      '0 leaked',
      verdict(m.pcOpenAfter - m.pcOpenBefore <= 0 && m.pcCreated === m.pcClosed),
    );
    row(
      `  live PeerSessions (registry) before -> after`,
      `${m.sessionsBefore} -> ${m.sessionsAfter}`,
      '-',
      NaN,
      'no growth',
      verdict(m.sessionsAfter <= m.sessionsBefore),
    );
  }
  // issue 18: what users feel (scripts/bench-feel-rows.mjs)
  rows.push(...feelRows(results));
  // 6. what a Vite app pays (scripts/consumer-size.mjs)
  if (consumer) rows.push(...consumer.rows);
  return rows;
}

function renderTable(rows) {
  const head = { metric: 'metric', ours: 'rtc-elements', base: 'baseline', ratio: 'ratio', target: 'target', verdict: 'verdict' };
  const cols = Object.keys(head);
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(head[c].length, ...rows.map((r) => String(r[c]).length))]));
  const line = (r) => `| ${cols.map((c) => String(r[c]).padEnd(width[c])).join(' | ')} |`;
  return [line(head), `|${cols.map((c) => '-'.repeat(width[c] + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function exploreSummary(results) {
  const by = new Map();
  for (const r of results.filter((x) => x.kind === 'explore')) {
    if (!by.has(r.label)) by.set(r.label, { label: r.label, settings: r.settings, runs: [], cpu: [], renderer: [], network: [], errors: [] });
    const e = by.get(r.label);
    if (r.error) e.errors.push(r.error);
    else {
      e.runs.push(r.mibps);
      e.cpu.push(r.cpuMsPerMiB);
      e.renderer.push(r.cpuMsPerMiBByProcess?.renderer ?? NaN);
      e.network.push(r.cpuMsPerMiBByProcess?.['network.mojom.NetworkService'] ?? NaN);
    }
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : NaN;
  };
  return [...by.values()].map((e) => ({
    ...e,
    median: Number(median(e.runs).toFixed(2)),
    cpuMsPerMiB: Number(median(e.cpu).toFixed(1)),
    rendererMsPerMiB: Number(median(e.renderer).toFixed(0)),
    networkServiceMsPerMiB: Number(median(e.network).toFixed(0)),
  }));
}

// ---------- main ----------
let bundle;
if (wants('bundle')) {
  log('bundle: building the script-tag bundle and the lit + peerjs baseline in memory ...');
  try {
    bundle = await bundleSizes();
    log(
      `bundle: chat ${kib(bundle.entries.chat.initial.gzip)}, call ${kib(bundle.entries.call.initial.gzip)}, all-in-one ${kib(bundle.full.gzip)} gzip (initial loads); lit+peerjs ${kib(bundle.libs.gzip)} (files in ${bundle.outDir})`,
    );
  } catch (error) {
    problems.push(`bundle: ${error?.stack ?? error}`);
    log(`bundle failed: ${error?.stack ?? error}`);
  }
}

// What a bundler app built from the packed package loads (needs dist/: `npm run build`).
let consumer;
if (wants('consumer')) {
  log('consumer: packing, installing into .pack/consumer-size/ and building three Vite apps ...');
  try {
    const { consumerSizes, consumerRows } = await import('./consumer-size.mjs');
    const { results: sizes, problems: sizeProblems } = await consumerSizes({ log });
    problems.push(...sizeProblems);
    consumer = { results: sizes, rows: consumerRows(sizes) };
  } catch (error) {
    problems.push(`consumer: ${error?.stack ?? error}`);
    log(`consumer failed: ${error?.stack ?? error}`);
  }
}

// The broker benchmark (scripts/bench-broker.mjs, also runnable alone): its table follows ours.
let brokerTable;
if (wants('broker')) {
  log('broker: 1 instance vs 2 instances sharing Redis (scripts/bench-broker.mjs) ...');
  try {
    brokerTable = execFileSync(process.execPath, ['scripts/bench-broker.mjs', ...(quick ? ['--quick'] : [])], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
  } catch (error) {
    problems.push(`broker: ${error?.message ?? error}`);
  }
}

// page-load and bigfile load the built script-tag bundle (dist/rtc-elements.js): build it when it is
// missing or older than src/ (CI has just built it for the tests).
function ensureDist() {
  if (!['page-load', 'bigfile'].some(wants)) return;
  const newest = (dir) =>
    readdirSync(dir, { withFileTypes: true }).reduce(
      (m, e) => Math.max(m, e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs),
      0,
    );
  const bundleFile = path.join(root, 'dist/rtc-elements.js');
  if (existsSync(bundleFile) && statSync(bundleFile).mtimeMs >= newest(path.join(root, 'src'))) return;
  log('dist/ is missing or older than src/: npm run build ...');
  try {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    problems.push(`npm run build: ${error?.message ?? error}`);
  }
}

let wtrCode;
const browserSections = ['connect', 'rtt', 'memory', 'throughput', 'explore', ...feelSections];
if (!only || only.some((s) => browserSections.includes(s))) {
  log(
    `browser: running web-test-runner.bench.config.mjs (${quick ? 'quick' : 'full'}: ${JSON.stringify(benchConfig)}); log in ${path.relative(root, logFile)}`,
  );
  ensureDist();
  wtrCode = await runWtr();
  if (wtrCode !== 0) {
    problems.push(`web-test-runner exited ${wtrCode}; see ${path.relative(root, logFile)}`);
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-60).join('\n');
    log(`\n--- last lines of ${path.relative(root, logFile)} ---\n${tail}\n---`);
  }
}

const results = existsSync(rawFile)
  ? readFileSync(rawFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : [];
for (const r of results) if (r.error && r.kind !== 'explore') problems.push(`${r.kind} ${r.variant}: ${r.error}`);
const env = results.find((r) => r.kind === 'env');
const rows = buildRows(results, bundle, consumer);
const explored = exploreSummary(results);
const wallSeconds = (Date.now() - started) / 1000;
const machineAtEnd = machine();

const header = [
  `rtc-elements benchmarks (${quick ? 'quick' : 'full'} run), ${new Date(started).toISOString()}, wall time ${wallSeconds.toFixed(1)} s, code ${git}`,
  `machine: ${machineAtStart.cpu}, ${machineAtStart.cores} cores, ${machineAtStart.memoryGiB} GiB, ${machineAtStart.platform}, Node ${machineAtStart.node}; load average ${machineAtStart.loadavg.join(' ')} at start, ${machineAtEnd.loadavg.join(' ')} at end`,
  env
    ? `browser: ${env.userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? env.userAgent}; SCTP maxMessageSize ${env.sctpMaxMessageSize}; forced GC ${env.forcedGc}; cross-origin isolated (5 us timers) ${env.crossOriginIsolated}`
    : 'browser: (no results)',
];
console.log('\n' + header.join('\n') + '\n');
console.log(renderTable(rows));
if (brokerTable) console.log(`\n${brokerTable}`);
if (bundle?.chunks) {
  console.log('\nscript-tag files (each gzip -9 as served; lazy = loaded by import() on first use of its feature):');
  const order = (f) => (f.entry ? 0 : f.lazy ? 2 : 1);
  for (const f of [...bundle.chunks].sort((a, b) => order(a) - order(b) || b.gzip - a.gzip)) {
    const kind = f.entry ? 'entry' : f.lazy ? 'lazy' : 'shared';
    const name = f.file.startsWith('cdn/chunks/') ? f.file.replace(/-[A-Za-z0-9_-]{8}\.js$/, '-*.js') : f.file;
    console.log(`  ${kib(f.gzip).padStart(9)}  ${kind.padEnd(6)} ${name.padEnd(32)} ${f.modules.map((m) => m.replace(/^src\//, '')).join(', ')}`);
  }
}
if (bundle?.perModule) {
  console.log('\nbundle attribution (each src module minified alone, gzip -9; top 12):');
  for (const m of bundle.perModule.slice(0, 12)) console.log(`  ${kib(m.gzip).padStart(9)}  ${m.file}`);
}
if (explored.length) {
  console.log(
    '\nplain RTCDataChannel settings matrix (one change at a time from the ceiling settings; medians; CPU = ms per MiB moved: all browser processes / renderer / network service):',
  );
  const w = Math.max(8, ...explored.map((e) => e.label.length));
  console.log(`  ${'settings'.padEnd(w)} ${'MiB/s'.padStart(6)} ${'CPU ms/MiB'.padStart(10)} ${'renderer'.padStart(8)} ${'network'.padStart(8)}  runs (MiB/s)`);
  for (const e of explored)
    console.log(
      `  ${e.label.padEnd(w)} ${String(e.median).padStart(6)} ${String(e.cpuMsPerMiB).padStart(10)} ${String(e.rendererMsPerMiB).padStart(8)} ${String(e.networkServiceMsPerMiB).padStart(8)}  ${JSON.stringify(e.runs)}${e.errors.length ? `  errors: ${e.errors[0]}` : ''}`,
    );
}
if (problems.length) console.log(`\nproblems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);

// --only runs go to last-partial-*.json so they do not overwrite the last complete run's results.
const summary = {
  mode: `${only ? 'partial-' : ''}${quick ? 'quick' : 'full'}`,
  git,
  started: new Date(started).toISOString(),
  wallSeconds,
  config: benchConfig,
  machine: { start: machineAtStart, end: machineAtEnd },
  env,
  bundle,
  consumer: consumer?.results,
  rows,
  explore: explored,
  results,
  problems,
  exitCode: problems.length ? 1 : 0,
};
writeFileSync(path.join(resultsDir, `last-${summary.mode}.json`), JSON.stringify(summary, null, 2));
if (!only) writeFileSync(path.join(resultsDir, 'last.json'), JSON.stringify(summary, null, 2));
rmSync(rawFile, { force: true });
writeFileSync(path.join(resultsDir, `last-${summary.mode}.jsonl`), results.map((r) => JSON.stringify(r)).join('\n') + '\n');
console.log(`\nresults: bench-results/last-${summary.mode}.json`);
process.exit(problems.length ? 1 : 0);
