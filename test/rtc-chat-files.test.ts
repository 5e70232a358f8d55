import { expect } from '@open-wc/testing';
import { Peer, type DataConnection } from 'peerjs';
import { PEER_HOST, PEER_PORT, PEER_PATH } from '/__peer-config.js';
import '../src/index.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import { Sha256 } from '../src/core/sha256.js';
import { createSha256, sha256Engine } from '../src/core/sha256-wasm.js';
import { cleanup, nextEvent, openChat, record, uid, until } from './helpers.js';

async function pair(receiverAttrs: Record<string, string> = {}): Promise<[RtcChat, RtcChat]> {
  const bob = await openChat({ 'peer-id': uid('bob'), ...receiverAttrs });
  const alice = await openChat({ 'peer-id': uid('alice'), remote: bob.peerId! });
  await until(() => alice.peers.length === 1 && bob.peers.length === 1, 'connected');
  return [alice, bob];
}

function randomBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size; at += 65536) crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65536)));
  return bytes;
}

async function digest(blob: Blob): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
}

describe('<rtc-chat> file transfer', () => {
  afterEach(cleanup);

  it('sends a file: progress on both sides, verified blob, download link with the name', async () => {
    const [alice, bob] = await pair();
    const content = 'hello file\n'.repeat(1000);
    const file = new File([content], 'notes.txt', { type: 'text/plain' });
    const progressAlice = record(alice, 'rtc-file-progress');
    const progressBob = record(bob, 'rtc-file-progress');
    const offer = nextEvent<CustomEvent>(bob, 'rtc-file-offer');
    const arrived = nextEvent<CustomEvent>(bob, 'rtc-file');
    const [transfer] = await alice.sendFile(file);
    expect(transfer.status).to.equal('done');
    expect((await offer).detail).to.include({ from: alice.peerId, name: 'notes.txt', size: file.size, type: 'text/plain' });
    const detail = (await arrived).detail;
    expect(detail).to.include({ from: alice.peerId, name: 'notes.txt', size: file.size, type: 'text/plain' });
    expect(await detail.blob.text()).to.equal(content);
    // never served as a renderable type: plain text/html/svg become octet-stream blobs
    expect(detail.blob.type).to.equal('application/octet-stream');
    expect(progressBob.at(-1)!.detail).to.deep.include({ bytes: file.size, total: file.size, direction: 'receive', peer: alice.peerId });
    expect(progressAlice.at(-1)!.detail).to.deep.include({ bytes: file.size, total: file.size, direction: 'send', peer: bob.peerId });
    await bob.updateComplete;
    const link = bob.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="file-link"]')!;
    expect(link.getAttribute('download')).to.equal('notes.txt');
    expect(link.href).to.match(/^blob:/);
    expect(bob.messages.at(-1)!.file!.status).to.equal('done');
    await expect(bob).to.be.accessible();
  });

  it('moves 24 MB intact while chat messages keep flowing', async () => {
    const [alice, bob] = await pair();
    const bytes = randomBytes(24 * 1024 * 1024);
    const file = new File([bytes], 'big.bin', { type: 'application/octet-stream' });
    const arrived = nextEvent<CustomEvent>(bob, 'rtc-file', 120000);
    const sending = alice.sendFile(file);
    // a chat message sent once the transfer is under way must not wait for the whole file
    await nextEvent(bob, 'rtc-file-progress', 30000, (e: CustomEvent) => e.detail.bytes > 0);
    await alice.send('during transfer');
    await until(() => bob.messages.some((m) => m.data === 'during transfer'), 'chat during transfer', 30000);
    const fileStillRunning = bob.messages.find((m) => m.file)!.file!.status !== 'done';
    expect(fileStillRunning, 'the message arrived before the file finished').to.equal(true);
    await sending;
    const blob = (await arrived).detail.blob as Blob;
    expect(blob.size).to.equal(bytes.length);
    expect(await digest(blob)).to.equal(await digest(file));
  });

  it('runs several transfers at once', async () => {
    const [alice, bob] = await pair();
    const files = [1, 2, 3].map((n) => new File([randomBytes(n * 300000)], `f${n}.bin`));
    const received: CustomEvent[] = record(bob, 'rtc-file');
    await Promise.all(files.map((f) => alice.sendFile(f)));
    await until(() => received.length === 3, 'three files');
    const byName = new Map(received.map((e) => [e.detail.name, e.detail.blob as Blob]));
    for (const f of files) expect(await digest(byName.get(f.name)!)).to.equal(await digest(f));
  });

  it('refuses when the page cancels rtc-file-offer', async () => {
    const [alice, bob] = await pair();
    bob.addEventListener('rtc-file-offer', (e) => e.preventDefault(), { once: true });
    const files = record(bob, 'rtc-file');
    const error = await alice.sendFile(new Blob(['x'])).catch((e) => e);
    expect(error.type).to.equal('file-refused');
    expect(files).to.have.length(0);
  });

  it('refuses offers over max-file-size with an error on both sides', async () => {
    const [alice, bob] = await pair({ 'max-file-size': '1000' });
    const bobError = nextEvent<CustomEvent>(bob, 'rtc-error');
    const offers = record(bob, 'rtc-file-offer');
    const error = await alice.sendFile(new Blob([randomBytes(5000)])).catch((e) => e);
    expect(error.type).to.equal('file-refused');
    expect((await bobError).detail.type).to.equal('file-too-large');
    expect(offers).to.have.length(0);
  });

  it('can be cancelled by the sender and by the receiver', async () => {
    const [alice, bob] = await pair();
    // sender cancels
    let bobCancel = nextEvent<CustomEvent>(bob, 'rtc-file-cancel');
    let sending = alice.sendFile(new File([randomBytes(16 * 1024 * 1024)], 'a.bin'));
    await nextEvent(alice, 'rtc-file-progress', 30000, (e: CustomEvent) => e.detail.bytes > 0);
    const id = alice.messages.find((m) => m.file)!.file!.id;
    expect(alice.cancelFile(id)).to.equal(true);
    expect((await sending.catch((e) => e)).type).to.equal('file-cancelled');
    expect((await bobCancel).detail).to.include({ id, by: 'remote', direction: 'receive' });

    // receiver cancels
    const aliceCancel = nextEvent<CustomEvent>(alice, 'rtc-file-cancel');
    bobCancel = nextEvent<CustomEvent>(bob, 'rtc-file-cancel');
    sending = alice.sendFile(new File([randomBytes(16 * 1024 * 1024)], 'b.bin'));
    await nextEvent(bob, 'rtc-file-progress', 30000, (e: CustomEvent) => e.detail.bytes > 0);
    await bob.updateComplete;
    bob.shadowRoot!.querySelector<HTMLButtonElement>('[part~="file-cancel"]')!.click();
    expect((await sending.catch((e) => e)).type).to.equal('file-cancelled');
    expect((await aliceCancel).detail).to.include({ by: 'remote', direction: 'send' });
    expect((await bobCancel).detail).to.include({ by: 'local' });

    // the connection still works afterwards
    const [done] = await alice.sendFile(new Blob(['after']), { name: 'after.txt' });
    expect(done.status).to.equal('done');
  });

  it('sanitizes hostile file names and never renders them as HTML', async () => {
    const [alice, bob] = await pair();
    const arrived = nextEvent<CustomEvent>(bob, 'rtc-file');
    await alice.sendFile(new Blob(['x'], { type: 'text/html' }), { name: '../../etc/<img src=x onerror=alert(1)>\u202Egpj.exe' });
    const { name, blob } = (await arrived).detail;
    expect(name).to.equal('_img src=x onerror=alert(1)_gpj.exe');
    expect(blob.type).to.equal('application/octet-stream');
    await bob.updateComplete;
    expect(bob.shadowRoot!.querySelector('img[src="x"]')).to.equal(null);
    expect(bob.shadowRoot!.querySelector('[part~="file-name"]')!.textContent).to.equal(name);
  });

  it('keeps image previews for raster images only', async () => {
    const [alice, bob] = await pair();
    const canvas = document.createElement('canvas');
    canvas.width = 4;
    canvas.height = 4;
    const png = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
    const arrived = nextEvent<CustomEvent>(bob, 'rtc-file');
    await alice.sendFile(png, { name: 'dot.png' });
    expect((await arrived).detail.blob.type).to.equal('image/png');
    await bob.updateComplete;
    const img = bob.shadowRoot!.querySelector<HTMLImageElement>('[part~="file-preview"]')!;
    expect(img.alt).to.contain('dot.png');
    await until(() => img.complete && img.naturalWidth === 4, 'preview decoded');
  });

  it('a plain PeerJS peer cannot be sent files: clear rejection', async () => {
    const plain = await new Promise<Peer>((resolve, reject) => {
      const p = new Peer(uid('plain'), { host: PEER_HOST, port: PEER_PORT, path: PEER_PATH, secure: false, config: { iceServers: [] } });
      p.once('open', () => resolve(p));
      p.once('error', reject);
    });
    try {
      const chat = await openChat({ 'peer-id': uid('chat'), remote: plain.id });
      await until(() => chat.peers.length === 1, 'connected');
      const error = await chat.sendFile(new Blob(['x'])).catch((e) => e);
      expect(error.type).to.equal('send-failed');
      expect(error.message).to.contain('plain PeerJS');
    } finally {
      plain.destroy();
    }
  });
});

