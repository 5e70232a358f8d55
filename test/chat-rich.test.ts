// <rtc-chat>'s formatting, links, code-block copy, search and history export, between real
// elements (and a plain PeerJS stranger) over the real PeerServer and real WebRTC.
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { Peer } from 'peerjs';
import { PEER_HOST, PEER_PORT, PEER_PATH } from '/__peer-config.js';
import '../src/index.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import type { ChatMessage } from '../src/rtc-chat/rtc-chat.events.js';
import { cleanup, openChat, record, texts, uid, until } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const root = (el: RtcChat) => el.shadowRoot!;
/** The text bodies of the messages drawn. */
const bodies = (el: RtcChat) => [...root(el).querySelectorAll<HTMLElement>('[part~="text"]')];
const last = (el: RtcChat) => bodies(el).at(-1) as HTMLElement;

async function pair(): Promise<[RtcChat, RtcChat]> {
  const bob = await openChat({ 'peer-id': uid('bob') });
  const alice = await openChat({ 'peer-id': uid('alice'), remote: bob.peerId! });
  await until(() => alice.peers.length === 1 && bob.peers.length === 1, 'connected');
  return [alice, bob];
}

function openPlainPeer(id: string): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const peer = new Peer(id, { host: PEER_HOST, port: PEER_PORT, path: PEER_PATH, secure: false, debug: 0, config: { iceServers: [] } });
    peer.once('open', () => resolve(peer));
    peer.once('error', reject);
  });
}

const entry = (i: number, data: unknown): ChatMessage => ({ id: `h${i}`, from: 'carol', data, time: Date.now() - 1e6 + i * 1000, self: false });

