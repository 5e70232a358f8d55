// rtc-elements-broker: a PeerJS broker (PeerServer from npm "peer") for <rtc-chat> and <rtc-call>,
// standalone (startBroker) or attached to your own Node http/https server (attachBroker).
// Types and documentation: ../index.d.ts and ../README.md.
import http from 'node:http';
import os from 'node:os';
import nodePath from 'node:path';
import { EventEmitter } from 'node:events';
import express from 'express';
import { ExpressPeerServer } from 'peer';
import { WebSocketServer } from 'ws';
import { createTimerLoops } from './timer-loops.mjs';
import { createClusterRelay } from './cluster.mjs';
import { createMetrics } from './metrics.mjs';
import { CLOSE, clientIp, createIpCounter, createRateLimiter } from './limits.mjs';
import {
  DEFAULTS,
  checkBoolean,
  checkCount,
  checkHost,
  checkKey,
  checkMilliseconds,
  checkPath,
  checkPort,
  checkRedisPrefix,
  checkRedisUrl,
  show,
} from './options.mjs';

const RELAY_TYPES = new Set(['OFFER', 'ANSWER', 'CANDIDATE', 'LEAVE', 'EXPIRE']);

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
  const broker = await attach(server, rest, { ownServer: true });
  // Operators' routes, at the root whatever the broker's path: for load balancers and Prometheus.
  app.get('/health', (req, res) => {
    broker.health().then(
      (health) => res.status(health.ok ? 200 : 503).json(health),
      () => res.status(503).json({ ok: false, status: 'error' }),
    );
  });
  app.get('/metrics', (req, res) => {
    res.type('text/plain; version=0.0.4; charset=utf-8').send(broker.metricsText());
  });
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
    mode: broker.mode,
    instance: broker.instance,
    health: broker.health,
    metricsText: broker.metricsText,
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

