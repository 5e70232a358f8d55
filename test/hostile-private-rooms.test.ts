// Private rooms (`room-key`) against a stranger who knows the room name and the members' peer ids
// but not the key: it finds no host, and nothing (chat, a file offer, a call) flows with a member
// before the key is proven. And the key itself never leaves the page. Real Chromium/Firefox, a
// real PeerServer; the stranger is plain PeerJS.
import { expect } from '@open-wc/testing';
import { Peer } from 'peerjs';
import { PEER_HOST, PEER_PORT, PEER_PATH } from '/__peer-config.js';
import '../src/index.js';
import type { RtcCall } from '../src/rtc-call/rtc-call.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import { beaconId } from '../src/session/room.js';
import { cleanup, openCall, openChat, record, uid, uncaughtDuring, until } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function plainPeer(id: string): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const peer = new Peer(id, { host: PEER_HOST, port: PEER_PORT, path: PEER_PATH, secure: false, config: { iceServers: [] } });
    peer.once('open', () => resolve(peer));
    peer.once('error', reject);
  });
}

const authFailures = (errors: CustomEvent[], peer: string) => errors.filter((e) => e.detail.type === 'room-auth-failed' && e.detail.peer === peer);

describe('hostile private rooms: a stranger with the room name and the member ids, but not the key', () => {
  afterEach(() => cleanup());

  it('finds no host under the room name; its chat, file channel and file offer to a member are refused before anything flows', async function () {
    this.timeout(90000);
    const room = uid('locked');
    const key = `k-${crypto.randomUUID()}`;
    const chatA = await openChat({ 'peer-id': uid('a'), room, 'room-key': key });
    const chatB = await openChat({ 'peer-id': uid('b'), room, 'room-key': key });
    const errorsB = record(chatB, 'rtc-error');
    const offers = record(chatB, 'rtc-file-offer');
    const messages = record(chatB, 'rtc-message');
    await until(() => chatA.roomMembers.length === 2 && chatB.roomMembers.length === 2, 'a and b meshed', 40000);
    const spyId = uid('spy');
    const spy = await plainPeer(spyId);
    try {
      const uncaught = await uncaughtDuring(async () => {
        // 1. The room name alone leads nowhere: nobody holds the public beacon id of a private room.
        const unavailable = new Promise<string>((resolve) => spy.once('error', (e) => resolve((e as { type?: string }).type ?? String(e))));
        const probe = spy.connect(beaconId(room)!, { reliable: true, serialization: 'json', metadata: { rtcElements: 1, kind: 'room' } });
        let probeOpened = false;
        probe.on('open', () => (probeOpened = true));
        expect(await unavailable).to.equal('peer-unavailable');
        expect(probeOpened).to.equal(false);

        // 2. A file channel straight to a member (the bytes side of a transfer), sending at once.
        const file = spy.connect(chatB.peerId!, { reliable: true, serialization: 'raw', metadata: { rtcElements: 1, kind: 'file', transfer: 'evil1' } });
        file.on('open', () => file.send(new Uint8Array(1024)));
        await until(() => authFailures(errorsB, spyId).length > 0, 'the file channel is refused as unproven');

        // 3. A chat channel that offers a file and sends a message the moment it opens.
        const chat = spy.connect(chatB.peerId!, { reliable: true, serialization: 'json', metadata: { rtcElements: 1, kind: 'chat' } });
        let chatOpened = false;
        chat.on('open', () => {
          chatOpened = true;
          chat.send({ $rtc: 1, t: 'file-offer', id: 'evil2', name: 'payload.exe', size: 10, mime: 'application/octet-stream' });
          chat.send('let me in');
        });
        await sleep(4000);
        expect(chatOpened && chat.open, 'the chat channel does not stay open').to.equal(false);
      });
      expect(uncaught.map(String), 'no uncaught errors').to.deep.equal([]);
      expect(offers, 'no file offer shown').to.have.length(0);
      expect(messages, 'no message shown').to.have.length(0);
      expect(chatB.shadowRoot!.querySelector('[part~="file"]'), 'no file card').to.equal(null);
      expect(chatB.peers).to.not.include(spyId);
      expect(chatB.roomMembers).to.not.include(spyId);
      expect(authFailures(errorsB, spyId), 'reported once, not per attempt').to.have.length(1);
      // The room carries on.
      await chatA.send('still ours');
      await until(() => chatB.messages.some((m) => m.data === 'still ours'), 'a reaches b');
    } finally {
      spy.destroy();
    }
  });

  it('its call to a member of a private group call gets no answer, no media and no tile', async function () {
    this.timeout(90000);
    const room = uid('lockedcall');
    const key = `k-${crypto.randomUUID()}`;
    const callA: RtcCall = await openCall({ 'peer-id': uid('a'), room, 'room-key': key, 'audio-only': '' });
    const callB: RtcCall = await openCall({ 'peer-id': uid('b'), room, 'room-key': key, 'audio-only': '' });
    await until(() => callA.roomMembers.length === 2 && callB.roomMembers.length === 2, 'a and b in the group call', 45000);
    const incoming = record(callB, 'rtc-incoming-call');
    const joins = record(callB, 'rtc-peer-join');
    const spyId = uid('spy');
    const spy = await plainPeer(spyId);
    const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
    try {
      const call = spy.call(callB.peerId!, mic, { metadata: { rtcElements: 1, video: false } });
      let gotMedia = false;
      call.on('stream', () => (gotMedia = true));
      const closed = new Promise<void>((resolve) => call.on('close', () => resolve()));
      // A caller the (proven) member list does not name waits 10 s for the list, then is declined.
      await Promise.race([closed, sleep(14000)]);
      expect(gotMedia, 'no media reached the stranger').to.equal(false);
      expect(call.open, 'the call was not answered').to.equal(false);
      expect(callB.remoteStreams.has(spyId), 'no stream from the stranger').to.equal(false);
      expect(callB.shadowRoot!.querySelector(`[part~="tile-remote"][data-peer="${spyId}"]`), 'no tile').to.equal(null);
      expect(incoming, 'nothing rings').to.have.length(0);
      expect(joins, 'nobody joined').to.have.length(0);
      expect(callB.roomMembers).to.not.include(spyId);
      expect(callA.roomMembers.length, 'the call goes on').to.equal(2);
    } finally {
      mic.getTracks().forEach((t) => t.stop());
      spy.destroy();
    }
  });
});

