// Pure logic, no network: the chat's formatting tokenizer (rich-text.ts), the search's matcher and
// the history export's files.
import { expect } from '@open-wc/testing';
import { MAX_LINKS, MAX_TOKENS, plainText, safeHref, tokenize, type RichToken } from '../src/rtc-chat/rich-text.js';
import { findMessages } from '../src/rtc-chat/chat-rich.js';
import { matcher } from '../src/rtc-chat/chat-search.js';
import { exportHistory, fileName } from '../src/rtc-chat/chat-export.js';
import type { ChatMessage } from '../src/rtc-chat/rtc-chat.events.js';

/** A compact picture of tokens: text as is, others as type(content). */
function show(tokens: RichToken[]): string {
  return tokens
    .map((t) => {
      switch (t.type) {
        case 'text':
          return t.text;
        case 'bold':
        case 'italic':
          return `${t.type}(${show(t.children)})`;
        case 'code':
          return `code(${t.text})`;
        case 'block':
          return `block${t.lang ? `[${t.lang}]` : ''}(${t.text})`;
        case 'link':
          return `link(${t.text}→${t.href})`;
      }
    })
    .join('');
}
const fmt = (text: string) => show(tokenize(text));

describe('rich text tokenizer (unit)', () => {
  it('formats bold, italic, code, code blocks and links', () => {
    expect(fmt('a **b** c')).to.equal('a bold(b) c');
    expect(fmt('a *b* c _d_ e')).to.equal('a italic(b) c italic(d) e');
    expect(fmt('run `npm ci` now')).to.equal('run code(npm ci) now');
    expect(fmt('```js\nlet a = 1;\n```')).to.equal('block[js](let a = 1;)');
    expect(fmt('```\nno lang\n```after')).to.equal('block(no lang)after');
    expect(fmt('see https://example.com/x?y=1#z now')).to.equal('see link(https://example.com/x?y=1#z→https://example.com/x?y=1#z) now');
    expect(fmt('HTTP://EXAMPLE.COM')).to.equal('link(HTTP://EXAMPLE.COM→http://example.com/)');
  });

  it('nests emphasis, but not inside code', () => {
    expect(fmt('**bold *and italic* text**')).to.equal('bold(bold italic(and italic) text)');
    expect(fmt('*it **bo** it*')).to.equal('italic(it bold(bo) it)');
    expect(fmt('`**not bold**`')).to.equal('code(**not bold**)');
    expect(fmt('```\n*a* `b` https://x.y\n```')).to.equal('block(*a* `b` https://x.y)');
  });

  it('leaves unbalanced and intra-word markers as text', () => {
    for (const text of [
      '**open',
      'close**',
      '*a',
      'a*',
      '`one',
      '```never closed',
      '2 * 3 * 4',
      'snake_case_name',
      '__dunder__',
      '* spaced *',
      '**',
      '``',
      '_',
      'a ** b',
    ]) {
      expect(fmt(text), text).to.equal(text);
      expect(plainText(tokenize(text)), text).to.equal(text);
    }
    expect(fmt('*a **b')).to.equal('*a **b');
  });

  it('keeps the text: tokens without markers add up to the input minus the markers', () => {
    expect(plainText(tokenize('x **y** _z_ `w`'))).to.equal('x y z w');
  });

  it('links http and https only; javascript:, data:, vbscript: and friends stay text', () => {
    for (const text of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.com',
      '<a href="javascript:alert(1)">x</a>',
      '<img src=x onerror=alert(1)>',
      'xhttp://glued.example',
    ]) {
      const tokens = tokenize(text);
      expect(
        tokens.some((t) => t.type === 'link'),
        text,
      ).to.equal(false);
      expect(plainText(tokens), text).to.equal(text);
    }
    expect(safeHref('javascript:alert(1)')).to.equal(undefined);
    expect(safeHref('https://ok.example/')).to.equal('https://ok.example/');
    expect(safeHref('http://')).to.equal(undefined);
  });

  it('a link ends before trailing punctuation and unbalanced closing brackets', () => {
    expect(fmt('go to https://a.example/b.')).to.equal('go to link(https://a.example/b→https://a.example/b).');
    expect(fmt('(see https://a.example/b), then')).to.equal('(see link(https://a.example/b→https://a.example/b)), then');
    expect(fmt('https://en.wikipedia.org/wiki/Foo_(bar)!')).to.equal('link(https://en.wikipedia.org/wiki/Foo_(bar)→https://en.wikipedia.org/wiki/Foo_(bar))!');
    expect(fmt('"https://q.example/x"')).to.equal('"link(https://q.example/x→https://q.example/x)"');
    expect(fmt('<https://q.example/x>')).to.equal('<link(https://q.example/x→https://q.example/x)>');
    // Underscores in a URL are not italics.
    expect(fmt('https://x.example/a_b_c_ and')).to.equal('link(https://x.example/a_b_c→https://x.example/a_b_c)_ and');
    expect(fmt('http:// alone')).to.equal('http:// alone');
  });

  it('caps tokens and links per message; the rest stays text', () => {
    const many = Array.from({ length: 2000 }, (_, i) => `*${i}*`).join(' ');
    const tokens = tokenize(many);
    const count = (list: RichToken[]): number => list.reduce((n, t) => n + 1 + ('children' in t ? count(t.children) : 0), 0);
    expect(count(tokens)).to.be.at.most(MAX_TOKENS);
    expect(plainText(tokens).length).to.be.greaterThan(many.length - 2 * MAX_TOKENS);
    const urls = Array.from({ length: 200 }, (_, i) => `https://e.example/${i}`).join(' ');
    const linked = tokenize(urls).filter((t) => t.type === 'link');
    expect(linked.length).to.equal(MAX_LINKS);
    expect(plainText(tokenize(urls))).to.equal(urls);
  });

  it('64 KiB adversarial inputs finish fast (no catastrophic backtracking)', () => {
    const size = 64 * 1024;
    const inputs = [
      '*a '.repeat(size / 3),
      '**a '.repeat(size / 4),
      '_a '.repeat(size / 3),
      '`'.repeat(size),
      '```'.repeat(size / 3),
      '*'.repeat(size),
      '_'.repeat(size),
      'http://'.repeat(size / 7),
      `https://x.example/${')'.repeat(size)}`,
      `https://x.example/${'('.repeat(size / 2)}${')'.repeat(size / 2)}.`,
      '**_*`'.repeat(size / 5),
      'a'.repeat(size),
    ];
    for (const input of inputs) {
      const start = performance.now();
      const tokens = tokenize(input);
      const took = performance.now() - start;
      expect(took, `${input.slice(0, 12)}… took ${took} ms`).to.be.below(250);
      expect(tokens.length).to.be.at.most(MAX_TOKENS);
    }
  });
});

