// Visual regression of what ships: every visible state of <rtc-call> and <rtc-chat>, drawn by the
// built script-tag bundle (dist/rtc-elements.js, minified, production Lit) on test/pages/visual.html
// in a Chromium of its own (still fake camera, silent microphone, no motion), at a desktop and a
// phone width, light and dark, each compared with its baseline in test/visual/baselines/ by
// pixelmatch in Node (test/wtr/visual.mjs). UPDATE_SCREENSHOTS=1 rewrites the baselines and the
// README's pictures (docs/screenshots/, the 'showcase' state).
import { executeServerCommand } from '@web/test-runner-commands';

interface OpenedPage {
  handle: number;
  status: string;
}
interface SnapResult {
  name: string;
  ok: boolean;
  ratio: number;
  message: string;
}
type Width = 'desktop' | 'phone' | 'wide';
type Scheme = 'light' | 'dark';
interface SnapOptions {
  /** Viewport widths (test/wtr/visual.mjs WIDTHS); default desktop and phone. */
  widths?: Width[];
  /** Share of differing pixels allowed (default 0.1%). */
  maxRatio?: number;
  /** Baseline paths by scheme instead of test/visual/baselines/<state>.png. */
  baselines?: Partial<Record<Scheme, string>>;
}

// Fixed peer ids: they are on the pictures.
const A = 'amber-4711';
const B = 'birch-2024';
const C = 'cedar-1001';
const ROOM = 'standup';

async function open(): Promise<number> {
  const page = await executeServerCommand<OpenedPage, { url: string; browser: string }>('open-page', {
    url: `${location.origin}/test/pages/visual.html`,
    browser: 'visual',
  });
  if (page.status !== 'open') throw new Error(`visual page did not open: ${page.status}`);
  return page.handle;
}

async function ev<T = unknown>(handle: number, expression: string): Promise<T> {
  return (await executeServerCommand<{ value: T }, { handle: number; expression: string }>('page-eval', { handle, expression })).value;
}

