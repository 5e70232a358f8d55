// A hostile peer speaking <rtc-chat>'s wire protocol by hand (plain PeerJS, real PeerServer, real
// WebRTC): every field is range-checked, per-peer state stays bounded, resends are paced, and big
// files wait for the user's consent. Each test failed on the code before issue 15's chat part.
import { expect } from '@open-wc/testing';
import { Peer, type DataConnection } from 'peerjs';
import { PEER_HOST, PEER_PORT, PEER_PATH } from '/__peer-config.js';
import '../src/index.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import { Sha256 } from '../src/core/sha256.js';
import { cleanup, nextEvent, openChat, record, texts, uid, until } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let evil: Peer | undefined;

async function evilPeer(): Promise<Peer> {
  evil ??= await new Promise<Peer>((resolve, reject) => {
    const p = new Peer(uid('evil'), { host: PEER_HOST, port: PEER_PORT, path: PEER_PATH, secure: false, config: { iceServers: [] } });
    p.once('open', () => resolve(p));
    p.once('error', reject);
  });
  return evil;
}

/** A chat connection from the hostile peer, as an rtc-elements dialler would open it. */
async function connectEvil(target: string): Promise<DataConnection> {
  const peer = await evilPeer();
  const conn = peer.connect(target, { reliable: true, serialization: 'json', metadata: { rtcElements: 1, kind: 'chat' } });
  await new Promise((r) => conn.once('open', () => r(undefined)));
  // Heartbeats, as an rtc-elements peer sends them: the element closes a chat silent for 5 s.
  const heartbeat = setInterval(() => {
    if (conn.open) conn.send({ $rtc: 1, t: 'ping' });
  }, 1000);
  conn.on('close', () => clearInterval(heartbeat));
  peer.on('close', () => clearInterval(heartbeat));
  return conn;
}

/** Every value the hostile peer receives on `conn`. */
function inbox(conn: DataConnection): Array<Record<string, unknown>> {
  const seen: Array<Record<string, unknown>> = [];
  conn.on('data', (d) => {
    if (d && typeof d === 'object') seen.push(d as Record<string, unknown>);
  });
  return seen;
}

const msg = (id: string, data: unknown, extra: Record<string, unknown> = {}) => ({ $rtc: 1, t: 'msg', id, time: Date.now(), data, ...extra });

interface DeliveryState {
  seen: Set<string>;
  buckets: Map<string, unknown>;
}
const deliveryOf = (chat: RtcChat) => (chat as unknown as { delivery: DeliveryState }).delivery;

afterEach(() => {
  cleanup();
  evil?.destroy();
  evil = undefined;
});

