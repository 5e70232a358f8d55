// Rooms against hostile peers (issue 15): members `allow` refuses, a squatter on a public room's
// beacon id that lies, and outsiders of a private room (`room-key`). Real Chromium, a real
// PeerServer; the hostile side is plain PeerJS sending raw envelopes.
import { expect } from '@open-wc/testing';
import { Peer, type DataConnection } from 'peerjs';
import { PEER_HOST, PEER_PORT, PEER_PATH } from '/__peer-config.js';
import '../src/index.js';
import type { RtcCall } from '../src/rtc-call/rtc-call.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import type { PeerSession } from '../src/session/peer-session.js';
import { beaconId } from '../src/session/room.js';
import { Handshake, RoomAuth } from '../src/session/room-auth.js';
import { cleanup, openCall as openAnyCall, openChat, record, uid, uncaughtDuring, until } from './helpers.js';

const sorted = (list: string[]) => [...list].sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const refusals = (errors: CustomEvent[], peer: string) => errors.filter((e) => e.detail.type === 'peer-refused' && e.detail.peer === peer).length;
const ofType = (errors: CustomEvent[], type: string) => errors.filter((e) => e.detail.type === type);

/** A plain PeerJS peer on our PeerServer. */
async function plainPeer(id: string): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const peer = new Peer(id, { host: PEER_HOST, port: PEER_PORT, path: PEER_PATH, secure: false, config: { iceServers: [] } });
    peer.once('open', () => resolve(peer));
    peer.once('error', reject);
  });
}

/** An <rtc-call> that is audio only (the fake microphone is cheap). */
const openCall = (attrs: Record<string, string>): Promise<RtcCall> => openAnyCall({ 'audio-only': '', ...attrs });
const tilesOf = (call: RtcCall) => sorted([...call.shadowRoot!.querySelectorAll<HTMLElement>('[part~="tile-remote"]')].map((t) => t.dataset.peer ?? ''));
const shownMembers = (chat: RtcChat) => [...chat.shadowRoot!.querySelectorAll('[part~="member"]')].map((n) => n.textContent ?? '');

/** Runs `run`, expecting no uncaught errors or rejections. */
async function noUncaught(run: () => Promise<void>): Promise<void> {
  expect((await uncaughtDuring(run)).map(String), 'no uncaught errors').to.deep.equal([]);
}

describe('hostile rooms: the key handshake', () => {
  /** Two handshake sides joined by an in-memory channel; resolves with both outcomes (or 'running'). */
  async function run(keyI: string, keyR: string, tamper: (m: unknown) => unknown = (m) => m) {
    const result: Record<'I' | 'R', string> = { I: 'running', R: 'running' };
    const sides: Record<'I' | 'R', Handshake | undefined> = { I: undefined, R: undefined };
    const wire = (to: 'I' | 'R') => ({ send: (value: unknown) => queueMicrotask(() => sides[to]!.receive(tamper(JSON.parse(JSON.stringify(value))))) });
    sides.I = new Handshake(wire('R'), new RoomAuth('rtcroom-test', 'test', keyI), true, 'alice', 'bob', (ok, why) => {
      result.I = ok ? 'ok' : why;
    });
    sides.R = new Handshake(wire('I'), new RoomAuth('rtcroom-test', 'test', keyR), false, 'alice', 'bob', (ok, why) => {
      result.R = ok ? 'ok' : why;
    });
    sides.R.start();
    sides.I.start();
    await sleep(50);
    sides.I.abort('test over');
    sides.R.abort('test over');
    return result;
  }

  it('succeeds with the same key, fails with another key or a tampered or replayed message; the proof is HMAC-SHA256', async () => {
    expect(await run('s3cret', 's3cret')).to.deep.equal({ I: 'ok', R: 'ok' });
    expect((await run('s3cret', 'guess')).I).to.contain('proof of the room key is wrong');
    const flipped = await run('s3cret', 's3cret', (m) => {
      const x = m as { p?: string };
      return x.p ? { ...x, p: `${x.p[0] === '0' ? '1' : '0'}${x.p.slice(1)}` } : m;
    });
    expect(flipped.I).to.contain('wrong');
    // A proof recorded from one run is worthless in the next (fresh nonces).
    let recorded: unknown;
    await run('s3cret', 's3cret', (m) => {
      if ((m as { n?: string; p?: string }).p && (m as { n?: string }).n) recorded ??= m;
      return m;
    });
    expect((await run('s3cret', 'other', (m) => ((m as { n?: string; p?: string }).p && (m as { n?: string }).n ? recorded : m))).I).to.contain('wrong');
    // The proof against WebCrypto's HMAC-SHA256 under the derived key.
    const key = await crypto.subtle.importKey(
      'raw',
      await crypto.subtle.digest('SHA-256', new TextEncoder().encode('rtc-elements room auth v1\ntest\ns3cret')),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode('rtcroom-test\nI\naa\nbb\nalice\nbob')));
    expect(new RoomAuth('rtcroom-test', 'test', 's3cret').proof('I', 'aa', 'bb', 'alice', 'bob')).to.equal(
      Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join(''),
    );
  });
});

