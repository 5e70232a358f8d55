#!/usr/bin/env node
// `npm run broker -- [--host 0.0.0.0] [--port 9000] [--path /myapp] [--key peerjs] [--proxied] [--allow-discovery]`
// Runs a self-hosted PeerJS broker alone. Environment variables HOST, PORT, BROKER_PATH, BROKER_KEY
// give the defaults. See the README section "Self-hosting the broker" for production use.
import { startBroker, parseArgs } from './lib/broker.mjs';

try {
  const options = parseArgs(process.argv.slice(2), {
    host: process.env.HOST || '127.0.0.1',
    port: Number(process.env.PORT || 9000),
    path: process.env.BROKER_PATH || '/myapp',
    key: process.env.BROKER_KEY || 'peerjs',
    proxied: process.env.PROXIED === '1',
    allowDiscovery: false,
  });
  const broker = await startBroker(options);
  console.log(`rtc-elements broker (PeerServer) listening on ${broker.url}`);
  console.log(`Use it with: <rtc-chat server="${broker.url}"${options.key !== 'peerjs' ? ` server-key="${options.key}"` : ''}>`);
  broker.peer.on('connection', (c) => console.log(`+ ${c.getId()} (${broker.clients.size} online)`));
  broker.peer.on('disconnect', (c) => console.log(`- ${c.getId()} (${broker.clients.size} online)`));
  const stop = () => { console.log('stopping broker'); broker.close().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`broker: ${error.message}`);
  process.exit(1);
}