describe('hostile chat peer: range-checked fields', () => {
  it('an out-of-range time is dropped with invalid-data naming the peer and the field; later messages render, also after a reload with persist', async () => {
    const id = uid('target');
    localStorage.removeItem(`rtc-elements:chat:${id}`);
    const target = await openChat({ 'peer-id': id, persist: '' });
    const errors = record(target, 'rtc-error');
    const conn = await connectEvil(id);
    conn.send(msg('badtime1', 'from before time', { time: -1e20 }));
    conn.send(msg('badtime2', 'past the last date', { time: 8.64e15 + 1 }));
    conn.send(msg('badtime3', 'far future', { time: 1e300 }));
    conn.send(msg('badtime4', 'a string time', { time: '12:00' }));
    for (let i = 1; i <= 3; i++) conn.send(msg(`good${i}`, `after bad time ${i}`));
    await until(() => texts(target).includes('after bad time 3'), 'later messages render', 10000);
    expect(texts(target)).to.deep.equal(['after bad time 1', 'after bad time 2', 'after bad time 3']);
    const invalid = errors.find((e) => e.detail.type === 'invalid-data');
    expect(invalid, 'invalid-data reported').to.not.equal(undefined);
    expect(invalid!.detail.peer).to.equal(evil!.id);
    expect(invalid!.detail.message).to.contain(evil!.id).and.to.contain('time');
    expect(target.messages.map((m) => m.id)).to.deep.equal(['good1', 'good2', 'good3']);

    // a reload: the same peer id with persist shows the history, and new messages render
    await sleep(400); // persist writes within 200 ms
    target.remove();
    await sleep(100);
    const again = await openChat({ 'peer-id': id, persist: '' });
    await again.updateComplete;
    await until(() => texts(again).length === 3, 'restored history renders', 5000);
    const conn2 = await connectEvil(id);
    conn2.send(msg('good4', 'after the reload'));
    await until(() => texts(again).includes('after the reload'), 'a new message renders after the reload', 10000);
    localStorage.removeItem(`rtc-elements:chat:${id}`);
  });

  it('persisted history is re-validated on load: bad entries are dropped, good ones render', async () => {
    const id = uid('target');
    const good = { id: 'okmsg1', from: 'friend', data: 'stored and fine', time: Date.now() - 60000, self: false };
    const bad = [
      { id: 'badt', from: 'friend', data: 'poison', time: -1e20, self: false },
      { id: 'badinf', from: 'friend', data: 'poison', time: 1e300, self: false },
      { id: 'bad id with spaces and <b>', from: 'friend', data: 'poison', time: Date.now(), self: false },
      { id: 'badfrom', from: 'x'.repeat(5000), data: 'poison', time: Date.now(), self: false },
      { id: 'badstatus', from: id, data: 'poison', time: Date.now(), self: true, status: 'hacked' },
      { id: 'badfile', from: 'friend', data: 'poison', time: Date.now(), self: false, file: { url: 'javascript:alert(1)' } },
    ];
    localStorage.setItem(
      `rtc-elements:chat:${id}`,
      JSON.stringify({
        v: 1,
        messages: [bad[0], good, ...bad.slice(1)],
        delivery: {
          outbox: {
            friend: [
              { id: 'o1', seq: 1, time: -1e20, data: 'x' },
              { id: 'o2', seq: -5, time: Date.now(), data: 'x' },
            ],
          },
          seq: { friend: 1e300 },
          seen: [],
        },
      }),
    );
    try {
      const chat = await openChat({ 'peer-id': id, persist: '' });
      await chat.updateComplete;
      await until(() => texts(chat).length > 0, 'restored', 5000);
      expect(chat.messages.map((m) => m.id)).to.deep.equal(['okmsg1']);
      expect(texts(chat)).to.deep.equal(['stored and fine']);
      const outbox = (chat as unknown as { delivery: { outbox: Map<string, unknown[]>; seq: Map<string, number> } }).delivery;
      expect(outbox.outbox.get('friend') ?? []).to.have.length(0);
      expect(outbox.seq.get('friend') ?? 0).to.be.below(Number.MAX_SAFE_INTEGER);
    } finally {
      localStorage.removeItem(`rtc-elements:chat:${id}`);
    }
  });

  it('bad sequence numbers, typing flags, receipts and ids drop only that message', async () => {
    const target = await openChat({ 'peer-id': uid('target') });
    const errors = record(target, 'rtc-error');
    const conn = await connectEvil(target.peerId!);
    conn.send(msg('seqneg', 'negative seq', { seq: -1 }));
    conn.send(msg('seqfrac', 'fractional seq', { seq: 1.5 }));
    conn.send(msg('seqstr', 'string seq', { seq: '3' }));
    conn.send(msg('seqhuge', 'unsafe seq', { seq: 2 ** 60 }));
    conn.send(msg('x'.repeat(65), 'long id'));
    conn.send(msg('ackbad', 'bad ack list', { ack: ['ok', 'no spaces allowed'] }));
    conn.send({ $rtc: 1, t: 'typing', on: 'yes' });
    conn.send({ $rtc: 1, t: 'read', ids: Array.from({ length: 501 }, (_, i) => `r${i}`) });
    conn.send({ $rtc: 1, t: 'ack', ids: [] });
    conn.send(msg('fine1', 'a good one', { seq: 1 }));
    await until(() => texts(target).includes('a good one'), 'good message rendered', 10000);
    expect(target.messages.map((m) => m.id)).to.deep.equal(['fine1']);
    expect(target.typing).to.deep.equal([]);
    expect(errors.some((e) => e.detail.type === 'invalid-data' && e.detail.peer === evil!.id)).to.equal(true);
  });
});