describe('private rooms: the key never leaves the page', () => {
  afterEach(() => cleanup());

  it('nothing sent to the broker or over any data channel contains the room key', async function () {
    this.timeout(90000);
    const sent: string[] = [];
    const text = (data: unknown): string => {
      if (typeof data === 'string') return data;
      if (data instanceof ArrayBuffer) return new TextDecoder('latin1').decode(data);
      if (ArrayBuffer.isView(data)) return new TextDecoder('latin1').decode(data);
      return String(data);
    };
    const wsSend = WebSocket.prototype.send;
    const dcSend = RTCDataChannel.prototype.send;
    WebSocket.prototype.send = function (this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
      sent.push(text(data));
      return wsSend.call(this, data);
    };
    RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: never) {
      sent.push(text(data));
      return dcSend.call(this, data);
    } as RTCDataChannel['send'];
    try {
      const room = uid('quiet');
      const key = `k-${crypto.randomUUID()}`;
      const chats: RtcChat[] = [];
      for (const n of ['a', 'b', 'c']) chats.push(await openChat({ 'peer-id': uid(n), room, 'room-key': key }));
      await until(() => chats.every((x) => x.roomMembers.length === 3), 'three keyed members meshed', 40000);
      await chats[0].send('hello room');
      await until(() => chats.slice(1).every((x) => x.messages.some((m) => m.data === 'hello room')), 'message delivered');
      const signaling = sent.filter((s) => s.includes('"OFFER"') || s.includes('"ANSWER"'));
      const proofs = sent.filter((s) => s.includes('"auth"'));
      expect(signaling.length, 'the broker carried offers').to.be.greaterThan(0);
      expect(proofs.length, 'the handshakes ran over the data channels').to.be.greaterThan(0);
      expect(
        sent.filter((s) => s.includes(key) || s.includes(key.slice(2))),
        'no message carries the key',
      ).to.deep.equal([]);
    } finally {
      WebSocket.prototype.send = wsSend;
      RTCDataChannel.prototype.send = dcSend;
    }
  });
});
