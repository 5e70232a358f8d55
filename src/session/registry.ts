import { PeerSession, randomHex, type SessionOptions } from './peer-session.js';
import { brokerUrl } from '../core/config.js';
import { identityReady } from './identity-loader.js';
import { signalingReady } from './signaling-loader.js';

/**
 * One reference-counted PeerSession per (broker, key, peer id). Elements acquire on connect and
 * release on disconnect; the Peer is destroyed a tick after the last release, so moving an
 * element in the DOM (disconnect + connect in one task) keeps its connections.
 */
const sessions = new Map<string, PeerSession>();
let anonymous = 0;

export function sessionKey(options: SessionOptions): string {
  // Sessions without an id get a broker-assigned one and are never shared.
  const id = options.peerId ?? `#anonymous-${++anonymous}`;
  const where = options.signaling === 'local' || options.signaling === 'manual' ? options.signaling : brokerUrl(options.broker);
  return `${where}|${options.key}|${id}`;
}

/**
 * PeerServer lets a client take over its own id when it presents the same token. Keeping the
 * token per tab (sessionStorage) means a reload reclaims the id at once instead of failing with
 * unavailable-id while the old page's socket lingers on the broker.
 */
function resumeToken(key: string): string | undefined {
  try {
    const storageKey = `rtc-elements:token:${key}`;
    let token = sessionStorage.getItem(storageKey);
    if (!token) {
      token = randomHex(12);
      sessionStorage.setItem(storageKey, token);
    }
    return token;
  } catch {
    return undefined; // storage disabled: PeerJS makes a token per Peer
  }
}

export function acquireSession(options: SessionOptions): PeerSession {
  const key = sessionKey(options);
  let session = sessions.get(key);
  if (!session || session.isDead || session.state === 'error') {
    session?.destroy();
    session = new PeerSession(key, options.peerId && !options.token ? { ...options, token: resumeToken(key) } : options);
    sessions.set(key, session);
  }
  session.refs++;
  return session;
}

/**
 * Undefined when acquireSession(options) can build its Peer now, or shares a live one (a DOM move
 * keeps its session at once); else a promise for when it can: the no-broker signaling code is
 * loaded and the persistent certificate read (never rejects for the certificate).
 */
export function sessionReady(options: SessionOptions): Promise<unknown> | undefined {
  const live = options.peerId ? sessions.get(sessionKey(options)) : undefined;
  if (live && !live.isDead && live.state !== 'error') return undefined;
  const identity = identityReady(options);
  const signaling = signalingReady(options.signaling);
  return identity && signaling ? Promise.all([identity, signaling]) : (identity ?? signaling);
}

export function releaseSession(session: PeerSession): void {
  session.refs = Math.max(0, session.refs - 1);
  if (session.refs > 0) return;
  setTimeout(() => {
    if (session.refs > 0) return;
    session.destroy();
    if (sessions.get(session.key) === session) sessions.delete(session.key);
  }, 0);
}

// When the page goes away, close every Peer properly: the other side then hears a clean close at
// once instead of waiting for a heartbeat to time out.
if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', (event) => {
    if (event.persisted) return; // kept in the back/forward cache: keep connections
    for (const session of sessions.values()) session.destroy();
    sessions.clear();
  });
}

/** Live sessions; exposed for tests and leak benchmarks. */
export function liveSessionCount(): number {
  return [...sessions.values()].filter((s) => !s.isDead).length;
}
