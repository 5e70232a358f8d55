// Pure logic, no network: config parsing, wire-format validation, delivery bookkeeping, strings.
import { expect } from '@open-wc/testing';
import { checkPeerId, parseIceServers, parseServerUrl } from '../src/core/config.js';
import { RtcError } from '../src/core/errors.js';
import { ack, classify, measure, message, newId, sanitizeValue, utf8Length, type ReceivedFileEnvelope } from '../src/rtc-chat/chat-protocol.js';
import { blobTypeFor, checkFileEnvelope, safeMime, sanitizeFileName } from '../src/rtc-chat/file-protocol.js';
import { Delivery, OUTBOX_LIMIT } from '../src/rtc-chat/delivery.js';
import { SEEN_PER_PEER, SEEN_TOTAL } from '../src/rtc-chat/chat-limits.js';
import { restoreDelivery, snapshotDelivery } from '../src/rtc-chat/chat-persist.js';
import { format, loadLanguage, resolveStrings } from '../src/core/strings.js';
import { en } from '../src/core/strings-en.js';

function typeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as RtcError).type;
  }
  return undefined;
}

describe('config parsing (unit)', () => {
  it('splits broker URLs the way PeerJS wants them', () => {
    expect(parseServerUrl('https://peer.example.com/myapp')).to.deep.equal({ secure: true, host: 'peer.example.com', port: 443, path: '/myapp' });
    expect(parseServerUrl('http://127.0.0.1:9000/x/')).to.deep.equal({ secure: false, host: '127.0.0.1', port: 9000, path: '/x/' });
    expect(parseServerUrl('wss://h:8443')).to.deep.equal({ secure: true, host: 'h', port: 8443, path: '/' });
    for (const bad of ['', 'nope', 'ftp://h/x', 'https://u:p@h/x', 'https://h/x?k=1', 'https://h/x#f']) {
      expect(
        typeOf(() => parseServerUrl(bad)),
        bad,
      ).to.equal('invalid-server');
    }
  });

  it('validates ice-servers', () => {
    expect(parseIceServers('[]')).to.deep.equal([]);
    expect(parseIceServers('[{"urls":"stun:s:3478","extra":1}]')).to.deep.equal([{ urls: 'stun:s:3478' }]);
    expect(parseIceServers('[{"urls":["turn:t:3478"],"username":"u","credential":"c"}]')).to.deep.equal([
      { urls: ['turn:t:3478'], username: 'u', credential: 'c' },
    ]);
    for (const bad of ['{', '{}', '[1]', '[{"urls":"http://x"}]', '[{"urls":[]}]', '[{"urls":"turn:t"}]', '[{"urls":"stun:s","username":5}]']) {
      expect(
        typeOf(() => parseIceServers(bad)),
        bad,
      ).to.equal('invalid-ice-servers');
    }
  });

  it('applies the PeerJS id rule', () => {
    expect(checkPeerId('alice-1_b c')).to.equal('alice-1_b c');
    for (const bad of ['-a', 'a-', 'a--b', 'a!b', ''])
      expect(
        typeOf(() => checkPeerId(bad)),
        bad,
      ).to.equal('invalid-id');
  });
});

