#!/usr/bin/env node
// Broker benchmark (`npm run bench -- --only=broker`, or alone: `node scripts/bench-broker.mjs`):
// N simulated PeerJS clients (raw WebSockets speaking PeerJS's protocol, loopback only) against
//   - 1 instance without Redis (PeerServer, state in memory), and
//   - 2 instances sharing a real redis-server (Redis mode),
// each instance a child process running the CLI (rtc-elements-broker), limits off.
// Measures registrations per second, OFFER relay latency p50/p95 (client send -> client receive)
// within and across instances, relay throughput (all messages across instances; and a realistic
// mix: every client sends a few messages to a random other one, so with 2 instances about half
// cross), the instances' CPU per relayed message, memory per connected client (instance RSS from
// /metrics).
// Latency and throughput are measured --reps times; the table shows the median of the reps (the
// JSON has every rep). Prints one table, writes bench-results/broker-<stamp>.json.
//
//   --quick       300 clients (CI smoke run, well under 20 s)
//   --clients=N   simulated clients (default 5000, at most 8000)
//   --samples=N   latency samples per case and rep (default 400; quick 150)
//   --reps=N      repetitions of the latency and throughput runs (default 5; quick 2)
//   --json=FILE   also write the result here
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { metric, requireRedisServer, startInstance, startRedis } from '../packages/broker/test/cluster-helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const value = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = argv.includes('--quick');
const clients = Math.min(8000, Number(value('clients') ?? (quick ? 300 : 5000)));
const samples = Number(value('samples') ?? (quick ? 150 : 400));
const reps = Number(value('reps') ?? (quick ? 2 : 5));
const pairs = quick ? 10 : 40;
const burst = quick ? 50 : 500;
/** Messages each client sends in the mixed run (to one random other client). */
const mixPerClient = quick ? 2 : 4;
if (!Number.isInteger(clients) || clients < 10 || !Number.isInteger(samples) || samples < 10 || !Number.isInteger(reps) || reps < 1) {
  console.error('bench-broker: --clients and --samples must be whole numbers of at least 10, --reps at least 1');
  process.exit(2);
}
const log = (...args) => console.error('[bench-broker]', ...args);
const NO_LIMITS = ['--max-connections-per-ip', '0', '--max-messages-per-second', '0', '--concurrent-limit', '20000'];
// An OFFER as PeerJS sends it, with an SDP of a realistic size (~2 KB).
const SDP = `v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n${'a=candidate:1 1 udp 2122260223 192.168.1.2 54321 typ host generation 0\r\n'.repeat(24)}`;

