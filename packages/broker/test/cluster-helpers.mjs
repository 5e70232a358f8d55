// Real parts for the Redis-mode tests (node tests here and the browser test's WTR plugin): a
// redis-server process (the Debian package), broker instances as child processes running the
// CLI, a loopback TCP proxy standing in for the load balancer, and a raw PeerJS-protocol client.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CLI = path.resolve(here, '..', 'bin', 'rtc-elements-broker.mjs');
const REDIS_BIN = process.env.REDIS_SERVER ?? 'redis-server';

/** Throws a clear error when redis-server is missing: these tests must not skip silently. */
export function requireRedisServer() {
  const probe = spawnSync(REDIS_BIN, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `redis-server is needed for the Redis-mode tests and was not found (${probe.error?.code ?? `exit ${probe.status}`}). ` +
        'Install it: apt-get install -y redis-server (or set REDIS_SERVER=/path/to/redis-server or valkey-server).',
    );
  }
}

/** A free loopback TCP port (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function waitForLine(proc, pattern, what, timeout = 15000) {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeout} ms:\n${out}`)), timeout);
    const onData = (d) => {
      out += d;
      const m = out.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code ?? signal}) before it was ready:\n${out}`));
    });
  });
}

/** Starts redis-server on 127.0.0.1:port, without persistence (a restart starts empty). */
export async function startRedis(port) {
  requireRedisServer();
  const p = port ?? (await freePort());
  const proc = spawn(REDIS_BIN, ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForLine(proc, /Ready to accept connections/, 'redis-server');
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  return {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs the CLI (`rtc-elements-broker ... --redis URL`) as a child process. */
export async function startInstance({ redis, port = 0, key = 'peerjs', path: brokerPath = '/myapp', extra = [], env = {} } = {}) {
  const args = ['--host', '127.0.0.1', '--port', String(port), '--path', brokerPath, '--key', key, ...(redis ? ['--redis', redis] : []), ...extra];
  const proc = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...cleanEnv(), ...env } });
  let log = '';
  proc.stdout.on('data', (d) => (log += d));
  proc.stderr.on('data', (d) => (log += d));
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const [, url] = await waitForLine(proc, /listening on (http:\/\/\S+)/, 'broker instance');
  const origin = new URL(url).origin;
  return {
    url,
    origin,
    port: Number(new URL(url).port),
    proc,
    exited,
    get log() {
      return log;
    },
    /** SIGKILL: the instance dies without a word (a crash, a lost machine). */
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      return exited;
    },
    /** SIGTERM: graceful shutdown. */
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}

function cleanEnv() {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^(BROKER_|npm_)/.test(name) || ['HOST', 'PORT', 'PROXIED'].includes(name)) delete env[name];
  return env;
}

/**
 * A loopback TCP proxy in front of several instances, as a load balancer: each new connection
 * goes to the next live backend (round robin); a backend that refuses is skipped. No stickiness.
 */
export async function startProxy(backends, port = 0) {
  const live = new Set();
  let next = 0;
  const server = net.createServer((client) => {
    client.on('error', () => {});
    const order = backends.slice(next).concat(backends.slice(0, next));
    next = (next + 1) % Math.max(1, backends.length);
    const tryAt = (i) => {
      if (i >= order.length) return client.destroy();
      const upstream = net.connect(order[i](), '127.0.0.1');
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        live.add(upstream);
        client.pipe(upstream).pipe(client);
      });
      upstream.on('error', () => {
        if (!connected) tryAt(i + 1);
        else client.destroy();
      });
      upstream.on('close', () => {
        live.delete(upstream);
        if (connected) client.destroy();
      });
      client.on('close', () => upstream.destroy());
    };
    tryAt(0);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () =>
      new Promise((resolve) => {
        for (const s of live) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Raw peers that one suite opens (`peer()`, as rawPeer), all terminated by `terminateAll()` in its `after`. */
export function rawPeers() {
  const peers = [];
  return {
    peer: (origin, options) => {
      const p = rawPeer(origin, options);
      peers.push(p);
      return p;
    },
    terminateAll: () => {
      for (const p of peers) p.ws.terminate();
    },
  };
}

/**
 * A client speaking PeerJS's protocol on the WebSocket `${origin}${path}/peerjs`. `next(type)`
 * resolves with the next message of that type; `opened` with the first reply (OPEN, ID-TAKEN or
 * ERROR).
 */
export function rawPeer(origin, { path: brokerPath = '/myapp', key = 'peerjs', id, token = `tok-${id}` } = {}) {
  const url = `${origin.replace(/^http/, 'ws')}${brokerPath === '/' ? '' : brokerPath}/peerjs?key=${encodeURIComponent(key)}&id=${encodeURIComponent(id)}&token=${encodeURIComponent(token)}&version=1.5.5`;
  const ws = new WebSocket(url);
  const inbox = [];
  const waiters = [];
  ws.on('error', () => {});
  ws.on('message', (data) => {
    let message;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    inbox.push(message);
    for (const w of [...waiters]) w.check();
  });
  const closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const next = (type, timeout = 5000) =>
    new Promise((resolve, reject) => {
      const w = {
        check() {
          const i = inbox.findIndex((m) => type === undefined || m.type === type);
          if (i === -1) return;
          waiters.splice(waiters.indexOf(w), 1);
          clearTimeout(w.timer);
          resolve(inbox.splice(i, 1)[0]);
        },
        timer: setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`${id}: no ${type ?? 'message'} within ${timeout} ms (got ${JSON.stringify(inbox.map((m) => m.type))})`));
        }, timeout),
      };
      waiters.push(w);
      w.check();
    });
  return {
    id,
    token,
    ws,
    inbox,
    closed,
    opened: next(undefined),
    next,
    send(message) {
      ws.send(typeof message === 'string' ? message : JSON.stringify(message));
    },
    close() {
      ws.close();
      return closed;
    },
  };
}

/** Polls fn until it returns a truthy value (or throws after timeout). */
export async function until(fn, what, timeout = 10000, every = 50) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** A metric's value from a /metrics text (sum over label sets when `labels` is omitted). */
export function metric(text, name, labels) {
  let sum = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = line.match(/^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/);
    if (!m || m[1] !== name) continue;
    if (labels && !Object.entries(labels).every(([k, v]) => (m[2] ?? '').includes(`${k}="${v}"`))) continue;
    sum += Number(m[3]);
    found = true;
  }
  return found ? sum : undefined;
}
