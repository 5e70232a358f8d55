// Pure logic of the trust boundary (no PeerJS objects, no network): the bounded decoders, the
// admission verdicts, the signaling shape checks and the bounded throttles.
import { expect } from '@open-wc/testing';
import { util } from 'peerjs';
import { ChunkAssembler, MAX_CHUNKS, MAX_DEPTH, MAX_PARTIAL_MESSAGES, PARTIAL_TIMEOUT_MS, checkBinaryPack } from '../src/session/decoders.js';
import { Buckets, Throttle, judge, offerKind, type Admits, type LinkKind } from '../src/session/admission.js';
import { checkSignal } from '../src/session/signal-check.js';

const packed = (value: unknown) => new Uint8Array(util.pack(value as Parameters<typeof util.pack>[0]) as ArrayBuffer);

describe('trust unit: checkBinaryPack', () => {
  it('accepts what PeerJS packs, of every type', () => {
    const values: unknown[] = [
      0,
      -5,
      300,
      70000,
      2 ** 40,
      1.5,
      'hi',
      'ü'.repeat(40),
      'x'.repeat(70000),
      true,
      false,
      null,
      [1, [2, [3]]],
      { a: 1, b: { c: 'd' } },
      new Uint8Array([1, 2, 3]).buffer,
      new Array(20).fill('y'),
      Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])),
    ];
    for (const value of values) expect(checkBinaryPack(packed(value)), JSON.stringify(value)?.slice(0, 40)).to.equal(undefined);
  });

  it('refuses declared counts and lengths larger than the bytes present, before any loop', () => {
    expect(checkBinaryPack(new Uint8Array([0xdd, 0xff, 0xff, 0xff, 0xff]))).to.match(/count of 4294967295/);
    expect(checkBinaryPack(new Uint8Array([0xdf, 0x04, 0x00, 0x00, 0x00]))).to.match(/count/);
    expect(checkBinaryPack(new Uint8Array([0xdb, 0x7f, 0xff, 0xff, 0xff, 1, 2]))).to.match(/length of/);
    expect(checkBinaryPack(new Uint8Array([0xd9, 0x00, 0x00, 0x01, 0x00, 0x61]))).to.match(/length of 256/);
    expect(checkBinaryPack(new Uint8Array([0x93, 0x01]))).to.match(/count of 3 items with 1/);
    expect(checkBinaryPack(new Uint8Array([0xdc, 0x00]))).to.match(/truncated length/);
    expect(checkBinaryPack(new Uint8Array([0x92, 0x01]))).to.match(/truncated|count/);
    expect(checkBinaryPack(new Uint8Array([]))).to.match(/empty/);
  });

  it('caps nesting without recursion', () => {
    const deep = new Uint8Array(100000).fill(0x91);
    expect(checkBinaryPack(deep)).to.match(new RegExp(`deeper than ${MAX_DEPTH}`));
    const ok = new Uint8Array(MAX_DEPTH).fill(0x91);
    ok[ok.length - 1] = 0x01;
    expect(checkBinaryPack(ok)).to.equal(undefined);
  });
});

