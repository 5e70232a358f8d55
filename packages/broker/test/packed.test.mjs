// rtc-elements-broker as a user gets it: `npm pack` this package, install the tarball into an empty
// folder, then run `npx rtc-elements-broker` and import it from there, and speak the real PeerJS
// protocol to it (PeerServer's routes: GET PATH/KEY/id, WebSocket PATH/peerjs?key&id&token).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import WebSocket, { WebSocketServer } from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, '..');
const { version } = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8'));

let tmp;
/** The installed package's exports, plus express from the same install (entry.mjs below). */
let installed;

// npm sets npm_* variables for the script that runs this test (`npm test -w ...`); a nested npm
// would read some of them (local prefix, workspace) as its own settings. Keep only where the
// cache, config files and registry are.
function npmEnv(extra = {}) {
  const env = {};
  const keep = /^npm_config_(cache|userconfig|globalconfig|cafile|registry|https?_proxy|proxy|noproxy|strict_ssl)$/i;
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name) || keep.test(name)) env[name] = value;
  }
  for (const name of ['BROKER_HOST', 'BROKER_PORT', 'BROKER_PATH', 'BROKER_KEY', 'BROKER_PROXIED', 'BROKER_ALLOW_DISCOVERY', 'HOST', 'PORT', 'PROXIED'])
    delete env[name];
  return { ...env, ...extra };
}

function run(command, args, { cwd, env = npmEnv(), timeout = 60000 } = {}) {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => {
      stdout += d;
    });
    proc.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} took over ${timeout} ms\n${stdout}\n${stderr}`));
    }, timeout);
    proc.on('error', reject);
    proc.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const npx = (args, options) => run('npx', ['--no', '--', 'rtc-elements-broker', ...args], { cwd: tmp, ...options });
/** The command as npm linked it (node_modules/.bin), without npx's start-up time. */
const bin = (args, options) => run(path.join(tmp, 'node_modules', '.bin', 'rtc-elements-broker'), args, { cwd: tmp, ...options });

/** Broker processes still running, killed in after() whatever happened. */
const running = new Set();

/**
 * Starts the CLI and resolves `ready` with its URL once it printed its start-up lines. Through
 * npx it runs in its own process group and stop() signals the whole group, as Ctrl+C in a
 * terminal or systemd does (npm exec does not pass SIGTERM on to the command it runs); through the
 * linked bin, stop() signals the broker's own process and `exited` has its exit code.
 */
function startCli(args, { env = npmEnv(), via = 'npx' } = {}) {
  const [command, argv] =
    via === 'npx' ? ['npx', ['--no', '--', 'rtc-elements-broker', ...args]] : [path.join(tmp, 'node_modules', '.bin', 'rtc-elements-broker'), args];
  const proc = spawn(command, argv, { cwd: tmp, env, stdio: ['ignore', 'pipe', 'pipe'], detached: via === 'npx' });
  const kill = (signal) => {
    try {
      if (via === 'npx') process.kill(-proc.pid, signal);
      else proc.kill(signal);
    } catch {
      /* already gone */
    }
  };
  running.add(kill);
  let stdout = '';
  let stderr = '';
  const exited = new Promise((resolve) =>
    proc.on('close', (code, signal) => {
      running.delete(kill);
      resolve({ code, signal });
    }),
  );
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`broker did not start:\n${stdout}\n${stderr}`)), 20000);
    proc.stdout.on('data', (d) => {
      stdout += d;
      // The start-up lines come in one write, "Use it with: ..." among them.
      const m = stdout.match(/listening on (http:\/\/\S+)\n[^]*Use it with: .*\n/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.stderr.on('data', (d) => {
      stderr += d;
    });
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`broker exited ${code}:\n${stdout}\n${stderr}`));
    });
  });
  return {
    ready,
    exited,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    /** Waits until stdout matches (the log is asynchronous to the protocol). */
    async waitFor(pattern, ms = 5000) {
      const end = Date.now() + ms;
      while (!pattern.test(stdout)) {
        if (Date.now() > end) throw new Error(`stdout never matched ${pattern}:\n${stdout}`);
        await sleep(20);
      }
    },
    async stop(signal = 'SIGTERM') {
      kill(signal);
      return exited;
    },
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function freePort() {
  const server = net.createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** A raw PeerJS client socket: resolves once open; next() resolves with the next parsed message. */
async function peerSocket(brokerUrl, { key, id, token = `t-${id}` }) {
  const url = `${brokerUrl.replace(/^http/, 'ws')}/peerjs?key=${encodeURIComponent(key)}&id=${encodeURIComponent(id)}&token=${token}`;
  const ws = new WebSocket(url);
  const queue = [];
  const waiting = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    const w = waiting.shift();
    if (w) w(message);
    else queue.push(message);
  });
  const closed = new Promise((r) => ws.on('close', (code) => r(code)));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
    ws.once('unexpected-response', (req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return {
    ws,
    closed,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next(ms = 5000) {
      if (queue.length) return Promise.resolve(queue.shift());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no message for ${id} within ${ms} ms`)), ms);
        waiting.push((m) => {
          clearTimeout(timer);
          resolve(m);
        });
      });
    },
    close: () => {
      ws.close();
      return closed;
    },
  };
}

