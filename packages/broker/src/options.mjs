// Defaults and checks shared by the functions (messages name `options.port`) and the CLI (messages
// name `--port` or `BROKER_PORT`).

export const DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  port: 9000,
  path: '/myapp',
  key: 'peerjs',
  proxied: false,
  allowDiscovery: false,
  redisPrefix: 'rtc-broker:',
  /** Redis mode: ms after which a silent instance counts as dead (its ids are free). */
  instanceTtl: 3000,
  maxConnectionsPerIp: 200,
  maxMessagesPerSecond: 50,
  maxMessageBytes: 128 * 1024,
});

/** A whole number >= min, or 0 for "no limit". */
export function checkCount(value, label, min = 1) {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || (n !== 0 && n < min)) {
    throw new TypeError(`${label} must be a whole number${min > 1 ? ` of at least ${min}` : ' above 0'}, or 0 for no limit (got ${show(value)})`);
  }
  return n;
}

/** redis://[user:password@]host[:port][/db] or rediss:// (TLS). */
export function checkRedisUrl(value, label) {
  let url;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || !url.hostname) {
    throw new TypeError(
      `${label} must be a redis://HOST:PORT or rediss://HOST:PORT URL (got ${show(typeof value === 'string' ? value.replace(/\/\/[^@/]*@/, '//***@') : value)})`,
    );
  }
  return value;
}

export function checkRedisPrefix(value, label) {
  if (typeof value !== 'string' || /\s/.test(value) || value.length > 100) {
    throw new TypeError(`${label} must be a string without spaces, at most 100 characters (got ${show(value)})`);
  }
  return value;
}

export function checkHost(value, label) {
  if (typeof value !== 'string' || value.trim() === '' || /\s/.test(value)) {
    throw new TypeError(`${label} must be a host name or IP address (got ${show(value)})`);
  }
  return value;
}

export function checkPort(value, label) {
  const port = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`${label} must be a whole number from 0 to 65535 (got ${show(value)})`);
  }
  return port;
}

/** A URL path starting with "/", without a trailing "/" (except "/" itself). */
export function checkPath(value, label) {
  if (typeof value !== 'string' || !value.startsWith('/')) {
    throw new TypeError(`${label} must start with "/" (got ${show(value)})`);
  }
  if (/[\s?#%\\]/.test(value) || value.includes('//')) {
    throw new TypeError(`${label} must be a plain URL path such as /myapp, without spaces, ?, #, %, \\ or // (got ${show(value)})`);
  }
  return value.length > 1 && value.endsWith('/') ? value.slice(0, -1) : value;
}

/** PeerJS puts the key into URLs as it is, so it must not need escaping. */
export function checkKey(value, label) {
  if (typeof value !== 'string' || value === '' || /[\s/?#%\\]/.test(value)) {
    throw new TypeError(`${label} must be a non-empty string without spaces, /, ?, #, % or \\ (got ${show(value)})`);
  }
  return value;
}

export function checkBoolean(value, label) {
  if (typeof value !== 'boolean') throw new TypeError(`${label} must be true or false (got ${show(value)})`);
  return value;
}

export function checkMilliseconds(value, label) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new TypeError(`${label} must be a whole number of milliseconds above 0 (got ${show(value)})`);
  }
  return value;
}

export function show(value) {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