describe('<rtc-chat> file transfer from a hostile peer', () => {
  let evil: Peer | undefined;
  afterEach(() => {
    cleanup();
    evil?.destroy();
    evil = undefined;
  });

  /** A raw PeerJS peer that speaks our wire protocol by hand, and lies. */
  async function hostile(target: RtcChat): Promise<{ peer: Peer; chat: DataConnection }> {
    evil = await new Promise<Peer>((resolve, reject) => {
      const p = new Peer(uid('evil'), { host: PEER_HOST, port: PEER_PORT, path: PEER_PATH, secure: false, config: { iceServers: [] } });
      p.once('open', () => resolve(p));
      p.once('error', reject);
    });
    const chat = evil.connect(target.peerId!, { reliable: true, serialization: 'json', metadata: { rtcElements: 1, kind: 'chat' } });
    await new Promise((r) => chat.once('open', () => r(undefined)));
    return { peer: evil, chat };
  }

  async function offerAndStream(target: RtcChat, size: number, payload: Uint8Array<ArrayBuffer> | Uint8Array<ArrayBuffer>[], sha: string) {
    const { peer, chat } = await hostile(target);
    const id = 'evilfile1';
    const accepted = new Promise<void>((resolve) =>
      chat.on('data', (d) => {
        if ((d as { t?: string }).t === 'file-accept') resolve();
      }),
    );
    chat.send({ $rtc: 1, t: 'file-offer', id, name: 'x.bin', size, mime: 'application/octet-stream' });
    await accepted;
    const data = peer.connect(target.peerId!, { reliable: true, serialization: 'raw', metadata: { rtcElements: 1, kind: 'file', transfer: id } });
    await new Promise((r) => data.once('open', () => r(undefined)));
    for (const piece of Array.isArray(payload) ? payload : [payload]) data.dataChannel.send(piece);
    data.dataChannel.send(JSON.stringify({ $rtc: 1, t: 'file-end', id, sha256: sha }));
    return { chat, data };
  }

  it('a wrong SHA-256 is an error and no file is delivered', async () => {
    const target = await openChat({ 'peer-id': uid('target') });
    const files = record(target, 'rtc-file');
    const error = nextEvent<CustomEvent>(target, 'rtc-error', 15000, (e) => e.detail.type === 'file-integrity');
    const payload = randomBytes(1000);
    await offerAndStream(target, 1000, payload, '0'.repeat(64));
    expect((await error).detail.message).to.contain('SHA-256');
    await new Promise((r) => setTimeout(r, 200));
    expect(files).to.have.length(0);
    expect(target.messages.find((m) => m.file)!.file!.status).to.equal('failed');
  });

  it('one flipped byte in a multi-chunk stream of the right size fails verification', async () => {
    const target = await openChat({ 'peer-id': uid('target') });
    const files = record(target, 'rtc-file');
    const error = nextEvent<CustomEvent>(target, 'rtc-error', 15000, (e) => e.detail.type === 'file-integrity');
    const original = randomBytes(600000);
    const sha = new Sha256().update(original).hex();
    const corrupt = original.slice();
    corrupt[345678] ^= 0x01;
    await offerAndStream(
      target,
      original.length,
      [0, 200000, 400000].map((at) => corrupt.slice(at, at + 200000)),
      sha,
    );
    expect((await error).detail.message).to.contain('SHA-256');
    await new Promise((r) => setTimeout(r, 200));
    expect(files).to.have.length(0);
    expect(target.messages.find((m) => m.file)!.file!.status).to.equal('failed');
  });

  it('more bytes than offered are refused; the right hash passes', async () => {
    const target = await openChat({ 'peer-id': uid('target') });
    const error = nextEvent<CustomEvent>(target, 'rtc-error', 15000, (e) => e.detail.type === 'invalid-data');
    await offerAndStream(target, 10, randomBytes(1000), '0'.repeat(64));
    expect((await error).detail.message).to.contain('more bytes');

    const good = randomBytes(5000);
    const arrived = nextEvent<CustomEvent>(target, 'rtc-file');
    evil?.destroy();
    await offerAndStream(target, 5000, good, new Sha256().update(good).hex());
    expect((await arrived).detail.size).to.equal(5000);
  });

  it('malformed offers and unknown envelopes are dropped with rtc-error, the chat keeps working', async () => {
    const target = await openChat({ 'peer-id': uid('target') });
    const errors = record(target, 'rtc-error');
    const offers = record(target, 'rtc-file-offer');
    const { chat } = await hostile(target);
    chat.send({ $rtc: 1, t: 'file-offer', id: 'ok1', name: 'n', size: -5 });
    chat.send({ $rtc: 1, t: 'file-offer', id: 'ok2', name: 'n', size: 1.5 });
    chat.send({ $rtc: 1, t: 'file-end', id: 'ok3', sha256: '0'.repeat(64) }); // belongs on a file's own channel
    chat.send({ $rtc: 1, t: 'file-offer', id: '../../x', name: 'n', size: 5 });
    chat.send({ $rtc: 1, t: 'nonsense' });
    chat.send({ $rtc: 99, t: 'msg' });
    chat.send({ $rtc: 1, t: 'msg', id: 'm1', data: 'still fine', time: 1 });
    await until(() => target.messages.some((m) => m.data === 'still fine'), 'good message after bad ones');
    // reported, but at most once per second per peer so a hostile peer cannot flood the page with events
    expect(errors.length).to.be.at.least(1);
    expect(errors.every((e) => e.detail.type === 'invalid-data')).to.equal(true);
    expect(offers).to.have.length(0);
    expect(target.messages.some((m) => m.file)).to.equal(false);
  });
});