/** Two peers register, one sends an OFFER, the other gets it from the broker with `src` set. */
async function checkRelay(brokerUrl, key) {
  const a = await peerSocket(brokerUrl, { key, id: `alice-${Date.now()}` });
  const b = await peerSocket(brokerUrl, { key, id: `bob-${Date.now()}` });
  assert.deepEqual(await a.next(), { type: 'OPEN' });
  assert.deepEqual(await b.next(), { type: 'OPEN' });
  const aliceId = new URL(a.ws.url).searchParams.get('id');
  const bobId = new URL(b.ws.url).searchParams.get('id');
  const payload = { sdp: { type: 'offer', sdp: 'v=0\r\n' }, type: 'data', connectionId: 'dc_test', label: 'chat' };
  // The broker sets `src` itself: a client cannot claim another id.
  a.send({ type: 'OFFER', src: 'mallory', dst: bobId, payload });
  assert.deepEqual(await b.next(), { type: 'OFFER', src: aliceId, dst: bobId, payload });
  b.send({ type: 'ANSWER', dst: aliceId, payload: { sdp: { type: 'answer', sdp: 'v=0\r\n' } } });
  const answer = await a.next();
  assert.equal(answer.type, 'ANSWER');
  assert.equal(answer.src, bobId);
  return { a, b, aliceId, bobId };
}

async function getText(url) {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'rtc-elements-broker-'));
  const packed = await run('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: packageDir });
  assert.equal(packed.code, 0, packed.stderr);
  const [{ filename, files }] = JSON.parse(packed.stdout);
  const shipped = files.map((f) => f.path).sort();
  assert.deepEqual(
    shipped.filter((f) => f.startsWith('test/')),
    [],
    'tests are not shipped',
  );
  for (const f of ['LICENSE', 'README.md', 'bin/rtc-elements-broker.mjs', 'index.d.ts', 'package.json', 'src/index.mjs']) {
    assert.ok(shipped.includes(f), `${f} is in the tarball`);
  }
  await writeFile(path.join(tmp, 'package.json'), JSON.stringify({ name: 'broker-smoke', private: true, type: 'module' }));
  const install = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(tmp, filename)], { cwd: tmp, timeout: 120000 });
  assert.equal(install.code, 0, `${install.stdout}\n${install.stderr}`);
  await writeFile(path.join(tmp, 'entry.mjs'), "export * from 'rtc-elements-broker';\nexport { default as express } from 'express';\n");
  installed = await import(pathToFileURL(path.join(tmp, 'entry.mjs')).href);
});