describe('<rtc-chat>: formatting and links', () => {
  let plain: Peer | undefined;
  afterEach(() => {
    cleanup();
    plain?.destroy();
    plain = undefined;
  });

  it('bold, italic, code, code blocks and links render as those elements on both sides; the message itself is unchanged', async () => {
    const [alice, bob] = await pair();
    const text = '**bold** *it* _em_ `code` see https://example.com/a_(b). ok\n```js\nconst x = 1 < 2;\n```';
    await alice.send(text);
    await until(() => bob.messages.length === 1, 'bob got it');
    expect(bob.messages[0].data).to.equal(text);
    for (const el of [alice, bob]) {
      await until(() => !!last(el)?.querySelector('strong'), 'formatted');
      const body = last(el);
      expect(body.querySelector('strong')!.textContent).to.equal('bold');
      expect([...body.querySelectorAll('em')].map((e) => e.textContent)).to.deep.equal(['it', 'em']);
      expect(body.querySelector('code[part~="code"]')!.textContent).to.equal('code');
      const links = body.querySelectorAll('a');
      expect(links).to.have.length(1);
      expect(links[0].getAttribute('href')).to.equal('https://example.com/a_(b)');
      expect(links[0].getAttribute('part')).to.equal('link');
      expect(links[0].target).to.equal('_blank');
      expect(links[0].rel).to.equal('noopener noreferrer');
      expect(links[0].textContent).to.equal('https://example.com/a_(b)');
      expect(body.querySelector('pre[part~="code-block"]')!.textContent).to.equal('const x = 1 < 2;');
      expect(body.querySelector('.code-lang')!.textContent).to.equal('js');
      expect((body.querySelector('[part~="copy-code"]') as HTMLElement).innerText.trim()).to.equal('Copy code');
      expect(body.textContent).to.contain('. ok');
    }
  });

  it('javascript: links and HTML from a plain PeerJS stranger stay inert text; plain text goes back to it exactly', async () => {
    const bob = await openChat({ 'peer-id': uid('bob') });
    const errors = record(bob, 'rtc-error');
    plain = await openPlainPeer(uid('stranger'));
    const conn = plain.connect(bob.peerId!);
    await new Promise((r) => conn.once('open', () => r(undefined)));
    const w = window as unknown as { __pwned?: number };
    delete w.__pwned;
    const evil = [
      'javascript:window.__pwned=1',
      '<img src=x onerror="window.__pwned=2">',
      '**<img src=y onerror="window.__pwned=3">**',
      '<a href="javascript:window.__pwned=4">click</a>',
      '`<script>window.__pwned=5</script>`',
      '[x](javascript:window.__pwned=6)',
      'data:text/html,<b>x</b> vbscript:msgbox(1)',
      '<svg onload="window.__pwned=7"></svg>',
      'https://ok.example/ok',
    ].join('\n');
    conn.send(evil);
    await until(() => bob.messages.length === 1, 'received');
    await until(() => !!last(bob)?.querySelector('strong'), 'formatted (the renderer is loaded)');
    await sleep(300);
    const body = last(bob);
    expect(root(bob).querySelectorAll('img, script, svg:not([aria-hidden]), iframe, object').length, 'no element from the text').to.equal(0);
    const anchors = [...body.querySelectorAll('a')];
    expect(anchors.map((a) => a.href)).to.deep.equal(['https://ok.example/ok']);
    expect(body.textContent).to.contain('<img src=x onerror="window.__pwned=2">');
    expect(body.textContent).to.contain('<a href="javascript:window.__pwned=4">click</a>');
    expect(body.querySelector('code')!.textContent).to.equal('<script>window.__pwned=5</script>');
    expect(body.querySelector('strong')!.textContent).to.equal('<img src=y onerror="window.__pwned=3">');
    expect(w.__pwned).to.equal(undefined);
    expect(bob.messages[0].data).to.equal(evil);
    expect(errors).to.deep.equal([]);

    // The wire is unchanged: the stranger gets the raw text, markers and all.
    const back = new Promise((r) => conn.once('data', r));
    await bob.send('*hi* **there** https://x.example');
    expect(await back).to.equal('*hi* **there** https://x.example');
  });

  it('no-format shows the raw text; removing it formats again', async () => {
    const bob = await openChat({ 'peer-id': uid('bob'), 'no-format': '' });
    bob.messages = [entry(1, '**bold** and https://example.com')];
    await bob.updateComplete;
    await sleep(200);
    expect(texts(bob)).to.deep.equal(['**bold** and https://example.com']);
    expect(last(bob).querySelector('strong, a')).to.equal(null);
    bob.noFormat = false;
    await until(() => !!last(bob)?.querySelector('strong'), 'formatted');
    expect(last(bob).querySelector('a')!.href).to.equal('https://example.com/');
    bob.setAttribute('no-format', '');
    await until(() => !last(bob).querySelector('strong'), 'raw again');
    expect(texts(bob)).to.deep.equal(['**bold** and https://example.com']);
  });

  it('caps links per message and stays responsive with a 15 KB adversarial message', async () => {
    const bob = await openChat({ 'peer-id': uid('bob') });
    const urls = Array.from({ length: 300 }, (_, i) => `https://e.example/${i}`).join(' ');
    bob.messages = [entry(1, urls), entry(2, '*a _b `c '.repeat(1600))];
    const start = performance.now();
    await until(() => !!bodies(bob)[0]?.querySelector('a'), 'formatted');
    expect(performance.now() - start).to.be.below(5000);
    expect(bodies(bob)[0].querySelectorAll('a').length).to.equal(40);
    expect(bodies(bob)[0].textContent).to.equal(urls);
  });
});