const msg = (over: Partial<ChatMessage>): ChatMessage => ({ id: 'm', from: 'alice', data: '', time: Date.UTC(2026, 0, 2, 3, 4), self: false, ...over });

describe('chat search and export (unit)', () => {
  it('matches case-insensitively and literally', () => {
    const history = [
      msg({ id: '1', data: 'Hello World' }),
      msg({ id: '2', data: 'a.b' }),
      msg({ id: '3', data: { hello: 1 } }),
      msg({ id: '4', data: 'ÄPFEL' }),
    ];
    expect(findMessages(history, 'hello').map((m) => m.id)).to.deep.equal(['1']);
    expect(findMessages(history, 'A.B').map((m) => m.id)).to.deep.equal(['2']);
    expect(findMessages(history, '.').map((m) => m.id)).to.deep.equal(['2']);
    expect(findMessages(history, 'äpfel').map((m) => m.id)).to.deep.equal(['4']);
    expect(findMessages(history, '   ')).to.deep.equal([]);
    expect(matcher('(x')!.test('a(x')).to.equal(true);
  });

  it('exports JSON without file bytes and text with one line per message', async () => {
    const history: ChatMessage[] = [
      msg({ id: '1', data: 'first\nsecond line' }),
      msg({ id: '2', from: 'me', self: true, status: 'read', to: ['alice'], data: 'reply' }),
      msg({ id: '3', data: new Uint8Array(5).buffer }),
      msg({
        id: '4',
        data: null,
        file: {
          id: 'f',
          peer: 'alice',
          direction: 'receive',
          name: 'a.png',
          size: 9,
          type: 'image/png',
          bytes: 9,
          status: 'done',
          speed: 0,
          startedAt: 0,
          blob: new Blob(['secret']),
        },
      }),
    ];
    const json = JSON.parse(await exportHistory(history, 'me', 'json').text());
    expect(json.version).to.equal(1);
    expect(json.id).to.equal('me');
    expect(Number.isFinite(Date.parse(json.exported))).to.equal(true);
    expect(json.messages.map((m: { id: string }) => m.id)).to.deep.equal(['1', '2', '3', '4']);
    expect(json.messages[1]).to.deep.include({ self: true, status: 'read', data: 'reply' });
    expect(json.messages[1].to).to.deep.equal(['alice']);
    expect(json.messages[2].data).to.deep.equal({ binary: 5 });
    expect(json.messages[3].file).to.deep.equal({ name: 'a.png', size: 9, type: 'image/png', status: 'done' });
    expect(JSON.stringify(json)).not.to.contain('secret');
    const text = await exportHistory(history, 'me', 'text').text();
    const lines = text.trimEnd().split('\n');
    expect(lines).to.have.length(5);
    expect(lines[0]).to.match(/^\[\d{4}-\d\d-\d\d \d\d:\d\d\] alice: first$/);
    expect(lines[1]).to.equal('    second line');
    expect(lines[2]).to.match(/\] me \(me\): reply$/);
    expect(lines[3]).to.match(/\] alice: \[binary data, 5 bytes\]$/);
    expect(lines[4]).to.match(/\] alice: \[file: a\.png, 9 bytes\]$/);
  });

  it('file names keep only safe characters', () => {
    expect(fileName('bob-1', 'txt')).to.match(/^chat-bob-1-\d{4}-\d\d-\d\d\.txt$/);
    expect(fileName('../../etc/passwd', 'json')).to.match(/^chat-etc_passwd-\d{4}-\d\d-\d\d\.json$/);
    expect(fileName('', 'txt')).to.match(/^chat-history-/);
  });
});
