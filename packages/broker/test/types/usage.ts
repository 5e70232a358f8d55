// Compile-only check of index.d.ts (tsc -p test/types): the documented uses type-check, misuse does not.
import http from 'node:http';
import https from 'node:https';
import { attachBroker, startBroker } from 'rtc-elements-broker';
import type { AttachedBroker, BrokerOptions, StandaloneBroker, StartBrokerOptions } from 'rtc-elements-broker';

export async function standalone(): Promise<string> {
  const options: StartBrokerOptions = { host: '127.0.0.1', port: 0, path: '/myapp', key: 'K', proxied: true, staticDirs: { '/': 'public' } };
  const broker: StandaloneBroker = await startBroker(options);
  broker.on('connection', (id: string) => console.log(id, broker.clients.size))
    .on('disconnect', (id) => console.log(id.toUpperCase()))
    .once('error', (error: Error) => console.error(error.message));
  const port: number = broker.port;
  const health = await broker.health();
  const ok: boolean = health.ok && health.mode === 'single' && health.redis === undefined;
  const text: string = broker.metricsText();
  broker.on('redis', (state) => console.log(state.up, state.error?.length, ok, text.length, broker.instance, broker.mode));
  const server: http.Server = broker.server;
  server.address();
  await broker.close();
  // @ts-expect-error: clients is read-only
  broker.clients.add('x');
  // @ts-expect-error: no such event
  broker.on('message', () => {});
  // @ts-expect-error: ids are strings
  broker.on('connection', (id: number) => id);
  return `${broker.url} ${broker.origin} ${broker.host} ${port}`;
}

export async function attached(): Promise<void> {
  const server = http.createServer();
  const options: BrokerOptions = { path: '/peer', key: 'K', allowDiscovery: false, expireTimeout: 5000, aliveTimeout: 90000, concurrentLimit: 100 };
  const broker: AttachedBroker = await attachBroker(server, options);
  server.on('request', (req, res) => broker.handler(req, res, () => res.end('app')));
  broker.handler(new http.IncomingMessage(null as never), new http.ServerResponse(new http.IncomingMessage(null as never)));
  await attachBroker(https.createServer({}));
  // @ts-expect-error: host and port belong to startBroker
  await attachBroker(server, { port: 9000 });
  // @ts-expect-error: needs a server
  await attachBroker();
  await broker.close();
}

// @ts-expect-error: port is a number
startBroker({ port: '9000' });

export async function redisMode(): Promise<void> {
  const options: StartBrokerOptions = {
    port: 0,
    redis: 'redis://127.0.0.1:6379',
    redisPrefix: 'app1:',
    instanceTtl: 3000,
    maxConnectionsPerIp: 100,
    maxMessagesPerSecond: 50,
    maxMessageBytes: 65536,
  };
  const broker = await startBroker(options);
  const mode: 'single' | 'redis' = broker.mode;
  console.log(mode);
  // @ts-expect-error: the Redis URL is a string
  await startBroker({ redis: { host: 'localhost' } });
  // @ts-expect-error: limits are numbers
  await startBroker({ maxMessagesPerSecond: '50' });
  // @ts-expect-error: health() is async
  const bad: boolean = broker.health().ok;
  console.log(bad);
  await broker.close();
}

// What express's app.use() takes (its Request/Response extend Node's, its next is overloaded):
// the handler must be assignable to it without @types/express.
interface ExpressRequest extends http.IncomingMessage { baseUrl: string; originalUrl: string }
interface ExpressResponse extends http.ServerResponse { locals: Record<string, unknown> }
interface NextFunction { (err?: unknown): void; (deferToNext: 'router'): void }
type ExpressHandler = (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => void;
export function mountable(broker: AttachedBroker): ExpressHandler {
  return broker.handler;
}