describe('wire format validation (unit)', () => {
  it('classifies plain values, envelopes and garbage', () => {
    expect(classify('hi')).to.deep.equal({ kind: 'plain', data: 'hi' });
    expect(classify([1])).to.deep.equal({ kind: 'plain', data: [1] });
    expect(classify({ a: 1 })).to.deep.equal({ kind: 'plain', data: { a: 1 } });
    expect(classify({ $rtc: 1, t: 'msg', id: 'abc', time: 5, data: 'x', seq: 3 })).to.deep.equal({
      kind: 'envelope',
      envelope: { $rtc: 1, t: 'msg', id: 'abc', time: 5, data: 'x', seq: 3 },
    });
    expect(classify({ $rtc: 1, t: 'msg', id: 'abc', data: 1 }).kind).to.equal('envelope'); // no time: now
    // every field range-checked (issue 15): a bad seq, time, typing flag or receipt list makes the envelope invalid
    for (const bad of [
      { seq: -1 },
      { seq: 0 },
      { seq: 1.5 },
      { seq: '3' },
      { seq: 2 ** 53 },
      { time: -1 },
      { time: 1e300 },
      { time: 8.64e15 + 1 },
      { time: null },
      { time: '5' },
      { ack: ['a b'] },
      { ack: Array.from({ length: 501 }, (_, i) => `a${i}`) },
    ]) {
      expect(classify({ $rtc: 1, t: 'msg', id: 'abc', data: 1, time: 5, ...bad }).kind, JSON.stringify(bad)).to.equal('invalid');
    }
    expect((classify({ $rtc: 1, t: 'msg', id: 'abc', data: 1, time: -1 }) as { reason: string }).reason).to.contain('"time"');
    expect(classify({ $rtc: 1, t: 'typing', on: 'yes' }).kind).to.equal('invalid');
    expect(classify({ $rtc: 1, t: 'typing', on: false })).to.deep.equal({ kind: 'envelope', envelope: { $rtc: 1, t: 'typing', on: false } });
    expect(classify({ $rtc: 1, t: 'hello', frames: 'later-protocol' })).to.deep.equal({ kind: 'envelope', envelope: { $rtc: 1, t: 'hello' } });
    for (const bad of [
      { $rtc: 2 },
      { $rtc: 1, t: 'x' },
      { $rtc: 1, t: 'msg', id: '../x', data: 1 },
      { $rtc: 1, t: 'msg', id: 'a' },
      { $rtc: 1, t: 'ack' },
      { $rtc: 1, t: 'file-offer', size: 1 },
      { $rtc: 1, t: 'file-end', id: '<x>', sha256: 'a'.repeat(64) },
    ]) {
      expect(classify(bad).kind, JSON.stringify(bad)).to.equal('invalid');
    }
  });

  it('checks file envelopes where they are used: type and id first, then every field', () => {
    const received = (value: Record<string, unknown>) => {
      const incoming = classify({ $rtc: 1, ...value });
      if (incoming.kind !== 'envelope' || !('fields' in incoming.envelope)) throw new Error(`not a file envelope: ${JSON.stringify(incoming)}`);
      return incoming.envelope as ReceivedFileEnvelope;
    };
    expect(checkFileEnvelope(received({ t: 'file-offer', id: 'a', size: 3, name: '../x<b>.txt', mime: 'Text/Plain', extra: 1 }))).to.deep.equal({
      $rtc: 1,
      t: 'file-offer',
      id: 'a',
      name: 'x_b_.txt',
      size: 3,
      mime: 'text/plain',
    });
    expect(checkFileEnvelope(received({ t: 'file-end', id: 'a', sha256: 'f'.repeat(64) }))).to.deep.equal({
      $rtc: 1,
      t: 'file-end',
      id: 'a',
      sha256: 'f'.repeat(64),
    });
    expect(checkFileEnvelope(received({ t: 'file-reject', id: 'a', reason: 'no\u202e thanks' }))).to.deep.equal({
      $rtc: 1,
      t: 'file-reject',
      id: 'a',
      reason: 'no thanks',
    });
    expect(checkFileEnvelope(received({ t: 'file-cancel', id: 'a', reason: 42 }))).to.deep.equal({ $rtc: 1, t: 'file-cancel', id: 'a' });
    for (const bad of [
      { t: 'file-offer', id: 'a', size: 1.5 },
      { t: 'file-offer', id: 'a', size: -1 },
      { t: 'file-offer', id: 'a' },
      { t: 'file-end', id: 'a', sha256: 'zz' },
      { t: 'file-end', id: 'a' },
      { t: 'file-offer', id: 'a', size: 1, name: 'x'.repeat(1025) },
      { t: 'file-offer', id: 'a', size: 1, name: 5 },
      { t: 'file-offer', id: 'a', size: 1, mime: 'a/'.repeat(200) },
      { t: 'file-offer', id: 'a', size: 1, mime: {} },
    ]) {
      expect(checkFileEnvelope(received(bad)), JSON.stringify(bad)).to.have.property('invalid');
    }
  });

  it('strips prototype keys from received values, deeply', () => {
    const hostile = JSON.parse('{"__proto__":{"x":1},"a":{"constructor":{"prototype":{"y":1}},"b":[{"prototype":1,"c":2}]}}');
    expect(sanitizeValue(hostile)).to.deep.equal({ a: { b: [{ c: 2 }] } });
    // nothing to drop: the very value, no copy; a forbidden key deep down: a clean copy, original untouched
    const clean = JSON.parse('{"text":"hi","list":[1,{"deep":[{"x":null}]}],"n":2}');
    expect(sanitizeValue(clean)).to.equal(clean);
    const nested = JSON.parse('{"ok":{"list":[{"fine":1},{"constructor":{"x":1},"keep":2}]}}');
    const copied = sanitizeValue(nested) as Record<string, unknown>;
    expect(copied).to.deep.equal({ ok: { list: [{ fine: 1 }, { keep: 2 }] } });
    expect(copied).to.not.equal(nested);
    expect(nested.ok.list[1]).to.have.property('constructor');
    expect(sanitizeValue(JSON.parse('{"a":1,"b":{"x":[1,2],"__proto__":{"p":1},"y":2},"c":[3,{"prototype":0}]}'))).to.deep.equal({
      a: 1,
      b: { x: [1, 2], y: 2 },
      c: [3, {}],
    });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 70; i++) deep = [deep];
    let cut = sanitizeValue(deep);
    for (let i = 0; i < 65; i++) cut = (cut as unknown[])[0];
    expect(cut).to.equal(null);
    expect(({} as Record<string, unknown>).x).to.equal(undefined);
  });

  it('measures what travels', () => {
    expect(measure('é')).to.deep.equal({ bytes: 4 }); // "\"é\"" in UTF-8
    expect(measure(new ArrayBuffer(10))).to.deep.equal({ bytes: 10 });
    expect('error' in measure(undefined)).to.equal(true);
    expect('error' in measure(10n)).to.equal(true);
  });

  it('counts UTF-8 bytes exactly as TextEncoder does', () => {
    const samples = [
      '',
      'abc',
      'é',
      '€',
      '日本語',
      '😀',
      'a😀b',
      '\ud83d',
      '\ude00x',
      'x\ud83d',
      '\u007f\u0080\u07ff\u0800\uffff',
      'mixed é € 😀 text'.repeat(50),
    ];
    for (const text of samples) expect(utf8Length(text), JSON.stringify(text)).to.equal(new TextEncoder().encode(text).byteLength);
  });

  it('carries receipts alone (id or ids) or riding on a message', () => {
    expect(ack(['a1'])).to.deep.equal({ $rtc: 1, t: 'ack', id: 'a1' });
    expect(classify(ack(['a1']))).to.deep.equal({ kind: 'envelope', envelope: { $rtc: 1, t: 'ack', ids: ['a1'] } });
    expect(classify(ack(['a1', 'b2']))).to.deep.equal({ kind: 'envelope', envelope: { $rtc: 1, t: 'ack', ids: ['a1', 'b2'] } });
    const riding = classify(message('m1', 5, 'hi', 2, ['x1', 'y2']));
    expect(riding).to.deep.equal({ kind: 'envelope', envelope: { $rtc: 1, t: 'msg', id: 'm1', time: 5, data: 'hi', seq: 2, ack: ['x1', 'y2'] } });
    for (const bad of [
      { $rtc: 1, t: 'ack', ids: [] },
      { $rtc: 1, t: 'ack', ids: ['<b>'] },
      { $rtc: 1, t: 'ack', ids: Array(501).fill('a') },
      { $rtc: 1, t: 'msg', id: 'm', data: 1, ack: 'a' },
      { $rtc: 1, t: 'msg', id: 'm', data: 1, ack: [1] },
    ]) {
      expect(classify(bad).kind, JSON.stringify(bad)).to.equal('invalid');
    }
  });

  it('makes distinct 96-bit ids', () => {
    const ids = Array.from({ length: 1000 }, () => newId());
    expect(new Set(ids).size).to.equal(1000);
    for (const id of ids) expect(id).to.match(/^[0-9a-f]{24}$/);
  });

  it('sanitizes file names and types', () => {
    expect(sanitizeFileName('../../etc/passwd')).to.equal('passwd');
    expect(sanitizeFileName('C:\\\\Users\\\\x\\\\evil.exe')).to.equal('evil.exe');
    expect(sanitizeFileName('a\u0000b\u202Ec.txt')).to.equal('abc.txt');
    expect(sanitizeFileName('...')).to.equal('file');
    expect(sanitizeFileName('CON.txt')).to.equal('_CON.txt');
    expect(sanitizeFileName(`${'n'.repeat(300)}.jpeg`))
      .to.have.length(200)
      .and.match(/\.jpeg$/);
    expect(safeMime('Image/PNG')).to.equal('image/png');
    expect(safeMime('text/html; charset=utf-8')).to.equal('application/octet-stream');
    expect(safeMime(42)).to.equal('application/octet-stream');
    expect(blobTypeFor('image/svg+xml')).to.equal('application/octet-stream');
    expect(blobTypeFor('image/webp')).to.equal('image/webp');
  });
});