describe('trust unit: ChunkAssembler', () => {
  const chunk = (id: unknown, n: unknown, total: unknown, bytes = 10) => ({ id, n, total, data: new Uint8Array(bytes).fill(Number(n) || 0).buffer });

  it('reassembles chunks in any order', () => {
    const assembler = new ChunkAssembler();
    expect(assembler.add(chunk(1, 1, 2, 3))).to.equal(undefined);
    const whole = assembler.add(chunk(1, 0, 2, 2));
    expect([...whole!]).to.deep.equal([0, 0, 1, 1, 1]);
    expect(assembler.pending).to.equal(0);
  });

  it('refuses absurd totals, numbers out of range, repeats, oversized chunks and too many partial messages', () => {
    const assembler = new ChunkAssembler();
    expect(() => assembler.add(chunk(1, 0, 1e9))).to.throw(/chunks/);
    expect(() => assembler.add(chunk(1, 5, 2))).to.throw(/out of range/);
    expect(() => assembler.add(chunk(1, 0.5, 2))).to.throw(/out of range/);
    expect(() => assembler.add({ id: 1, n: 0, total: 2, data: new ArrayBuffer(20000) })).to.throw(/too big/);
    expect(() => assembler.add({ id: 1, n: 0, total: 2, data: 'text' })).to.throw(/not bytes/);
    assembler.add(chunk('a', 0, 2));
    expect(() => assembler.add(chunk('a', 0, 2))).to.throw(/twice/);
    for (let i = 0; i < MAX_PARTIAL_MESSAGES; i++) assembler.add(chunk(`p${i}`, 0, MAX_CHUNKS));
    expect(() => assembler.add(chunk('one-more', 0, 2))).to.throw(/at once/);
    expect(assembler.pending).to.equal(MAX_PARTIAL_MESSAGES);
  });

  it('forgets partial messages that stalled', () => {
    const assembler = new ChunkAssembler();
    const start = 1000;
    for (let i = 0; i < MAX_PARTIAL_MESSAGES; i++) assembler.add(chunk(`p${i}`, 0, 3), start);
    expect(assembler.add(chunk('late', 0, 2), start + PARTIAL_TIMEOUT_MS + 1)).to.equal(undefined);
    expect(assembler.pending).to.equal(1);
  });
});

describe('trust unit: admission verdicts', () => {
  const policy = (kinds: LinkKind[], allow?: string[]): Admits => ({ kinds: new Set(kinds), allows: (p) => !allow || allow.includes(p) });

  it('kinds come from metadata: unmarked data is plain PeerJS chat, unknown marked kinds are nothing', () => {
    expect(offerKind('data', undefined)).to.equal('chat');
    expect(offerKind('data', { kind: 'file' })).to.equal('chat'); // not ours: a plain app's own metadata
    expect(offerKind('data', { rtcElements: 1, kind: 'file' })).to.equal('file');
    expect(offerKind('data', { rtcElements: 1, kind: 'signal' })).to.equal('signal');
    expect(offerKind('data', { rtcElements: 1, kind: 'nope' })).to.equal(undefined);
    expect(offerKind('media', undefined)).to.equal('media');
    expect(offerKind('other', undefined)).to.equal(undefined);
  });

  it('admits only for policies that handle the kind and allow the peer, with an accepted serialization', () => {
    const chat = policy(['chat', 'file'], ['friend']);
    const open = policy(['chat', 'file']);
    const call = policy(['media', 'call-control']);
    const admitted = judge('stranger', 'chat', 'json', [chat, open, call]);
    expect(admitted.admit && admitted.audience).to.deep.equal([open]);
    expect(judge('friend', 'chat', 'binary', [chat, open]).admit).to.equal(true);
    const refused = judge('stranger', 'chat', 'json', [chat, call]);
    expect(refused.admit === false && refused.reason).to.equal('not-allowed');
    expect(refused.admit === false && refused.handlers).to.deep.equal([chat]);
    expect((judge('friend', 'room', 'json', [chat]) as { reason: string }).reason).to.equal('unhandled-kind');
    expect((judge('friend', 'file', 'json', [chat]) as { reason: string }).reason).to.equal('serialization');
    expect((judge('friend', 'chat', 'constructor', [chat]) as { reason: string }).reason).to.equal('serialization');
    expect((judge('<img>', 'chat', 'json', [open]) as { reason: string }).reason).to.equal('invalid-id');
    expect((judge('x'.repeat(200), 'chat', 'json', [open]) as { reason: string }).reason).to.equal('invalid-id');
    expect((judge('friend', undefined, 'json', [open]) as { reason: string }).reason).to.equal('unknown-kind');
    expect(judge('friend', 'media', undefined, [call]).admit).to.equal(true);
  });

  it('a policy whose allow throws admits nothing', () => {
    const broken: Admits = {
      kinds: new Set<LinkKind>(['chat']),
      allows: () => {
        throw new Error('bug');
      },
    };
    expect(judge('p', 'chat', 'json', [broken]).admit).to.equal(false);
  });
});