describe('hostile rooms: allow applies to room members', () => {
  afterEach(() => cleanup());

  // Fails before the fix: the member the element would dial (higher id) was dialled and shown;
  // the lower one's refused connections were reported at every attempt, the higher one never.
  it('chat: a member not in allow is neither dialled, shown nor connected, reported once; changing allow applies at once', async function () {
    this.timeout(90000);
    const room = uid('allowroom');
    const [a, b, m, y] = ['a', 'b', 'm', 'y'].map((n) => uid(n)); // ids sort by their first letter
    const chatA = await openChat({ 'peer-id': a, room });
    await until(() => chatA.roomMembers.length === 1, 'a hosts');
    const chatM = await openChat({ 'peer-id': m, room, allow: a });
    const errors = record(chatM, 'rtc-error');
    const chatB = await openChat({ 'peer-id': b, room });
    const chatY = await openChat({ 'peer-id': y, room });
    await until(() => chatA.roomMembers.length === 4, `a sees all four, has ${chatA.roomMembers}`, 40000);
    await until(() => chatB.roomMembers.length === 3 && chatY.roomMembers.length === 3, 'b and y see a and each other', 30000);
    await until(() => sorted(chatM.roomMembers).join() === sorted([a, m]).join(), `m sees only a, has ${chatM.roomMembers}`, 20000);
    // Several member lists and keepalives later, still the same, and each refused member reported once.
    await sleep(7000);
    expect(sorted(chatM.roomMembers)).to.deep.equal(sorted([a, m]));
    expect(chatM.peers).to.deep.equal([a]);
    expect(chatB.peers, 'b could not connect to m').to.not.include(m);
    expect(chatY.peers, 'm never dialled y').to.not.include(m);
    await chatM.updateComplete;
    expect(
      shownMembers(chatM).some((t) => t.includes(b) || t.includes(y)),
      'the header names neither',
    ).to.equal(false);
    expect(refusals(errors, b), 'b (the lower id, dials m) reported once').to.equal(1);
    expect(refusals(errors, y), 'y (the higher id, m would dial) reported once').to.equal(1);
    await chatA.send('to everyone');
    await until(() => chatM.messages.some((x) => x.data === 'to everyone'), 'a reaches m');
    await chatB.send('from b');
    await until(() => chatY.messages.some((x) => x.data === 'from b'), 'b reaches y');
    expect(
      chatM.messages.some((x) => x.data === 'from b'),
      'nothing from b reaches m',
    ).to.equal(false);

    // allow changes: b comes in at once (m dials it, though b has the lower id), a goes at once.
    chatM.allow = `${a} ${b}`;
    await until(() => chatM.roomMembers.includes(b), `m connects b after allow changed, has ${chatM.roomMembers}`, 15000);
    chatM.allow = b;
    await until(() => !chatM.peers.includes(a) && !chatM.roomMembers.includes(a), 'a is dropped at once');
    await until(() => refusals(errors, a) === 1, 'a reported once');
    await sleep(4000);
    expect(refusals(errors, a)).to.equal(1);
    expect(refusals(errors, b)).to.equal(1);
    expect(chatM.peers).to.not.include(a);
  });

  // Fails before the fix: the higher member was skipped without a word, the lower one was declined
  // (and reported) at every call it placed.
  it('call: a member not in allow gets no call and no tile, and is reported once', async function () {
    this.timeout(90000);
    const room = uid('allowcall');
    const [a, b, m, y] = ['a', 'b', 'm', 'y'].map((n) => uid(n));
    const callA = await openCall({ 'peer-id': a, room });
    await until(() => callA.roomMembers.length === 1, 'a hosts', 20000);
    const callM = await openCall({ 'peer-id': m, room, allow: a });
    const errors = record(callM, 'rtc-error');
    const incoming = record(callM, 'rtc-incoming-call');
    const callB = await openCall({ 'peer-id': b, room });
    const callY = await openCall({ 'peer-id': y, room });
    await until(() => callA.roomMembers.length === 4, `a is in a call with all three, has ${callA.roomMembers}`, 45000);
    await until(() => callB.roomMembers.includes(y) && callY.roomMembers.includes(b), 'b and y call each other', 30000);
    await until(() => sorted(callM.roomMembers).join() === sorted([a, m]).join(), `m calls only a, has ${callM.roomMembers}`, 20000);
    await sleep(7000);
    expect(sorted(callM.roomMembers)).to.deep.equal(sorted([a, m]));
    await callM.updateComplete;
    expect(tilesOf(callM)).to.deep.equal([a]);
    expect(callM.remoteStreams.has(b) || callM.remoteStreams.has(y), 'no media from refused members').to.equal(false);
    expect(callB.roomMembers).to.not.include(m);
    expect(callY.roomMembers).to.not.include(m);
    expect(incoming, 'nobody rings').to.have.length(0);
    expect(refusals(errors, b), 'b reported once').to.equal(1);
    expect(refusals(errors, y), 'y reported once').to.equal(1);
  });
});

