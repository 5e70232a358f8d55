// Compiled by `tsc -p test/types` in npm test: the published typings must let apps write this.
import { RtcChat, RtcErrorEvent, type ChatMessage } from '../../dist/index.js';
import type {} from '../../types/jsx.d.ts';
import type {} from '../../types/vue.d.ts';

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

// React 19 JSX with the generated IntrinsicElements
export const view = <rtc-chat peer-id="alice" remote="bob" server="https://peer.example.com/myapp" max-messages={100} />;
