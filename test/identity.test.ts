// Persistent device identity and trust on first use (README "Verified identity"): real browsers,
// real PeerServer, the real IndexedDB store. A "reload" destroys both elements and waits until the
// registry has dropped their sessions; "another device with the same id" is the same id with its
// stored certificate deleted (or a plain PeerJS peer, which has a new key every time).
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { Peer, type DataConnection } from 'peerjs';
import { PEER_HOST, PEER_PORT, PEER_PATH } from '/__peer-config.js';
import '../src/index.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import type { RtcCall } from '../src/rtc-call/rtc-call.js';
import type { RtcIdentityChangedEvent } from '../src/core/events.js';
import { liveSessionCount } from '../src/session/registry.js';
import { MAX_KNOWN, certificates, checkPeer, prepareCertificate } from '../src/session/identity-store.js';

const readyCertificate = (id: string) => certificates(id)?.certificates[0];
import { identityReady } from '../src/session/identity-loader.js';
import { cleanup, nextEvent, openCall, openChat, openPage, record, texts, uid, uncaughtDuring, until } from './helpers.js';

const DB = 'rtc-elements-identity';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** until() for an asynchronous check (IndexedDB reads). */
async function eventually(check: () => Promise<boolean>, what: string, ms = 15000): Promise<void> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > ms) throw new Error(`timeout: ${what}`);
    await sleep(50);
  }
}

let created: Promise<void> | undefined;