describe('delivery bookkeeping (unit)', () => {
  it('numbers, acknowledges and resends in order', () => {
    const d = new Delivery();
    const a = d.enqueue('p', 'a', 1, 'A');
    const b = d.enqueue('p', 'b', 2, 'B');
    expect([a.seq, b.seq]).to.deep.equal([1, 2]);
    expect(d.acknowledge('p', 'a')).to.equal(true);
    expect(d.acknowledge('p', 'a')).to.equal(false);
    expect(d.pending('p').map((i) => i.id)).to.deep.equal(['b']);
    b.sentAt = 1000;
    expect(d.due('p', 3000, 2000)).to.deep.equal([]);
    expect(d.due('p', 3000, 5000).map((i) => i.id)).to.deep.equal(['b']);
  });

  it('suppresses duplicates and refuses a full outbox', () => {
    const d = new Delivery();
    expect(d.isDuplicate('p', 'x')).to.equal(false);
    expect(d.isDuplicate('p', 'x')).to.equal(true);
    expect(d.isDuplicate('q', 'x')).to.equal(false);
    for (let i = 0; i < OUTBOX_LIMIT; i++) d.enqueue('p', `m${i}`, 0, i);
    expect(typeOf(() => d.enqueue('p', 'over', 0, 0))).to.equal('send-failed');
  });

  it('remembers the newest SEEN_PER_PEER ids of a peer, forgetting the oldest first, also across a snapshot', () => {
    const SEEN_LIMIT = SEEN_PER_PEER;
    const d = new Delivery();
    for (let i = 0; i < SEEN_LIMIT + 5; i++) expect(d.isDuplicate('p', `m${i}`)).to.equal(false);
    // m0..m4 were forgotten (oldest first); m5 and the newest are still known
    expect(d.isDuplicate('p', 'm5')).to.equal(true);
    expect(d.isDuplicate('p', `m${SEEN_LIMIT + 4}`)).to.equal(true);
    expect(d.isDuplicate('p', 'm0')).to.equal(false); // forgotten, so new again (and remembered now, forgetting m5)
    expect(d.isDuplicate('p', 'm5')).to.equal(false);
    const seen = snapshotDelivery(d).seen;
    expect(seen).to.have.length(2000);
    expect(seen.slice(-2)).to.deep.equal(['p\u0000m0', 'p\u0000m5']); // newest last
    const copy = new Delivery();
    restoreDelivery(copy, JSON.parse(JSON.stringify(snapshotDelivery(d))));
    expect(copy.isDuplicate('p', 'm0')).to.equal(true);
    expect(copy.isDuplicate('p', 'm6')).to.equal(false); // older than the 2000 kept
  });

  it("one peer cannot push out another peer's ids; the total stays at SEEN_TOTAL", () => {
    const d = new Delivery();
    for (let i = 0; i < 100; i++) d.isDuplicate('honest', `h${i}`);
    for (let i = 0; i < SEEN_PER_PEER * 3; i++) d.isDuplicate('flooder', `f${i}`);
    expect(d.seenCount('flooder')).to.equal(SEEN_PER_PEER);
    expect(d.isDuplicate('honest', 'h0')).to.equal(true);
    for (let p = 0; p < SEEN_TOTAL / SEEN_PER_PEER + 2; p++) for (let i = 0; i < SEEN_PER_PEER; i++) d.isDuplicate(`peer${p}`, `x${i}`);
    expect(d.seenInOrder().length).to.be.at.most(SEEN_TOTAL);
  });

  it('paces resends: never-sent items go at once, resends at most once per interval, in order', () => {
    const d = new Delivery();
    d.enqueue('p', 'a', 1, 'A');
    d.enqueue('p', 'b', 2, 'B');
    expect(d.outgoing('p', 1000).items.map((i) => i.id)).to.deep.equal(['a', 'b']); // first send
    expect(d.outgoing('p', 1100).items.map((i) => i.id)).to.deep.equal(['a', 'b']); // first resend
    d.enqueue('p', 'c', 3, 'C');
    const held = d.outgoing('p', 1200);
    expect(held.items).to.deep.equal([]); // c waits behind a and b, which may not go again yet
    expect(held.retryIn).to.be.greaterThan(0);
    expect(d.outgoing('p', 1200 + held.retryIn!).items.map((i) => i.id)).to.deep.equal(['a', 'b', 'c']);
  });

  it('flood control keeps order: after a drop, later messages wait for the resend', () => {
    const d = new Delivery();
    d.ratePerSecond = 1; // bursts of 10
    const now = 1000;
    for (let seq = 1; seq <= 10; seq++) expect(d.admitSequenced('p', seq, now).ok).to.equal(true);
    expect(d.admitSequenced('p', 11, now)).to.deep.equal({ ok: false, flooding: true });
    expect(d.admitSequenced('p', 12, now + 5000)).to.deep.equal({ ok: false, flooding: false }); // 11 must come first
    expect(d.admitSequenced('p', 11, now + 5000).ok).to.equal(true);
    expect(d.admitSequenced('p', 12, now + 5000).ok).to.equal(true);
  });

  it('restores snapshots and ignores tampered ones', () => {
    const d = new Delivery();
    d.enqueue('p', 'a', 1, 'A');
    d.isDuplicate('q', 'z');
    const copy = new Delivery();
    restoreDelivery(copy, JSON.parse(JSON.stringify(snapshotDelivery(d))));
    expect(copy.pending('p').map((i) => [i.id, i.seq])).to.deep.equal([['a', 1]]);
    expect(copy.isDuplicate('q', 'z')).to.equal(true);
    expect(copy.enqueue('p', 'b', 2, 'B').seq).to.equal(2);
    const fresh = new Delivery();
    for (const junk of [null, 5, 'x', { outbox: { p: [{ id: 1 }, null, 'x'] }, seq: { p: 'NaN' }, seen: [1, {}] }]) restoreDelivery(fresh, junk);
    expect(fresh.pending('p')).to.deep.equal([]);
  });
});

describe('strings (unit)', () => {
  it('picks the language, applies only known string overrides, fills placeholders', async () => {
    // German loads on first use: English until then.
    expect(loadLanguage('en')).to.equal(undefined);
    await loadLanguage('de-AT');
    expect(loadLanguage('de')).to.equal(undefined);
    expect(resolveStrings('de-AT', undefined, en).send).to.equal('Senden');
    expect(resolveStrings('fr', undefined, en).send).to.equal('Send');
    const custom = resolveStrings('en', { send: 'Go', bogus: 'x', you: 5 }, en);
    expect(custom.send).to.equal('Go');
    expect(custom.you).to.equal('You');
    expect('bogus' in custom).to.equal(false);
    expect(format('Hi {peer}, {missing}', { peer: 'bob' })).to.equal('Hi bob, {missing}');
  });
});
