// Custom Elements Everywhere style checks: each framework mounts two <rtc-chat>, passes an object
// property (iceServers), a plain attribute (peer-id) and receives rtc-* events declaratively.
import { expect } from '@open-wc/testing';
// React 19 itself, bundled from node_modules by test/wtr/react-bundle-plugin.mjs (it ships CommonJS only).
import { createElement, createRoot, flushSync, wrappers } from '/__react.js';
import { createApp, h } from 'vue';
import { mount, unmount } from 'svelte';
// @ts-expect-error: .svelte is compiled by test/wtr/svelte-plugin.mjs
import ChatPair from './frameworks/ChatPair.svelte';
import '../src/index.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import { SERVER, uid, until } from './helpers.js';

async function exercise(root: HTMLElement, received: unknown[], aliceSelector: string, bobSelector: string, viaAttributes = true) {
  const alice = root.querySelector(aliceSelector) as RtcChat;
  const bob = root.querySelector(bobSelector) as RtcChat;
  expect(alice, 'alice rendered').to.be.instanceOf(HTMLElement);
  expect(alice.iceServers, 'iceServers set as a property, not stringified').to.deep.equal([]);
  if (viaAttributes) expect(alice.getAttribute('peer-id')).to.be.a('string').and.not.equal('');
  else expect(alice.peerId).to.be.a('string').and.not.equal('');
  await until(() => alice.peers.length === 1 && bob.peers.length === 1, 'framework-mounted elements connected', 20000);
  await bob.send('hello framework');
  await until(() => received.includes('hello framework'), 'the framework handler got rtc-message', 10000);
}

describe('framework integration', () => {
  let container: HTMLDivElement;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.appendChild(container);
  });
  afterEach(() => container.remove());

  it('React 19: props, object properties and onrtc-* events', async () => {
    const received: unknown[] = [];
    const root = createRoot(container);
    const bobId = uid('rbob');
    flushSync(() =>
      root.render(
        createElement(
          'div',
          null,
          createElement('rtc-chat', { id: 'react-bob', 'peer-id': bobId, server: SERVER, iceServers: [] }),
          createElement('rtc-chat', {
            id: 'react-alice',
            'peer-id': uid('ralice'),
            remote: bobId,
            server: SERVER,
            iceServers: [],
            'onrtc-message': (e: CustomEvent) => {
              if (!e.detail.self) received.push(e.detail.data);
            },
          }),
        ),
      ),
    );
    try {
      await exercise(container, received, '#react-alice', '#react-bob');
    } finally {
      root.unmount();
    }
  });

  it('React with the @lit/react wrappers (for React 18 users): camelCase props and onRtc* events', async () => {
    const received: unknown[] = [];
    const root = createRoot(container);
    const bobId = uid('wbob');
    flushSync(() =>
      root.render(
        createElement(
          'div',
          null,
          createElement(wrappers.RtcChat, { id: 'wrap-bob', peerId: bobId, server: SERVER, iceServers: [] }),
          createElement(wrappers.RtcChat, {
            id: 'wrap-alice',
            peerId: uid('walice'),
            remote: bobId,
            server: SERVER,
            iceServers: [],
            onRtcMessage: (e: CustomEvent) => {
              if (!e.detail.self) received.push(e.detail.data);
            },
          }),
        ),
      ),
    );
    try {
      await exercise(container, received, '#wrap-alice', '#wrap-bob', false);
    } finally {
      root.unmount();
    }
  });

  it('Vue 3: attributes, .prop bindings and @rtc-* listeners', async () => {
    const received: unknown[] = [];
    const bobId = uid('vbob');
    const app = createApp({
      render: () =>
        h('div', [
          h('rtc-chat', { id: 'vue-bob', 'peer-id': bobId, server: SERVER, '.iceServers': [] }),
          h('rtc-chat', {
            id: 'vue-alice',
            'peer-id': uid('valice'),
            remote: bobId,
            server: SERVER,
            '.iceServers': [],
            'onRtc-message': (e: CustomEvent) => {
              if (!e.detail.self) received.push(e.detail.data);
            },
          }),
        ]),
    });
    app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('rtc-');
    app.mount(container);
    try {
      await exercise(container, received, '#vue-alice', '#vue-bob');
    } finally {
      app.unmount();
    }
  });

  it('Svelte 5: attributes, properties and onrtc-* handlers', async () => {
    const received: unknown[] = [];
    const component = mount(ChatPair, {
      target: container,
      props: {
        server: SERVER,
        aliceId: uid('salice'),
        bobId: uid('sbob'),
        onmessage: (e: CustomEvent) => {
          if (!e.detail.self) received.push(e.detail.data);
        },
      },
    });
    try {
      await exercise(container, received, '#svelte-alice', '#svelte-bob');
    } finally {
      unmount(component);
    }
  });
});
