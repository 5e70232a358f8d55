#!/usr/bin/env node
// `npm run test:examples`: the package as an app gets it, in every framework the README names.
//   1. `npm pack` of this package (dist/ must be built) into .pack/rtc-elements.tgz;
//   2. the README's framework snippets (<!-- snippet: NAME --> blocks) into the examples and test/types;
//   3. per example in examples/ (html, react, vue, svelte, angular), one after the other: a fresh
//      install of its package.json (node_modules removed first; the tarball as `rtc-elements`,
//      from npm's cache where it can), its framework's type-check (which covers the snippets), and
//      its production build into examples/NAME/dist/, which test/examples.test.ts opens in Chromium;
//   4. the Preact snippets with tsc (test/types/tsconfig.snippets.json).
//
//   --only=react,vue   only these examples (and only their snippets' checks)
//   --keep-modules     reuse an example's node_modules (reinstalls just rtc-elements); faster locally
//   --no-build         install and type-check only
//   --mutate           break every snippet's first `.detail.<field>` and expect every check to fail
//                      (proves the checks catch a wrong event detail field); builds nothing
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSnippets } from './lib/readme-snippets.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const only = argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',')
  .filter(Boolean);
const mutated = flag('mutate');
const build = !flag('no-build') && !mutated;
const keepModules = flag('keep-modules');

const EXAMPLES = ['html', 'react', 'vue', 'svelte', 'angular'];
/** Which snippet kinds each example's type-check covers. */
const SNIPPETS_OF = { react: ['react'], vue: ['vue'], svelte: ['svelte'], angular: ['angular'] };
const chosen = EXAMPLES.filter((e) => !only || only.includes(e));
const checkPreact = !only || only.includes('preact');
if (only)
  for (const name of only)
    if (!EXAMPLES.includes(name) && name !== 'preact')
      throw new Error(`--only: no example "${name}" (examples: ${EXAMPLES.join(', ')}, or preact for its snippets)`);

const started = Date.now();
const timings = [];
const log = (line) => process.stdout.write(`examples: ${line}\n`);
async function step(label, fn) {
  const t0 = Date.now();
  log(`${label} ...`);
  const result = await fn();
  const seconds = (Date.now() - t0) / 1000;
  timings.push({ label, seconds });
  log(`${label} done in ${seconds.toFixed(1)} s`);
  return result;
}
const npmCli = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath) ? [process.execPath, process.env.npm_execpath] : ['npm'];
/** Runs a command; its output is shown only when it fails (or with VERBOSE=1). */
function run(cmd, args, cwd, { expectFailure = false } = {}) {
  const [bin, ...pre] = cmd === 'npm' ? npmCli : [cmd];
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [...pre, ...args], {
      cwd,
      env: { ...process.env, npm_config_update_notifier: 'false', NG_CLI_ANALYTICS: 'false', CI: process.env.CI ?? 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk) => {
      output += chunk;
      if (process.env.VERBOSE === '1') process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const where = path.relative(root, cwd) || '.';
      if (code !== 0 && !expectFailure) {
        process.stderr.write(output);
        reject(new Error(`${cmd} ${args.join(' ')} failed in ${where} (exit ${code ?? signal})`));
      } else if (code === 0 && expectFailure) {
        process.stderr.write(output);
        reject(new Error(`${cmd} ${args.join(' ')} in ${where} passed, but the mutated snippets should have failed it`));
      } else if (expectFailure && !output.includes('noSuchField')) {
        process.stderr.write(output);
        reject(new Error(`${cmd} ${args.join(' ')} in ${where} failed, but not on the mutated snippet's noSuchField`));
      } else {
        if (expectFailure)
          log(
            `  failed as expected: ${output
              .split('\n')
              .find((l) => l.includes('noSuchField'))
              .trim()}`,
          );
        resolve(output);
      }
    });
  });
}

// 1. pack
if (!existsSync(path.join(root, 'dist', 'index.js'))) throw new Error('dist/ is not built: run `npm run build` first');
const packDir = path.join(root, '.pack');
await step('npm pack -> .pack/rtc-elements.tgz', () => {
  // Packed afresh (README.md and types/ are in the tarball too), into its own folder first: .pack/
  // also holds scripts/pack-consumer.mjs's consumer, which test/shipped.test.ts needs.
  const tmp = path.join(packDir, 'examples-pack');
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const [bin, ...pre] = npmCli;
  const out = execFileSync(bin, [...pre, 'pack', '--json', '--pack-destination', tmp], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [{ filename }] = JSON.parse(out);
  renameSync(path.join(tmp, path.basename(filename)), path.join(packDir, 'rtc-elements.tgz'));
  rmSync(tmp, { recursive: true, force: true });
});

// 2. snippets
const snippets = await step(`README snippets -> examples${mutated ? ' (mutated: each check must fail)' : ''}`, () => writeSnippets(root, { mutated }));
for (const s of snippets) process.stdout.write(`  ${s.name.padEnd(8)} README.md:${s.line} -> ${s.file}\n`);

// 3. examples: the installs start at once (they mostly wait on the disk and npm's cache, each in
// its own folder: separate consumers sharing only the cache); type-checks and builds, which need
// the CPU, run one after the other as their install completes.
const installs = new Map(
  chosen.map((name) => {
    const dir = path.join(root, 'examples', name);
    if (keepModules) rmSync(path.join(dir, 'node_modules', 'rtc-elements'), { recursive: true, force: true });
    else rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
    const t0 = Date.now();
    const done = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', '--loglevel=error'], dir).then(() => {
      timings.push({ label: `${name}: npm install (fresh consumer of the tarball, in parallel)`, seconds: (Date.now() - t0) / 1000 });
    });
    done.catch(() => {}); // awaited below, in order
    return [name, done];
  }),
);
log(`npm install in ${chosen.map((n) => `examples/${n}`).join(', ')} (in parallel)`);
for (const name of chosen) {
  const dir = path.join(root, 'examples', name);
  await step(`${name}: waiting for its npm install`, () => installs.get(name));
  if (SNIPPETS_OF[name]) await step(`${name}: type-check (app + README snippets)`, () => run('npm', ['run', 'typecheck'], dir, { expectFailure: mutated }));
  if (build) {
    await step(`${name}: production build -> examples/${name}/dist/`, async () => {
      rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
      await run('npm', ['run', 'build'], dir);
      if (!existsSync(path.join(dir, 'dist', 'index.html'))) throw new Error(`examples/${name}: the build wrote no dist/index.html`);
    });
  }
}

// 4. Preact snippets (no example app: the root has preact and tsc)
if (checkPreact)
  await step('preact: tsc -p test/types/tsconfig.snippets.json', () =>
    run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'test/types/tsconfig.snippets.json'], root, { expectFailure: mutated }),
  );

if (mutated) {
  // Leave correct snippets behind, so a later plain type-check is not confused.
  writeSnippets(root);
  process.stdout.write('examples: every check failed on the mutated snippets, as it should\n');
}
const total = (Date.now() - started) / 1000;
process.stdout.write(`examples: ${chosen.join(', ')}${checkPreact ? ' + preact snippets' : ''} in ${total.toFixed(1)} s\n`);
for (const t of timings) process.stdout.write(`  ${t.seconds.toFixed(1).padStart(6)} s  ${t.label}\n`);
if (build) {
  const missing = chosen.filter((n) => !readdirSync(path.join(root, 'examples', n, 'dist')).length);
  if (missing.length) throw new Error(`empty dist/: ${missing.join(', ')}`);
}