function connect(origin, id) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/myapp/peerjs?key=peerjs&id=${id}&token=t${id}&version=1.5.5`, { perMessageDeflate: false });
    const timer = setTimeout(() => reject(new Error(`${id}: no OPEN within 20 s`)), 20000);
    ws.once('message', (data) => {
      clearTimeout(timer);
      const m = JSON.parse(data.toString());
      if (m.type === 'OPEN') resolve(ws);
      else reject(new Error(`${id}: ${JSON.stringify(m)}`));
    });
    ws.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** Opens `count` clients spread round robin over the origins, at most 200 handshakes at once. */
async function register(origins, count, prefix) {
  const sockets = new Array(count);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(200, count) }, async () => {
      while (next < count) {
        const i = next++;
        sockets[i] = await connect(origins[i % origins.length], `${prefix}${i}`);
      }
    }),
  );
  return { sockets, perSecond: count / ((performance.now() - started) / 1000) };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (values) =>
  quantile(
    [...values].sort((x, y) => x - y),
    0.5,
  );

/** Runs `once` `reps` times: the median of each numeric field, and every rep. */
async function repeated(once) {
  const runs = [];
  for (let i = 0; i < reps; i++) runs.push(await once());
  const out = { runs };
  for (const k of Object.keys(runs[0])) if (typeof runs[0][k] === 'number') out[k] = median(runs.map((r) => r[k]));
  return out;
}

/** OFFERs from a to b, one at a time: ms from a's send to b's receipt. */
async function latency(a, aId, b, bId, n) {
  const times = [];
  for (let i = 0; i < n + 10; i++) {
    const got = new Promise((resolve) => b.once('message', resolve));
    const t0 = performance.now();
    a.send(JSON.stringify({ type: 'OFFER', dst: bId, payload: { sdp: { type: 'offer', sdp: SDP }, type: 'data', connectionId: `dc_${i}` } }));
    await got;
    if (i >= 10) times.push(performance.now() - t0); // the first ten warm up
  }
  times.sort((x, y) => x - y);
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

/** Sends every [socket, dst] of `sends` at once; delivered messages per second. */
async function flood(receivers, sends) {
  const expected = sends.length;
  let delivered = 0;
  const done = new Promise((resolve) => {
    for (const r of receivers) {
      r.on('message', function onMessage() {
        delivered++;
        if (delivered === expected) resolve();
      });
    }
  });
  const started = performance.now();
  const frame = (dst, i) => JSON.stringify({ type: 'CANDIDATE', dst, payload: { candidate: { candidate: SDP.slice(0, 200), n: i } } });
  sends.forEach(([s, dst], i) => s.send(frame(dst, i)));
  let timer;
  await Promise.race([done, new Promise((r) => (timer = setTimeout(r, 30000)))]);
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  for (const r of receivers) r.removeAllListeners('message');
  return { perSecond: delivered / seconds, delivered, expected };
}

/** `pairs` senders each fire `burst` messages at a receiver. */
function throughput(senders, receivers, idsOfReceivers) {
  const sends = [];
  senders.forEach((s, k) => {
    for (let i = 0; i < burst; i++) sends.push([s, idsOfReceivers[k]]);
  });
  return flood(receivers, sends);
}

/** A small seeded PRNG (mulberry32): the same mix on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Every client picks a random other client and sends it `mixPerClient` messages (an OFFER and its
 * candidates, as a PeerJS connection does).
 */
function mixed(sockets, ids, seed) {
  const next = random(seed);
  const partners = sockets.map((_, i) => {
    const j = Math.floor(next() * (sockets.length - 1));
    return j >= i ? j + 1 : j;
  });
  const sends = [];
  for (let k = 0; k < mixPerClient; k++) for (let i = 0; i < sockets.length; i++) sends.push([sockets[i], ids[partners[i]]]);
  return flood(sockets, sends);
}

async function memory(instance) {
  for (let attempt = 1; ; attempt++) {
    try {
      const text = await (await fetch(`${instance.origin}/metrics`)).text();
      return {
        rss: metric(text, 'process_resident_memory_bytes'),
        heap: metric(text, 'nodejs_heap_used_bytes'),
        cpu: metric(text, 'process_cpu_seconds_total'),
      };
    } catch (error) {
      if (instance.proc.exitCode !== null || instance.proc.signalCode !== null)
        throw new Error(`instance ${instance.origin} exited:\n${instance.log}`, { cause: error });
      if (attempt === 3) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** CPU seconds the instances used while `run` ran (from their /metrics). */
async function cpuDuring(instances, run) {
  const before = await Promise.all(instances.map(memory));
  const result = await run();
  const after = await Promise.all(instances.map(memory));
  return { result, cpu: after.reduce((s, m, i) => s + (m.cpu - before[i].cpu), 0) };
}

async function scenario(name, instances) {
  log(`${name}: ${clients} clients on ${instances.length} instance(s)`);
  const origins = instances.map((i) => i.origin);
  const before = await Promise.all(instances.map(memory));
  const { result: reg, cpu: regCpu } = await cpuDuring(instances, () => register(origins, clients, `${name}-c`));
  await new Promise((r) => setTimeout(r, 500));
  const afterMem = await Promise.all(instances.map(memory));
  const rssPerClient = afterMem.reduce((s, m, i) => s + (m.rss - before[i].rss), 0) / clients;
  const heapPerClient = afterMem.reduce((s, m, i) => s + (m.heap - before[i].heap), 0) / clients;

  // Latency pairs: ids registered beside the N clients.
  const [w1, w2] = await Promise.all([connect(origins[0], `${name}-w1`), connect(origins[0], `${name}-w2`)]);
  let x1;
  let x2;
  if (origins.length > 1) [x1, x2] = await Promise.all([connect(origins[0], `${name}-x1`), connect(origins[1], `${name}-x2`)]);
  // Within and across in turn, rep by rep: both see the same machine load.
  const latencies = await repeated(async () => {
    const w = await latency(w1, `${name}-w1`, w2, `${name}-w2`, samples);
    const x = x1 ? await latency(x1, `${name}-x1`, x2, `${name}-x2`, samples) : undefined;
    return { withinP50: w.p50, withinP95: w.p95, acrossP50: x?.p50, acrossP95: x?.p95 };
  });
  const within = { p50: latencies.withinP50, p95: latencies.withinP95, p95s: latencies.runs.map((r) => r.withinP95) };
  const across = x1
    ? {
        p50: latencies.acrossP50,
        p95: latencies.acrossP95,
        p95s: latencies.runs.map((r) => r.acrossP95),
        p95VsWithin: median(latencies.runs.map((r) => r.acrossP95 / r.withinP95)),
      }
    : undefined;

  // Throughput: senders on the first instance, receivers spread round robin (with 2 instances,
  // every receiver is on the second: all the traffic crosses).
  const tp = await register(origins, pairs * 2, `${name}-t`);
  const senders = tp.sockets.filter((_, i) => i % 2 === 0);
  const receivers = tp.sockets.filter((_, i) => i % 2 === 1);
  const receiverIds = receivers.map((_, k) => `${name}-t${k * 2 + 1}`);
  const flow = await repeated(async () => {
    const { result, cpu } = await cpuDuring(instances, () => throughput(senders, receivers, receiverIds));
    return flowFigures(instances, result, cpu);
  });

  // Realistic mix: the N clients (round robin over the instances), each to random other clients.
  const ids = reg.sockets.map((_, i) => `${name}-c${i}`);
  let seed = 1;
  const mix = await repeated(async () => {
    const { result, cpu } = await cpuDuring(instances, () => mixed(reg.sockets, ids, seed++));
    return flowFigures(instances, result, cpu);
  });

  for (const ws of [...reg.sockets, ...tp.sockets, w1, w2, x1, x2]) ws?.terminate();
  await new Promise((r) => setTimeout(r, 300));
  return {
    registrationsPerSecond: reg.perSecond,
    within,
    across,
    relayPerSecond: flow.perSecond,
    // What the instances could do with a core each (the bench shares 2 cores among everything):
    // messages (registrations) per CPU second of one instance, times the instances.
    relayCapacityPerSecond: flow.capacity,
    relayCpuUsPerMessage: flow.cpuUsPerMessage,
    mixPerSecond: mix.perSecond,
    mixCapacityPerSecond: mix.capacity,
    mixCpuUsPerMessage: mix.cpuUsPerMessage,
    registrationCapacityPerSecond: (instances.length * clients) / regCpu,
    relayDelivered: flow.runs.map((r) => `${r.delivered}/${r.expected}`).join(' '),
    mixDelivered: mix.runs.map((r) => `${r.delivered}/${r.expected}`).join(' '),
    relayRuns: flow.runs,
    mixRuns: mix.runs,
    rssPerClientKiB: rssPerClient / 1024,
    heapPerClientKiB: heapPerClient / 1024,
  };
}

async function main() {
  requireRedisServer();
  const started = Date.now();
  let single;
  let cluster;
  const redis = await startRedis();
  const running = [];
  try {
    const one = await startInstance({ extra: NO_LIMITS });
    running.push(one);
    single = await scenario('single', [one]);
    await one.kill();

    const [a, b] = await Promise.all([startInstance({ redis: redis.url, extra: NO_LIMITS }), startInstance({ redis: redis.url, extra: NO_LIMITS })]);
    running.push(a, b);
    cluster = await scenario('redis', [a, b]);
  } finally {
    await Promise.all(running.map((i) => i.kill()));
    await redis.stop();
  }

  const f = (n, digits = 2) => (n === undefined ? '-' : n.toFixed(digits));
  const rows = [
    // metric, 2 instances + Redis, 1 instance, higher is better?, target ratio, target text
    // Wall clock on one shared box cannot show scaling (the instances, Redis and this client
    // share its cores): reported only. The verdicts on "grows" use the CPU-normalized rows.
    ['registrations / s', cluster.registrationsPerSecond, single.registrationsPerSecond, true, undefined, 'report (wall clock)', 0],
    ['relay msg/s, all across instances', cluster.relayPerSecond, single.relayPerSecond, true, undefined, 'report (wall clock)', 0],
    ['relay msg/s, random mix', cluster.mixPerSecond, single.mixPerSecond, true, undefined, 'report (wall clock)', 0],
    ['registrations / instance-CPU s x instances', cluster.registrationCapacityPerSecond, single.registrationCapacityPerSecond, true, 1, '>= 1 (grows)', 0],
    ['relayed msg / instance-CPU s x inst, all across', cluster.relayCapacityPerSecond, single.relayCapacityPerSecond, true, 1, '>= 1 (grows)', 0],
    ['relayed msg / instance-CPU s x inst, random mix', cluster.mixCapacityPerSecond, single.mixCapacityPerSecond, true, 1, '>= 1 (grows)', 0],
    ['instance CPU us / msg, all across', cluster.relayCpuUsPerMessage, single.relayCpuUsPerMessage, false, undefined, 'report', 1],
    ['instance CPU us / msg, random mix', cluster.mixCpuUsPerMessage, single.mixCpuUsPerMessage, false, undefined, 'report', 1],
    ['OFFER p50 within instance (ms)', cluster.within.p50, single.within.p50, false, 2, '<= 2x', 3],
    ['OFFER p95 within instance (ms)', cluster.within.p95, single.within.p95, false, 2, '<= 2x', 3],
    ['OFFER p50 across instances (ms)', cluster.across.p50, single.within.p50, false, undefined, 'report', 3],
    ['OFFER p95 across instances (ms)', cluster.across.p95, single.within.p95, false, 2, '<= 2x single p95', 3],
    // Same instances, same reps, within and across in turn: the machine's load cancels out.
    ['OFFER p95 across / within, same reps (median)', cluster.across.p95VsWithin, 1, false, 2, '<= 2x', 2],
    ['RSS per client (KiB)', cluster.rssPerClientKiB, single.rssPerClientKiB, false, undefined, 'report', 1],
    ['heap per client (KiB)', cluster.heapPerClientKiB, single.heapPerClientKiB, false, undefined, 'report', 1],
  ].map(([name, two, one, higher, target, text, digits]) => {
    const ratio = two / one;
    const verdict = target === undefined ? '-' : (higher ? ratio >= target : ratio <= target) ? 'ok' : 'MISSED';
    return { metric: name, redis2: two, single1: one, ratio, target: text, verdict, digits };
  });

  const header = ['metric', '2 instances + Redis', '1 instance', 'ratio', 'target', 'verdict'];
  const cells = rows.map((r) => [r.metric, f(r.redis2, r.digits), f(r.single1, r.digits), f(r.ratio, 2), r.target, r.verdict]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
  console.log(
    [
      `Broker: ${clients} clients, ${reps} reps (medians) of: ${samples} latency samples, ${pairs} pairs x ${burst} messages, ${clients} x ${mixPerClient} random-mix messages (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`,
      line(header),
      `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
      ...cells.map(line),
    ].join('\n'),
  );

  const result = {
    section: 'broker',
    date: new Date(started).toISOString(),
    seconds: (Date.now() - started) / 1000,
    config: { quick, clients, samples, reps, pairs, burst, mixPerClient },
    machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, loadavg: os.loadavg(), node: process.version },
    single,
    redis: cluster,
    rows: rows.map(({ digits, ...r }) => r),
  };
  const dir = path.join(root, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `broker-${quick ? 'quick' : 'full'}-${new Date(started).toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  if (value('json')) writeFileSync(value('json'), `${JSON.stringify(result, null, 2)}\n`);
  log(`written ${path.relative(root, file)} (${result.seconds.toFixed(1)} s)`);
  return result;
}

main().catch((error) => {
  console.error(`bench-broker: ${error.stack ?? error.message}`);
  process.exit(1);
});

/** A relay run's figures: messages/s, delivered, capacity per instance-CPU second × instances, CPU per message. */
function flowFigures(instances, result, cpu) {
  return {
    perSecond: result.perSecond,
    delivered: result.delivered,
    expected: result.expected,
    capacity: (instances.length * result.delivered) / cpu,
    cpuUsPerMessage: (cpu * 1e6) / result.delivered,
  };
}