describe('hostile chat peer: bounded state', () => {
  it('10,000 unique message ids from one peer: its remembered ids and buckets stay bounded', async function () {
    this.timeout(90000);
    const target = await openChat({ 'peer-id': uid('target'), 'rate-limit': '1000000' });
    const conn = await connectEvil(target.peerId!);
    for (let i = 0; i < 10000; i++) {
      conn.send(msg(`u${i}`, i));
      if (i % 500 === 499) await sleep(20); // let PeerJS's queue drain
    }
    await until(() => target.messages.at(-1)?.data === 9999, 'all 10,000 arrived', 60000);
    const { seen, buckets } = deliveryOf(target);
    const fromEvil = [...seen].filter((key) => key.startsWith(`${evil!.id}\u0000`)).length;
    expect(fromEvil, 'ids remembered for one peer').to.be.at.most(5000);
    expect(fromEvil, 'recent ids are still remembered').to.be.at.least(1000);
    expect(buckets.size).to.be.at.most(1);
    // a resend of a recent id is still recognized as a duplicate
    conn.send(msg('u9998', 'duplicate'));
    conn.send(msg('last', 'after the duplicate'));
    await until(() => target.messages.at(-1)?.data === 'after the duplicate', 'last message');
    expect(target.messages.filter((m) => m.id === 'u9998')).to.have.length(1);
  });

  it('10,000 typing notices from one peer: few rtc-typing events, at most two timers', async function () {
    this.timeout(60000);
    const target = await openChat({ 'peer-id': uid('target'), 'rate-limit': '1000000' });
    const typing = record(target, 'rtc-typing');
    const conn = await connectEvil(target.peerId!);
    for (let i = 0; i < 10000; i++) {
      conn.send({ $rtc: 1, t: 'typing', on: i % 2 === 0 });
      if (i % 1000 === 999) await sleep(20);
    }
    conn.send(msg('after-typing', 'still chatting'));
    await until(() => target.messages.some((m) => m.id === 'after-typing'), 'message after typing flood', 20000);
    await sleep(1200);
    expect(typing.length, 'rtc-typing events').to.be.at.most(40);
    const remoteTyping = (target as unknown as { presence: { typing: { timers: number; peers: string[] } } }).presence.typing;
    expect(remoteTyping.timers, 'typing timers').to.be.at.most(2);
    expect(remoteTyping.peers).to.deep.equal([]);
  });

  it('a peer cannot make us resend the unacknowledged backlog on demand (repeated hello, ping)', async function () {
    this.timeout(60000);
    const target = await openChat({ 'peer-id': uid('target') });
    const conn = await connectEvil(target.peerId!);
    const received = inbox(conn);
    await until(() => target.peers.length === 1, 'connected');
    const backlog = 20;
    for (let i = 0; i < backlog; i++) await target.send(`backlog ${i}`);
    await until(() => received.filter((d) => d.t === 'msg').length >= backlog, 'backlog arrived once');
    const before = received.filter((d) => d.t === 'msg').length;
    // never acknowledges; asks for a resend 300 times in a second
    for (let i = 0; i < 300; i++) {
      conn.send(i % 2 ? { $rtc: 1, t: 'hello', frames: 'none' } : { $rtc: 1, t: 'hello' });
      conn.send({ $rtc: 1, t: 'ping' });
      if (i % 50 === 49) await sleep(150);
    }
    await sleep(1000);
    const resent = received.filter((d) => d.t === 'msg').length - before;
    // at most a couple of paced resends of the backlog (plus the 3 s retransmission), not 300
    expect(resent, 'messages resent').to.be.at.most(backlog * 3);
    // nothing the user sent was dropped: still waiting, and delivered once acknowledged
    expect(target.messages.filter((m) => m.self).every((m) => m.status === 'sent' || m.status === 'pending')).to.equal(true);
    const ids = target.messages.filter((m) => m.self).map((m) => m.id);
    conn.send({ $rtc: 1, t: 'ack', ids });
    await until(() => target.messages.filter((m) => m.self).every((m) => m.status === 'delivered'), 'delivered after the ack');
  });
});

