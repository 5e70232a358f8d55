// `npm run bench` (scripts/bench.mjs) runs this config; it is not part of `npm test`.
// Same Chromium, flags and PeerServer plugin as the test suite, plus:
//  - --js-flags=--expose-gc and --enable-precise-memory-info for the memory benchmark
//    (window.gc() before reading performance.memory; without the second flag Chromium
//    quantizes usedJSHeapSize to coarse buckets);
//  - /__bench-config.js: the run's knobs (quick mode, repetitions, payload sizes, filters);
//  - a `bench-result` command: the page sends each measurement here and it is appended to
//    $BENCH_OUT (a JSON-lines file scripts/bench.mjs reads afterwards).
import { appendFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { chromeLauncher } from '@web/test-runner-chrome';
import { sharedConfig, chromiumFlags } from './test/wtr/shared.mjs';
import { benchFeelPlugin, processType } from './test/wtr/bench-feel-plugin.mjs';

const benchConfig = JSON.parse(process.env.BENCH_CONFIG || '{}');

// Our own free port: WTR's default search from 8000 races with other test runs on this machine
// (seen: EADDRINUSE :::8000 when another wtr started at the same moment).
const port =
  Number(process.env.BENCH_PORT) ||
  (await new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const p = server.address().port;
      server.close(() => resolve(p));
    });
    server.on('error', reject);
  }));
const out = process.env.BENCH_OUT;

function benchPlugin() {
  return {
    name: 'bench',
    serve(context) {
      if (context.path === '/__bench-config.js') return `export const BENCH = ${JSON.stringify(benchConfig)};\n`;
      return undefined;
    },
    async executeCommand({ command, payload, session }) {
      if (command === 'bench-profile') return profile(payload, session);
      if (command === 'bench-cpu') return browserCpuMs(session);
      if (command === 'bench-cpu-detail') return browserCpuMs(session, true);
      if (command === 'bench-cpu-threads') return browserCpuMs(session, 'threads');
      if (command === 'bench-heap') return heapSummary(payload ?? {}, session);
      if (command === 'bench-trace') return trace(payload ?? {}, session);
      if (command !== 'bench-result') return undefined;
      const line = JSON.stringify({ ...payload, at: new Date().toISOString() });
      if (out) appendFileSync(out, line + '\n');
      if (!process.env.BENCH_QUIET) console.log(`BENCH-RESULT ${line}`);
      return true;
    },
  };
}

// `bench-cpu`: CPU time (user + system, ms) used so far by the browser and all its child processes
// (renderer, GPU, network service ...), from /proc. Throughput runs report CPU ms per MiB next to
// MiB/s: on this shared 2-core machine wall-clock rates swing with other jobs' load, CPU cost
// per byte much less.
function browserCpuMs(session, detail = false) {
  const root = session.browser.getPage(session.id).browser().process()?.pid;
  if (!root) return null;
  const stats = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      // after "pid (comm) ": state ppid ... utime(12) stime(13) cutime(14) cstime(15), in clock ticks
      stats.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) });
    } catch {
      /* exited meanwhile */
    }
  }
  const inTree = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 50; hops++) {
      if (p === root) return true;
      p = stats.get(p)?.ppid ?? 0;
    }
    return false;
  };
  let ticks = 0;
  const byType = {};
  for (const [pid, st] of stats) {
    if (!inTree(pid)) continue;
    ticks += st.ticks;
    if (detail === 'threads') {
      // per process type and thread name (comm), summed over threads of the same name
      const type = processType(pid);
      try {
        for (const tid of readdirSync(`/proc/${pid}/task`)) {
          const text = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
          const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
          const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
          const key = `${type}/${comm}`;
          byType[key] = (byType[key] ?? 0) + (Number(f[11]) + Number(f[12])) * 10;
        }
      } catch {
        /* exited */
      }
    } else if (detail) {
      // --type=renderer / gpu-process / utility (--utility-sub-type=network.mojom.NetworkService) / browser
      let type = 'browser';
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/); // setproctitle joins with spaces
        const sub = args.find((a) => a.startsWith('--utility-sub-type='));
        const t = args.find((a) => a.startsWith('--type='));
        type = sub ? sub.slice(19) : t ? t.slice(7) : 'browser';
      } catch {
        /* exited */
      }
      byType[type] = (byType[type] ?? 0) + st.ticks * 10;
    }
  }
  return detail ? byType : ticks * 10; // CLK_TCK is 100 on Linux
}

// `bench-heap` {label}: takes a V8 heap snapshot of the bench page over CDP (after a GC), keeps a
// summary (count and self size per constructor / type) and answers the bytes per node type;
// with `diff: otherLabel` it also answers the biggest differences to that earlier snapshot
// (what grew). The memory benchmark uses it to separate JS objects from compiled code.
const heapSummaries = new Map();
async function heapSummary({ label = 'heap', diff, top = 25 }, session) {
  const page = session.browser.getPage(session.id);
  const client = await page.createCDPSession();
  const chunks = [];
  client.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  await client.send('HeapProfiler.enable');
  await client.send('HeapProfiler.collectGarbage');
  await client.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await client.detach().catch(() => {});
  const snap = JSON.parse(chunks.join(''));
  const {
    node_fields: fields,
    node_types: [types],
  } = snap.snapshot.meta;
  const width = fields.length;
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const summary = new Map();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + iType]];
    const name = type === 'object' || type === 'closure' || type === 'native' ? snap.strings[snap.nodes[i + iName]] : `(${type})`;
    const key = `${type}:${name}`.slice(0, 120);
    const entry = summary.get(key) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += snap.nodes[i + iSize];
    summary.set(key, entry);
  }
  heapSummaries.set(label, summary);
  const bytesByType = {};
  for (const [key, v] of summary) {
    const type = key.slice(0, key.indexOf(':'));
    bytesByType[type] = (bytesByType[type] ?? 0) + v.size;
  }
  return { label, nodes: snap.nodes.length / width, bytesByType, ...(diff ? { grew: diffSummaries(summary, heapSummaries.get(diff) ?? new Map(), top) } : {}) };
}

