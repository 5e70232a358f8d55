// WTR plugin: runs a real PeerServer (npm "peer") on 127.0.0.1 for the tests, serves its address to
// the browser as /__peer-config.js, and lets tests stop and restart it (same port) through
// executeServerCommand('peer-server', { action: 'stop' | 'start' }) for broker-loss tests.
import { PeerServer } from 'peer';

export function peerServerPlugin({ host = '127.0.0.1', path = '/myapp' } = {}) {
  let httpServer;
  let port = 0;
  const sockets = new Set();

  async function start() {
    httpServer = await new Promise((resolve, reject) => {
      const app = PeerServer({ host, port, path, expire_timeout: 3000 }, (srv) => resolve(srv));
      app.on('error', reject);
    });
    httpServer.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
    port = httpServer.address().port;
  }
  async function stop() {
    if (!httpServer) return;
    for (const s of sockets) s.destroy();
    await new Promise((r) => httpServer.close(() => r()));
    httpServer = undefined;
  }

  return {
    name: 'peer-server',
    async serverStart() {
      await start();
      console.log(`[peer-server] PeerServer on http://${host}:${port}${path}`);
    },
    async serverStop() { await stop(); },
    async executeCommand({ command, payload }) {
      if (command !== 'peer-server') return undefined;
      if (payload?.action === 'stop') { await stop(); return true; }
      if (payload?.action === 'start') { if (!httpServer) await start(); return true; }
      return false;
    },
    serve(context) {
      if (context.path === '/__peer-config.js') {
        return `export const PEER_HOST = ${JSON.stringify(host)};\nexport const PEER_PORT = ${port};\nexport const PEER_PATH = ${JSON.stringify(path)};\nexport const PEER_URL = ${JSON.stringify(`http://${host}:${port}${path}`)};\n`;
      }
      return undefined;
    },
  };
}
