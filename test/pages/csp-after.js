// Runs after the bundle was loaded twice: the elements must work, with nothing blocked.
import { PEER_URL } from '/__peer-config.js';

const ours = new Set(['__globalsBefore', '__violations', '__errors', '__status', '__newGlobals', '__received', '__styled']);
window.__newGlobals = Object.getOwnPropertyNames(window).filter((k) => !window.__globalsBefore.includes(k) && !ours.has(k));
const id = () => `csp-${Math.random().toString(36).slice(2, 10)}`;
// Created and configured from script, the way a page without static markup does it.
const a = document.createElement('rtc-chat');
const b = document.createElement('rtc-chat');
const bId = id();
window.__received = [];
b.addEventListener('rtc-message', (e) => {
  if (!e.detail.self) window.__received.push(e.detail.data);
});
a.addEventListener('rtc-connect', () => a.send('hello under CSP'));
b.addEventListener('rtc-open', () => {
  document.body.append(a);
  a.iceServers = [];
  a.server = PEER_URL;
  a.peerId = id();
  a.remote = bId;
});
document.body.append(b);
b.iceServers = [];
b.server = PEER_URL;
b.peerId = bId;
const poll = setInterval(() => {
  if (window.__received.length) {
    clearInterval(poll);
    // styles applied (constructable stylesheets are not blocked by style-src 'self')
    const base = a.shadowRoot.querySelector('[part~="base"]');
    window.__styled = getComputedStyle(base).display === 'flex';
    window.__status = 'open';
  }
}, 50);
setTimeout(() => {
  if (window.__status !== 'open') window.__status = 'error:timeout';
}, 15000);