describe('<rtc-chat>: code-block copy', () => {
  afterEach(cleanup);

  it('the copy button puts the code on the clipboard (Chromium) and selects it where the clipboard is refused', async () => {
    const bob = await openChat({ 'peer-id': uid('bob') });
    bob.messages = [entry(1, 'run this:\n```sh\nnpm ci\nnpm test\n```')];
    await until(() => !!root(bob).querySelector('[part~="copy-code"]'), 'copy button');
    const button = () => root(bob).querySelector<HTMLButtonElement>('[part~="copy-code"]')!;
    const status = () => root(bob).querySelector('.copy-status')!;
    const { granted } = await executeServerCommand<{ granted: boolean }, Record<string, never>>('grant-clipboard', {});
    if (/Chrome\//.test(navigator.userAgent)) expect(granted, 'clipboard permission granted in Chromium').to.equal(true);
    if (granted) {
      await navigator.clipboard.writeText('before');
      button().focus();
      button().click();
      await until(() => button().hasAttribute('data-copied'), 'copied state');
      expect(await navigator.clipboard.readText()).to.equal('npm ci\nnpm test');
      expect(status().textContent).to.equal('Copied');
      expect(status().getAttribute('role')).to.equal('status');
      await until(() => !button().hasAttribute('data-copied'), 'back after ~2 s', 4000);
    }
    // Refused (or missing): the code is selected for the keyboard instead.
    const own = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new DOMException('no', 'NotAllowedError')) },
    });
    try {
      getSelection()?.removeAllRanges();
      button().click();
      await until(() => status().textContent !== '' && status().textContent !== 'Copied', 'fallback announced');
      expect(status().textContent).to.equal('Code selected: press Ctrl+C to copy it');
      expect(button().hasAttribute('data-copied')).to.equal(false);
      expect(getSelection()!.toString().trim()).to.equal('npm ci\nnpm test');
    } finally {
      if (own) Object.defineProperty(navigator, 'clipboard', own);
      else delete (navigator as unknown as Record<string, unknown>).clipboard;
    }
    // Strings apply to the chunk's texts too.
    bob.strings = { copyCode: 'Grab it' };
    await until(() => button().innerText.trim() === 'Grab it', 'strings override');
  });
});

describe('<rtc-chat>: message search', () => {
  afterEach(cleanup);

  it('finds matches in older messages not drawn yet, counts them, opens them as it goes, and closes with Escape', async () => {
    const bob = await openChat({ 'peer-id': uid('bob') });
    const hits = [3, 120, 399];
    bob.messages = Array.from({ length: 400 }, (_, i) =>
      entry(i, hits.includes(i) ? `the Needle number ${i}` : i === 7 ? { needle: 'json, not text' } : `hay ${i}`),
    );
    await bob.updateComplete;
    expect(root(bob).querySelector('[part~="show-earlier"]'), 'older messages hidden').to.not.equal(null);
    expect(bodies(bob).some((b) => b.textContent === 'the Needle number 3')).to.equal(false);
    expect(bob.search('NEEDLE').map((m) => m.id)).to.deep.equal(['h3', 'h120', 'h399']);
    expect(bob.search('  ')).to.deep.equal([]);

    await until(() => !!root(bob).querySelector('[part~="search-button"]'), 'search button (loads with the first message)');
    const toggle = root(bob).querySelector<HTMLButtonElement>('[part~="search-button"]')!;
    expect(toggle.getAttribute('aria-label')).to.equal('Search messages');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await until(() => root(bob).activeElement?.id === 'search-input', 'search field focused');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(root(bob).querySelector('[part~="search"]')!.getAttribute('role')).to.equal('search');
    const count = () => root(bob).querySelector('[part~="search-count"]')!.textContent!.trim();
    const current = () => root(bob).querySelector('mark[part~="current-match"]');
    const currentText = () => current()?.closest('[part~="text"]')?.textContent;

    await sendKeys({ type: 'needle' });
    await until(
      () => count() === '1 of 3',
      () => `count: ${count()}`,
    );
    await until(() => currentText() === 'the Needle number 399', 'newest match current');
    expect(current()!.textContent).to.equal('Needle');
    await sendKeys({ press: 'Enter' });
    await until(() => count() === '2 of 3', 'second');
    await until(() => currentText() === 'the Needle number 120', 'an older, hidden message opened');
    await sendKeys({ press: 'Enter' });
    await until(() => currentText() === 'the Needle number 3', 'the oldest');
    expect(count()).to.equal('3 of 3');
    const list = root(bob).querySelector('[part~="messages"]')!.getBoundingClientRect();
    const box = current()!.getBoundingClientRect();
    expect(box.top >= list.top - 1 && box.bottom <= list.bottom + 1, 'scrolled into view').to.equal(true);
    expect(root(bob).querySelectorAll('mark[part~="match"]').length).to.equal(3);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await until(() => count() === '2 of 3', 'back to newer');
    root(bob).querySelector<HTMLButtonElement>('[part~="search-next"]')!.click();
    await until(() => count() === '3 of 3', 'next button');

    const field = root(bob).querySelector<HTMLInputElement>('#search-input')!;
    field.value = 'zzz-nothing';
    field.dispatchEvent(new Event('input'));
    await until(() => count() === 'No matches', 'no matches');
    expect(root(bob).querySelectorAll('mark').length).to.equal(0);

    await sendKeys({ press: 'Escape' });
    await until(() => !root(bob).querySelector('[part~="search"]'), 'closed');
    await until(() => root(bob).activeElement === toggle, 'focus back on the button');
  });

  it('is accessible with formatted messages and the search bar open', async () => {
    const bob = await openChat({ 'peer-id': uid('bob') });
    bob.messages = [
      entry(1, '**bold** _it_ `code` https://example.com'),
      entry(2, '```js\nlet a = 1;\n```'),
      { ...entry(3, 'my *own* text'), self: true, status: 'read' },
    ];
    await until(() => !!root(bob).querySelector('strong') && !!root(bob).querySelector('[part~="copy-code"]'), 'formatted');
    await expect(bob).to.be.accessible();
    await until(() => !!root(bob).querySelector('[part~="search-button"]'), 'search button');
    root(bob).querySelector<HTMLButtonElement>('[part~="search-button"]')!.click();
    await until(() => !!root(bob).querySelector('#search-input'), 'search open');
    const field = root(bob).querySelector<HTMLInputElement>('#search-input')!;
    field.value = 'code';
    field.dispatchEvent(new Event('input'));
    await until(() => !!root(bob).querySelector('mark'), 'highlighted');
    await expect(bob).to.be.accessible();
  });
});