describe('hostile chat peer: resend pacing across reconnects', () => {
  it('reconnecting over and over does not resend the backlog each time; a real reconnect still gets it', async function () {
    this.timeout(60000);
    const target = await openChat({ 'peer-id': uid('target') });
    let conn = await connectEvil(target.peerId!);
    let received = inbox(conn);
    await until(() => target.peers.length === 1, 'connected');
    const backlog = 20;
    for (let i = 0; i < backlog; i++) await target.send(`backlog ${i}`);
    await until(() => received.filter((d) => d.t === 'msg').length >= backlog, 'backlog arrived once');
    let resent = 0;
    for (let round = 0; round < 6; round++) {
      conn.close();
      await until(() => target.peers.length === 0, 'target saw the close');
      conn = await connectEvil(target.peerId!);
      received = inbox(conn);
      await until(() => target.peers.length === 1, 'reconnected');
      await sleep(100);
      resent += received.filter((d) => d.t === 'msg').length;
    }
    // six reconnects within a few seconds: a few paced resends, not six of the whole backlog
    expect(resent, 'messages resent over six reconnects').to.be.at.most(backlog * 3);
    // the backlog still arrives on the current connection (retransmission), and is acknowledged there
    await until(() => received.filter((d) => d.t === 'msg').length >= backlog, 'backlog resent on the last connection', 10000);
    conn.send({ $rtc: 1, t: 'ack', ids: target.messages.filter((m) => m.self).map((m) => m.id) });
    await until(() => target.messages.filter((m) => m.self).every((m) => m.status === 'delivered'), 'delivered');
  });
});

