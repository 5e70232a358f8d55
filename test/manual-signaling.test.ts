// signaling="manual": two peers pair by copy-pasting an invitation and a reply, with the PeerServer
// stopped for the whole test, so nothing can go through a broker. Real Chromium, real WebRTC.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/index.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import type { RtcCall } from '../src/rtc-call/rtc-call.js';
import { decodePairingCode, encodePairingCode } from '../src/session/manual-signaling.js';
import { cleanup, nextEvent, NO_ICE, record, texts, uid, until } from './helpers.js';

async function manual<K extends 'rtc-chat' | 'rtc-call'>(tag: K, attrs: Record<string, string> = {}): Promise<HTMLElementTagNameMap[K]> {
  const el = document.createElement(tag);
  el.setAttribute('signaling', 'manual');
  el.setAttribute('ice-servers', NO_ICE);
  if (tag === 'rtc-call') (el as RtcCall).videoConstraints = { width: { ideal: 320 }, height: { ideal: 240 }, frameRate: { ideal: 15 } };
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const opened = nextEvent(el, 'rtc-open');
  document.body.appendChild(el);
  await opened;
  return el;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const part = <T extends Element = HTMLElement>(el: HTMLElement, name: string): T | null => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

/** Runs `step`, expecting it to reject with invalid-code and fire the same rtc-error. */
async function rejectsWithCode(el: HTMLElement, step: () => Promise<unknown>, text: RegExp, type = 'invalid-code'): Promise<void> {
  const errors = record(el, 'rtc-error');
  let rejected: unknown;
  await step().then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => {
      rejected = error;
    },
  );
  expect((rejected as { type?: string }).type).to.equal(type);
  expect((rejected as Error).message).to.match(text);
  expect(errors.map((e) => e.detail.type)).to.deep.equal([type]);
}

