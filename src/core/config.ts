import { RtcError } from './errors.js';

/** Where the PeerJS broker (PeerServer) lives, split the way PeerJS wants it. */
export interface BrokerAddress {
  secure: boolean;
  host: string;
  port: number;
  path: string;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'ws:': 80, 'https:': 443, 'wss:': 443 };

/**
 * Parses the `server` attribute, e.g. `https://peer.example.com:443/myapp`.
 * The scheme decides TLS, then host, port (default from the scheme) and path.
 */
export function parseServerUrl(value: string): BrokerAddress {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RtcError('invalid-server', `The server attribute "${value}" is not a valid URL; use e.g. "https://peer.example.com:443/myapp".`);
  }
  if (!(url.protocol in DEFAULT_PORTS)) {
    throw new RtcError('invalid-server', `The server URL "${value}" must start with http://, https://, ws:// or wss://.`);
  }
  if (!url.hostname) throw new RtcError('invalid-server', `The server URL "${value}" has no host name.`);
  if (url.username || url.password || url.search || url.hash) {
    throw new RtcError('invalid-server', `The server URL "${value}" must not contain credentials, a query or a fragment; use server-key for the key.`);
  }
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  // URL keeps IPv6 hosts in brackets; PeerJS builds its own URLs and needs them kept.
  const path = url.pathname && url.pathname !== '' ? url.pathname : '/';
  return { secure, host: url.hostname, port, path };
}

/** A stable text form of a broker address, used as part of the session key. */
export function brokerUrl(address: BrokerAddress | undefined): string {
  if (!address) return 'peerjs-cloud';
  return `${address.secure ? 'https' : 'http'}://${address.host}:${address.port}${address.path}`;
}

const ICE_SCHEMES = /^(stun|stuns|turn|turns):/i;

/** Checks one RTCIceServer-like value and returns a clean copy (unknown keys are dropped). */
function checkIceServer(entry: unknown, index: number): RTCIceServer {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    throw new RtcError('invalid-ice-servers', `ice-servers[${index}] must be an object like {"urls": "stun:stun.example.com:3478"}.`);
  }
  const { urls, username, credential } = entry as Record<string, unknown>;
  const list = typeof urls === 'string' ? [urls] : urls;
  if (!Array.isArray(list) || list.length === 0 || !list.every((u) => typeof u === 'string' && ICE_SCHEMES.test(u))) {
    throw new RtcError('invalid-ice-servers', `ice-servers[${index}].urls must be a stun:, stuns:, turn: or turns: URL (or an array of them).`);
  }
  const server: RTCIceServer = { urls: typeof urls === 'string' ? urls : [...(list as string[])] };
  if (username !== undefined) {
    if (typeof username !== 'string') throw new RtcError('invalid-ice-servers', `ice-servers[${index}].username must be a string.`);
    server.username = username;
  }
  if (credential !== undefined) {
    if (typeof credential !== 'string') throw new RtcError('invalid-ice-servers', `ice-servers[${index}].credential must be a string.`);
    server.credential = credential;
  }
  const isTurn = (list as string[]).some((u) => /^turns?:/i.test(u));
  if (isTurn && (server.username === undefined || server.credential === undefined)) {
    throw new RtcError('invalid-ice-servers', `ice-servers[${index}] is a TURN server and needs "username" and "credential".`);
  }
  return server;
}

/** Validates an array of RTCIceServer (the `iceServers` property). */
export function checkIceServers(value: unknown): RTCIceServer[] {
  if (!Array.isArray(value)) throw new RtcError('invalid-ice-servers', 'ice-servers must be a JSON array, e.g. [{"urls":"stun:stun.example.com:3478"}].');
  return value.map(checkIceServer);
}

/** Parses the `ice-servers` attribute (JSON text). */
export function parseIceServers(text: string): RTCIceServer[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RtcError('invalid-ice-servers', `ice-servers is not valid JSON (${(error as Error).message}).`);
  }
  return checkIceServers(value);
}

/** PeerJS's own rule for ids: alphanumeric at both ends, spaces, dashes, underscores inside. */
const PEER_ID = /^[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*$/;
/** Longer ids are refused, ours and remote ones alike: nothing legitimate needs more. */
export const MAX_PEER_ID_LENGTH = 128;

/** Whether `id` is a valid peer id (the rule our own ids and every remote id must follow). */
export function isPeerId(id: string): boolean {
  return id.length <= MAX_PEER_ID_LENGTH && PEER_ID.test(id);
}

export function checkPeerId(id: string, what = 'peer-id'): string {
  if (!isPeerId(id)) {
    throw new RtcError(
      'invalid-id',
      `${what} "${id}" is not a valid peer id: use letters and digits, with single "-", "_" or spaces between them (at most ${MAX_PEER_ID_LENGTH} characters).`,
    );
  }
  return id;
}