describe('<rtc-chat>: history export', () => {
  afterEach(cleanup);

  it('exportHistory() gives JSON that parses back and a text file with one line per message; Save history downloads it', async () => {
    const [alice, bob] = await pair();
    await alice.send('hello\nsecond line');
    await until(() => bob.messages.length === 1, 'bob got it');
    await bob.send({ structured: true });
    await bob.send('back');
    await until(() => alice.messages.length === 3, 'alice got both');
    const json = JSON.parse(await (await alice.exportHistory()).text());
    expect(json.version).to.equal(1);
    expect(json.id).to.equal(alice.peerId);
    expect(json.messages.map((m: ChatMessage) => m.data)).to.deep.equal(['hello\nsecond line', { structured: true }, 'back']);
    expect(json.messages.map((m: ChatMessage) => m.self)).to.deep.equal([true, false, false]);
    expect(json.messages[0].id).to.equal(alice.messages[0].id);
    expect(json.messages[0].status).to.match(/delivered|read|sent/);
    const text = await (await alice.exportHistory('text')).text();
    const lines = text.trimEnd().split('\n');
    expect(lines).to.have.length(4);
    expect(lines[0]).to.match(new RegExp(`^\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\] ${alice.peerId} \\(me\\): hello$`));
    expect(lines[1]).to.equal('    second line');
    expect(lines[2]).to.match(new RegExp(`\\] ${bob.peerId}: \\{"structured":true\\}$`));
    expect(lines[3]).to.match(new RegExp(`\\] ${bob.peerId}: back$`));

    // The search bar's Save history: a download named after the peer, holding the same text.
    const saved = new Promise<HTMLAnchorElement>((resolve) =>
      root(alice).addEventListener(
        'click',
        (e) => {
          const a = e.target as HTMLAnchorElement;
          if (a.download) {
            e.preventDefault();
            resolve(a);
          }
        },
        { capture: true },
      ),
    );
    await until(() => !!root(alice).querySelector('[part~="search-button"]'), 'search button');
    root(alice).querySelector<HTMLButtonElement>('[part~="search-button"]')!.click();
    await until(() => !!root(alice).querySelector('[part~="save-history"]'), 'save button');
    root(alice).querySelector<HTMLButtonElement>('[part~="save-history"]')!.click();
    const a = await saved;
    expect(a.download).to.match(new RegExp(`^chat-${bob.peerId}-\\d{4}-\\d\\d-\\d\\d\\.txt$`));
    const file = await (await fetch(a.href)).text();
    expect(
      file
        .trimEnd()
        .split('\n')
        .map((line) => line.replace(/^\[[^\]]+\] /, '')),
    ).to.deep.equal(lines.map((line) => line.replace(/^\[[^\]]+\] /, '')));
  });
});