describe('signaling="manual": copy-paste pairing, no broker at all', () => {
  before(async () => {
    await executeServerCommand('peer-server', { action: 'stop' });
  });
  after(async () => {
    await executeServerCommand('peer-server', { action: 'start' });
  });
  afterEach(cleanup);

  it('pairs through the API; the chat connects, messages and a file go both ways, both see one safety code', async function () {
    this.timeout(40000);
    const ann = await manual('rtc-chat'); // no peer-id: one is picked
    const bob = await manual('rtc-chat', { 'peer-id': uid('bob') });
    expect(ann.peerId).to.match(/^peer-[0-9a-f]{10}$/);
    const annPairs = record(ann, 'rtc-pair');
    const bobPairs = record(bob, 'rtc-pair');

    const invite = await ann.createInvite();
    expect(invite).to.match(/^rtc-invite:[A-Za-z0-9_-]+$/);
    expect(invite.length).to.be.below(3000);
    const reply = await bob.acceptInvite(invite);
    expect(reply).to.match(/^rtc-reply:[A-Za-z0-9_-]+$/);
    const connected = nextEvent(ann, 'rtc-connect', 20000);
    expect(await ann.completeInvite(reply)).to.equal(bob.peerId);
    await until(() => annPairs.length === 1 && bobPairs.length === 1, 'rtc-pair on both sides');
    expect(annPairs[0].detail).to.deep.equal({ peer: bob.peerId, inviter: true });
    expect(bobPairs[0].detail).to.deep.equal({ peer: ann.peerId, inviter: false });
    expect(ann.pairedPeers).to.deep.equal([bob.peerId]);
    expect(bob.pairedPeers).to.deep.equal([ann.peerId]);

    // The inviter's chat dialled over the pairing link: that is the only signaling there is.
    await connected;
    await until(() => bob.peers.includes(ann.peerId!), 'bob sees the chat');
    await ann.send('hello without a server');
    await until(() => texts(bob).includes('hello without a server'), 'message reached bob');
    await bob.send('hi back');
    await until(() => texts(ann).includes('hi back'), 'reply reached ann');
    const file = new File([new Uint8Array(300_000).map((_, i) => i % 251)], 'notes.bin');
    const received = nextEvent<CustomEvent<{ blob: Blob; name: string }>>(bob, 'rtc-file', 20000);
    await ann.sendFile(file);
    const got = await received;
    expect(got.detail.name).to.equal('notes.bin');
    expect(new Uint8Array(await got.detail.blob.arrayBuffer())).to.deep.equal(new Uint8Array(await file.arrayBuffer()));
    await until(() => !!ann.verificationCode && ann.verificationCode === bob.verificationCode, 'same safety code');
  });

  it('pairs through the panel: create, paste the invitation, paste the reply', async function () {
    this.timeout(40000);
    const ann = await manual('rtc-chat', { 'peer-id': uid('ann') });
    const bob = await manual('rtc-chat', { 'peer-id': uid('bob') });
    await until(() => !!part(ann, 'pairing-create') && !!part(bob, 'pairing-input'), 'pairing panels rendered');
    expect(!!part(ann, 'connect-form'), 'connect-form shown').to.equal(false); // no peer ids to type without a broker
    part<HTMLButtonElement>(ann, 'pairing-create')!.click();
    await until(() => (part<HTMLTextAreaElement>(ann, 'pairing-code')?.value ?? '').startsWith('rtc-invite:'), 'invitation shown');
    const paste = async (el: RtcChat, code: string) => {
      part<HTMLTextAreaElement>(el, 'pairing-input')!.value = code;
      part<HTMLButtonElement>(el, 'pairing-use')!.click();
    };
    await paste(bob, part<HTMLTextAreaElement>(ann, 'pairing-code')!.value);
    await until(() => (part<HTMLTextAreaElement>(bob, 'pairing-code')?.value ?? '').startsWith('rtc-reply:'), 'reply shown');
    await paste(ann, part<HTMLTextAreaElement>(bob, 'pairing-code')!.value);
    await until(() => ann.peers.includes(bob.peerId!) && bob.peers.includes(ann.peerId!), 'chat connected both ways', 20000);
    await bob.updateComplete;
    expect(!!part(bob, 'pairing'), 'pairing shown').to.equal(false); // the panel gives way to the conversation
  });

  it('a call over the pairing of a <rtc-chat> on the same page: the elements share the peer', async function () {
    this.timeout(60000);
    const annId = uid('ann');
    const bobId = uid('bob');
    const annChat = await manual('rtc-chat', { 'peer-id': annId });
    const annCall = await manual('rtc-call', { 'peer-id': annId });
    const bobChat = await manual('rtc-chat', { 'peer-id': bobId });
    const bobCall = await manual('rtc-call', { 'peer-id': bobId, 'auto-answer': '' });
    const pairedOnCall = nextEvent(annCall, 'rtc-pair');
    await annChat.completeInvite(await bobChat.acceptInvite(await annChat.createInvite()));
    await pairedOnCall; // every element on the shared peer hears about it
    expect(annCall.pairedPeers).to.deep.equal([bobId]);
    expect(await annCall.call(bobId)).to.equal('connected');
    await until(() => bobCall.callState === 'active', 'bob in the call');
    const video = part<HTMLVideoElement>(annCall, 'remote-video')!;
    await until(() => video.videoWidth > 0, 'remote video plays', 20000);
  });

  it('<rtc-call> alone: pairs through its own panel, calls the paired peer from the dial form, both show one safety code', async function () {
    this.timeout(60000);
    const ann = await manual('rtc-call', { 'peer-id': uid('ann') });
    const bob = await manual('rtc-call', { 'peer-id': uid('bob'), 'auto-answer': '' });
    await until(() => !!part(ann, 'pairing-create') && !!part(bob, 'pairing-input'), 'pairing panels rendered');
    expect(!!part(ann, 'dial-form'), 'dial-form shown').to.equal(false);
    part<HTMLButtonElement>(ann, 'pairing-create')!.click();
    await until(() => (part<HTMLTextAreaElement>(ann, 'pairing-code')?.value ?? '').startsWith('rtc-invite:'), 'invitation shown');
    part<HTMLTextAreaElement>(bob, 'pairing-input')!.value = part<HTMLTextAreaElement>(ann, 'pairing-code')!.value;
    part<HTMLButtonElement>(bob, 'pairing-use')!.click();
    await until(() => (part<HTMLTextAreaElement>(bob, 'pairing-code')?.value ?? '').startsWith('rtc-reply:'), 'reply shown');
    part<HTMLTextAreaElement>(ann, 'pairing-input')!.value = part<HTMLTextAreaElement>(bob, 'pairing-code')!.value;
    part<HTMLButtonElement>(ann, 'pairing-use')!.click();
    // Paired: the panel gives way to the dial form, aimed at the paired peer.
    await until(() => !!part(ann, 'dial-form') && !part(ann, 'pairing'), 'dial form back');
    expect(part<HTMLInputElement>(ann, 'dial-input')!.placeholder).to.equal(bob.peerId);
    const annCodes = record(ann, 'rtc-verification');
    const bobCodes = record(bob, 'rtc-verification');
    part<HTMLFormElement>(ann, 'dial-form')!.requestSubmit();
    await until(() => ann.callState === 'active' && bob.callState === 'active', 'call connected', 30000);
    await until(() => !!ann.verificationCode && !!bob.verificationCode, 'safety codes known');
    expect(ann.verificationCode).to.equal(bob.verificationCode);
    expect(ann.verificationCode).to.match(/^\d{5} \d{5} \d{5}$/);
    expect(annCodes.map((e) => e.detail)).to.deep.equal([{ peer: bob.peerId, code: ann.verificationCode }]);
    expect(bobCodes.map((e) => e.detail)).to.deep.equal([{ peer: ann.peerId, code: bob.verificationCode }]);
    await ann.updateComplete;
    expect(part(ann, 'verification')!.textContent).to.include(ann.verificationCode!);
    ann.hangup();
    await until(() => ann.callState === 'idle' && bob.callState === 'idle', 'both idle');
    expect(ann.verificationCode).to.equal(undefined);
  });

  it('bad codes give rtc-error invalid-code with a reason, and nothing breaks', async function () {
    this.timeout(40000);
    const ann = await manual('rtc-chat', { 'peer-id': uid('ann') });
    const bob = await manual('rtc-chat', { 'peer-id': uid('bob') });
    const eve = await manual('rtc-chat', { 'peer-id': uid('eve') });
    await rejectsWithCode(bob, () => bob.acceptInvite('hello'), /does not start with/);
    await rejectsWithCode(bob, () => bob.acceptInvite('rtc-invite:!!!notbase64'), /damaged or incomplete/);
    await rejectsWithCode(bob, () => bob.acceptInvite(''), /Paste the invitation/);
    const invite = await ann.createInvite();
    await rejectsWithCode(bob, () => bob.acceptInvite(invite.slice(0, -40)), /damaged or incomplete/);
    await rejectsWithCode(ann, () => ann.acceptInvite(invite), /your own invitation/);
    await rejectsWithCode(ann, () => ann.completeInvite(invite), /invitation code/);
    // A well-formed code carrying an id that could be HTML: refused.
    const decoded = await decodePairingCode(invite);
    const forged = await encodePairingCode({ ...decoded, from: '<img src=x onerror=alert(1)>' });
    await rejectsWithCode(bob, () => bob.acceptInvite(forged), /invalid peer id/);
    const reply = await bob.acceptInvite(invite);
    await rejectsWithCode(bob, () => bob.completeInvite(reply), /meant for/);
    await rejectsWithCode(eve, () => eve.completeInvite(reply), /meant for/);
    await ann.completeInvite(reply);
    await rejectsWithCode(ann, () => ann.completeInvite(reply), /already used or expired/);
    // Pairing still works after all that.
    await until(() => ann.peers.includes(bob.peerId!), 'chat connected', 20000);
    // Pairing methods on an element that does not use manual signaling: a clear error.
    const local = document.createElement('rtc-chat');
    local.setAttribute('signaling', 'local');
    local.setAttribute('peer-id', uid('loc'));
    document.body.appendChild(local);
    const errors = record(local, 'rtc-error');
    const failure = await local.createInvite().then(
      () => undefined,
      (e: { type?: string; message?: string }) => e,
    );
    expect(failure?.type).to.equal('invalid-state');
    expect(failure?.message).to.match(/signaling="manual"/);
    expect(errors.map((e) => e.detail.type)).to.include('invalid-state');
  });

  it('a hostile paired peer: junk over the pairing link is dropped with rtc-error invalid-data, nothing throws', async function () {
    this.timeout(40000);
    const ann = await manual('rtc-chat', { 'peer-id': uid('ann') });
    const bob = await manual('rtc-chat', { 'peer-id': uid('bob') });
    await ann.completeInvite(await bob.acceptInvite(await ann.createInvite()));
    await until(() => ann.peers.includes(bob.peerId!), 'connected', 20000);
    const uncaught: unknown[] = [];
    const onError = (e: ErrorEvent) => uncaught.push(e.error ?? e.message);
    const onRejection = (e: PromiseRejectionEvent) => uncaught.push(e.reason);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    const errors = record(ann, 'rtc-error');
    // Bob's side of the link, used as a hostile peer would: raw values straight onto the channel.
    const link = (bob as unknown as { session: { pairing: { links: Map<string, { send(v: unknown): void }> } } }).session.pairing.links.get(ann.peerId!)!;
    const junk: unknown[] = [
      'not an object',
      42,
      null,
      { type: 'LEAVE', payload: { connectionId: 'x' } },
      { type: 'OPEN' },
      { type: 'OFFER', payload: { connectionId: 'x', type: 'data', serialization: 'constructor', sdp: { type: 'offer', sdp: 'v=0' } } },
      { type: 'OFFER', payload: { connectionId: 'y', type: 'data', serialization: 'json', sdp: { type: 'offer', sdp: 'garbage' } } },
      { type: 'CANDIDATE', payload: { connectionId: 'nope', candidate: { candidate: 'x' } } },
    ];
    for (const value of junk) link.send(value);
    await until(() => errors.filter((e) => e.detail.type === 'invalid-data').length >= 1, 'invalid-data reported');
    await new Promise((r) => setTimeout(r, 500));
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    expect(uncaught).to.deep.equal([]);
    // Still paired and chatting.
    await bob.send('still here');
    await until(() => texts(ann).includes('still here'), 'chat still works');
    expect(ann.pairedPeers).to.deep.equal([bob.peerId]);
  });

  it('a code claiming an id that is already paired never replaces that pairing; allow applies to codes', async function () {
    this.timeout(40000);
    const ann = await manual('rtc-chat', { 'peer-id': uid('ann') });
    const bob = await manual('rtc-chat', { 'peer-id': uid('bob') });
    await ann.completeInvite(await bob.acceptInvite(await ann.createInvite()));
    await until(() => ann.peers.includes(bob.peerId!), 'connected', 20000);
    // Mallory answers a new invitation of Ann's, then rewrites the reply to claim Bob's id.
    const mallory = await manual('rtc-chat', { 'peer-id': uid('mallory') });
    const reply = await decodePairingCode(await mallory.acceptInvite(await ann.createInvite()));
    const forged = await encodePairingCode({ ...reply, from: bob.peerId! });
    await rejectsWithCode(ann, () => ann.completeInvite(forged), /already paired/, 'peer-refused');
    // The invitee side checks the same: an invitation claiming Ann's id, while Bob is paired with Ann.
    const invite = await decodePairingCode(await mallory.createInvite());
    await rejectsWithCode(bob, async () => bob.acceptInvite(await encodePairingCode({ ...invite, from: ann.peerId! })), /already paired/, 'peer-refused');
    await sleep(500);
    expect(ann.pairedPeers).to.deep.equal([bob.peerId]);
    await bob.send('still the real bob');
    await until(() => texts(ann).includes('still the real bob'), 'the real pairing still carries the chat');
    // allow: a code from anyone else is refused before it is answered.
    const carol = await manual('rtc-chat', { 'peer-id': uid('carol'), allow: 'dave-only' });
    await rejectsWithCode(carol, async () => carol.acceptInvite(await mallory.createInvite()), /not in allow/, 'peer-refused');
  });

  it('a paired peer that leaves: rtc-unpair, and dialling it again says it is not paired', async function () {
    this.timeout(40000);
    const ann = await manual('rtc-chat', { 'peer-id': uid('ann') });
    const bob = await manual('rtc-chat', { 'peer-id': uid('bob') });
    await ann.completeInvite(await bob.acceptInvite(await ann.createInvite()));
    await until(() => ann.peers.includes(bob.peerId!), 'connected', 20000);
    const unpaired = nextEvent<CustomEvent<{ peer: string }>>(ann, 'rtc-unpair', 20000);
    const bobId = bob.peerId!;
    bob.remove();
    expect((await unpaired).detail.peer).to.equal(bobId);
    expect(ann.pairedPeers).to.deep.equal([]);
    await until(() => !ann.peers.includes(bobId), 'chat closed');
    const error = nextEvent<CustomEvent<{ type: string; message: string }>>(ann, 'rtc-error', 20000, (e) => e.detail.type === 'peer-unavailable');
    await ann.connect(bobId).catch(() => {});
    expect((await error).detail.message).to.match(/not paired/);
  });
});
