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

// What express's app.use() takes (its Request/Response extend Node's, its next is overloaded):
// the handler must be assignable to it without @types/express.
interface ExpressRequest extends http.IncomingMessage { baseUrl: string; originalUrl: string }
interface ExpressResponse extends http.ServerResponse { locals: Record<string, unknown> }
interface NextFunction { (err?: unknown): void; (deferToNext: 'router'): void }
type ExpressHandler = (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => void;
export function mountable(broker: AttachedBroker): ExpressHandler {
  return broker.handler;
}