async function attach(server, options, { ownServer }) {
  if (!server || typeof server.on !== 'function' || typeof server.off !== 'function' || typeof server.listen !== 'function') {
    throw new TypeError(`attachBroker(server): server must be a Node http.Server or https.Server (got ${show(server)})`);
  }
  const o = checkBrokerOptions(checkOptionsObject(options, ownServer ? 'startBroker(options)' : 'attachBroker(server, options)'), ownServer);
  const events = new EventEmitter();
  const clients = new Set();
  const loops = createTimerLoops();
  const ips = createIpCounter(o.maxConnectionsPerIp);
  const emitError = (error) => {
    if (events.listenerCount('error') > 0) events.emit('error', error);
  };
  let wss;
  let wsPath;
  let closed = false;

  const mode = o.redis ? 'redis' : 'single';
  let relay;
  const metrics = createMetrics({ mode, instance: 'pending' });
  if (o.redis) {
    relay = await createClusterRelay(
      {
        ...o,
        concurrentLimit: o.concurrentLimit ?? 5000,
        expireTimeout: o.expireTimeout ?? 5000,
        aliveTimeout: o.aliveTimeout ?? 90000,
        peerTtl: Math.max(15000, o.instanceTtl * 5),
        messageBurst: Math.max(20, o.maxMessagesPerSecond * 4),
      },
      { metrics, events, clients, emitError },
    );
  }
  const instance = relay?.instance ?? `${os.hostname()}-${process.pid}`;
  metrics.setInstance(instance);
  metrics.gauge('rtc_broker_connected_peers', 'Peers registered on this instance now.', () => clients.size);
  if (relay) metrics.gauge('rtc_broker_redis_up', '1 when this instance reaches Redis.', () => (relay.redisUp ? 1 : 0));

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
      wss = new WebSocketServer({ noServer: true, path: wsPath, maxPayload: o.maxMessageBytes });
      return wss;
    },
  });
  // Single mode: which message PeerServer is handling now (for the relay metrics below).
  let handling;
  const relayedLocal = metrics.relayed.bind({ scope: 'local' });
  const latencyLocal = metrics.latency.bind({ scope: 'local' });
  peer.on('message', (client, message) => {
    handling = message;
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
  peer.on('error', emitError);

  /** Single mode: limits and metrics around PeerServer, on the socket it is given. */
  function guard(ws) {
    const limiter = createRateLimiter(o.maxMessagesPerSecond, Math.max(20, o.maxMessagesPerSecond * 4));
    const emit = ws.emit;
    ws.emit = function guardedEmit(event, ...args) {
      if (event !== 'message') return emit.call(this, event, ...args);
      if (!limiter.allow()) {
        metrics.dropped.inc({ reason: 'rate' });
        if (limiter.abusive && ws.readyState === ws.OPEN) {
          metrics.closedByLimit.inc({ reason: 'rate' });
          ws.close(CLOSE.rate, 'message rate limit');
        }
        return false;
      }
      const t0 = performance.now();
      handling = undefined;
      const result = emit.call(this, event, ...args);
      const message = handling;
      handling = undefined;
      if (message === undefined) metrics.dropped.inc({ reason: 'invalid' });
      else if (RELAY_TYPES.has(message.type) && clients.has(message.dst)) {
        relayedLocal();
        latencyLocal((performance.now() - t0) / 1000);
      }
      return result;
    };
    // PeerServer's first word to a socket says whether it registered it.
    const send = ws.send;
    ws.send = function firstSend(data, ...rest) {
      ws.send = send;
      if (typeof data === 'string') {
        if (data.startsWith('{"type":"OPEN"')) metrics.registrations.inc();
        else if (data.startsWith('{"type":"ID-TAKEN"')) metrics.refused.inc({ reason: 'id_taken' });
        else if (data.startsWith('{"type":"ERROR"')) {
          const reason = data.includes('key provided') ? 'invalid_key' : data.includes('concurrent') ? 'concurrent_limit' : 'invalid_params';
          metrics.refused.inc({ reason });
        }
      }
      return send.call(this, data, ...rest);
    };
  }

  const handler = express();
  handler.disable('x-powered-by');
  if (o.proxied) handler.set('trust proxy', true);
  handler.use((req, res, next) => next(closed ? 'router' : undefined));
  if (relay && o.allowDiscovery) {
    // Every instance's peers, not only this one's (PeerServer's route would list these).
    handler.get(`${o.path === '/' ? '' : o.path}/${o.key}/peers`, (req, res) => {
      relay.peers().then(
        (ids) => res.json(ids),
        () => res.status(503).json({ error: 'Redis unavailable' }),
      );
    });
  }
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
    if (wss && pathname === wsPath) {
      if (closed) {
        // Draining: the load balancer sends this client to another instance.
        metrics.refused.inc({ reason: 'draining' });
        refuseUpgrade(socket, '503 Service Unavailable');
        return;
      }
      const ip = clientIp(req, o.proxied);
      // Counted once the handshake succeeded (a failed one never calls back).
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (!ips.take(ip)) {
          metrics.refused.inc({ reason: 'ip_limit' });
          ws.on('error', () => {});
          ws.send(JSON.stringify({ type: 'ERROR', payload: { msg: `Too many connections from your address (at most ${o.maxConnectionsPerIp})` } }));
          ws.close();
          return;
        }
        ws.once('close', () => ips.release(ip));
        ws.on('error', (error) => {
          if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') metrics.closedByLimit.inc({ reason: 'size' });
        });
        if (relay) relay.handle(ws, req);
        else {
          guard(ws);
          wss.emit('connection', ws, req);
        }
      });
    } else if (ownServer) {
      // Nobody else listens for upgrades on a standalone broker's server: refuse the rest.
      refuseUpgrade(socket, '400 Bad Request');
    }
  };
  server.on('upgrade', onUpgrade);

  async function health() {
    const base = { instance, mode, peers: clients.size };
    if (closed) return { ok: false, status: 'draining', ...base };
    if (!relay) return { ok: true, status: 'ok', ...base };
    const reachable = await relay.ping();
    return { ok: reachable, status: reachable ? 'ok' : 'redis-unreachable', ...base, redis: reachable ? 'up' : 'down' };
  }

  let closing;
  return {
    path: o.path,
    key: o.key,
    handler,
    clients,
    mode,
    instance,
    health,
    metricsText: () => metrics.text(),
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
        if (relay) await relay.close();
        if (!wss) return;
        // 1012 (service restart): PeerJS reconnects, through a load balancer to another instance.
        // A client that does not answer the close handshake within a second is cut off.
        const sockets = [...wss.clients];
        const gone = Promise.all(sockets.map((ws) => new Promise((resolve) => (ws.readyState === ws.CLOSED ? resolve() : ws.once('close', resolve)))));
        for (const ws of sockets) ws.close(CLOSE.restart, 'broker restarting: reconnect');
        const timer = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, 1000);
        await gone;
        clearTimeout(timer);
        // Resolves once every client socket has closed (and its 'disconnect' was emitted).
        await new Promise((resolve) => wss.close(() => resolve()));
      })();
      return closing;
    },
  };
}

const BROKER_OPTIONS = new Set([
  'path',
  'key',
  'proxied',
  'allowDiscovery',
  'expireTimeout',
  'aliveTimeout',
  'concurrentLimit',
  'redis',
  'redisPrefix',
  'instanceTtl',
  'maxConnectionsPerIp',
  'maxMessagesPerSecond',
  'maxMessageBytes',
]);
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
  o.redis = options.redis === undefined ? undefined : checkRedisUrl(options.redis, 'options.redis');
  o.redisPrefix = `${checkRedisPrefix(options.redisPrefix ?? DEFAULTS.redisPrefix, 'options.redisPrefix')}${o.path}:${o.key}:`;
  o.instanceTtl = checkMilliseconds(options.instanceTtl ?? DEFAULTS.instanceTtl, 'options.instanceTtl');
  if (o.instanceTtl < 500) throw new TypeError(`options.instanceTtl must be at least 500 ms: it is renewed every third of it (got ${o.instanceTtl})`);
  o.maxConnectionsPerIp = checkCount(options.maxConnectionsPerIp ?? DEFAULTS.maxConnectionsPerIp, 'options.maxConnectionsPerIp');
  o.maxMessagesPerSecond = checkCount(options.maxMessagesPerSecond ?? DEFAULTS.maxMessagesPerSecond, 'options.maxMessagesPerSecond');
  o.maxMessageBytes = checkCount(options.maxMessageBytes ?? DEFAULTS.maxMessageBytes, 'options.maxMessageBytes', 1024);
  return o;
}

function refuseUpgrade(socket, status) {
  socket.on('error', () => {});
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
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
