// The example apps (examples/*), as built by `npm run test:examples` from the packed package: each
// page renders two <rtc-chat> (alice dials bob) on our PeerServer, bob greets whoever connects,
// and alice's framework event binding records the message (window.__received and a visible list).
// Runs in `npm test` after test:examples; without built examples it fails and says how to build them.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { SERVER } from './helpers.js';

interface Opened {
  handle: number;
  status: string;
}
interface PageState {
  received: string[];
  list: string[];
  errors: string[];
}

const BUILD_COMMAND = 'npm run build && npm run test:examples';

async function openExample(name: string): Promise<number> {
  const index = `/examples/${name}/dist/index.html`;
  const probe = await fetch(index, { cache: 'no-store' });
  if (!probe.ok) {
    throw new Error(
      `examples/${name}/dist/index.html is not built (HTTP ${probe.status} for ${index}). Build the examples with \`${BUILD_COMMAND}\` (or \`node scripts/examples.mjs --only=${name}\` after \`npm run build\`).`,
    );
  }
  const query = new URLSearchParams({ server: SERVER, key: 'peerjs' });
  const { handle, status } = await executeServerCommand<Opened, { url: string }>('open-page', { url: `${location.origin}${index}?${query}` });
  expect(status, `examples/${name}: both chats registered with the broker`).to.equal('open');
  return handle;
}

async function state(handle: number): Promise<PageState> {
  const { value } = await executeServerCommand<{ value: PageState }, { handle: number; expression: string }>('page-eval', {
    handle,
    expression: `({ received: window.__received, errors: window.__errors,
      list: [...document.querySelectorAll('#received li')].map((li) => li.textContent.trim()) })`,
  });
  return value;
}

async function expectGreeting(name: string): Promise<void> {
  const handle = await openExample(name);
  try {
    const deadline = performance.now() + 20000;
    let last = await state(handle);
    while (!(last.received.some((t) => t.startsWith('hello from bob')) && last.list.some((t) => t.includes('hello from bob')))) {
      if (performance.now() > deadline) throw new Error(`examples/${name}: no message from bob reached alice's handler in 20 s (${JSON.stringify(last)})`);
      await new Promise((r) => setTimeout(r, 100));
      last = await state(handle);
    }
    expect(last.received[0]).to.match(/^hello from bob to alice-/);
    expect(last.list[0]).to.match(/^bob-\w+: hello from bob to alice-/);
  } finally {
    await executeServerCommand('close-page', { handle });
  }
}

describe('example apps (built from the packed package)', function () {
  this.timeout(60000);

  it('plain HTML: the script-tag build chats in Chromium', () => expectGreeting('html'));
  it("mounts the React app in Chromium: onrtc-message receives bob's message", () => expectGreeting('react'));
  it("mounts the Vue app in Chromium: @rtc-message receives bob's message", () => expectGreeting('vue'));
  it("mounts the Svelte app in Chromium: onrtc-message receives bob's message", () => expectGreeting('svelte'));
  it("mounts the Angular app in Chromium: (rtc-message) receives bob's message", () => expectGreeting('angular'));
});