describe("hostile rooms: a squatter on a public room's beacon id", () => {
  afterEach(() => cleanup());

  // Fails before the fix: bad lists were cut to size or filtered without a word, the room-full lie
  // made the members leave the room, and the rotating lists made a member dial every id named.
  it('bogus member lists and room-full lies are reported as invalid-data and never followed; dialling stays bounded; members keep chatting', async function () {
    this.timeout(90000);
    const room = uid('squat');
    const squatter = await plainPeer(beaconId(room)!);
    const links: DataConnection[] = [];
    squatter.on('connection', (conn) => {
      links.push(conn);
    });
    // A host that says nothing would be dropped after 10 s: keep the links alive.
    const keepalive = setInterval(() => {
      for (const link of links) if (link.open) link.send({ $rtc: 1, t: 'alive' });
    }, 2000);
    try {
      await noUncaught(async () => {
        const [a, b] = ['a', 'b'].map((n) => uid(n));
        const chatA = await openChat({ 'peer-id': a, room });
        const chatB = await openChat({ 'peer-id': b, room });
        const errorsA = record(chatA, 'rtc-error');
        const errorsB = record(chatB, 'rtc-error');
        const linkOf = (peer: string) => links.find((l) => l.peer === peer && l.open);
        await until(() => !!linkOf(a) && !!linkOf(b), 'both members dialled the squatter', 20000);
        const toBoth = (message: unknown) => {
          linkOf(a)?.send(message);
          linkOf(b)?.send(message);
        };

        // An honest-looking list first: the squatter can introduce members (documented).
        toBoth({ $rtc: 1, t: 'members', peers: [a, b], host: a });
        await until(() => chatA.roomMembers.length === 2 && chatB.roomMembers.length === 2, 'a and b connected through the squatter');

        // Count the chat connections a dials from here on.
        const session = (chatA as unknown as { session: PeerSession }).session;
        const dialled: string[] = [];
        const openChannel = session.openChannel.bind(session);
        session.openChannel = ((remote, kind, serialization) => {
          dialled.push(remote);
          return openChannel(remote, kind, serialization);
        }) as PeerSession['openChannel'];

        const bogus: unknown[] = [
          { $rtc: 1, t: 'members', peers: Array.from({ length: 1000 }, (_, i) => `zz-huge-${i}`).concat([a, b]), host: a },
          { $rtc: 1, t: 'members', peers: [a, b, '<img src=x onerror=alert(1)>'], host: a },
          { $rtc: 1, t: 'members', peers: [a, b, 42, null], host: a },
          { $rtc: 1, t: 'members', peers: [a, b, b], host: a },
          { $rtc: 1, t: 'members', peers: [a, b, 'rtcroom-elsewhere'], host: a },
          { $rtc: 1, t: 'members', peers: [a, b], host: 'zz-nobody' },
          { $rtc: 1, t: 'members', peers: 'everyone', host: a },
          { $rtc: 1, t: 'members', peers: { length: 1e9 }, host: a },
          { $rtc: 1, t: 'format-disk' },
          'garbage',
          42,
          null,
          [1, 2, 3],
        ];
        for (const message of bogus) {
          toBoth(message);
          await sleep(1100);
        } // invalid-data is reported at most once a second
        expect(ofType(errorsA, 'invalid-data').length, 'a reported the bad lists').to.be.greaterThan(5);
        expect(ofType(errorsB, 'invalid-data').length, 'b reported the bad lists').to.be.greaterThan(5);
        expect(
          dialled.filter((p) => p.startsWith('zz')),
          'nothing dialled from a bad list',
        ).to.deep.equal([]);
        // A list without the member itself is not its room's.
        linkOf(a)?.send({ $rtc: 1, t: 'members', peers: [b, 'zz-other'], host: b });

        // Rotating lists of made-up members: a (the lowest id) would dial each of them.
        for (let i = 0; i < 40; i++) {
          toBoth({ $rtc: 1, t: 'members', peers: [a, b, `zz${i}-1`, `zz${i}-2`, `zz${i}-3`, `zz${i}-4`], host: a });
          await sleep(25);
        }
        await sleep(3000);
        const fakes = dialled.filter((p) => p.startsWith('zz'));
        expect(fakes.length, `bounded dialling (dialled ${fakes.length} made-up members)`).to.be.at.most(16);
        expect(fakes.length, 'the budget still lets some through').to.be.greaterThan(0);

        // room-full lies: after listing them (a), and without showing a full room (b).
        linkOf(a)?.send({ $rtc: 1, t: 'room-full' });
        linkOf(b)?.send({ $rtc: 1, t: 'room-full', peers: ['zz-f1', 'zz-f2', 'zz-f3', 'zz-f4', 'zz-f5', 'zz-f6'] });
        await sleep(2000);
        expect(ofType(errorsA, 'room-full'), 'a did not obey').to.deep.equal([]);
        expect(ofType(errorsB, 'room-full'), 'b did not obey').to.deep.equal([]);

        // Both are still in the room and still talk.
        toBoth({ $rtc: 1, t: 'members', peers: [a, b], host: a });
        await until(() => chatA.roomMembers.length === 2 && chatB.roomMembers.length === 2, 'the room goes on');
        expect(linkOf(a) && linkOf(b), 'both still follow the beacon').to.be.ok;
        await chatB.send('still here');
        await until(() => chatA.messages.some((x) => x.data === 'still here'), 'b reaches a');
        await chatA.send('me too');
        await until(() => chatB.messages.some((x) => x.data === 'me too'), 'a reaches b');

        // A newcomer the squatter has not listed: a bare room-full (no members shown) is not believed either.
        const c = uid('c');
        const chatC = await openChat({ 'peer-id': c, room });
        const errorsC = record(chatC, 'rtc-error');
        await until(() => !!linkOf(c), 'c dialled the squatter');
        linkOf(c)!.send({ $rtc: 1, t: 'room-full' });
        await until(() => ofType(errorsC, 'invalid-data').length > 0, 'c reported the unconfirmed room-full');
        await sleep(1500);
        expect(ofType(errorsC, 'room-full'), 'c did not obey').to.deep.equal([]);
        expect(linkOf(c), 'c still follows the beacon').to.be.ok;
      });
    } finally {
      clearInterval(keepalive);
      squatter.destroy();
    }
  });
});