describe('SHA-256 (unit)', () => {
  const webCrypto = async (bytes: Uint8Array<ArrayBuffer>) =>
    Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');

  it('matches WebCrypto for sizes around block boundaries, fed in odd pieces', async () => {
    for (const size of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 65536 + 7]) {
      const bytes = randomBytes(size);
      const expected = await webCrypto(bytes);
      for (const hash of [new Sha256(), createSha256()]) {
        for (let at = 0; at < size; at += 37) hash.update(bytes.subarray(at, Math.min(size, at + 37)));
        expect(hash.hex(), `size ${size}, ${hash.constructor.name}`).to.equal(expected);
      }
    }
  });

  it('the WebAssembly engine loads here and matches WebCrypto on large inputs in uneven pieces', async () => {
    expect(sha256Engine()).to.equal('wasm');
    for (const size of [65536 * 3 + 64, 1024 * 1024 + 13]) {
      const bytes = randomBytes(size);
      const hash = createSha256();
      // pieces larger and smaller than its 64 KiB input window, not block aligned
      for (let at = 0, step = 1; at < size; at += step, step = ((step * 7 + 12345) % 200000) + 1) hash.update(bytes.subarray(at, Math.min(size, at + step)));
      expect(hash.hex(), `size ${size}`).to.equal(await webCrypto(bytes));
    }
    // two hashers interleaved (concurrent transfers share the engine) keep their own state
    const x = randomBytes(300000),
      y = randomBytes(300000);
    const hx = createSha256(),
      hy = createSha256();
    for (let at = 0; at < 300000; at += 70000) {
      hx.update(x.subarray(at, at + 70000));
      hy.update(y.subarray(at, at + 70000));
    }
    expect([hx.hex(), hy.hex()]).to.deep.equal([await webCrypto(x), await webCrypto(y)]);
    expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