describe('hostile chat peer: file transfers', () => {
  async function offer(conn: DataConnection, id: string, size: number, name = `${id}.bin`) {
    conn.send({ $rtc: 1, t: 'file-offer', id, name, size, mime: 'application/octet-stream' });
  }

  it('a stalled incoming transfer fails with rtc-error after the stall timeout and is freed', async function () {
    this.timeout(40000);
    const target = await openChat({ 'peer-id': uid('target') });
    target.fileTransfers.tuning.stallTimeout = 1500;
    const conn = await connectEvil(target.peerId!);
    const received = inbox(conn);
    await offer(conn, 'stall1', 5000);
    await until(() => received.some((d) => d.t === 'file-accept' && d.id === 'stall1'), 'accepted');
    const data = evil!.connect(target.peerId!, { reliable: true, serialization: 'raw', metadata: { rtcElements: 1, kind: 'file', transfer: 'stall1' } });
    await new Promise((r) => data.once('open', () => r(undefined)));
    const failed = nextEvent<CustomEvent>(target, 'rtc-error', 15000, (e) => e.detail.type === 'file-failed');
    data.dataChannel.send(new Uint8Array(1000)); // then nothing more
    const error = (await failed).detail;
    expect(error.peer).to.equal(evil!.id);
    expect(error.message).to.contain('stall1.bin').and.to.contain('No data');
    expect(target.peers, 'the chat connection is still up (only the file stalled)').to.deep.equal([evil!.id]);
    expect(target.fileTransfers.active.filter((t) => t.id === 'stall1')).to.have.length(0);
    expect(target.messages.find((m) => m.file?.id === 'stall1')!.file!.status).to.equal('failed');
    await until(() => received.some((d) => d.t === 'file-cancel' && d.id === 'stall1'), 'the sender is told');
  });

  it('more concurrent incoming transfers than the per-peer cap are refused; another peer can still send', async function () {
    this.timeout(40000);
    const target = await openChat({ 'peer-id': uid('target') });
    const errors = record(target, 'rtc-error');
    const conn = await connectEvil(target.peerId!);
    const received = inbox(conn);
    for (let i = 0; i < 8; i++) await offer(conn, `many${i}`, 1000);
    await until(() => received.filter((d) => d.t === 'file-accept' || d.t === 'file-reject').length === 8, 'all answered');
    const accepted = received.filter((d) => d.t === 'file-accept').length;
    expect(accepted, 'accepted from one peer').to.be.at.most(3);
    expect(received.filter((d) => d.t === 'file-reject').every((d) => d.reason === 'busy')).to.equal(true);
    expect(errors.some((e) => e.detail.type === 'rate-limited' && e.detail.peer === evil!.id)).to.equal(true);
    // the total cap is not used up by one peer
    const friend = await openChat({ 'peer-id': uid('friend'), remote: target.peerId! });
    await until(() => friend.peers.length === 1, 'friend connected');
    const [transfer] = await friend.sendFile(new File(['a friendly file'], 'ok.txt'));
    expect(transfer.status).to.equal('done');
  });

  it('an offer over confirm-file-size waits for the user: acceptFile() receives it, declineFile() tells the sender, small ones flow', async function () {
    this.timeout(40000);
    const target = await openChat({ 'peer-id': uid('target'), 'confirm-file-size': '1000' });
    expect(target.confirmFileSize).to.equal(1000);
    const offers = record(target, 'rtc-file-offer');
    const conn = await connectEvil(target.peerId!);
    const received = inbox(conn);
    // small: flows at once
    await offer(conn, 'small1', 500);
    await until(() => received.some((d) => d.t === 'file-accept' && d.id === 'small1'), 'small file accepted by itself');
    // big: waits
    await offer(conn, 'big1', 5000);
    await until(() => offers.some((e) => e.detail.id === 'big1'), 'offer event');
    expect(offers.find((e) => e.detail.id === 'big1')!.detail.confirm).to.equal(true);
    expect(offers.find((e) => e.detail.id === 'small1')!.detail.confirm).to.equal(false);
    await sleep(500);
    expect(received.some((d) => d.id === 'big1')).to.equal(false);
    await target.updateComplete;
    const card = target.shadowRoot!.querySelector('[part~="file"][data-id="big1"]')!;
    expect(card.querySelector('[part~="file-accept"]')).to.not.equal(null);
    expect(card.querySelector('[part~="file-decline"]')).to.not.equal(null);
    // accept by the button: the sender may stream now, and the file arrives
    const arrived = nextEvent<CustomEvent>(target, 'rtc-file', 15000, (e) => e.detail.id === 'big1');
    card.querySelector<HTMLButtonElement>('[part~="file-accept"]')!.click();
    await until(() => received.some((d) => d.t === 'file-accept' && d.id === 'big1'), 'accepted by the user');
    const bytes = new Uint8Array(5000).fill(7);
    const data = evil!.connect(target.peerId!, { reliable: true, serialization: 'raw', metadata: { rtcElements: 1, kind: 'file', transfer: 'big1' } });
    await new Promise((r) => data.once('open', () => r(undefined)));
    data.dataChannel.send(bytes);
    data.dataChannel.send(JSON.stringify({ $rtc: 1, t: 'file-end', id: 'big1', sha256: new Sha256().update(bytes).hex() }));
    expect((await arrived).detail.size).to.equal(5000);
    // decline: the sender hears file-reject 'declined'
    await offer(conn, 'big2', 5000);
    await until(() => offers.some((e) => e.detail.id === 'big2'), 'second offer');
    expect(target.declineFile('big2')).to.equal(true);
    await until(() => received.some((d) => d.t === 'file-reject' && d.id === 'big2'), 'declined');
    expect(received.find((d) => d.t === 'file-reject' && d.id === 'big2')!.reason).to.equal('declined');
    expect(target.acceptFile('big2')).to.equal(false);
  });

  it('between two elements: a declined big file rejects sendFile() with file-refused; accepted by acceptFile() it arrives', async function () {
    this.timeout(40000);
    const bob = await openChat({ 'peer-id': uid('bob'), 'confirm-file-size': '2000' });
    const alice = await openChat({ 'peer-id': uid('alice'), remote: bob.peerId! });
    await until(() => alice.peers.length === 1 && bob.peers.length === 1, 'connected');
    const offered = nextEvent<CustomEvent>(bob, 'rtc-file-offer');
    const declined = alice.sendFile(new File([new Uint8Array(5000)], 'big.bin')).catch((e) => e);
    const { id } = (await offered).detail;
    expect(bob.declineFile(id)).to.equal(true);
    const error = await declined;
    expect(error.type).to.equal('file-refused');
    expect(error.message).to.contain('declined');
    expect(alice.messages.find((m) => m.file?.id === id)!.file!.status).to.equal('cancelled');

    const next = nextEvent<CustomEvent>(bob, 'rtc-file-offer');
    const sending = alice.sendFile(new File([new Uint8Array(5000).fill(1)], 'big2.bin'));
    const second = (await next).detail;
    expect(second.confirm).to.equal(true);
    expect(bob.acceptFile(second.id)).to.equal(true);
    const [transfer] = await sending;
    expect(transfer.status).to.equal('done');
  });
});
