#!/usr/bin/env node
// `npm start`: serves the demo (demo/ and the built dist/) and a PeerJS broker on one loopback port.
// Open the printed URL in two tabs: they can chat and call each other.
// Options: --port 8080 --host 127.0.0.1 (or PORT / HOST). The broker is the workspace package
// rtc-elements-broker (packages/broker).
import { parseArgs } from 'node:util';
import { startBroker } from 'rtc-elements-broker';

try {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { host: { type: 'string' }, port: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const host = values.host ?? (process.env.HOST || '127.0.0.1');
  const portText = values.port ?? (process.env.PORT || '8080');
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw new Error(`--port must be a whole number from 0 to 65535 (got ${JSON.stringify(portText)})`);
  const broker = await startBroker({
    host,
    port: Number(portText),
    path: '/broker',
    staticDirs: { '/dist': 'dist', '/': 'demo' },
  });
  console.log(`\n  rtc-elements demo:  ${broker.origin}/`);
  console.log(`  broker (PeerServer): ${broker.url}`);
  console.log('\n  Open the demo in two tabs (the page links to a second one). Ctrl+C stops.\n');
  const stop = () => broker.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`start: ${error.message}${error.code === 'EADDRINUSE' ? ': pick another with --port (or PORT=...)' : ''}`);
  process.exit(1);
}
