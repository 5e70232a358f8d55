// Compiled by `tsc -p test/types` in npm test: the published typings must let apps write this.
// React 19 JSX, with the JSX types from `rtc-elements/jsx` (resolved through package.json "exports",
// as an app resolves them).
import { useRef } from 'react';
import { RtcChat, RtcErrorEvent, type ChatMessage, type RtcMessageEvent } from 'rtc-elements';
import type {} from 'rtc-elements/jsx';
import type {} from 'rtc-elements/vue';
import type {} from 'rtc-elements/svelte';

const chat = document.querySelector('rtc-chat');
if (chat) {
  const element: RtcChat = chat;
  element.iceServers = [{ urls: 'stun:stun.example.com:3478' }];
  element.addEventListener('rtc-message', (e) => {
    const from: string = e.detail.from;
    const self: boolean = e.detail.self;
    console.log(from, self, e.detail.data);
  });
  element.addEventListener('rtc-error', (e: RtcErrorEvent) => console.log(e.detail.type, e.detail.message));
  element.send({ hello: 'world' }).then((m: ChatMessage) => m.id);
}

export function Chat({ broker, onText }: { broker: string; onText: (text: string) => void }) {
  const ref = useRef<RtcChat>(null);
  return (
    <div>
      {/* attributes by their HTML names, properties by theirs, events as onrtc-* */}
      <rtc-chat ref={ref} className="chat" style={{ height: '20rem' }} peer-id="alice" remote="bob" server={broker}
        iceServers={[]} max-messages={100} no-files persist={false} signaling="broker"
        onrtc-message={(e) => { if (!e.detail.self) onText(String(e.detail.data)); }}
        onrtc-message-status={(e) => console.log(e.detail.status === 'read')}
        onrtc-error={(e) => console.warn(e.detail.type, e.detail.message)}
        onrtc-file={(e) => e.detail.blob.size}
        onClick={() => ref.current?.send('clicked')} />
      <rtc-call peer-id="bob" server={broker} audioOnly stats-interval="500"
        onrtc-call-end={(e) => console.log(e.detail.reason)}
        onrtc-stats={(e) => console.log(e.detail.roundTripTime)} />
    </div>
  );
}

// A handler declared with the event class is accepted as well.
const onMessage = (e: RtcMessageEvent) => console.log(e.detail.id);
export const typed = <rtc-chat onrtc-message={onMessage} />;

// Wrong usages are errors:
// @ts-expect-error rtc-message's detail has no `text` (it is `data`)
export const wrongField = <rtc-chat onrtc-message={(e) => console.log(e.detail.text)} />;
// @ts-expect-error a handler for another event's class does not fit rtc-message
export const wrongClass = <rtc-chat onrtc-message={(e: RtcErrorEvent) => e.detail.type} />;
// @ts-expect-error signaling takes 'broker' | 'local' | 'manual'
export const wrongValue = <rtc-chat signaling="smoke-signals" />;
// @ts-expect-error iceServers is an array (ice-servers takes the JSON text)
export const wrongProperty = <rtc-chat iceServers="[]" />;
// @ts-expect-error the generated types have no prop named `undefined`
export const noUndefinedProp = <rtc-call undefined="x" />;