describe('trust unit: signaling shape checks', () => {
  const offer = { type: 'OFFER', src: 'a', payload: { connectionId: 'dc_abc', type: 'data', serialization: 'json', sdp: { type: 'offer', sdp: 'v=0\r\n' } } };

  it('passes well-formed messages and the broker’s own', () => {
    expect('ok' in checkSignal(offer)).to.equal(true);
    expect('ok' in checkSignal({ type: 'OPEN' })).to.equal(true);
    expect('ok' in checkSignal({ type: 'LEAVE', src: 'a' })).to.equal(true);
    expect('ok' in checkSignal({ type: 'CANDIDATE', src: 'a', payload: { connectionId: 'dc_1', candidate: { candidate: 'candidate:1' } } })).to.equal(true);
    const error = checkSignal({ type: 'ERROR' });
    expect('ok' in error && error.ok.payload?.msg).to.be.a('string');
  });

  it('refuses what would make PeerJS throw or hold memory', () => {
    const bad: unknown[] = [
      null,
      'OFFER',
      { type: 7 },
      { type: 'WHATEVER', src: 'a' },
      { type: 'OFFER', payload: offer.payload },
      { type: 'ID-TAKEN', src: 'a' },
      { type: 'ERROR', src: 'a', payload: { msg: 'x' } },
      { type: 'OPEN', src: 'a' },
      { ...offer, payload: { ...offer.payload, serialization: 'constructor' } },
      { ...offer, payload: { ...offer.payload, serialization: undefined } },
      { ...offer, payload: { ...offer.payload, sdp: undefined } },
      { ...offer, payload: { ...offer.payload, sdp: { type: 'offer', sdp: 'garbage' } } },
      { ...offer, payload: { ...offer.payload, sdp: { type: 'offer', sdp: `v=0${'a'.repeat(70000)}` } } },
      { ...offer, payload: { ...offer.payload, type: 'telepathy' } },
      { ...offer, payload: { ...offer.payload, connectionId: 'x'.repeat(100) } },
      { ...offer, payload: { ...offer.payload, connectionId: { toString: 1 } } },
      { ...offer, payload: { ...offer.payload, metadata: { big: 'x'.repeat(9000) } } },
      { type: 'ANSWER', src: 'a', payload: { connectionId: 'dc_1', sdp: { type: 'offer', sdp: 'v=0' } } },
      { type: 'CANDIDATE', src: 'a', payload: { connectionId: 'dc_1', candidate: 'x' } },
      { type: 'CANDIDATE', src: 'a', payload: { connectionId: 'dc_1', candidate: { candidate: 'c'.repeat(5000) } } },
    ];
    for (const message of bad) expect('problem' in checkSignal(message), JSON.stringify(message)?.slice(0, 80)).to.equal(true);
  });
});

describe('trust unit: bounded throttles', () => {
  it('Throttle says yes once per interval per key and never holds more than its cap', () => {
    const throttle = new Throttle(1000, 100);
    expect(throttle.take('a', 0)).to.equal(true);
    expect(throttle.take('a', 500)).to.equal(false);
    expect(throttle.take('a', 1500)).to.equal(true);
    for (let i = 0; i < 10000; i++) throttle.take(`id${i}`, 2000);
    expect(throttle.size).to.equal(100);
  });

  it('Buckets allow a burst, then a rate, and stay bounded', () => {
    const buckets = new Buckets(3, 1, 50);
    expect([0, 0, 0, 0].map(() => buckets.take('p', 0))).to.deep.equal([true, true, true, false]);
    expect(buckets.take('p', 1000)).to.equal(true);
    expect(buckets.take('p', 1000)).to.equal(false);
    for (let i = 0; i < 10000; i++) buckets.take(`q${i}`, 0);
    expect(buckets.size).to.equal(50);
  });
});
