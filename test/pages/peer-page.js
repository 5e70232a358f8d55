// Shared setup of the second-user test pages (each loads a different build of the elements and
// records different things; this is what they have in common). Pages are driven by page-eval.
import { PEER_URL } from '/__peer-config.js';

export const params = new URLSearchParams(location.search);

/** Small camera video, like the tests' own elements: cheap on the 2-core test machines. */
export const SMALL_VIDEO = { width: { ideal: 320 }, height: { ideal: 240 }, frameRate: { ideal: 15 } };

/** Points `el` at the test PeerServer (no ICE servers: host candidates) with the page's ?id=. */
export function configure(el) {
  el.setAttribute('ice-servers', '[]');
  el.setAttribute('server', PEER_URL);
  el.setAttribute('peer-id', params.get('id'));
}

/** Broker errors the element retries by itself (peer-controller.ts TRANSIENT): not a failed start. */
const TRANSIENT = ['network', 'socket-error', 'socket-closed', 'server-error', 'broker-timeout'];

/**
 * window.__status: 'starting', 'open' after rtc-open, or `error:<type>` for an rtc-error before
 * that (except the transient broker errors the element recovers from by retrying).
 */
export function trackStatus(el) {
  window.__status = 'starting';
  el.addEventListener(
    'rtc-open',
    () => {
      window.__status = 'open';
    },
    { once: true },
  );
  el.addEventListener('rtc-error', (e) => {
    if (window.__status !== 'open' && !TRANSIENT.includes(e.detail.type)) window.__status = `error:${e.detail.type}`;
  });
}

/** Collects received messages' data in window.__received. */
export function collectReceived(chat) {
  window.__received ??= [];
  chat.addEventListener('rtc-message', (e) => {
    if (!e.detail.self) window.__received.push(e.detail.data);
  });
}

/** Records events of `types` as {type, detail} in window.__events (streams as '[MediaStream]'). */
export function recordEvents(el, types) {
  window.__events ??= [];
  for (const type of types) {
    el.addEventListener(type, (e) => {
      const detail = { ...e.detail };
      for (const k of Object.keys(detail)) if (detail[k] instanceof MediaStream) detail[k] = '[MediaStream]';
      window.__events.push({ type, detail });
    });
  }
}
