// Limits against a client that speaks the WebSocket protocol directly: connections per IP address
// and messages per second per connection (the size cap is ws's maxPayload). Both modes use them.

/** The client's address: the socket's, or behind a trusted proxy the one it appended last. */
export function clientIp(req, proxied) {
  if (proxied) {
    const forwarded = req.headers['x-forwarded-for'];
    const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
    const last = list[list.length - 1].trim();
    if (last) return last;
  }
  return req.socket?.remoteAddress ?? 'unknown';
}

/** Live connections per address; take() refuses past `max` (0: no limit). */
export function createIpCounter(max) {
  const counts = new Map();
  return {
    take(ip) {
      const n = counts.get(ip) ?? 0;
      if (max > 0 && n >= max) return false;
      counts.set(ip, n + 1);
      return true;
    },
    release(ip) {
      const n = counts.get(ip) ?? 0;
      if (n <= 1) counts.delete(ip);
      else counts.set(ip, n - 1);
    },
    get size() {
      return counts.size;
    },
  };
}

/**
 * A token bucket per connection: `rate` messages a second, bursts of `burst`. allow() says
 * whether this message may pass; `abusive` turns true once a second's worth of messages (`rate`)
 * was refused since the bucket last had room, the point where the broker closes the connection.
 * rate 0: no limit.
 */
export function createRateLimiter(rate, burst) {
  let tokens = burst;
  let last = performance.now();
  let refusedInRow = 0;
  return {
    allow() {
      if (rate <= 0) return true;
      const now = performance.now();
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * rate);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        refusedInRow = 0;
        return true;
      }
      refusedInRow++;
      return false;
    },
    get abusive() {
      return rate > 0 && refusedInRow >= rate;
    },
  };
}

/** Close codes the broker uses (PeerJS reconnects on any close of an open socket). */
export const CLOSE = Object.freeze({
  /** Graceful shutdown: reconnect (to another instance). */
  restart: 1012,
  rate: 1008,
  /** ws closes with 1009 itself when a frame is over maxPayload. */
  tooBig: 1009,
  /** The id is now held by a newer connection with the same token (elsewhere). */
  replaced: 4000,
});
