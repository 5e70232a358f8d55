// Two <rtc-chat> on one page (alice dials bob) on the broker named in the URL:
// ?server=http://127.0.0.1:9000/myapp&key=peerjs (the defaults: `npm run broker` in rtc-elements).
const query = new URLSearchParams(location.search);
const server = query.get('server') ?? 'http://127.0.0.1:9000/myapp';
const key = query.get('key') ?? 'peerjs';
const suffix = Math.random().toString(36).slice(2, 8);
window.__received = [];
window.__errors = [];

const bob = document.getElementById('bob');
const alice = document.getElementById('alice');
const opened = new Set();
for (const [chat, id] of [[bob, `bob-${suffix}`], [alice, `alice-${suffix}`]]) {
  chat.setAttribute('server', server);
  chat.setAttribute('server-key', key);
  chat.setAttribute('peer-id', id);
  chat.addEventListener('rtc-open', (e) => {
    opened.add(e.detail.id);
    if (opened.size === 2) window.__status = 'open';
  });
  chat.addEventListener('rtc-error', (e) => window.__errors.push(`${chat.id}: ${e.detail.type}`));
}
bob.addEventListener('rtc-connect', (e) => { void bob.send(`hello from bob to ${e.detail.peer}`); });
alice.addEventListener('rtc-message', (e) => {
  if (e.detail.self) return;
  const text = String(e.detail.data);
  window.__received.push(text);
  const li = document.createElement('li');
  li.textContent = `${e.detail.from}: ${text}`;
  document.getElementById('received').append(li);
});
// Dial once both listen: setting remote makes alice connect (and reconnect) by itself.
alice.setAttribute('remote', `bob-${suffix}`);
