import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/index.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import type { PeerChannel } from '../src/session/peer-session.js';
import { connectionCode, fingerprints, verificationCode } from '../src/core/verification.js';
import { cleanup, nextEvent, openChat, record, uid, until } from './helpers.js';

async function pair(): Promise<[RtcChat, RtcChat]> {
  const bob = await openChat({ 'peer-id': uid('bob') });
  const alice = await openChat({ 'peer-id': uid('alice'), remote: bob.peerId! });
  await until(() => alice.peers.length === 1 && bob.peers.length === 1, 'connected');
  return [alice, bob];
}

describe('verified identity: safety codes', () => {
  afterEach(cleanup);

  it('both sides compute the same code from the DTLS fingerprints; a new connection keeps it (stored certificates), without them it changes', async function () {
    this.timeout(90000);
    const [alice, bob] = await pair();
    await until(() => !!alice.verificationCode && !!bob.verificationCode, 'codes known');
    expect(alice.verificationCode).to.match(/^\d{5} \d{5} \d{5}$/);
    expect(alice.verificationCode).to.equal(bob.verificationCode);
    expect(bob.getVerificationCode(alice.peerId!)).to.equal(alice.verificationCode);
    await alice.updateComplete;
    expect(alice.shadowRoot!.querySelector('[part~="verification"]')!.textContent).to.contain(alice.verificationCode!);
    // it is derived from the real connection: recompute from the SDP of the PeerConnection
    const held = (alice as unknown as { held: Map<string, Set<PeerChannel>> }).held;
    const pc = [...held.get(bob.peerId!)!][0].peerConnection!;
    expect(fingerprints(pc.localDescription!.sdp)).to.have.length.greaterThan(0);
    expect(await verificationCode(pc.localDescription!.sdp, pc.remoteDescription!.sdp)).to.equal(alice.verificationCode);

    const first = alice.verificationCode;
    const seen: string[] = [];
    alice.addEventListener('rtc-verification', (e) => seen.push(e.detail.code));
    alice.disconnect();
    await until(() => bob.peers.length === 0, 'bob saw the disconnect', 30000);
    await alice.connect(bob.peerId!);
    // On a loaded CI machine the new connection's hello and digest can take a while; the state
    // goes into the message so a failure says which side is behind.
    const state = () => JSON.stringify({ seen, first, alice: alice.verificationCode, bob: bob.verificationCode, peers: [alice.peers, bob.peers] });
    await until(
      () => seen.length > 0,
      () => `alice has the code again ${state()}`,
      30000,
    );
    const code = seen[0];
    await until(
      () => bob.verificationCode === code,
      () => `bob has the same code ${state()}`,
      30000,
    );
    // Both have a peer-id, so both keep their certificate (README "Verified identity"): same code.
    expect(code).to.equal(first);

    // With no-trust-store on one side, a new connection is a new key, so a new code.
    const carol = await openChat({ 'peer-id': uid('carol'), 'no-trust-store': '' });
    const codes: string[] = [];
    carol.addEventListener('rtc-verification', (e) => codes.push(e.detail.code));
    await carol.connect(bob.peerId!);
    await until(() => codes.length === 1, 'carol has a code', 30000);
    carol.disconnect();
    await until(() => !bob.peers.includes(carol.peerId!), 'bob saw carol go', 30000);
    await carol.connect(bob.peerId!);
    await until(() => codes.length === 2, 'carol has a second code', 30000);
    expect(codes[1]).to.not.equal(codes[0]);
  });

  it('a connection whose descriptions throw (Firefox, closing meanwhile) has no code, and nothing rejects', async () => {
    const closing = {
      get localDescription(): RTCSessionDescription {
        throw new DOMException('Peer connection is closed', 'InvalidStateError');
      },
    } as unknown as RTCPeerConnection;
    let result: Promise<string | undefined> | undefined;
    expect(() => (result = connectionCode(closing))).to.not.throw();
    expect(await result).to.equal(undefined);
    expect(await connectionCode(undefined)).to.equal(undefined);
  });

  it('a tampered fingerprint changes the code', async () => {
    const local = 'v=0\r\na=fingerprint:sha-256 AA:BB:CC\r\n';
    const remote = 'v=0\r\na=fingerprint:sha-256 11:22:33\r\n';
    const code = await verificationCode(local, remote);
    expect(code).to.match(/^\d{5} \d{5} \d{5}$/);
    expect(code).to.equal(await verificationCode(remote, local));
    expect(await verificationCode(local, remote.replace('33', '34'))).to.not.equal(code);
    expect(await verificationCode('v=0', remote)).to.equal(undefined);
  });

  it('computes the same code without WebCrypto (plain http on a LAN), with the JavaScript SHA-256', async () => {
    const local = 'v=0\r\na=fingerprint:sha-256 AA:BB:CC\r\n';
    const remote = 'v=0\r\na=fingerprint:sha-256 11:22:33\r\n';
    const withWebCrypto = await verificationCode(local, remote);
    Object.defineProperty(crypto, 'subtle', { value: undefined, configurable: true });
    try {
      expect(globalThis.crypto.subtle).to.equal(undefined);
      expect(await verificationCode(local, remote)).to.equal(withWebCrypto);
    } finally {
      delete (crypto as unknown as { subtle?: unknown }).subtle; // back to the prototype's getter
    }
    expect(globalThis.crypto.subtle).to.not.equal(undefined);
  });
});

