// WTR plugin: runs a real PeerServer on 127.0.0.1 for the tests (the workspace package
// rtc-elements-broker, packages/broker: the same broker `npm start` and `npx rtc-elements-broker`
// run), serves its address to the browser as /__peer-config.js, and lets tests stop and restart it
// (same port) through executeServerCommand('peer-server', { action: 'stop' | 'start' }) for
// broker-loss tests.
import { startBroker } from 'rtc-elements-broker';

export function peerServerPlugin({ host = '127.0.0.1', path = '/myapp' } = {}) {
  let broker;
  let port = 0;

  async function start() {
    // Limits off: every test page connects from 127.0.0.1, and the hostile-*.test.ts peers flood
    // the elements through the broker on purpose (the broker's own limits: packages/broker/test).
    broker = await startBroker({ host, port, path, expireTimeout: 3000, maxConnectionsPerIp: 0, maxMessagesPerSecond: 0 });
    port = broker.port;
  }
  async function stop() {
    if (!broker) return;
    // Drops every peer's WebSocket at once, as a crashed broker would.
    await broker.close();
    broker = undefined;
  }

  return {
    name: 'peer-server',
    async serverStart() {
      await start();
      console.log(`[peer-server] PeerServer on http://${host}:${port}${path}`);
    },
    async serverStop() {
      await stop();
    },
    async executeCommand({ command, payload }) {
      if (command !== 'peer-server') return undefined;
      if (payload?.action === 'stop') {
        await stop();
        return true;
      }
      if (payload?.action === 'start') {
        if (!broker) await start();
        return true;
      }
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