after(async () => {
  for (const kill of running) kill('SIGKILL');
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('npx rtc-elements-broker (installed from the tarball)', () => {
  test('npx: relays PeerJS signaling, refuses a wrong key, survives a bad frame, stops on SIGTERM', { timeout: 90000 }, async () => {
    const port = await freePort();
    // Flags win over the environment.
    const cli = startCli(['--host', '127.0.0.1', '--port', String(port), '--path', '/myapp', '--key', 'K'], {
      env: npmEnv({ BROKER_PATH: '/not-this', BROKER_KEY: 'not-this' }),
    });
    const url = await cli.ready;
    assert.equal(url, `http://127.0.0.1:${port}/myapp`);
    assert.match(cli.stdout, new RegExp(`<rtc-chat server="http://127\\.0\\.0\\.1:${port}/myapp" server-key="K">`));

    const id = await getText(`${url}/K/id`);
    assert.equal(id.status, 200);
    assert.match(id.text, UUID);
    assert.equal((await getText(`${url}/K/peers`)).status, 401, 'discovery is off by default');
    assert.equal((await getText(`http://127.0.0.1:${port}/other/K/id`)).status, 404);

    const { a, b, aliceId, bobId } = await checkRelay(url, 'K');
    await cli.waitFor(new RegExp(`\\+ ${bobId} \\(2 online\\)`));

    const wrongKey = await peerSocket(url, { key: 'wrong', id: 'eve' });
    assert.deepEqual(await wrongKey.next(), { type: 'ERROR', payload: { msg: 'Invalid key provided' } });
    await wrongKey.closed;
    const taken = await peerSocket(url, { key: 'K', id: aliceId, token: 'not-alices' });
    assert.equal((await taken.next()).type, 'ID-TAKEN');
    await taken.closed;
    await assert.rejects(peerSocket(`http://127.0.0.1:${port}/other`, { key: 'K', id: 'x' }), /HTTP 400/);

    // One client's garbage must not take the broker down (PeerServer re-emits it as 'error').
    a.send('not json {');
    await cli.waitFor(/! client error: /);
    a.send({ type: 'OFFER', dst: bobId, payload: { again: true } });
    assert.equal((await b.next()).src, aliceId);

    await a.close();
    await cli.waitFor(new RegExp(`- ${aliceId} \\(1 online\\)`));
    await cli.stop('SIGTERM');
    assert.match(cli.stdout, /stopping broker \(SIGTERM\)/);
    await b.closed; // the broker closed the remaining peer's socket on its way out
    assert.equal(cli.stderr, '');
  });

  test('environment variables as fallbacks; --proxied starts and says it trusts the proxy; SIGINT exits 0', { timeout: 90000 }, async () => {
    const port = await freePort();
    const cli = startCli(['--proxied'], {
      via: 'bin',
      env: npmEnv({ BROKER_HOST: '127.0.0.1', BROKER_PORT: String(port), BROKER_PATH: '/fromenv', BROKER_KEY: 'EK' }),
    });
    const url = await cli.ready;
    assert.equal(url, `http://127.0.0.1:${port}/fromenv`);
    assert.match(cli.stdout, /Proxied: trusting X-Forwarded-\* headers \(express "trust proxy"\)/);
    // Forwarded headers from the proxy are accepted as they are (nothing in PeerServer's answers
    // depends on them: req.ip/req.protocol are for code mounted beside it).
    const res = await fetch(`${url}/EK/id`, { headers: { 'X-Forwarded-For': '203.0.113.7', 'X-Forwarded-Proto': 'https' } });
    assert.equal(res.status, 200);
    assert.match(await res.text(), UUID);
    const { a, b } = await checkRelay(url, 'EK');
    // Ctrl+C with peers still connected: they are dropped, and the broker exits 0 (PeerServer's
    // own close would wait for them forever).
    assert.deepEqual(await cli.stop('SIGINT'), { code: 0, signal: null });
    assert.match(cli.stdout, /stopping broker \(SIGINT\)/);
    await Promise.all([a.closed, b.closed]);
  });

  test('bad arguments exit 2 with a one-line message', { timeout: 90000 }, async () => {
    const cases = [
      [['--port', 'abc'], {}, /^rtc-elements-broker: --port must be a whole number from 0 to 65535 \(got "abc"\)$/],
      [['--port', '70000'], {}, /^rtc-elements-broker: --port must be a whole number/],
      [['--path', 'myapp'], {}, /^rtc-elements-broker: --path must start with "\/" \(got "myapp"\)$/],
      [['--bogus'], {}, /^rtc-elements-broker: unknown option --bogus \(see --help\)$/],
      [['9000'], {}, /^rtc-elements-broker: unexpected argument "9000": options start with -- \(see --help\)$/],
      [['--key'], {}, /^rtc-elements-broker: --key needs a value: --key KEY$/],
      [['--proxied=maybe'], {}, /^rtc-elements-broker: --proxied must be true or false/],
      [[], { BROKER_PORT: 'x' }, /^rtc-elements-broker: BROKER_PORT must be a whole number/],
    ];
    // The first through npx, the rest through the linked bin, two at a time (a shared 2-core machine).
    const results = [];
    for (let i = 0; i < cases.length; i += 2) {
      results.push(...(await Promise.all(cases.slice(i, i + 2).map(([args, env], j) => (i + j === 0 ? npx : bin)(args, { env: npmEnv(env) })))));
    }
    results.forEach(({ code, stdout, stderr }, i) => {
      const [args, , pattern] = cases[i];
      assert.equal(code, 2, `exit code for ${args.join(' ')}`);
      assert.equal(stdout, '');
      const lines = stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, `one line for ${args.join(' ')}: ${stderr}`);
      assert.match(lines[0], pattern);
    });
  });

  test('--help, --version, and a port in use', { timeout: 90000 }, async () => {
    const help = await npx(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: rtc-elements-broker \[options\]/);
    for (const word of [
      '--host',
      '--port',
      '--path',
      '--key',
      '--proxied',
      '--allow-discovery',
      'BROKER_HOST',
      'BROKER_PORT',
      'BROKER_PATH',
      'BROKER_KEY',
      'BROKER_PROXIED',
    ]) {
      assert.ok(help.stdout.includes(word), `help mentions ${word}`);
    }
    const v = await npx(['-v']);
    assert.equal(v.code, 0);
    assert.equal(v.stdout.trim(), version);

    const blocker = net.createServer();
    await new Promise((r) => blocker.listen(0, '127.0.0.1', r));
    try {
      const busy = await bin(['--port', String(blocker.address().port)]);
      assert.equal(busy.code, 1);
      assert.match(busy.stderr.trim(), /^rtc-elements-broker: port \d+ on 127\.0\.0\.1 is already in use: pick another with --port/);
    } finally {
      blocker.close();
    }
  });
});

test('index.d.ts is strict: no any (tsc -p test/types checks the rest, in npm run check:types)', async () => {
  const types = await readFile(path.join(packageDir, 'index.d.ts'), 'utf8');
  const code = types.replace(/\/\*[^]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  assert.doesNotMatch(code, /\bany\b/);
  assert.doesNotMatch(code, /\bFunction\b|\bObject\b/);
});

describe('embedding (imported from the tarball, in this process)', () => {
  async function listen(server) {
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${server.address().port}`;
  }
  const closeServer = (server) =>
    new Promise((r) => {
      server.close(r);
      server.closeAllConnections();
    });

  test('attachBroker on a plain http server, beside its own routes and WebSockets', { timeout: 90000 }, async () => {
    const { attachBroker } = installed;
    const server = http.createServer();
    const broker = await attachBroker(server, { path: '/signal', key: 'EK', expireTimeout: 2000 });
    assert.equal(broker.path, '/signal');
    assert.equal(broker.key, 'EK');
    server.on('request', (req, res) => broker.handler(req, res, () => res.end(`app:${req.url}`)));
    // The host's own WebSocket server on another path keeps working.
    const appWss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      if (req.url === '/app-ws') appWss.handleUpgrade(req, socket, head, (ws) => ws.on('message', (m) => ws.send(`echo:${m}`)));
    });
    const origin = await listen(server);
    const seen = [];
    broker.on('connection', (id) => seen.push(`+${id}`)).on('disconnect', (id) => seen.push(`-${id}`));
    try {
      assert.match((await getText(`${origin}/signal/EK/id`)).text, UUID);
      assert.deepEqual(await getText(`${origin}/hello`), { status: 200, text: 'app:/hello' });
      const { a, b, aliceId, bobId } = await checkRelay(`${origin}/signal`, 'EK');
      assert.deepEqual([...broker.clients].sort(), [aliceId, bobId].sort());

      const echo = new WebSocket(`${origin.replace('http', 'ws')}/app-ws`);
      await new Promise((r) => echo.once('open', r));
      echo.send('hi');
      assert.equal(String(await new Promise((r) => echo.once('message', r))), 'echo:hi');

      await broker.close();
      await Promise.all([a.closed, b.closed]);
      assert.equal(broker.clients.size, 0);
      assert.deepEqual(seen.slice(0, 2), [`+${aliceId}`, `+${bobId}`]);
      assert.deepEqual(seen.slice(2).sort(), [`-${aliceId}`, `-${bobId}`].sort());
      // Closed: its routes fall through to the app, which goes on serving (its WebSocket too).
      assert.deepEqual(await getText(`${origin}/signal/EK/id`), { status: 200, text: 'app:/signal/EK/id' });
      echo.send('still');
      assert.equal(String(await new Promise((r) => echo.once('message', r))), 'echo:still');
      echo.close();
    } finally {
      await broker.close();
      appWss.close();
      await closeServer(server);
    }
  });

  test('attachBroker in an express app: app.use(broker.handler); proxied sets trust proxy', { timeout: 90000 }, async () => {
    const { attachBroker, express } = installed;
    const app = express();
    const server = http.createServer(app);
    const broker = await attachBroker(server, { path: '/peer', proxied: true, allowDiscovery: true });
    app.use(broker.handler);
    app.get('/', (req, res) => res.send('home'));
    const origin = await listen(server);
    try {
      assert.equal(broker.handler.get('trust proxy'), true);
      assert.deepEqual(await getText(`${origin}/`), { status: 200, text: 'home' });
      const { a, b, aliceId, bobId } = await checkRelay(`${origin}/peer`, 'peerjs');
      const peers = await getText(`${origin}/peer/peerjs/peers`);
      assert.deepEqual(JSON.parse(peers.text).sort(), [aliceId, bobId].sort());
      await Promise.all([a.close(), b.close()]);
      assert.throws(() => express().use('/sub', broker.handler), /mount the broker's handler at the root/);
    } finally {
      await broker.close();
      await closeServer(server);
    }
    const plain = await attachBroker(http.createServer());
    assert.equal(plain.handler.get('trust proxy'), false);
    await plain.close();
  });

  test('startBroker: url, port, close; bad options are refused with their name', { timeout: 90000 }, async () => {
    const { startBroker, attachBroker } = installed;
    const broker = await startBroker({ port: 0, path: '/standalone/', key: 'SK' });
    assert.equal(broker.path, '/standalone');
    assert.equal(broker.url, `http://127.0.0.1:${broker.port}/standalone`);
    const { a, b } = await checkRelay(broker.url, 'SK');
    await assert.rejects(startBroker({ port: broker.port }), (e) => e.code === 'EADDRINUSE' && /already in use/.test(e.message));
    await broker.close();
    await Promise.all([a.closed, b.closed]);
    await assert.rejects(fetch(`${broker.url}/SK/id`));

    await assert.rejects(startBroker({ path: 'nope' }), /options\.path must start with "\/"/);
    await assert.rejects(startBroker({ port: 70000 }), /options\.port must be a whole number/);
    await assert.rejects(startBroker({ key: '' }), /options\.key must be a non-empty string/);
    await assert.rejects(attachBroker(http.createServer(), { port: 1 }), /unknown option "port" \(port is for startBroker/);
    await assert.rejects(attachBroker({}), /server must be a Node http\.Server/);
  });

  test("a closed broker lets Node exit by itself (PeerServer's timers stop)", { timeout: 90000 }, async () => {
    const script = path.join(tmp, 'exits.mjs');
    await writeFile(
      script,
      `
      import http from 'node:http';
      import WebSocket from 'ws';
      import { startBroker, attachBroker } from 'rtc-elements-broker';
      const broker = await startBroker({ port: 0 });
      const ws = new WebSocket(broker.url.replace('http', 'ws') + '/peerjs?key=peerjs&id=a&token=t');
      await new Promise((r) => ws.once('message', r));
      await assert(startBroker({ port: broker.port }));
      await broker.close();
      const attached = await attachBroker(http.createServer());
      await attached.close();
      console.log('closed');
      async function assert(p) { try { await p; throw new Error('expected EADDRINUSE'); } catch (e) { if (e.code !== 'EADDRINUSE') throw e; } }
    `,
    );
    const started = Date.now();
    const { code, stdout, stderr } = await run(process.execPath, [script], { cwd: tmp, timeout: 10000 });
    assert.equal(code, 0, stderr);
    assert.equal(stdout.trim(), 'closed');
    assert.ok(Date.now() - started < 5000, `exited after ${Date.now() - started} ms`);
  });
});