describe('presence: typing, read receipts, unread count', () => {
  afterEach(cleanup);

  it('shows when the other side is typing, and stops when the message arrives', async () => {
    const [alice, bob] = await pair();
    const typing = nextEvent<CustomEvent>(bob, 'rtc-typing', 10000, (e) => e.detail.typing);
    alice.shadowRoot!.querySelector('textarea')!.focus();
    await sendKeys({ type: 'hel' });
    expect((await typing).detail.peer).to.equal(alice.peerId);
    expect(bob.typing).to.deep.equal([alice.peerId]);
    await bob.updateComplete;
    expect(bob.shadowRoot!.querySelector('[part~="typing"]')!.textContent).to.contain(`${alice.peerId} is typing`);
    const stopped = nextEvent<CustomEvent>(bob, 'rtc-typing', 10000, (e) => !e.detail.typing);
    await sendKeys({ type: 'lo' });
    await sendKeys({ press: 'Enter' });
    await stopped;
    expect(bob.typing).to.deep.equal([]);
  });

  it('marks messages read when the receiver sees them; counts unread while it is out of view', async () => {
    const [alice, bob] = await pair();
    // in view: read receipts come back at once
    const sent = await alice.send('look at this');
    await until(() => alice.messages.find((m) => m.id === sent.id)?.status === 'read', 'read receipt');
    // out of view: unread counts up, no receipt
    const spacer = document.createElement('div');
    spacer.style.height = '5000px';
    document.body.insertBefore(spacer, document.body.firstChild);
    await new Promise((r) => setTimeout(r, 300));
    const unreadEvents = record(bob, 'rtc-unread');
    const later = await alice.send('are you there?');
    const later2 = await alice.send('hello?');
    await until(() => bob.unread === 2, 'two unread');
    expect(bob.getAttribute('unread')).to.equal('2');
    expect(unreadEvents.map((e) => e.detail.count)).to.deep.equal([1, 2]);
    // delivered (receipts leave within 40 ms), but not read while out of view
    await until(() => alice.messages.find((m) => m.id === later.id)?.status === 'delivered', 'delivered');
    await new Promise((r) => setTimeout(r, 300));
    expect(alice.messages.find((m) => m.id === later.id)!.status).to.equal('delivered');
    // scrolled back into view: receipts go out, unread resets
    spacer.remove();
    await until(() => bob.unread === 0, 'unread reset');
    await until(() => [later, later2].every((x) => alice.messages.find((m) => m.id === x.id)?.status === 'read'), 'both read');
  });

  it('a read receipt naming many messages marks each one read once, oldest first', async () => {
    const [alice, bob] = await pair();
    const spacer = document.createElement('div');
    spacer.style.height = '5000px';
    document.body.insertBefore(spacer, document.body.firstChild);
    await new Promise((r) => setTimeout(r, 300));
    const sent = [];
    for (let i = 0; i < 40; i++) sent.push(await alice.send(`message ${i}`));
    await until(() => bob.unread === 40, 'forty unread');
    await until(() => alice.messages.filter((m) => m.self).every((m) => m.status === 'delivered'), 'all delivered');
    const statuses = record(alice, 'rtc-message-status');
    spacer.remove();
    await until(() => alice.messages.filter((m) => m.self).every((m) => m.status === 'read'), 'all read');
    await new Promise((r) => setTimeout(r, 300));
    const reads = statuses.filter((e) => e.detail.status === 'read');
    expect(reads.map((e) => e.detail.id)).to.deep.equal(sent.map((m) => m.id));
    expect(reads.every((e) => e.detail.peer === bob.peerId)).to.equal(true);
  });
});