async function until(handle: number, expression: string, label: string, ms = 20000): Promise<void> {
  const start = Date.now();
  while (!(await ev<boolean>(handle, expression))) {
    if (Date.now() - start > ms) throw new Error(`timeout: ${label}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every mismatch of the current test; it fails at its end with all of them. */
let mismatches: string[] = [];

/** Pictures the element `selector` of a page at each width, light and dark (one command each). */
async function snap(
  handle: number,
  name: string,
  selector: string,
  { widths = ['desktop', 'phone'], maxRatio, baselines = {} }: SnapOptions = {},
): Promise<void> {
  for (const width of widths) {
    for (const scheme of ['light', 'dark'] as const) {
      const { result } = await executeServerCommand<
        { result: SnapResult },
        { handle: number; name: string; selector: string; width: Width; scheme: Scheme; maxRatio?: number; baseline?: string }
      >('visual-snap', { handle, name, selector, width, scheme, maxRatio, baseline: baselines[scheme] });
      if (!result.ok) mismatches.push(result.message);
    }
  }
}

function verdict(): void {
  const found = mismatches;
  mismatches = [];
  if (found.length) throw new Error(`${found.length} picture(s) differ from the baselines:\n${found.join('\n')}`);
}

const el = (key: string) => `window.__els[${JSON.stringify(key)}]`;
const part = (key: string, name: string) => `window.__part(${JSON.stringify(key)}, ${JSON.stringify(name)})`;
/** The `<video>` the page expression `video` names shows decoded frames. */
const plays = (video: string) => `((v) => !!v && v.videoWidth > 0 && v.readyState >= 2 && !v.paused)(${video})`;
const call = el;

describe('visual: what dist/rtc-elements.js draws', () => {
  let a = 0;
  let b = 0;
  let m = 0;

  after(async () => {
    await executeServerCommand('close-pages');
  });

  it('before any connection: the call and the chat ready, the pairing panels, broker errors', async function () {
    this.timeout(60000);
    [a, b, m] = await Promise.all([open(), open(), open()]);
    // First, so that its retries back off to long waits by the time it is pictured.
    await ev(m, `__add('chat-down', 'rtc-chat', { 'peer-id': 'fjord-5005', server: 'http://127.0.0.1:9/myapp' }, { wait: false })`);
    await ev(
      a,
      `Promise.all([
      __add('call-a', 'rtc-call', { 'peer-id': '${A}', 'stats-interval': '500' }, { parent: 'pair-a' }),
      __add('chat-a', 'rtc-chat', { 'peer-id': '${A}' }, { parent: 'pair-a' })])`,
    );
    await snap(a, 'call-idle', '#call-a');
    await snap(a, 'chat-idle', '#chat-a');

    await ev(
      m,
      `Promise.all([
      __add('chat-manual', 'rtc-chat', { 'peer-id': 'grove-6006', signaling: 'manual' }),
      __add('call-manual', 'rtc-call', { 'peer-id': 'harbor-7007', signaling: 'manual' })])`,
    );
    await until(m, `!!${part('chat-manual', 'pairing-create')} && !!${part('call-manual', 'pairing-create')}`, 'pairing panels');
    await snap(m, 'chat-pairing', '#chat-manual');
    await snap(m, 'call-pairing', '#call-manual');
    await ev(m, `(${part('chat-manual', 'pairing-create')}.click(), true)`);
    await until(
      m,
      `${part('chat-manual', 'pairing-code')}?.value.startsWith('rtc-invite:') && !${part('chat-manual', 'pairing-create')}.disabled`,
      'invitation shown',
    );
    await snap(m, 'chat-pairing-invite', '#chat-manual');
    await ev(m, `(${el('chat-manual')}.remove(), ${el('call-manual')}.remove(), true)`);

    // A configuration error (an invalid peer-id): no session at all.
    await ev(m, `__add('chat-bad-id', 'rtc-chat', { 'peer-id': 'amber--4711' }, { wait: false })`);
    await until(m, `${part('chat-bad-id', 'status')}?.classList.contains('status--error')`, 'invalid id reported');
    await snap(m, 'chat-invalid-id', '#chat-bad-id');
    await ev(m, `(${el('chat-bad-id')}.remove(), true)`);

    // The broker unreachable: "retrying", pictured early in one of the backed-off waits (8 s, 16 s, …),
    // not while it tries again (then the status says so for a moment). Pictured again should a
    // retry have come in between after all.
    const inWait = `(() => { const s = ${el('chat-down')}.__brokerStates.at(-1); return s && s.state === 'reconnecting' && performance.now() - s.at < s.retryIn - 4000; })()`;
    const states = `${el('chat-down')}.__brokerStates.length`;
    for (let attempt = 1; ; attempt++) {
      await until(m, inWait, 'broker retry wait', 40000);
      const before = await ev<number>(m, states);
      const known = mismatches.length;
      await snap(m, 'chat-broker-down', '#chat-down');
      if (attempt === 2 || (await ev<number>(m, states)) === before) break;
      mismatches.length = known;
    }
    await ev(m, `(${el('chat-down')}.remove(), true)`);
    verdict();
  });

  it('rtc-chat: a conversation with delivery marks, a received picture and a file waiting for consent', async function () {
    this.timeout(60000);
    await ev(
      b,
      `Promise.all([
      __add('call-b', 'rtc-call', { 'peer-id': '${B}', 'stats-interval': '500' }, { parent: 'pair-b' }),
      __add('chat-b', 'rtc-chat', { 'peer-id': '${B}', remote: '${A}', 'confirm-file-size': '100000' }, { parent: 'pair-b' })])`,
    );
    await until(a, `${el('chat-a')}.peers.includes('${B}')`, 'the chats connect');
    await until(b, `${el('chat-b')}.peers.includes('${A}')`, 'the chats connect (B)');
    await ev(b, `${el('chat-b')}.send('Hi! Did the slides make it?')`);
    await until(a, `${el('chat-a')}.messages.length === 1`, 'A got the message');
    await ev(a, `${el('chat-a')}.send('Sending them now: the roadmap, and the minutes to confirm.')`);
    await ev(a, `(async () => { await ${el('chat-a')}.sendFile(await __picture(), { name: 'roadmap.png' }); return true; })()`);
    await until(b, `${el('chat-b')}.messages.some((m) => m.file?.status === 'done')`, 'B got the picture');
    // Larger than B's confirm-file-size: it waits for B's Accept.
    await ev(a, `(${el('chat-a')}.sendFile(new Blob([new Uint8Array(300000)], { type: 'application/pdf' }), { name: 'minutes.pdf' }).catch(() => {}), true)`);
    await until(b, `${el('chat-b')}.messages.some((m) => m.file?.status === 'offered')`, 'B is offered the minutes');
    await ev(b, `${el('chat-b')}.send('Got the roadmap, thanks!')`);
    await until(a, `${el('chat-a')}.messages.length === 5`, 'A has the whole conversation');
    await until(a, `${el('chat-a')}.messages.filter((m) => m.self && !m.file).every((m) => m.status === 'read')`, 'A sees its message read');
    await until(b, `${el('chat-b')}.messages.filter((m) => m.self).every((m) => m.status === 'read')`, 'B sees its messages read');
    for (const [page, key] of [
      [a, 'chat-a'],
      [b, 'chat-b'],
    ] as const) {
      // The safety code comes a moment after the connection (it is masked, but takes its place).
      await until(page, `!!${el(key)}.verificationCode && !!${part(key, 'verification')}`, `${key} shows a safety code`);
      await ev(page, `__fixTimes('${key}')`);
      await until(page, `[...${el(key)}.shadowRoot.querySelectorAll('img')].every((i) => i.complete && i.naturalWidth > 0)`, 'previews drawn');
    }
    await snap(a, 'chat-conversation', '#chat-a');
    await snap(b, 'chat-received', '#chat-b');
    verdict();
  });

  it('rtc-chat: formatted messages, a code block, and the search bar with a match', async function () {
    this.timeout(60000);
    await ev(a, `__add('chat-rich', 'rtc-chat', { 'peer-id': 'rich-${A}' })`);
    await ev(
      a,
      `(${el('chat-rich')}.messages = [
        { id: 'r1', from: '${B}', time: 0, self: false, data: 'Notes are **ready**: see https://example.com/notes, the _draft_ is in \`docs/\`.' },
        { id: 'r2', from: 'rich-${A}', time: 0, self: true, status: 'read', data: 'Run this first:\\n\`\`\`sh\\nnpm ci && npm test\\n\`\`\`' },
      ], true)`,
    );
    await ev(a, `__fixTimes('chat-rich')`);
    await until(a, `!!${part('chat-rich', 'copy-code')} && !!${el('chat-rich')}.shadowRoot.querySelector('strong')`, 'formatted');
    await snap(a, 'chat-formatted', '#chat-rich');
    await ev(a, `(${part('chat-rich', 'search-button')}.click(), true)`);
    await until(a, `!!${part('chat-rich', 'search-input')}`, 'search open');
    await ev(a, `((f) => { f.value = 'notes'; f.dispatchEvent(new Event('input')); return true; })(${part('chat-rich', 'search-input')})`);
    await until(a, `${part('chat-rich', 'search-count')}.textContent.trim() === '1 of 1'`, 'one match');
    await snap(a, 'chat-search', '#chat-rich');
    await ev(a, `(${el('chat-rich')}.remove(), true)`);
    verdict();
  });

  it('rtc-call one to one: calling, ringing, in a call with each toggle, the devices panel, ended and failed calls', async function () {
    this.timeout(90000);
    await ev(a, `(${call('call-a')}.call('${B}').then((o) => { window.__outcome = o; }), true)`);
    await until(b, `${call('call-b')}.callState === 'ringing' && !!${part('call-b', 'accept-button')}`, 'B rings');
    await until(a, `${call('call-a')}.callState === 'calling' && ${plays(part('call-a', 'local-video'))}`, 'A calls, its camera on');
    await snap(a, 'call-calling', '#call-a');
    await snap(b, 'call-ringing', '#call-b');

    await ev(b, `(${call('call-b')}.answer(), true)`);
    const connected = (page: number, key: string) =>
      until(
        page,
        `${call(key)}.callState === 'active' && !!${call(key)}.verificationCode
      && ${plays(part(key, 'remote-video'))} && ${plays(part(key, 'local-video'))} && !!${part(key, 'quality')}`,
        `${key} in the call`,
        30000,
      );
    await connected(a, 'call-a');
    await connected(b, 'call-b');
    await snap(a, 'call-active', '#call-a');
    // The README's pictures: the call beside the conversation.
    await snap(a, 'showcase', '#pair-a', {
      widths: ['wide'],
      baselines: { light: 'docs/screenshots/call-and-chat-light.png', dark: 'docs/screenshots/call-and-chat-dark.png' },
    });

    await ev(a, `(${call('call-a')}.setMuted(true), true)`);
    await until(b, `${call('call-b')}.remoteMediaState?.muted === true && !!${part('call-b', 'badge')}`, 'B sees A muted');
    await snap(a, 'call-muted', '#call-a');
    await snap(b, 'call-remote-muted', '#call-b');
    await ev(a, `(${call('call-a')}.setMuted(false), true)`);
    await until(b, `${call('call-b')}.remoteMediaState?.muted === false && !${part('call-b', 'badge')}`, 'B sees A unmuted');

    await ev(a, `${call('call-a')}.setCameraOff(true)`);
    await until(b, `${call('call-b')}.remoteMediaState?.cameraOff === true && !!${part('call-b', 'remote-avatar')}`, 'B sees A camera off');
    await snap(a, 'call-camera-off', '#call-a');
    await snap(b, 'call-remote-camera-off', '#call-b');
    await ev(a, `${call('call-a')}.setCameraOff(false)`);
    await until(b, `${call('call-b')}.remoteMediaState?.cameraOff === false && ${plays(part('call-b', 'remote-video'))}`, 'B sees A again');
    await until(a, plays(part('call-a', 'local-video')), 'A sees itself again');

    // Chromium's fake screen is a moving pattern: the shared picture is masked, the rest counts.
    await ev(a, `${call('call-a')}.shareScreen()`);
    await until(b, `${call('call-b')}.remoteMediaState?.screen === true && ${plays(part('call-b', 'remote-video'))}`, 'B sees the screen');
    await until(a, plays(part('call-a', 'local-video')), 'A previews its screen');
    await ev(a, `__mask(['local-video'])`);
    await ev(b, `__mask(['remote-video'])`);
    await snap(a, 'call-screen-share', '#call-a');
    await snap(b, 'call-remote-screen', '#call-b');
    await ev(a, `__mask()`);
    await ev(b, `__mask()`);
    await ev(a, `${call('call-a')}.stopScreenShare()`);
    await until(b, `${call('call-b')}.remoteMediaState?.screen === false`, 'B sees the camera again');

    await ev(a, `(${part('call-a', 'settings-button')}.click(), true)`);
    await until(
      a,
      `!${part('call-a', 'settings')}.hidden && [...${call('call-a')}.shadowRoot.querySelectorAll('[part~="device-select"]')].every((s) => s.options.length > 1)`,
      'devices listed',
    );
    await snap(a, 'call-devices', '#call-a');
    // Closing the panel puts the focus back on its button: blurred, so no later picture has the ring.
    await ev(a, `(${call('call-a')}.shadowRoot.querySelector('.settings-close').click(), true)`);
    await until(a, `${part('call-a', 'settings')}.hidden && !!${call('call-a')}.shadowRoot.activeElement`, 'devices panel closed');
    await ev(a, `(${call('call-a')}.shadowRoot.activeElement.blur(), true)`);

    await ev(a, `(${call('call-a')}.hangup(), true)`);
    await until(b, `${call('call-b')}.callState === 'idle'`, 'B sees the call end');
    await snap(b, 'call-ended', '#call-b');
    // B opens the room of the next test meanwhile (it becomes its host).
    await ev(b, `(${call('call-b')}.room = '${ROOM}', true)`);
    await until(a, `${call('call-a')}.callState === 'idle'`, 'A ended');
    await ev(a, `(window.__outcome = undefined, ${call('call-a')}.call('ghost-0000').then((o) => { window.__outcome = o; }), true)`);
    await until(a, `window.__outcome !== undefined && ${call('call-a')}.callState === 'idle'`, 'the call to nobody ends');
    await snap(a, 'call-failed', '#call-a');
    verdict();
  });

  it('rtc-call with room: the grid of a group call with three members', async function () {
    this.timeout(60000);
    const members = (page: number, key: string, n: number) =>
      until(
        page,
        `${call(key)}.roomMembers.length === ${n}
      && [...${call(key)}.shadowRoot.querySelectorAll('[part~="tile-remote"]')].length === ${n - 1}`,
        `${key} sees ${n} members`,
        30000,
      );
    // One at a time, so that A's tiles come in the same order each run (B, then C). B has been
    // in the room since the end of the one-to-one call.
    await until(b, `${part('call-b', 'status')}?.classList.contains('status--active')`, 'B holds the room');
    await ev(a, `(${call('call-a')}.room = '${ROOM}', true)`);
    await members(a, 'call-a', 2);
    await ev(b, `__add('call-c', 'rtc-call', { 'peer-id': '${C}', 'stats-interval': '500', room: '${ROOM}' }, { parent: 'offstage' })`);
    await members(a, 'call-a', 3);
    await until(
      a,
      `[...${call('call-a')}.shadowRoot.querySelectorAll('[part~="tile"]')].every((tile) => {
      const v = tile.querySelector('video');
      return ${plays('v')} && (tile.matches('[part~="tile-self"]') || !!tile.querySelector('[part~="quality"]'));
    })`,
      'every tile plays, with its quality',
      30000,
    );
    await snap(a, 'call-room', '#call-a');
    verdict();
  });
});
