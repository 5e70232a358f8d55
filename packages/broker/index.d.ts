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
  /** PeerServer's `concurrent_limit`: peers connected at once. Default 5000. */
  readonly concurrentLimit?: number;
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
}

export interface Broker {
  /** The URL path, as given or defaulted (without a trailing `/`). */
  readonly path: string;
  readonly key: string;
  /** Ids of the peers connected to this broker instance now. */
  readonly clients: ReadonlySet<string>;
  on<E extends keyof BrokerEventMap>(event: E, listener: (...args: BrokerEventMap[E]) => void): this;
  once<E extends keyof BrokerEventMap>(event: E, listener: (...args: BrokerEventMap[E]) => void): this;
  off<E extends keyof BrokerEventMap>(event: E, listener: (...args: BrokerEventMap[E]) => void): this;
  /**
   * Stops the broker: disconnects every peer and stops PeerServer's timers. Resolves when every
   * peer socket has closed. Calling it again returns the same promise.
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
  /** Its http server. `close()` closes it. */
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
