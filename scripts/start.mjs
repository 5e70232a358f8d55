#!/usr/bin/env node
// `npm start`: serves the demo (demo/ and the built dist/) and a PeerJS broker on one loopback port.
// Open the printed URL in two tabs: they can chat and call each other.
// Options: --port 8080 --host 127.0.0.1 (or PORT / HOST).
import { startBroker, parseArgs } from './lib/broker.mjs';

try {
  const options = parseArgs(process.argv.slice(2), {
    host: process.env.HOST || '127.0.0.1',
    port: Number(process.env.PORT || 8080),
  });
  const broker = await startBroker({
    host: options.host,
    port: options.port,
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
  console.error(`start: ${error.message}`);
  process.exit(1);
}
