// Types for rtc-elements-broker (written by hand; the code is plain JavaScript in src/).
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';

/** Options of every broker, standalone or attached. */
export interface BrokerOptions {
  /**
   * URL path of the broker: the path of `<rtc-chat server="https://host/myapp">`. Starts with `/`;
   * a trailing `/` is dropped. HTTP routes are `${path}/${key}/id` (and `/peers`), the WebSocket
   * is `${path}/peerjs`. Default `/myapp`.
   */
  readonly path?: string;
  /** Key clients must send: `<rtc-chat server-key>`. Others are refused. Default `peerjs`. */
  readonly key?: string;
  /**
   * Behind a TLS-terminating reverse proxy: trust its `X-Forwarded-*` headers (express's
   * `trust proxy`, for `req.ip`/`req.protocol`). Default false.
   */
  readonly proxied?: boolean;
  /** Let clients list connected peer ids (`GET ${path}/${key}/peers`). Default false. */
  readonly allowDiscovery?: boolean;
  /** PeerServer's `expire_timeout`: ms a message waits for an absent peer. Default 5000. */
  readonly expireTimeout?: number;
  /** PeerServer's `alive_timeout`: ms without a heartbeat before a peer is dropped. Default 90000. */
  readonly aliveTimeout?: number;
  /** PeerServer's `concurrent_limit`: peers connected at once (per instance). Default 5000. */
  readonly concurrentLimit?: number;
  /**
   * Redis mode: `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS) of a Redis or
   * Valkey that several broker instances share; they then act as one broker (ids unique across
   * instances, messages relayed between them). Not Redis Cluster. Without it: one instance, state
   * in memory, as PeerServer. Startup rejects (`code: 'REDIS_UNAVAILABLE'`) if it cannot connect.
   */
  readonly redis?: string;
  /** Redis mode: prefix of every key and channel (then `${path}:${key}:`). Default `rtc-broker:`. */
  readonly redisPrefix?: string;
  /** Redis mode: ms after which a silent (dead) instance's ids are free; at least 500. Default 3000. */
  readonly instanceTtl?: number;
  /** WebSockets open at once from one IP address (with `proxied`, the proxy's X-Forwarded-For). 0: no limit. Default 200. */
  readonly maxConnectionsPerIp?: number;
  /** Messages a second per client, bursts of 4x; past that they are dropped, then the socket is closed (1008). 0: no limit. Default 50. */
  readonly maxMessagesPerSecond?: number;
  /** Largest frame a client may send, in bytes (over it the socket is closed, 1009). 0: no limit. Default 131072. */
  readonly maxMessageBytes?: number;
}

/** What `health()` and `GET /health` report. */
export interface BrokerHealth {
  /** Serving (and, in Redis mode, Redis answers): `GET /health` is 200, else 503. */
  readonly ok: boolean;
  readonly status: 'ok' | 'draining' | 'redis-unreachable' | 'error';
  /** This instance's id (hostname-pid-random in Redis mode). */
  readonly instance: string;
  readonly mode: 'single' | 'redis';
  /** Peers registered on this instance. */
  readonly peers: number;
  /** Redis mode only. */
  readonly redis?: 'up' | 'down';
}

/** Options of a standalone broker (`startBroker`). */
export interface StartBrokerOptions extends BrokerOptions {
  /** Interface to listen on. Default `127.0.0.1` (this machine only); `0.0.0.0` for all. */
  readonly host?: string;
  /** TCP port; 0 picks a free one (read it from `port`). Default 9000. */
  readonly port?: number;
  /** Static folders served beside the broker: URL prefix (starting with `/`) -> folder. */
  readonly staticDirs?: Readonly<Record<string, string>>;
}

/** Listener arguments of each broker event. */
export interface BrokerEventMap {
  /** A peer registered (its WebSocket opened with a new id). */
  connection: [id: string];
  /** A peer left: its socket closed or it stopped sending heartbeats. */
  disconnect: [id: string];
  /** A client sent a frame that is not JSON, or its socket failed. The broker goes on. */
  error: [error: Error];
  /** Redis mode: Redis became unreachable (`up: false`) or reachable again. */
  redis: [state: { readonly up: boolean; readonly error?: string }];
}

export interface Broker {
  /** The URL path, as given or defaulted (without a trailing `/`). */
  readonly path: string;
  readonly key: string;
  /** Ids of the peers connected to this broker instance now. */
  readonly clients: ReadonlySet<string>;
  /** `redis` with the `redis` option, else `single`. */
  readonly mode: 'single' | 'redis';
  /** This instance's id, as in `/health` and the `rtc_broker_info` metric. */
  readonly instance: string;
  /** Whether this instance serves (and reaches Redis, pinged within 1 s): `GET /health`'s answer. */
  health(): Promise<BrokerHealth>;
  /** The metrics in Prometheus text format: `GET /metrics`'s answer (README.md lists them). */
  metricsText(): string;
  on<E extends keyof BrokerEventMap>(event: E, listener: (...args: BrokerEventMap[E]) => void): this;
  once<E extends keyof BrokerEventMap>(event: E, listener: (...args: BrokerEventMap[E]) => void): this;
  off<E extends keyof BrokerEventMap>(event: E, listener: (...args: BrokerEventMap[E]) => void): this;
  /**
   * Graceful stop: refuses new connections (503), in Redis mode gives its ids back at once,
   * closes every peer socket with 1012 (PeerJS then reconnects, through a load balancer to
   * another instance; a socket that does not answer within a second or two is cut), and stops
   * PeerServer's timers. Resolves when every peer socket has closed. Calling it again returns the
   * same promise.
   */
  close(): Promise<void>;
}

/**
 * Serves the broker's HTTP routes under its path and calls `next` for every other request (with no
 * `next`, answers 404). An express app: mount it with `app.use(broker.handler)` (no path: the
 * broker's path is in its options), or call it from a plain request listener.
 */
export type BrokerRequestHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

export interface AttachedBroker extends Broker {
  readonly handler: BrokerRequestHandler;
}

export interface StandaloneBroker extends Broker {
  /** The broker's URL for `<rtc-chat server>`, e.g. `http://127.0.0.1:9000/myapp` (`localhost` when listening on every interface). */
  readonly url: string;
  /** `http://host:port`, e.g. for `staticDirs`. */
  readonly origin: string;
  /** The interface it listens on, as given. */
  readonly host: string;
  /** The port it listens on (the one picked when given 0). */
  readonly port: number;
  /** Its http server, which also serves `GET /health` and `GET /metrics` at its root. `close()` closes it. */
  readonly server: HttpServer;
}

/**
 * Starts a standalone broker on its own http server. Resolves once it listens; rejects if it
 * cannot (an error with `code: 'EADDRINUSE'` when the port is taken) or on a bad option.
 */
export function startBroker(options?: StartBrokerOptions): Promise<StandaloneBroker>;

/**
 * Attaches a broker to your http/https server: it takes the WebSocket upgrades on
 * `${path}/peerjs` (other upgrades are left to your listeners) and gives `handler` for its HTTP
 * routes. `close()` detaches it and leaves your server running.
 */
export function attachBroker(server: HttpServer | HttpsServer, options?: BrokerOptions): Promise<AttachedBroker>;