/** One raw IndexedDB request on our database, as a page (or another library) could make it. */
async function raw<T>(store: 'certs' | 'known', mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  await (created ??= prepareCertificate('setup')); // the module creates the database with its stores
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(DB);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const request = act(tx.objectStore(store));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

const knownRecord = (own: string, remote: string) => raw<Record<string, unknown> | undefined>('known', 'readonly', (s) => s.get([own, remote]));
const certRecord = (own: string) => raw<unknown>('certs', 'readonly', (s) => s.get(own));
const deleteCert = (own: string) => raw('certs', 'readwrite', (s) => s.delete(own));
const knownCount = () => raw<number>('known', 'readonly', (s) => s.count());

/** Removes every element and waits until their sessions are gone (a "reload" of both sides). */
async function reload(): Promise<void> {
  cleanup();
  await until(() => liveSessionCount() === 0, 'sessions dropped');
}

/** bob, and alice dialling him; resolves once alice has the safety code and has remembered bob. */
async function chatPair(aliceId: string, bobId: string, aliceAttrs: Record<string, string> = {}, bobAttrs: Record<string, string> = {}) {
  const bob = await openChat({ 'peer-id': bobId, ...bobAttrs });
  const alice = await openChat({ 'peer-id': aliceId, remote: bobId, ...aliceAttrs });
  await until(
    () => !!alice.verificationCode && !!bob.verificationCode,
    () =>
      `safety codes: alice ${alice.peers} ${alice.verificationCode} ${alice.shadowRoot?.querySelector('[part~=status]')?.textContent}; bob ${bob.peers} ${bob.verificationCode} ${bob.shadowRoot?.querySelector('[part~=status]')?.textContent} ${JSON.stringify(
        (
          alice as unknown as { session: { openChannels: Array<{ isOpen: boolean; kind: string; peerConnection?: RTCPeerConnection }> } }
        ).session.openChannels.map((c) => [
          c.isOpen,
          c.kind,
          !!c.peerConnection,
          c.peerConnection?.connectionState,
          c.peerConnection?.remoteDescription?.sdp.includes('fingerprint'),
        ]),
      )}`,
  );
  return { alice, bob };
}

/** A second session with the same certificates: bob's key has now been seen twice, so it counts as lasting. */
async function lastingPair(aliceId: string, bobId: string): Promise<void> {
  await chatPair(aliceId, bobId);
  await eventually(async () => !!(await knownRecord(aliceId, bobId)), 'remembered');
  await reload();
  await chatPair(aliceId, bobId);
  await eventually(async () => (await knownRecord(aliceId, bobId))?.stable === true, 'lasting');
  await reload();
}

const banner = (el: RtcChat | RtcCall) => el.shadowRoot!.querySelector<HTMLElement>('[part~="identity-warning"]');

describe('identity: persistent certificate', () => {
  afterEach(cleanup);

  it('keeps the same safety code across reloads; with no-trust-store it changes', async () => {
    const [aliceId, bobId] = [uid('alice'), uid('bob')];
    const first = (await chatPair(aliceId, bobId)).alice.verificationCode;
    expect(await certRecord(aliceId)).to.be.an('object');
    expect(await certRecord(bobId)).to.be.an('object');
    await reload();
    const second = await chatPair(aliceId, bobId);
    expect(second.alice.verificationCode).to.equal(first);
    expect(second.bob.verificationCode).to.equal(first);

    // The same test with the store off must see a new code (so the check above can fail).
    const [carolId, daveId] = [uid('carol'), uid('dave')];
    const before = (await chatPair(carolId, daveId, { 'no-trust-store': '' }, { 'no-trust-store': '' })).alice.verificationCode;
    await reload();
    const after = (await chatPair(carolId, daveId, { 'no-trust-store': '' }, { 'no-trust-store': '' })).alice.verificationCode;
    expect(after).to.not.equal(before);
  });

  it('keeps the same safety code across a real page reload (the built bundle in another tab)', async () => {
    const [aliceId, bobId] = [uid('alice'), uid('bob')];
    const alice = await openChat({ 'peer-id': aliceId });
    const codes: string[] = [];
    try {
      for (let round = 0; round < 2; round++) {
        const page = await openPage(`/test/pages/chat-peer.html?id=${bobId}&remote=${aliceId}`);
        expect(page.status).to.equal('open');
        await until(() => alice.peers.includes(bobId) && !!alice.getVerificationCode(bobId), `bob's page connected (round ${round})`);
        codes.push(alice.getVerificationCode(bobId)!);
        await executeServerCommand('close-page', { handle: page.handle });
        await until(() => !alice.peers.includes(bobId), `bob's page gone (round ${round})`);
      }
    } finally {
      await executeServerCommand('close-pages');
    }
    expect(codes[1]).to.equal(codes[0]);
    expect(await certRecord(bobId)).to.be.an('object');
  });

  it('reads the certificate before the Peer starts (times logged); a fresh or expired one is replaced', async () => {
    const id = uid('timing');
    let start = performance.now();
    await identityReady({ identity: true, peerId: id });
    const fresh = performance.now() - start;
    const made = readyCertificate(id);
    expect(made).to.be.instanceOf(RTCCertificate);
    start = performance.now();
    await prepareCertificate(id);
    const stored = performance.now() - start;
    expect(readyCertificate(id)!.getFingerprints()[0].value).to.equal(made!.getFingerprints()[0].value);
    console.log(
      `identity: certificate made in ${fresh.toFixed(1)} ms, read in ${stored.toFixed(1)} ms; expires in ${((made!.expires - Date.now()) / 864e5).toFixed(0)} days`,
    );
    // Expired (as far as we are concerned): a new one.
    const old = await RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256', expires: 1000 } as EcKeyGenParams);
    await raw('certs', 'readwrite', (s) => s.put({ certificate: old, used: 1 }, id));
    await prepareCertificate(id);
    expect(readyCertificate(id)!.getFingerprints()[0].value).to.not.equal(old.getFingerprints()[0].value);
  });
});

describe('identity: trust on first use in <rtc-chat>', () => {
  afterEach(cleanup);

  it('remembers a new peer, warns when it comes back with another key, and accepting clears the warning', async () => {
    const [aliceId, bobId] = [uid('alice'), uid('bob')];
    const firstPair = await chatPair(aliceId, bobId);
    await until(() => !!firstPair.alice.shadowRoot!.querySelector('[part~="verify-button"]'), 'verify button');
    const stored = await knownRecord(aliceId, bobId);
    expect(stored?.fingerprint).to.match(/^sha-256 [0-9A-F:]{95}$/);
    await expect(firstPair.alice).to.be.accessible();
    // Verified from the UI: the button by the code.
    firstPair.alice.shadowRoot!.querySelector<HTMLButtonElement>('[part~="verify-button"]')!.click();
    await until(() => firstPair.alice.verifiedPeers.includes(bobId), 'verified');
    await until(() => !!firstPair.alice.shadowRoot!.querySelector('[part~="verified"]'), 'verified mark');
    expect((await knownRecord(aliceId, bobId))?.verified).to.equal(true);
    await expect(firstPair.alice).to.be.accessible();

    // Bob on a new device (same id, new certificate).
    await reload();
    await deleteCert(bobId);
    const bob = await openChat({ 'peer-id': bobId });
    const bobChanges = record(bob, 'rtc-identity-changed');
    const changed = nextEvent<RtcIdentityChangedEvent>(document, 'rtc-identity-changed');
    const alice = await openChat({ 'peer-id': aliceId, remote: bobId });
    const { detail } = await changed;
    expect((await changed).target).to.equal(alice);
    expect(detail.peer).to.equal(bobId);
    expect(detail.previous).to.equal(stored!.fingerprint);
    expect(detail.current).to.not.equal(detail.previous);
    expect(detail.current).to.match(/^sha-256 /);
    expect(detail.verified).to.equal(true);
    expect(detail.firstSeen).to.equal(stored!.firstSeen);
    await alice.updateComplete;
    const warning = banner(alice)!;
    expect(warning, 'banner').to.exist;
    expect(warning.getAttribute('role')).to.equal('alert');
    expect(warning.textContent).to.contain(bobId).and.contain(alice.verificationCode!);
    expect(alice.verifiedPeers).to.not.include(bobId);
    expect(alice.shadowRoot!.querySelector('[part~="verified"]')).to.equal(null);
    // Not overwritten silently; bob knows alice's unchanged key and does not warn.
    expect((await knownRecord(aliceId, bobId))?.fingerprint).to.equal(stored!.fingerprint);
    expect(await alice.verifyPeer(bobId)).to.equal(false);
    await expect(alice).to.be.accessible();
    expect(bobChanges).to.have.length(0);

    warning.querySelector<HTMLButtonElement>('[part~="identity-accept"]')!.click();
    await until(() => !banner(alice), 'banner gone');
    expect(alice.verifiedPeers).to.include(bobId);
    expect((await knownRecord(aliceId, bobId))?.fingerprint).to.equal(detail.current);

    // Accepted: the next session with this key is quiet.
    await reload();
    const again = await chatPair(aliceId, bobId);
    const later = record(again.alice, 'rtc-identity-changed');
    await until(() => again.alice.verifiedPeers.includes(bobId), 'still verified');
    expect(later).to.have.length(0);
    expect(await again.alice.unverifyPeer(bobId)).to.equal(true);
    expect(again.alice.verifiedPeers).to.deep.equal([]);
  });

  it('Dismiss hides the warning without trusting the key; acceptIdentity() trusts it unverified', async () => {
    const [aliceId, bobId] = [uid('alice'), uid('bob')];
    await lastingPair(aliceId, bobId);
    await deleteCert(bobId);
    const bob = await openChat({ 'peer-id': bobId });
    const alice = await openChat({ 'peer-id': aliceId, remote: bob.peerId! });
    await nextEvent(alice, 'rtc-identity-changed');
    await alice.updateComplete;
    banner(alice)!.querySelector<HTMLButtonElement>('[part~="identity-dismiss"]')!.click();
    await until(() => !banner(alice), 'dismissed');
    const previous = (await knownRecord(aliceId, bobId))?.fingerprint;
    expect(await alice.acceptIdentity(bobId)).to.equal(true);
    const now = await knownRecord(aliceId, bobId);
    expect(now?.fingerprint).to.not.equal(previous);
    expect(now?.verified).to.equal(false);
    expect(alice.verifiedPeers).to.deep.equal([]);
  });

  it('a cleared store starts fresh: no warning for a new key after clearTrustStore() or forgetPeer()', async () => {
    const [aliceId, bobId] = [uid('alice'), uid('bob')];
    await lastingPair(aliceId, bobId);
    const { alice } = await chatPair(aliceId, bobId);
    expect(await alice.clearTrustStore()).to.equal(true);
    expect(await knownRecord(aliceId, bobId)).to.equal(undefined);
    await reload();
    await deleteCert(bobId);
    let pair = await chatPair(aliceId, bobId);
    let changes = record(pair.alice, 'rtc-identity-changed');
    await eventually(async () => !!(await knownRecord(aliceId, bobId)), 'remembered again');
    expect(changes).to.have.length(0);
    expect(banner(pair.alice)).to.equal(null);

    await reload();
    await lastingPair(aliceId, bobId);
    pair = await chatPair(aliceId, bobId);
    expect(await pair.alice.forgetPeer(bobId)).to.equal(true);
    await reload();
    await deleteCert(bobId);
    pair = await chatPair(aliceId, bobId);
    changes = record(pair.alice, 'rtc-identity-changed');
    await eventually(async () => !!(await knownRecord(aliceId, bobId)), 'remembered a third time');
    await sleep(300);
    expect(changes).to.have.length(0);
  });

  it('no-trust-store stores no certificate and remembers no peer', async () => {
    const [aliceId, bobId] = [uid('alice'), uid('bob')];
    const { alice } = await chatPair(aliceId, bobId, { 'no-trust-store': '' });
    await eventually(async () => !!(await knownRecord(bobId, aliceId)), 'bob (not opted out) remembers alice');
    await sleep(300);
    expect(await certRecord(aliceId)).to.equal(undefined);
    expect(await knownRecord(aliceId, bobId)).to.equal(undefined);
    expect(await alice.verifyPeer(bobId)).to.equal(false);
    expect(alice.shadowRoot!.querySelector('[part~="verify-button"]')).to.equal(null);
  });
});

describe('identity: hostile input', () => {
  afterEach(cleanup);

  it('junk in the store gives no exception and is treated as nothing stored', async () => {
    const [aliceId, bobId] = [uid('alice'), uid('bob')];
    await raw('certs', 'readwrite', (s) => s.put('junk', aliceId));
    await raw('certs', 'readwrite', (s) => s.put({ certificate: { expires: 9e15 }, used: 'x' }, bobId));
    await raw('known', 'readwrite', (s) => s.put({ fingerprint: '<img src=x onerror=alert(1)>', firstSeen: 'yesterday', verified: 'yes' }, [aliceId, bobId]));
    await raw('known', 'readwrite', (s) => s.put(null, [bobId, aliceId]));
    let pair: { alice: RtcChat; bob: RtcChat } | undefined;
    const errors: CustomEvent[] = [];
    document.addEventListener('rtc-error', (e) => errors.push(e as CustomEvent));
    const seen = await uncaughtDuring(async () => {
      pair = await chatPair(aliceId, bobId);
      await eventually(async () => typeof (await knownRecord(aliceId, bobId))?.lastSeen === 'number', 'junk replaced');
    });
    expect(seen).to.deep.equal([]);
    expect(errors.map((e) => e.detail.type)).to.deep.equal([]);
    expect(banner(pair!.alice)).to.equal(null);
    expect(await certRecord(aliceId))
      .to.have.property('certificate')
      .that.is.instanceOf(RTCCertificate);
    // Invalid fingerprints and ids are never stored.
    expect(await checkPeer(aliceId, 'someone', 'sha-256 AB:CD')).to.equal(undefined);
    expect(await checkPeer(aliceId, 'someone', 'sha-256 ' + 'ZZ:'.repeat(31) + 'ZZ')).to.equal(undefined);
    expect(await checkPeer(aliceId, '<script>', 'sha-256 ' + 'AB:'.repeat(31) + 'AB')).to.equal(undefined);
    expect(await checkPeer(aliceId, 'x'.repeat(300), 'sha-256 ' + 'AB:'.repeat(31) + 'AB')).to.equal(undefined);
    expect(await knownRecord(aliceId, 'someone')).to.equal(undefined);
  });

  it('a stranger reusing a known id with its own key is flagged, and many ids cannot grow the store past its cap', async () => {
    const aliceId = uid('alice');
    const alice = await openChat({ 'peer-id': aliceId });
    const options = { host: PEER_HOST, port: PEER_PORT, path: PEER_PATH, secure: false, debug: 0, config: { iceServers: [] } };
    const dial = async (id: string): Promise<{ peer: Peer; conn: DataConnection }> => {
      const peer = await new Promise<Peer>((resolve, reject) => {
        const p = new Peer(id, options);
        p.once('open', () => resolve(p));
        p.once('error', reject);
      });
      const conn = peer.connect(aliceId, { reliable: true, serialization: 'json', metadata: { rtcElements: 1, kind: 'chat' } });
      await new Promise((r) => conn.once('open', () => r(undefined)));
      return { peer, conn };
    };
    // The store full of old, unverified records (and one old verified one, which must survive).
    const filler = uid('filler');
    await raw('known', 'readwrite', (s) => {
      for (let i = 0; i < MAX_KNOWN; i++)
        s.put({ fingerprint: 'sha-256 ' + 'AB:'.repeat(31) + 'AB', firstSeen: i, lastSeen: i, verified: false }, [filler, `p${i}`]);
      return s.put({ fingerprint: 'sha-256 ' + 'CD:'.repeat(31) + 'CD', firstSeen: 0, lastSeen: 0, verified: true }, [filler, 'kept']);
    });
    try {
      // bob keeps a lasting key (seen on two connections); then a stranger takes his id on the broker.
      const bobId = uid('bob');
      const bob = await openChat({ 'peer-id': bobId, remote: aliceId });
      await eventually(async () => !!(await knownRecord(aliceId, bobId)), 'bob remembered');
      bob.remove();
      await until(() => alice.peers.length === 0 && liveSessionCount() === 1, 'bob gone');
      const bobAgain = await openChat({ 'peer-id': bobId, remote: aliceId });
      await eventually(async () => (await knownRecord(aliceId, bobId))?.stable === true, 'bob lasting');
      bobAgain.remove();
      await until(() => alice.peers.length === 0 && liveSessionCount() === 1, 'bob gone again');
      const changed = nextEvent<RtcIdentityChangedEvent>(alice, 'rtc-identity-changed');
      const stranger = await dial(bobId); // same id, the stranger's own key
      expect((await changed).detail.peer).to.equal(bobId);
      stranger.peer.destroy();
      await until(() => alice.peers.length === 0, 'stranger gone');
      for (let i = 0; i < 3; i++) {
        const id = uid('sybil');
        const { peer } = await dial(id);
        await eventually(async () => !!(await knownRecord(aliceId, id)), 'sybil remembered');
        peer.destroy();
      }
      expect(await knownCount()).to.be.at.most(MAX_KNOWN);
      expect(await knownRecord(filler, 'kept')).to.have.property('verified', true);
      expect(await knownRecord(filler, 'p0')).to.equal(undefined); // the least recently seen went first
    } finally {
      await raw('known', 'readwrite', (s) => s.delete(IDBKeyRange.bound([filler], [filler, []])));
    }
  });
});

describe('identity: peers without a lasting key', () => {
  afterEach(cleanup);

  it('a plain PeerJS peer (a new key per connection) is never flagged, however often it comes back', async () => {
    const aliceId = uid('alice');
    const alice = await openChat({ 'peer-id': aliceId });
    const changes = record(alice, 'rtc-identity-changed');
    const options = { host: PEER_HOST, port: PEER_PORT, path: PEER_PATH, secure: false, debug: 0, config: { iceServers: [] } };
    const plainId = uid('plain');
    const fingerprints = new Set<unknown>();
    const register = () =>
      new Promise<Peer | undefined>((resolve, reject) => {
        const p = new Peer(plainId, options);
        p.once('open', () => resolve(p));
        p.once('error', (error) => {
          p.destroy();
          // The broker frees the id of the previous session shortly after it left.
          if ((error as { type?: string }).type === 'unavailable-id') resolve(undefined);
          else reject(error);
        });
      });
    for (let session = 0; session < 3; session++) {
      let peer = await register();
      for (let tries = 0; !peer && tries < 50; tries++) peer = await sleep(200).then(register);
      if (!peer) throw new Error('the id stayed taken');
      // Two connections per session: the second one from the same Peer.
      for (let link = 0; link < 2; link++) {
        const conn = peer.connect(aliceId, { reliable: true, serialization: 'json' });
        await new Promise((r) => conn.once('open', () => r(undefined)));
        conn.send('hello from plain PeerJS');
        await until(() => texts(alice).filter((t) => t === 'hello from plain PeerJS').length === session * 2 + link + 1, 'message shown');
        await eventually(async () => {
          const known = await knownRecord(aliceId, plainId);
          return !!known && !fingerprints.has(known.fingerprint) && !!fingerprints.add(known.fingerprint);
        }, 'its new key remembered');
        conn.close();
        await until(() => alice.peers.length === 0, 'closed');
      }
      peer.destroy();
    }
    await sleep(300);
    expect(fingerprints.size, 'a new key every connection').to.equal(6);
    expect(changes, 'no warning').to.have.length(0);
    expect(banner(alice)).to.equal(null);
    expect((await knownRecord(aliceId, plainId))?.stable).to.equal(false);
  });
});

describe('identity: <rtc-call>', () => {
  afterEach(cleanup);

  it('warns in the call when a known id calls back with another key', async () => {
    const [aliceId, bobId] = [uid('alice'), uid('bob')];
    await openCall({ 'peer-id': bobId, 'auto-answer': '', 'audio-only': '' });
    let alice = await openCall({ 'peer-id': aliceId, 'audio-only': '' });
    expect(await alice.call(bobId)).to.equal('connected');
    await until(() => !!alice.verificationCode, 'code');
    const code = alice.verificationCode;
    await eventually(async () => !!(await knownRecord(aliceId, bobId)), 'remembered');
    await until(() => !!alice.shadowRoot!.querySelector('[part~="verify-button"]'), 'verify button');
    expect(await alice.verifyPeer(bobId)).to.equal(true);
    await reload();
    // Same certificates: same code, no warning.
    await openCall({ 'peer-id': bobId, 'auto-answer': '', 'audio-only': '' });
    alice = await openCall({ 'peer-id': aliceId, 'audio-only': '' });
    const quiet = record(alice, 'rtc-identity-changed');
    expect(await alice.call(bobId)).to.equal('connected');
    await until(() => !!alice.verificationCode, 'code again');
    expect(alice.verificationCode).to.equal(code);
    await until(() => alice.verifiedPeers.includes(bobId), 'still verified');
    expect(quiet).to.have.length(0);
    await reload();
    await deleteCert(bobId);
    await openCall({ 'peer-id': bobId, 'auto-answer': '', 'audio-only': '' });
    alice = await openCall({ 'peer-id': aliceId, 'audio-only': '' });
    const changed = nextEvent<RtcIdentityChangedEvent>(alice, 'rtc-identity-changed');
    expect(await alice.call(bobId)).to.equal('connected');
    expect((await changed).detail).to.include({ peer: bobId, verified: true });
    await alice.updateComplete;
    expect(banner(alice)?.getAttribute('role')).to.equal('alert');
    expect(alice.verifiedPeers).to.deep.equal([]);
    await expect(alice).to.be.accessible();
    banner(alice)!.querySelector<HTMLButtonElement>('[part~="identity-accept"]')!.click();
    await until(() => !banner(alice) && alice.verifiedPeers.includes(bobId), 'accepted');
  });
});
