// The README's first command, end to end: `npm start` serves the demo and a broker; two tabs chat,
// send a file and call each other. (The README's pictures come from the visual suite, test/visual.test.ts.)
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

interface OpenedPage {
  handle: number;
  status: string;
}
const open = (url: string) => executeServerCommand<OpenedPage, { url: string; browser: string }>('open-page', { url, browser: 'same' });
const pageEval = async <T>(handle: number, expression: string): Promise<T> =>
  (await executeServerCommand<{ value: T }, { handle: number; expression: string }>('page-eval', { handle, expression })).value;

async function waitIn<T>(handle: number, expression: string, label: string, ms = 20000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await pageEval<T>(handle, expression);
    if (value) return value;
    if (Date.now() - start > ms) throw new Error(`timeout: ${label}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm start: the demo in two tabs', () => {
  after(async () => {
    await executeServerCommand('close-pages');
    await executeServerCommand('demo-server', { action: 'stop' });
  });

  it('two tabs chat, send a file and call; the theme toggle switches both tabs', async function () {
    this.timeout(120000);
    const { origin } = await executeServerCommand<{ origin: string }, { action: string }>('demo-server', { action: 'start' });
    const a = await open(`${origin}/?id=amber-4711&theme=light`);
    expect(a.status).to.equal('open');
    const b = await open(`${origin}/?id=birch-2024&remote=amber-4711&theme=light`);
    expect(b.status).to.equal('open');
    await waitIn(a.handle, "document.getElementById('chat').peers.includes('birch-2024')", 'tab A sees tab B');

    await pageEval(b.handle, "document.getElementById('chat').send('Hi! This is the second tab.')");
    await waitIn(a.handle, "document.getElementById('chat').messages.length === 1", 'A got the message');
    await pageEval(a.handle, "document.getElementById('chat').send('Hello from the first tab. Sending you the slides…')");
    await waitIn(b.handle, "document.getElementById('chat').messages.length === 2", 'B got the reply');
    // a file: a small PNG drawn on a canvas
    await pageEval(
      a.handle,
      `(async () => {
      const c = document.createElement('canvas'); c.width = 320; c.height = 180;
      const g = c.getContext('2d'); const grad = g.createLinearGradient(0, 0, 320, 180);
      grad.addColorStop(0, '#2657d9'); grad.addColorStop(1, '#7aa2ff'); g.fillStyle = grad; g.fillRect(0, 0, 320, 180);
      g.fillStyle = '#fff'; g.font = 'bold 28px sans-serif'; g.fillText('Q3 roadmap', 24, 100);
      const blob = await new Promise((r) => c.toBlob(r, 'image/png'));
      await document.getElementById('chat').sendFile(blob, { name: 'roadmap.png' });
      return true;
    })()`,
    );
    await waitIn(b.handle, "document.getElementById('chat').messages.some((m) => m.file && m.file.status === 'done')", 'B received the file');
    expect(await pageEval(b.handle, "document.getElementById('chat').messages.find((m) => m.file).file.name")).to.equal('roadmap.png');

    // a call, if <rtc-call> is in the bundle: B calls, A accepts
    const hasCall = await pageEval<boolean>(a.handle, "typeof document.getElementById('call').call === 'function'");
    if (hasCall) {
      await pageEval(a.handle, "(document.getElementById('call').addEventListener('rtc-incoming-call', () => { window.__ringing = true; }), true)");
      await pageEval(b.handle, "(document.getElementById('call').call('amber-4711').catch(() => {}), true)");
      await waitIn(a.handle, 'window.__ringing === true', 'A rings');
      await pageEval(a.handle, "(document.getElementById('call').answer(), true)");
      const remoteVideoPlays = (h: number) =>
        waitIn(
          h,
          "[...document.getElementById('call').shadowRoot.querySelectorAll('video')].some((v) => v.videoWidth > 0 && !v.muted)",
          'remote video plays',
          30000,
        );
      await remoteVideoPlays(b.handle);
      await remoteVideoPlays(a.handle);
    }
    for (const tab of [a, b]) {
      await pageEval(tab.handle, "document.getElementById('theme-toggle').click()");
      expect(await pageEval(tab.handle, 'document.documentElement.dataset.theme')).to.equal('dark');
    }
    if (hasCall) await pageEval(b.handle, "document.getElementById('call').hangup()");
  });

  it("?room=: tabs of one room join a group call and chat; the readout shows each member's quality", async function () {
    this.timeout(90000);
    const { origin } = await executeServerCommand<{ origin: string }, { action: string }>('demo-server', { action: 'start' });
    const a = await open(`${origin}/?room=demo-test&id=ember-3003`);
    expect(a.status).to.equal('open');
    // The page offers another tab in the same room, and no peer id to type.
    expect(await pageEval(a.handle, "document.getElementById('second-tab').href")).to.contain('?room=demo-test');
    expect(await pageEval(a.handle, "getComputedStyle(document.getElementById('remote-form')).display")).to.equal('none');
    const b = await open(`${origin}/?room=demo-test&id=fjord-4004`);
    expect(b.status).to.equal('open');
    await waitIn(a.handle, "document.getElementById('chat').roomMembers.includes('fjord-4004')", 'the chats meshed');
    const hasCall = await pageEval<boolean>(a.handle, "typeof document.getElementById('call').call === 'function'");
    if (hasCall) {
      await waitIn(a.handle, "document.getElementById('call').roomMembers.includes('fjord-4004')", 'the calls connected', 45000);
      await waitIn(a.handle, "document.getElementById('quality').textContent.startsWith('fjord-4004: ')", 'per-member quality readout', 20000);
    }
    await pageEval(b.handle, "document.getElementById('chat').send('hello room')");
    await waitIn(a.handle, "document.getElementById('chat').messages.some((m) => m.data === 'hello room')", 'room message arrived');
    if (hasCall) for (const tab of [a, b]) await pageEval(tab.handle, "(document.getElementById('call').hangup(), true)");
  });

  it('?signaling=manual: two tabs pair by pasting codes in the panel, then chat and call with no broker', async function () {
    this.timeout(90000);
    const { origin } = await executeServerCommand<{ origin: string }, { action: string }>('demo-server', { action: 'start' });
    const a = await open(`${origin}/?signaling=manual&id=cedar-1001`);
    const b = await open(`${origin}/?signaling=manual&id=delta-2002`);
    const panel = (part: string) => `document.getElementById('chat').shadowRoot.querySelector('[part~="${part}"]')`;
    await waitIn(a.handle, `!!${panel('pairing-create')}`, 'pairing panel in tab A');
    await pageEval(a.handle, `(${panel('pairing-create')}.click(), true)`);
    const invite = await waitIn<string>(a.handle, `${panel('pairing-code')}?.value`, 'invitation shown');
    expect(invite).to.match(/^rtc-invite:/);
    await pageEval(b.handle, `(${panel('pairing-input')}.value = ${JSON.stringify(invite)}, ${panel('pairing-use')}.click(), true)`);
    const reply = await waitIn<string>(b.handle, `${panel('pairing-code')}?.value`, 'reply shown');
    expect(reply).to.match(/^rtc-reply:/);
    await pageEval(a.handle, `(${panel('pairing-input')}.value = ${JSON.stringify(reply)}, ${panel('pairing-use')}.click(), true)`);
    await waitIn(a.handle, "document.getElementById('chat').peers.includes('delta-2002')", 'A connected to B without a broker');
    await waitIn(b.handle, "document.getElementById('chat').peers.includes('cedar-1001')", 'B connected to A');
    await pageEval(b.handle, "document.getElementById('chat').send('paired by copy-paste')");
    await waitIn(a.handle, "document.getElementById('chat').messages.some((m) => m.data === 'paired by copy-paste')", 'message arrived');
    // The demo points the call at the chat's peer; it rides the same pairing.
    await waitIn(a.handle, "document.getElementById('call').remote === 'delta-2002'", 'call follows the chat');
    await pageEval(b.handle, "(document.getElementById('call').autoAnswer = true, true)");
    expect(await pageEval(a.handle, "document.getElementById('call').call()")).to.equal('connected');
    await pageEval(a.handle, "document.getElementById('call').hangup()");
  });
});