function diffSummaries(summary, base, top) {
  const rows = [];
  for (const [key, v] of summary) {
    const b = base.get(key) ?? { count: 0, size: 0 };
    if (v.count !== b.count || v.size !== b.size) rows.push({ key, count: v.count - b.count, size: v.size - b.size });
  }
  for (const [key, b] of base) if (!summary.has(key)) rows.push({ key, count: -b.count, size: -b.size });
  rows.sort((x, y) => Math.abs(y.size) - Math.abs(x.size));
  return rows.slice(0, top).map((r) => `${String(r.size).padStart(9)} B ${String(r.count).padStart(6)}x  ${r.key}`);
}

// `bench-trace` {action: 'start'} / {action: 'stop', top, name}: a Chromium timeline trace of the page's
// renderer main thread; answers the total ms per event name (Layout, UpdateLayoutTree, Paint,
// FunctionCall ...) outermost-only, i.e. where the main thread's time went, native work included;
// with `name`, the whole trace is also written to bench-results/<name>.trace.json (DevTools opens it).
const tracers = new Map();
async function trace({ action, top = 20, name }, session) {
  const page = session.browser.getPage(session.id);
  if (action === 'start') {
    const client = await page.createCDPSession();
    const events = [];
    client.on('Tracing.dataCollected', ({ value }) => events.push(...value));
    const done = new Promise((resolve) => client.once('Tracing.tracingComplete', resolve));
    await client.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    tracers.set(session.id, { client, events, done });
    return true;
  }
  const t = tracers.get(session.id);
  if (!t) return null;
  tracers.delete(session.id);
  await t.client.send('Tracing.end');
  await t.done;
  await t.client.detach().catch(() => {});
  if (name) {
    mkdirSync('bench-results', { recursive: true });
    writeFileSync(`bench-results/${name}.trace.json`, JSON.stringify({ traceEvents: t.events }));
  }
  // the renderer main thread: the thread with the most complete events named like main-thread work
  const byThread = new Map();
  for (const e of t.events)
    if (e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'))
      byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
  const names = new Map(t.events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]));
  const main = [...byThread].filter(([k]) => names.get(k) === 'CrRendererMain').sort((a, b) => b[1] - a[1])[0]?.[0];
  const totals = new Map();
  const mainEvents = t.events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // outermost-only below RunTask: an event inside another counted one is not counted again
  const stack = [];
  for (const e of mainEvents) {
    while (stack.length && stack[stack.length - 1] <= e.ts) stack.pop();
    if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') {
      totals.set('(tasks total)', (totals.get('(tasks total)') ?? 0) + e.dur);
      continue;
    }
    if (stack.length) continue;
    totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur);
    stack.push(e.ts + e.dur);
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => `${(v / 1000).toFixed(1).padStart(9)} ms  ${k}`);
}

// `bench-profile` {action: 'start'} / {action: 'stop', name}: a CPU profile of the bench page over CDP,
// written to bench-results/<name>.cpuprofile (open in Chrome DevTools); the stop answer lists the
// functions with the most self time. For diagnosing overheads, not used by the timed runs.
const profilers = new Map();
async function profile({ action, name = 'profile', top = 25 }, session) {
  const page = session.browser.getPage(session.id);
  if (action === 'start') {
    const client = await page.createCDPSession();
    await client.send('Profiler.enable');
    await client.send('Profiler.setSamplingInterval', { interval: 200 });
    await client.send('Profiler.start');
    profilers.set(session.id, client);
    return true;
  }
  const client = profilers.get(session.id);
  if (!client) return null;
  profilers.delete(session.id);
  const { profile: data } = await client.send('Profiler.stop');
  await client.detach().catch(() => {});
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(`bench-results/${name}.cpuprofile`, JSON.stringify(data));
  // self time per function (sample counts x interval)
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = data.timeDeltas;
  data.samples.forEach((id, i) => {
    const n = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|src|test)\//, '$1/')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return {
    totalMs: Math.round(total),
    top: [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${k}`),
  };
}

export default {
  ...sharedConfig,
  files: process.env.TEST_FILES || 'test/bench/**/*.test.ts',
  port,
  // Production builds of lit (what the script-tag bundle ships); the dev server's default is the
  // 'development' export condition, i.e. Lit's slower dev mode with extra checks and warnings.
  nodeResolve: { exportConditions: ['production'], browser: true },
  testsFinishTimeout: 60 * 60 * 1000,
  testFramework: { config: { timeout: 20 * 60 * 1000, ...(process.env.GREP ? { grep: process.env.GREP } : {}) } },
  plugins: [...sharedConfig.plugins, benchPlugin(), benchFeelPlugin()],
  // Cross-origin isolation: performance.now() then ticks in 5 us instead of 100 us steps, which
  // matters for round trips of well under a millisecond. (The PeerServer answers with CORS, and
  // the page loads nothing else from other origins.)
  middleware: [
    (context, next) => {
      context.set('Cross-Origin-Opener-Policy', 'same-origin');
      context.set('Cross-Origin-Embedder-Policy', 'require-corp');
      return next();
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
        headless: true,
        args: [...chromiumFlags, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
        ...(process.env.DUMPIO === '1' ? { dumpio: true } : {}),
      },
    }),
  ],
};
