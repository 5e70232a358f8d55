// The visual suite's page (test/pages/visual.html): test/visual.test.ts makes the elements it
// pictures with window.__add() and drives them through page-eval.
import { PEER_URL } from '/__peer-config.js';

/** Elements by key (also their id, so visual-snap finds them as `#key`). */
window.__els = {};

/** The time every message shows (local time, so it reads 09:41 in any time zone). */
const FIXED_TIME = new Date(2025, 0, 15, 9, 41).getTime();

/**
 * Makes an element: `attrs` are attributes (`server` defaults to the test broker, unless
 * `signaling` is set); `parent` is an element id (`main` by default, or a `.pair` made for it).
 * Resolves once it is registered with the broker (with `wait: false` at once).
 */
window.__add = (key, tag, attrs = {}, { parent = 'main', wait = true } = {}) => {
  const el = document.createElement(tag);
  el.id = key;
  el.setAttribute('ice-servers', '[]');
  if (!('signaling' in attrs) && !('server' in attrs)) el.setAttribute('server', PEER_URL);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  if (tag === 'rtc-call') el.videoConstraints = { width: { ideal: 320 }, height: { ideal: 240 }, frameRate: { ideal: 15 } };
  el.__brokerStates = [];
  el.addEventListener('rtc-broker-state', (e) => el.__brokerStates.push({ ...e.detail, at: performance.now() }));
  const opened = wait ? new Promise((resolve) => el.addEventListener('rtc-open', resolve, { once: true })) : Promise.resolve();
  let host = document.getElementById(parent);
  if (!host) {
    host = document.createElement('div');
    host.className = 'pair';
    host.id = parent;
    document.getElementById('main').append(host);
  }
  host.append(el);
  window.__els[key] = el;
  return opened.then(() => true);
};

/** Gives every message of the chat `key` the same time (the times shown are the only clock). */
window.__fixTimes = (key) => {
  const chat = window.__els[key];
  chat.messages = chat.messages.map((m) => ({ ...m, time: FIXED_TIME }));
  return chat.updateComplete;
};

/** The shadow-DOM part `part` of the element `key`. */
window.__part = (key, part) => window.__els[key].shadowRoot.querySelector(`[part~="${part}"]`);

/** Masks (see visual.html) for the next pictures: a list of part names, or none. */
window.__mask = (parts = []) => {
  document.documentElement.dataset.mask = parts.join(' ');
  return true;
};

/** A small picture to send: drawn, so its bytes (and its size on the card) are the same each run. */
window.__picture = async () => {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 180;
  const g = canvas.getContext('2d');
  g.fillStyle = '#2657d9';
  g.fillRect(0, 0, 320, 180);
  g.fillStyle = '#7aa2ff';
  g.fillRect(0, 120, 320, 60);
  g.fillStyle = '#ffffff';
  g.fillRect(24, 40, 160, 24);
  g.fillRect(24, 76, 96, 16);
  return new Promise((resolve) => {
    canvas.toBlob(resolve, 'image/png');
  });
};

Promise.all([customElements.whenDefined('rtc-chat'), customElements.whenDefined('rtc-call')]).then(() => {
  window.__status = 'open';
});
