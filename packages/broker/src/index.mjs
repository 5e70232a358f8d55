// rtc-elements-broker: a PeerJS broker (PeerServer from npm "peer") for <rtc-chat> and <rtc-call>,
// standalone (startBroker) or attached to your own Node http/https server (attachBroker).
// Types and documentation: ../index.d.ts and ../README.md.
import http from 'node:http';
import nodePath from 'node:path';
import { EventEmitter } from 'node:events';
import express from 'express';
import { ExpressPeerServer } from 'peer';
import { WebSocketServer } from 'ws';
import { createTimerLoops } from './timer-loops.mjs';
import { DEFAULTS, checkBoolean, checkHost, checkKey, checkMilliseconds, checkPath, checkPort, show } from './options.mjs';

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]', '::0']);

/**
 * Attaches a broker to an existing server: it answers WebSocket upgrades on `${path}/peerjs` (and
 * leaves every other upgrade to the server's other listeners), and returns `handler`, which serves
 * the broker's HTTP routes under `path` and passes every other request on (`next`).
 */
export async function attachBroker(server, options = {}) {
  return attach(server, options, { ownServer: false });
}

/**
 * Starts a standalone broker on its own http server (host/port), optionally serving static
 * folders beside it. Resolves once it listens.
 */
export async function startBroker(options = {}) {
  const { host, port, staticDirs, ...rest } = checkOptionsObject(options, 'startBroker(options)');
  const o = {
    host: checkHost(host ?? DEFAULTS.host, 'options.host'),
    port: checkPort(port ?? DEFAULTS.port, 'options.port'),
    staticDirs: checkStaticDirs(staticDirs ?? {}),
  };
  const app = express();
  app.disable('x-powered-by');
  if (rest.proxied) app.set('trust proxy', true);
  const server = http.createServer(app);
  const broker = attach(server, rest, { ownServer: true });
  app.use(broker.handler);
  for (const [prefix, dir] of Object.entries(o.staticDirs)) {
    app.use(prefix, express.static(nodePath.resolve(dir), { index: 'index.html' }));
  }

  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port, o.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await broker.close();
    if (error.code === 'EADDRINUSE') {
      const inUse = new Error(`port ${o.port} on ${o.host} is already in use`, { cause: error });
      inUse.code = error.code;
      throw inUse;
    }
    throw error;
  }

  const actualPort = server.address().port;
  const shownHost = WILDCARD_HOSTS.has(o.host) ? 'localhost' : o.host.includes(':') ? `[${o.host}]` : o.host;
  const origin = `http://${shownHost}:${actualPort}`;
  let closing;
  return {
    url: `${origin}${broker.path}`,
    origin,
    host: o.host,
    port: actualPort,
    path: broker.path,
    key: broker.key,
    server,
    clients: broker.clients,
    on(event, listener) {
      broker.on(event, listener);
      return this;
    },
    once(event, listener) {
      broker.once(event, listener);
      return this;
    },
    off(event, listener) {
      broker.off(event, listener);
      return this;
    },
    close() {
      closing ??= (async () => {
        await broker.close();
        await new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

function attach(server, options, { ownServer }) {
  if (!server || typeof server.on !== 'function' || typeof server.off !== 'function' || typeof server.listen !== 'function') {
    throw new TypeError(`attachBroker(server): server must be a Node http.Server or https.Server (got ${show(server)})`);
  }
  const o = checkBrokerOptions(checkOptionsObject(options, ownServer ? 'startBroker(options)' : 'attachBroker(server, options)'), ownServer);
  const events = new EventEmitter();
  const clients = new Set();
  const loops = createTimerLoops();
  let wss;
  let wsPath;
  let closed = false;

  const peer = ExpressPeerServer(server, {
    key: o.key,
    proxied: o.proxied,
    allow_discovery: o.allowDiscovery,
    path: '/',
    ...(o.expireTimeout !== undefined ? { expire_timeout: o.expireTimeout } : {}),
    ...(o.aliveTimeout !== undefined ? { alive_timeout: o.aliveTimeout } : {}),
    ...(o.concurrentLimit !== undefined ? { concurrent_limit: o.concurrentLimit } : {}),
    // PeerServer's own WebSocketServer would take every upgrade on the server and answer 400 to
    // those on other paths (breaking the host's own WebSockets); this one only gets ours.
    createWebSocketServer: (wsOptions) => {
      wsPath = wsOptions.path;
      wss = new WebSocketServer({ noServer: true, path: wsPath });
      return wss;
    },
  });
  peer.on('connection', (client) => {
    const id = client.getId();
    if (clients.has(id)) return; // the same peer reconnecting with its token
    clients.add(id);
    events.emit('connection', id);
  });
  peer.on('disconnect', (client) => {
    const id = client.getId();
    if (clients.delete(id)) events.emit('disconnect', id);
  });
  // PeerServer re-emits a client's bad frame (not JSON) or socket error here; unheard, Node would
  // throw it and one client could crash the broker.
  peer.on('error', (error) => {
    if (events.listenerCount('error') > 0) events.emit('error', error);
  });

  const handler = express();
  handler.disable('x-powered-by');
  if (o.proxied) handler.set('trust proxy', true);
  handler.use((req, res, next) => next(closed ? 'router' : undefined));
  // Mounting starts PeerServer (its routes, its WebSocket server and its timers).
  loops.run(() => handler.use(o.path, peer));
  handler.on('mount', (parent) => {
    const where = typeof parent.path === 'function' ? parent.path() : '';
    if (handler.mountpath !== '/' || where !== '') {
      throw new Error(
        `mount the broker's handler at the root of your top-level app (app.use(broker.handler)): its path comes from options.path (${o.path}), where its WebSocket is too`,
      );
    }
  });

  const onUpgrade = (req, socket, head) => {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const pathname = q === -1 ? url : url.slice(0, q);
    if (!closed && wss && pathname === wsPath) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    } else if (ownServer) {
      // Nobody else listens for upgrades on a standalone broker's server: refuse the rest.
      socket.on('error', () => {});
      socket.once('finish', () => socket.destroy());
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  };
  server.on('upgrade', onUpgrade);

  let closing;
  return {
    path: o.path,
    key: o.key,
    handler,
    clients,
    on(event, listener) {
      events.on(event, listener);
      return this;
    },
    once(event, listener) {
      events.once(event, listener);
      return this;
    },
    off(event, listener) {
      events.off(event, listener);
      return this;
    },
    close() {
      closing ??= (async () => {
        closed = true;
        if (!ownServer) server.off('upgrade', onUpgrade);
        loops.stop();
        if (!wss) return;
        for (const ws of wss.clients) ws.terminate();
        // Resolves once every client socket has closed (and its 'disconnect' was emitted).
        await new Promise((resolve) => wss.close(() => resolve()));
      })();
      return closing;
    },
  };
}

const BROKER_OPTIONS = new Set(['path', 'key', 'proxied', 'allowDiscovery', 'expireTimeout', 'aliveTimeout', 'concurrentLimit']);
const STANDALONE_OPTIONS = new Set(['host', 'port', 'staticDirs']);

function checkOptionsObject(options, where) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object (got ${show(options)})`);
  }
  return options;
}

function checkBrokerOptions(options, ownServer) {
  for (const name of Object.keys(options)) {
    if (BROKER_OPTIONS.has(name) || (ownServer && STANDALONE_OPTIONS.has(name))) continue;
    const hint = STANDALONE_OPTIONS.has(name) ? ` (${name} is for startBroker: an attached broker uses the server's)` : '';
    throw new TypeError(`unknown option ${JSON.stringify(name)}${hint}`);
  }
  const o = {
    path: checkPath(options.path ?? DEFAULTS.path, 'options.path'),
    key: checkKey(options.key ?? DEFAULTS.key, 'options.key'),
    proxied: checkBoolean(options.proxied ?? DEFAULTS.proxied, 'options.proxied'),
    allowDiscovery: checkBoolean(options.allowDiscovery ?? DEFAULTS.allowDiscovery, 'options.allowDiscovery'),
  };
  for (const name of ['expireTimeout', 'aliveTimeout']) {
    if (options[name] !== undefined) o[name] = checkMilliseconds(options[name], `options.${name}`);
  }
  if (options.concurrentLimit !== undefined) {
    const n = options.concurrentLimit;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      throw new TypeError(`options.concurrentLimit must be a whole number above 0 (got ${show(n)})`);
    }
    o.concurrentLimit = n;
  }
  return o;
}

function checkStaticDirs(dirs) {
  if (dirs === null || typeof dirs !== 'object' || Array.isArray(dirs)) {
    throw new TypeError(`options.staticDirs must be an object of URL prefix -> folder (got ${show(dirs)})`);
  }
  for (const [prefix, dir] of Object.entries(dirs)) {
    if (!prefix.startsWith('/')) throw new TypeError(`options.staticDirs: URL prefix ${JSON.stringify(prefix)} must start with "/"`);
    if (typeof dir !== 'string' || dir === '') throw new TypeError(`options.staticDirs[${JSON.stringify(prefix)}] must be a folder path`);
  }
  return dirs;
}
