// Demo wiring: one peer id per tab, both elements share it (and so share one PeerJS Peer).
const params = new URLSearchParams(location.search);
const words = ['amber', 'birch', 'cedar', 'delta', 'ember', 'fjord', 'grove', 'harbor', 'iris', 'juniper', 'kite', 'lumen'];
function newId() {
  const n = crypto.getRandomValues(new Uint16Array(2));
  return `${words[n[0] % words.length]}-${(n[1] % 9000) + 1000}`;
}
const myId = params.get('id') || sessionStorage.getItem('rtc-demo-id') || newId();
sessionStorage.setItem('rtc-demo-id', myId);
// ?server= lets the screenshot test point the demo at its own broker.
const server = params.get('server') || `${location.origin}/broker`;
// Loopback demo: no STUN/TURN needed. Add yours here for calls across networks.
const iceServers = [];

// ?signaling=manual: no broker at all; the chat shows a copy-paste pairing panel instead.
const manual = params.get('signaling') === 'manual';
// ?room=name: a group call and chat with every tab that opens the same room (up to 6).
const room = manual ? '' : (params.get('room') ?? '').trim();
const chat = document.getElementById('chat');
const call = document.getElementById('call');
for (const el of [chat, call]) {
  if (manual) el.setAttribute('signaling', 'manual');
  else el.setAttribute('server', server);
  el.setAttribute('peer-id', myId);
  el.iceServers = iceServers;
  if (room) el.setAttribute('room', room);
}
const modeLink = document.getElementById('mode-link');
modeLink.href = manual ? location.pathname : `${location.pathname}?signaling=manual`;
modeLink.textContent = manual ? 'Back to the broker' : 'Try it without any broker (copy-paste pairing)';
if (manual) document.getElementById('second-tab').hidden = true;
document.getElementById('my-id').textContent = myId;
const second = document.getElementById('second-tab');
second.href = `${location.pathname}?remote=${encodeURIComponent(myId)}`;
const roomLink = document.getElementById('room-link');
roomLink.hidden = manual;
if (room) {
  // In a room every tab of the room is called and chatted with: no peer to pick.
  second.href = `${location.pathname}?room=${encodeURIComponent(room)}`;
  second.textContent = `Open another tab in room "${room}" ↗`;
  document.getElementById('remote-form').hidden = true;
  roomLink.href = location.pathname;
  roomLink.textContent = 'Leave the room (one-to-one again)';
} else {
  roomLink.href = `${location.pathname}?room=${encodeURIComponent(`demo-${newId()}`)}`;
  roomLink.textContent = 'Start a group room (up to 6 tabs)';
}

function talkTo(remote) {
  if (!remote) return;
  chat.remote = remote;
  call.remote = remote;
  document.getElementById('remote-input').value = remote;
}
talkTo(params.get('remote'));
document.getElementById('remote-form').addEventListener('submit', (e) => {
  e.preventDefault();
  talkTo(document.getElementById('remote-input').value.trim());
});
// When someone connects to us, point the call at them too, so "Call" rings the right peer; and
// when someone calls, let the chat follow the call.
chat.addEventListener('rtc-connect', (e) => {
  if (!call.remote) call.remote = e.detail.peer;
});
call.addEventListener('rtc-incoming-call', (e) => {
  if (!chat.remote && !chat.peers.includes(e.detail.from)) chat.remote = e.detail.from;
});

document.getElementById('audio-only').addEventListener('change', (e) => {
  call.audioOnly = e.target.checked;
});
document.getElementById('auto-answer').addEventListener('change', (e) => {
  call.autoAnswer = e.target.checked;
});
// rtc-stats fires every 2 s during a call (in a room, for each member): show a small readout
// instead of logging it.
const quality = document.getElementById('quality');
const readings = new Map();
const showQuality = () => {
  quality.textContent = [...readings]
    .map(
      ([peer, { quality: q, roundTripTime, video }]) =>
        `${room ? `${peer}: ` : 'Quality: '}${q}${roundTripTime != null ? `, round trip ${Math.round(roundTripTime)} ms` : ''}${video ? `, ${video.width}×${video.height}` : ''}`,
    )
    .join(' · ');
};
call.addEventListener('rtc-stats', (e) => {
  readings.set(e.detail.peer, e.detail);
  showQuality();
});
call.addEventListener('rtc-call-end', () => {
  readings.clear();
  showQuality();
});
call.addEventListener('rtc-peer-leave', (e) => {
  readings.delete(e.detail.peer);
  showQuality();
});

const toggle = document.getElementById('theme-toggle');
function setTheme(dark) {
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  toggle.setAttribute('aria-pressed', String(dark));
}
setTheme(params.get('theme') === 'dark' || (params.get('theme') !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches));
toggle.addEventListener('click', () => setTheme(document.documentElement.dataset.theme !== 'dark'));

// Event log: every rtc-* event either element fires.
const log = document.getElementById('log');
const types = [
  'rtc-open',
  'rtc-connect',
  'rtc-disconnect',
  'rtc-error',
  'rtc-broker-state',
  'rtc-message',
  'rtc-message-status',
  'rtc-incoming-call',
  'rtc-local-stream',
  'rtc-remote-stream',
  'rtc-call-end',
  'rtc-media-state',
  'rtc-call-state',
  'rtc-file-offer',
  'rtc-file',
  'rtc-file-cancel',
  'rtc-typing',
  'rtc-verification',
  'rtc-unread',
  'rtc-pair',
  'rtc-unpair',
  'rtc-peer-join',
  'rtc-peer-leave',
];
for (const type of types) {
  document.addEventListener(type, (e) => {
    const item = document.createElement('li');
    const detail = { ...e.detail };
    for (const k of Object.keys(detail)) if (detail[k] instanceof MediaStream || detail[k] instanceof Blob) detail[k] = `[${detail[k].constructor.name}]`;
    item.textContent = `${new Date().toLocaleTimeString()} <${e.target.localName}> ${type} ${JSON.stringify(detail)}`;
    if (type === 'rtc-error') item.className = 'error';
    log.prepend(item);
    while (log.children.length > 200) log.lastChild.remove();
  });
}
chat.addEventListener('rtc-open', () => {
  window.__status = 'open';
});
chat.addEventListener('rtc-error', (e) => {
  if (window.__status !== 'open') window.__status = `error:${e.detail.type}`;
});
