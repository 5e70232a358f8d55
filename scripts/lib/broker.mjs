// A self-hosted PeerJS broker: PeerServer (npm "peer") mounted in an express app, optionally with
// static folders beside it (the demo). Used by `npm start` and `npm run broker`.
import http from 'node:http';
import path from 'node:path';
import express from 'express';
import { ExpressPeerServer } from 'peer';

/**
 * @param {object} o
 * @param {string} [o.host] interface to listen on (default 127.0.0.1: loopback only)
 * @param {number} [o.port] TCP port (0 = any free port)
 * @param {string} [o.path] URL path of the broker (the `server` attribute's path)
 * @param {string} [o.key]  PeerServer key (the `server-key` attribute)
 * @param {boolean} [o.proxied] behind a TLS-terminating reverse proxy (trust X-Forwarded-*)
 * @param {boolean} [o.allowDiscovery] let clients list connected peer ids
 * @param {Record<string,string>} [o.staticDirs] URL prefix -> folder to serve
 */
export async function startBroker(o = {}) {
  const { host = '127.0.0.1', port = 9000, path: brokerPath = '/myapp', key = 'peerjs', proxied = false,
    allowDiscovery = false, staticDirs = {} } = o;
  const app = express();
  app.disable('x-powered-by');
  const server = http.createServer(app);
  const peer = ExpressPeerServer(server, { key, proxied, allow_discovery: allowDiscovery, path: '/' });
  app.use(brokerPath, peer);
  for (const [prefix, dir] of Object.entries(staticDirs)) {
    app.use(prefix, express.static(path.resolve(dir), { fallthrough: true, index: 'index.html' }));
  }
  await new Promise((resolve, reject) => {
    server.once('error', (error) => {
      reject(error.code === 'EADDRINUSE'
        ? new Error(`Port ${port} on ${host} is already in use; pick another with --port (or PORT=...).`)
        : error);
    });
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const clients = new Set();
  peer.on('connection', (client) => clients.add(client.getId()));
  peer.on('disconnect', (client) => clients.delete(client.getId()));
  return {
    server,
    peer,
    clients,
    origin: `http://${shownHost}:${actualPort}`,
    url: `http://${shownHost}:${actualPort}${brokerPath}`,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

/** Parses `--name value` / `--flag` arguments with env fallbacks. */
export function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const [name, inline] = arg.slice(2).split('=', 2);
    const camel = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(camel in defaults)) throw new Error(`Unknown option --${name}. Options: ${Object.keys(defaults).map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(' ')}`);
    if (typeof defaults[camel] === 'boolean') out[camel] = inline === undefined ? true : inline !== 'false';
    else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      out[camel] = typeof defaults[camel] === 'number' ? Number(value) : value;
      if (typeof defaults[camel] === 'number' && !Number.isInteger(out[camel])) throw new Error(`--${name} must be a whole number`);
    }
  }
  return out;
}
