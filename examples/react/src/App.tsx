// Two <rtc-chat> on one page (alice dials bob) on the broker named in the URL:
// ?server=http://127.0.0.1:9000/myapp&key=peerjs (the defaults: `npm run broker` in rtc-elements).
import { useRef, useState } from 'react';
import type { RtcChat } from 'rtc-elements/rtc-chat';
import type {} from 'rtc-elements/jsx';

declare global {
  interface Window { __received: string[]; __status?: string; __errors: string[] }
}
window.__received = [];
window.__errors = [];

const query = new URLSearchParams(location.search);
const server = query.get('server') ?? 'http://127.0.0.1:9000/myapp';
const key = query.get('key') ?? 'peerjs';
const suffix = Math.random().toString(36).slice(2, 8);
const aliceId = `alice-${suffix}`;
const bobId = `bob-${suffix}`;

export function App() {
  const [received, setReceived] = useState<string[]>([]);
  const bob = useRef<RtcChat>(null);
  const opened = useRef(new Set<string>());
  const onOpen = (id: string) => {
    opened.current.add(id);
    if (opened.current.size === 2) window.__status = 'open';
  };
  return (
    <main>
      <h1>rtc-elements + React</h1>
      <rtc-chat id="bob" ref={bob} peer-id={bobId} server={server} server-key={key} iceServers={[]}
        onrtc-open={(e) => onOpen(e.detail.id)}
        onrtc-connect={(e) => { void bob.current?.send(`hello from bob to ${e.detail.peer}`); }}
        onrtc-error={(e) => window.__errors.push(`bob: ${e.detail.type}`)} />
      <rtc-chat id="alice" peer-id={aliceId} remote={bobId} server={server} server-key={key} iceServers={[]}
        onrtc-open={(e) => onOpen(e.detail.id)}
        onrtc-message={(e) => {
          if (e.detail.self) return;
          const text = String(e.detail.data);
          window.__received.push(text);
          setReceived((list) => [...list, `${e.detail.from}: ${text}`]);
        }}
        onrtc-error={(e) => window.__errors.push(`alice: ${e.detail.type}`)} />
      <h2>Alice received</h2>
      <ul id="received">{received.map((line, i) => <li key={i}>{line}</li>)}</ul>
    </main>
  );
}