describe('hostile rooms: private rooms (room-key)', () => {
  afterEach(() => cleanup());

  // Fails before the fix: room-key did not exist, so the outsider was in the same room as everyone.
  it('members with the same room-key find each other and chat; an outsider with only the room name finds nothing', async function () {
    this.timeout(90000);
    const room = uid('private');
    const key = `k-${crypto.randomUUID()}`;
    const members: RtcChat[] = [];
    for (const n of ['a', 'b', 'c']) members.push(await openChat({ 'peer-id': uid(n), room, 'room-key': key }));
    const outsider = await openChat({ 'peer-id': uid('o'), room });
    const received = record(outsider, 'rtc-message');
    await until(() => members.every((x) => x.roomMembers.length === 3), `three keyed members meshed, have ${members.map((x) => x.roomMembers.length)}`, 40000);
    await sleep(4000);
    expect(outsider.roomMembers).to.deep.equal([outsider.peerId]);
    expect(outsider.peers).to.deep.equal([]);
    for (const x of members) expect(x.roomMembers).to.not.include(outsider.peerId);
    // The beacon id is derived from the key, and is not the public one.
    const beacon = (members[0] as unknown as { rooms: { link: { beacon: string } } }).rooms.link.beacon;
    expect(beacon).to.match(/^rtcroom-[0-9a-f]{32}$/);
    expect(beacon).to.equal(beaconId(room, key));
    expect(beacon).to.not.equal(beaconId(room));
    await members[0].send('secret hello');
    for (const x of members.slice(1)) await until(() => x.messages.some((m) => m.data === 'secret hello'), 'a keyed member got it');
    await members[2].send('secret reply');
    await until(() => members[0].messages.some((m) => m.data === 'secret reply'), 'and back');
    expect(received, 'the outsider got nothing').to.have.length(0);
  });

  // Fails before the fix: room-key did not exist, so the outsider's call joined the group call.
  it('private group call: keyed members (a call and a chat per page, sharing the proofs) meet; an outsider does not', async function () {
    this.timeout(90000);
    const room = uid('privcall');
    const key = `k-${crypto.randomUUID()}`;
    const [a, b] = ['a', 'b'].map((n) => uid(n));
    const callA = await openCall({ 'peer-id': a, room, 'room-key': key });
    const chatA = await openChat({ 'peer-id': a, room, 'room-key': key });
    const callB = await openCall({ 'peer-id': b, room, 'room-key': key });
    const chatB = await openChat({ 'peer-id': b, room, 'room-key': key });
    const outsider = await openCall({ 'peer-id': uid('o'), room });
    const incoming = record(outsider, 'rtc-incoming-call');
    await until(
      () => callA.roomMembers.length === 2 && callB.roomMembers.length === 2,
      `the keyed calls connect, have ${callA.roomMembers} / ${callB.roomMembers}`,
      45000,
    );
    await until(() => chatA.roomMembers.length === 2 && chatB.roomMembers.length === 2, 'the keyed chats connect', 30000);
    await sleep(3000);
    expect(outsider.roomMembers).to.deep.equal([outsider.peerId]);
    expect(callA.remoteStreams.has(outsider.peerId!) || callB.remoteStreams.has(outsider.peerId!)).to.equal(false);
    expect(incoming).to.have.length(0);
    await callA.updateComplete;
    expect(tilesOf(callA)).to.deep.equal([b]);
  });

  // Fails before the fix: the derived id did not exist (beaconId ignored the key, so this was the
  // public id) and the spy got the member list and a chat.
  it('a peer that knows the beacon id but not the key fails the challenge and sees nothing', async function () {
    this.timeout(90000);
    const room = uid('vault');
    const key = `k-${crypto.randomUUID()}`;
    const chatA = await openChat({ 'peer-id': uid('a'), room, 'room-key': key });
    const chatB = await openChat({ 'peer-id': uid('b'), room, 'room-key': key });
    const errorsA = record(chatA, 'rtc-error');
    const errorsB = record(chatB, 'rtc-error');
    await until(() => chatA.roomMembers.length === 2 && chatB.roomMembers.length === 2, 'a and b meshed', 40000);

    await noUncaught(async () => {
      const spyId = uid('spy');
      const spy = await plainPeer(spyId);
      const heard: unknown[] = [];
      const dial = async (target: string, metadata: Record<string, unknown>) => {
        const conn = spy.connect(target, { reliable: true, serialization: 'json', metadata });
        const closed = new Promise<void>((resolve) => conn.once('close', () => resolve()));
        conn.on('data', (data) => heard.push(data));
        await new Promise<void>((resolve, reject) => {
          conn.once('open', () => resolve());
          setTimeout(() => reject(new Error(`no open to ${target}`)), 15000);
        });
        return { conn, closed };
      };
      try {
        const beacon = beaconId(room, key)!;
        // 1. The beacon's challenge: a made-up proof.
        const first = await dial(beacon, { rtcElements: 1, kind: 'room' });
        first.conn.send({ $rtc: 1, t: 'auth', n: '0'.repeat(32) });
        await until(() => heard.some((m) => (m as { t?: string }).t === 'auth'), 'the host answers the challenge (with its own proof)');
        first.conn.send({ $rtc: 1, t: 'auth', p: 'ab'.repeat(32) });
        await first.closed;
        // 2. No handshake at all: just asks for the list.
        const second = await dial(beacon, { rtcElements: 1, kind: 'room' });
        second.conn.send({ $rtc: 1, t: 'alive' });
        await second.closed;
        // 3. Straight to a member's chat, and to its key proof with a wrong answer.
        // (The member closes it before it opens; if it ever opened, the spy would talk at once.)
        const chat = spy.connect(chatB.peerId!, { reliable: true, serialization: 'json', metadata: { rtcElements: 1, kind: 'chat' } });
        chat.on('open', () => chat.send('intruder'));
        chat.on('data', (data) => heard.push(data));
        await until(() => errorsB.some((e) => e.detail.type === 'room-auth-failed' && e.detail.peer === spyId), "the member refused the spy's chat");
        const proof = await dial(chatB.peerId!, { rtcElements: 1, kind: 'room', proof: beacon });
        proof.conn.send({ $rtc: 1, t: 'auth', n: '1'.repeat(32) });
        await until(() => heard.filter((m) => (m as { t?: string }).t === 'auth').length >= 2, 'the member answers the challenge');
        proof.conn.send({ $rtc: 1, t: 'auth', p: 'cd'.repeat(32) });
        await proof.closed;
        await sleep(3000);
        expect(
          heard.some((m) => (m as { t?: string }).t === 'members'),
          'no member list reached the spy',
        ).to.equal(false);
        expect(
          heard.some((m) => (m as { t?: string }).t === 'auth-ok'),
          'never accepted',
        ).to.equal(false);
        expect(
          chatB.messages.some((m) => m.data === 'intruder'),
          'nothing from the spy is shown',
        ).to.equal(false);
        expect(chatA.roomMembers.includes(spyId) || chatB.roomMembers.includes(spyId) || chatB.peers.includes(spyId)).to.equal(false);
        const failed = [...errorsA, ...errorsB].filter((e) => e.detail.type === 'room-auth-failed' && e.detail.peer === spyId);
        expect(failed.length, 'the spy is reported').to.be.greaterThan(0);
        // The room carries on.
        await chatA.send('still private');
        await until(() => chatB.messages.some((m) => m.data === 'still private'), 'a reaches b');
      } finally {
        spy.destroy();
      }
    });
  });
});
