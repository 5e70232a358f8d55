// Replies, edits, deletions and reactions in <rtc-chat>: two and three real elements over the real
// PeerServer and WebRTC, a plain PeerJS app (which must see nothing new), and a hostile stranger
// speaking the envelopes by hand.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Peer, type DataConnection } from 'peerjs';
import { PEER_HOST, PEER_PORT, PEER_PATH } from '/__peer-config.js';
import '../src/index.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import { validEmoji } from '../src/rtc-chat/chat-actions-limits.js';
import { cleanup, nextEvent, openChat, record, texts, uid, until } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const peerOptions = { host: PEER_HOST, port: PEER_PORT, path: PEER_PATH, secure: false, debug: 0, config: { iceServers: [] } };
const rawPeers: Peer[] = [];

function openRawPeer(prefix: string): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const peer = new Peer(uid(prefix), peerOptions);
    rawPeers.push(peer);
    peer.once('open', () => resolve(peer));
    peer.once('error', reject);
  });
}

/** Values a raw peer receives on `conn`. */
function inbox(conn: DataConnection): unknown[] {
  const seen: unknown[] = [];
  conn.on('data', (d) => seen.push(d));
  return seen;
}

const $ = (el: RtcChat, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: RtcChat, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
/** The rendered message whose text is `text`. */
const bubble = (el: RtcChat, text: string) => $$(el, '[part~="message"]').find((m) => m.querySelector('[part~="text"]')?.textContent === text);
const button = (scope: Element | undefined, label: string) =>
  [...(scope?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((b) => b.textContent?.trim() === label || b.getAttribute('aria-label') === label);

async function pair(attrs: Record<string, string> = {}) {
  const bob = await openChat({ 'peer-id': uid('bob'), ...attrs });
  const alice = await openChat({ 'peer-id': uid('alice'), remote: bob.peerId!, ...attrs });
  await until(() => alice.peers.length === 1 && bob.peers.length === 1, 'connected');
  return { alice, bob };
}

/** `from` sends `text`; resolves with its id once `to` shows it with its actions. */
async function said(from: RtcChat, to: RtcChat, text: string): Promise<string> {
  const sent = await from.send(text);
  await until(() => !!bubble(to, text)?.querySelector('[part~="message-actions"]'), `"${text}" shown with its actions`);
  return sent.id;
}

afterEach(() => {
  cleanup();
  for (const peer of rawPeers.splice(0)) peer.destroy();
});

describe('message actions: the emoji check', () => {
  it('takes one emoji grapheme (modifiers, ZWJ sequences, flags, keycaps), nothing else', () => {
    for (const ok of ['👍', '👍🏽', '❤️', '👩‍💻', '🧑🏿‍🤝‍🧑🏻', '🇩🇪', '1️⃣', '🎉']) expect(validEmoji(ok), ok).to.equal(true);
    for (const bad of ['', 'a', ':)', '👍👍', '👍 ', '<b>', '\u200d', '🇩', 'x'.repeat(40), '👩‍👩‍👧‍👦'.repeat(3), 42, null, {}])
      expect(validEmoji(bad), String(bad)).to.equal(false);
  });
});

describe('<rtc-chat> message actions between two elements', () => {
  it('a reply from the UI is quoted on both sides; a reply to an unknown message says so; actions and preview are accessible', async () => {
    const { alice, bob } = await pair();
    const question = await said(bob, alice, 'What time is it?');
    const reply = button(bubble(alice, 'What time is it?'), 'Reply')!;
    expect(reply, 'Reply button').to.not.equal(undefined);
    reply.click();
    await alice.updateComplete;
    const preview = $(alice, '[part="reply-preview"]')!;
    expect(preview.textContent).to.contain(`Replying to ${bob.peerId}`).and.to.contain('What time is it?');
    await expect(alice).to.be.accessible();

    const atBob = nextEvent<CustomEvent>(bob, 'rtc-message', 15000, (e) => !e.detail.self);
    const input = $(alice, 'textarea') as HTMLTextAreaElement;
    input.value = 'Noon.';
    (input.form as HTMLFormElement).requestSubmit();
    const received = (await atBob).detail;
    expect(received.data).to.equal('Noon.');
    expect(received.replyTo).to.equal(question);
    await until(() => !$(alice, '[part="reply-preview"]'), 'the preview closes once sent');
    // Both sides: the quote shows the original's sender and text above the reply.
    await until(() => !!bubble(bob, 'Noon.')?.querySelector('[part="quote"]'), 'quote at bob');
    expect(bubble(bob, 'Noon.')!.querySelector('[part="quote"]')!.textContent).to.contain('You').and.to.contain('What time is it?');
    await until(() => !!bubble(alice, 'Noon.')?.querySelector('[part="quote"]'), 'quote at alice');
    expect(bubble(alice, 'Noon.')!.querySelector('[part="quote"]')!.textContent).to.contain(bob.peerId!).and.to.contain('What time is it?');
    expect(alice.messages.find((m) => m.data === 'Noon.')!.replyTo).to.equal(question);

    // A reply to a message the receiver does not have.
    await alice.send('about something else', { replyTo: 'not-in-history' });
    await until(() => !!bubble(bob, 'about something else')?.querySelector('[part="quote"]'), 'quote of a missing original');
    expect(bubble(bob, 'about something else')!.querySelector('[part="quote"]')!.textContent!.trim()).to.equal('Original message not available');
    // Quotes are text: markup in the original stays text.
    await said(bob, alice, '<img src=x onerror=alert(1)>');
    await alice.react(bob.messages.at(-1)!.id, '👍');
    await until(() => !!$(bob, '[part="reactions"]'), 'a reaction chip at bob');
    await expect(bob).to.be.accessible();
    expect(alice.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('an edit propagates and shows "edited" (API and UI; Escape cancels); only own messages can be edited', async () => {
    const { alice, bob } = await pair();
    const id = await said(alice, bob, 'helo');
    const edits = record(bob, 'rtc-message-edit');
    const edited = await alice.editMessage(id, 'hello');
    expect(edited).to.include({ id, data: 'hello', edits: 1 });
    await until(() => edits.length === 1, 'rtc-message-edit at bob');
    expect(edits[0].detail).to.include({ id, from: alice.peerId, data: 'hello', self: false });
    await until(() => !!bubble(bob, 'hello'), 'the new text at bob');
    expect(bubble(bob, 'hello')!.querySelector('[part="edited"]')!.textContent).to.equal('edited');
    expect(bob.messages.find((m) => m.id === id)).to.include({ data: 'hello', edits: 1 });
    expect(texts(bob)).to.not.include('helo');

    // From the UI: Edit puts the text into the composer, Enter sends the edit.
    await alice.updateComplete;
    button(bubble(alice, 'hello'), 'Edit')!.click();
    await alice.updateComplete;
    const input = $(alice, 'textarea') as HTMLTextAreaElement;
    expect(input.value).to.equal('hello');
    expect($(alice, '[part="edit-preview"]')!.textContent).to.contain('Editing your message');
    input.value = 'hello!';
    input.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !!bubble(bob, 'hello!'), 'the UI edit at bob');
    expect(bob.messages.filter((m) => m.id === id)).to.have.length(1);
    // Escape leaves editing and empties the composer.
    await until(
      () => !!button(bubble(alice, 'hello!'), 'Edit'),
      () => `the edit at alice: ${texts(alice).join('|')}`,
    );
    button(bubble(alice, 'hello!'), 'Edit')!.click();
    await alice.updateComplete;
    input.focus();
    await sendKeys({ press: 'Escape' });
    await alice.updateComplete;
    expect($(alice, '[part="edit-preview"]')).to.equal(null);
    expect(input.value).to.equal('');

    // Someone else's message and unknown ids reject with send-failed (and rtc-error).
    const errors = record(bob, 'rtc-error');
    let failure: unknown;
    await bob.editMessage(id, 'rewritten').catch((e: unknown) => (failure = e));
    expect((failure as { type: string }).type).to.equal('send-failed');
    expect(errors.map((e) => e.detail.type)).to.deep.equal(['send-failed']);
    await alice.editMessage('no-such-id', 'x').then(
      () => expect.fail('resolved'),
      (e: { type: string }) => expect(e.type).to.equal('send-failed'),
    );
    expect(alice.messages.find((m) => m.id === id)!.data).to.equal('hello!');
  });

  it('a deletion propagates: "Message deleted" in place, the text gone from memory', async () => {
    const { alice, bob } = await pair();
    await said(alice, bob, 'first');
    const id = await said(alice, bob, 'oops, wrong chat');
    await said(alice, bob, 'third');
    const deletions = record(bob, 'rtc-message-delete');
    await bob.react(id, '😮');
    await alice.deleteMessage(id);
    await until(() => deletions.length === 1, 'rtc-message-delete at bob');
    expect(deletions[0].detail).to.include({ id, from: alice.peerId, self: false });
    await until(() => texts(bob).includes('Message deleted'), 'deleted at bob');
    expect(texts(bob)).to.deep.equal(['first', 'Message deleted', 'third']);
    await until(() => texts(alice).join('|') === 'first|Message deleted|third', 'deleted at alice too');
    const entry = bob.messages.find((m) => m.id === id)!;
    expect(entry).to.include({ deleted: true, data: null });
    expect(entry.reactions).to.equal(undefined);
    expect(JSON.stringify(bob.messages)).to.not.contain('wrong chat');
    // A deleted message offers no actions and cannot be edited.
    expect(bubble(alice, 'Message deleted')!.querySelector('[part~="message-actions"]')).to.equal(null);
    await alice.editMessage(id, 'back').then(
      () => expect.fail('resolved'),
      (e: { type: string }) => expect(e.type).to.equal('send-failed'),
    );
  });

  it('reactions toggle and count across two peers, from the picker and the chips', async () => {
    const { alice, bob } = await pair();
    const id = await said(bob, alice, 'lunch?');
    await until(() => !!bubble(bob, 'lunch?')?.querySelector('[part~="message-actions"]'), 'actions at bob');
    // Alice picks 👍 from the picker.
    button(bubble(alice, 'lunch?'), 'React')!.click();
    await alice.updateComplete;
    const picker = bubble(alice, 'lunch?')!.querySelector('[part="emoji-picker"]')!;
    expect([...picker.querySelectorAll('button')].map((b) => b.textContent)).to.deep.equal(['👍', '❤️', '😂', '😮', '😢', '🙏']);
    const reactions = record(bob, 'rtc-message-reaction');
    button(picker, 'React with 👍')!.click();
    await until(() => reactions.length === 1, 'rtc-message-reaction at bob');
    expect(reactions[0].detail).to.include({ id, from: alice.peerId, emoji: '👍', on: true, self: false });
    await bob.react(id, '👍');
    const chip = (el: RtcChat) => bubble(el, 'lunch?')?.querySelector<HTMLButtonElement>('[part~="reactions"] button');
    await until(() => chip(alice)?.textContent === '👍 2' && chip(bob)?.textContent === '👍 2', 'two 👍 on both sides');
    expect(chip(alice)!.getAttribute('aria-label')).to.equal('👍 2, you reacted');
    expect(chip(alice)!.getAttribute('aria-pressed')).to.equal('true');
    expect(alice.messages.find((m) => m.id === id)!.reactions).to.deep.equal({ '👍': [alice.peerId, bob.peerId] });
    // Alice's chip takes hers back.
    chip(alice)!.click();
    await until(() => chip(bob)?.textContent === '👍 1' && chip(alice)?.textContent === '👍 1', 'one 👍 left');
    expect(chip(alice)!.getAttribute('aria-label')).to.equal('👍 1');
    expect(chip(bob)!.getAttribute('aria-label')).to.equal('👍 1, you reacted');
    // react(id, emoji, false) is idempotent; a bogus emoji rejects.
    await alice.react(id, '👍', false);
    await alice.react(id, 'not an emoji').then(
      () => expect.fail('resolved'),
      (e: { type: string }) => expect(e.type).to.equal('send-failed'),
    );
    expect(bob.messages.find((m) => m.id === id)!.reactions).to.deep.equal({ '👍': [bob.peerId] });

    // By keyboard: Enter on React opens the picker with focus in it, Escape closes it and focus goes back.
    const react = button(bubble(alice, 'lunch?'), 'React')!;
    react.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => alice.shadowRoot!.activeElement?.getAttribute('aria-label') === 'React with 👍', 'focus in the picker');
    expect(react.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' }); // ❤️
    await until(() => chip(bob)?.parentElement?.textContent?.includes('❤️ 1') ?? false, '❤️ from the keyboard reached bob');
    await until(() => button(bubble(alice, 'lunch?'), 'React')!.getAttribute('aria-expanded') === 'false', 'picking closes the picker');
    button(bubble(alice, 'lunch?'), 'React')!.click();
    await until(() => !!bubble(alice, 'lunch?')!.querySelector('[part="emoji-picker"]'), 'picker open');
    await sendKeys({ press: 'Escape' });
    await until(() => !bubble(alice, 'lunch?')!.querySelector('[part="emoji-picker"]'), 'Escape closes the picker');
    await until(() => alice.shadowRoot!.activeElement?.textContent === 'React', 'focus back on React');
  });

  it('reactions in a room of three reach every member', async () => {
    const room = uid('room');
    const a = await openChat({ 'peer-id': uid('a'), room });
    await until(() => a.roomMembers.length === 1, 'a is in the room', 20000);
    const b = await openChat({ 'peer-id': uid('b'), room });
    const c = await openChat({ 'peer-id': uid('c'), room });
    await until(() => [a, b, c].every((el) => el.peers.length === 2), 'a full mesh of three', 40000);
    const sent = await a.send('room news');
    await until(() => [b, c].every((el) => el.messages.some((m) => m.id === sent.id)), 'everyone has it');
    await until(() => [b, c].every((el) => !!bubble(el, 'room news')?.querySelector('[part~="message-actions"]')), 'actions everywhere');
    await b.react(sent.id, '🎉');
    await c.react(sent.id, '🎉');
    await c.react(sent.id, '👍🏽');
    const want = { '🎉': [b.peerId!, c.peerId!], '👍🏽': [c.peerId!] };
    const sorted = (r: Record<string, string[]> | undefined) => Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [k, [...v].sort()]));
    const wantSorted = sorted(want);
    for (const el of [a, b, c])
      await until(
        () => JSON.stringify(sorted(el.messages.find((m) => m.id === sent.id)?.reactions)) === JSON.stringify(wantSorted),
        () => `${el.peerId} sees both reactions: ${JSON.stringify(el.messages.find((m) => m.id === sent.id)?.reactions)}`,
      );
    await until(
      () =>
        $$(a, '[part~="reactions"] button')
          .map((x) => x.textContent)
          .join() === '🎉 2,👍🏽 1',
      'chips at the author',
    );
  });

  it('with persist, edits, deletions, replies and reactions survive a reload', async () => {
    const aliceId = uid('alice');
    const bobId = uid('bob');
    for (const id of [aliceId, bobId]) localStorage.removeItem(`rtc-elements:chat:${id}`);
    let bob = await openChat({ 'peer-id': bobId, persist: '' });
    const alice = await openChat({ 'peer-id': aliceId, remote: bobId, persist: '' });
    await until(() => alice.peers.length === 1, 'connected');
    const keep = await said(alice, bob, 'draft');
    const gone = await said(alice, bob, 'secret');
    await alice.editMessage(keep, 'final');
    await alice.deleteMessage(gone);
    await bob.react(keep, '❤️');
    await bob.send('agreed', { replyTo: keep });
    await until(() => texts(bob).join('|') === 'final|Message deleted|agreed' && !!bubble(bob, 'agreed')?.querySelector('[part="quote"]'), 'all shown at bob');
    await sleep(500); // persist writes within 200 ms
    bob.remove();
    await sleep(200);
    expect(localStorage.getItem(`rtc-elements:chat:${bobId}`)).to.not.contain('secret');
    bob = await openChat({ 'peer-id': bobId, persist: '' });
    await until(
      () => texts(bob).join('|') === 'final|Message deleted|agreed',
      () => `restored: ${texts(bob).join('|')}`,
      10000,
    );
    await until(() => !!bubble(bob, 'final')?.querySelector('[part="edited"]'), '"edited" after the reload');
    const restored = bob.messages.find((m) => m.id === keep)!;
    expect(restored).to.include({ data: 'final', edits: 1 });
    expect(restored.reactions).to.deep.equal({ '❤️': [bobId] });
    expect(bob.messages.find((m) => m.id === gone)).to.include({ deleted: true, data: null });
    expect(bubble(bob, 'agreed')!.querySelector('[part="quote"]')!.textContent).to.contain('final');
    expect(bubble(bob, 'final')!.querySelector('[part~="reactions"] button')!.textContent).to.equal('❤️ 1');
    for (const id of [aliceId, bobId]) localStorage.removeItem(`rtc-elements:chat:${id}`);
  });
});

describe('<rtc-chat> message actions with a plain PeerJS app', () => {
  it('the plain app gets exactly the values sent, nothing new; its messages offer no actions', async () => {
    const chat = await openChat({ 'peer-id': uid('chat') });
    const plain = await openRawPeer('plain');
    const conn = plain.connect(chat.peerId!, { reliable: true, serialization: 'json' });
    await new Promise((r) => conn.once('open', () => r(undefined)));
    const got = inbox(conn);
    conn.send('hi from plain');
    await until(() => texts(chat).includes('hi from plain'), 'plain text shown');
    const theirs = chat.messages[0].id;
    await chat.updateComplete;
    await sleep(300);
    expect(bubble(chat, 'hi from plain')!.querySelector('[part~="message-actions"]')).to.equal(null);
    const mine = await chat.send('hello plain', { replyTo: theirs });
    await until(() => got.length === 1, 'the plain app got the reply');
    expect(got).to.deep.equal(['hello plain']);
    // Local-only changes: none of them travels to the plain app.
    await chat.react(theirs, '👍');
    await chat.editMessage(mine.id, 'hello, plain');
    await chat.deleteMessage(mine.id);
    conn.send({ kind: 'json', n: 1 });
    await until(() => texts(chat).includes('{"kind":"json","n":1}'), 'plain JSON still shown');
    await sleep(800);
    expect(got).to.deep.equal(['hello plain']);
    expect(bubble(chat, 'hi from plain')!.querySelector('[part~="message-actions"]')).to.equal(null);
  });
});

describe('<rtc-chat> message actions: a hostile stranger', () => {
  /** A stranger dialling like an rtc-elements peer (it gets the hello) and keeping the channel alive. */
  async function stranger(target: string): Promise<DataConnection> {
    const peer = await openRawPeer('evil');
    const conn = peer.connect(target, { reliable: true, serialization: 'json', metadata: { rtcElements: 1, kind: 'chat' } });
    await new Promise((r) => conn.once('open', () => r(undefined)));
    const beat = setInterval(() => conn.open && conn.send({ $rtc: 1, t: 'ping' }), 1000);
    conn.on('close', () => clearInterval(beat));
    return conn;
  }
  const env = (t: string, fields: Record<string, unknown>) => ({
    $rtc: 1,
    t,
    id: `a${Math.random().toString(36).slice(2, 12)}`,
    time: Date.now(),
    data: null,
    ...fields,
  });

  it('cannot edit or delete messages it did not write; its own it can', async () => {
    const { alice, bob } = await pair();
    const fromAlice = await said(alice, bob, 'alice wrote this');
    const fromBob = await said(bob, alice, 'bob wrote this');
    const errors = record(bob, 'rtc-error');
    const conn = await stranger(bob.peerId!);
    conn.send({ $rtc: 1, t: 'msg', id: 'evil-own', time: Date.now(), data: 'evil says hi' });
    await until(() => texts(bob).includes('evil says hi'), 'the stranger is heard');
    conn.send(env('edit', { of: fromAlice, data: 'alice says: send money' }));
    conn.send(env('del', { of: fromAlice }));
    conn.send(env('edit', { of: fromBob, data: 'bob says: send money' }));
    conn.send(env('del', { of: fromBob }));
    conn.send(env('edit', { of: 'evil-own', data: 'evil, edited' }));
    await until(() => texts(bob).includes('evil, edited'), 'its own edit applies');
    expect(texts(bob)).to.deep.equal(['alice wrote this', 'bob wrote this', 'evil, edited']);
    expect(bob.messages.find((m) => m.id === fromAlice)).to.include({ data: 'alice wrote this' });
    expect(bob.messages.find((m) => m.id === fromAlice)!.edited).to.equal(undefined);
    const invalid = errors.filter((e) => e.detail.type === 'invalid-data');
    expect(invalid.length, 'reported').to.be.greaterThan(0);
    expect(invalid[0].detail.peer).to.equal(rawPeers.at(-1)!.id);
    expect(invalid[0].detail.message).to.contain('did not write');
    expect(texts(alice)).to.deep.equal(['alice wrote this', 'bob wrote this']);
  });

  it('oversized edits, bogus emoji, unknown ids, 1,000 reactions and an edit flood are refused; the page stays responsive', async () => {
    const target = await openChat({ 'peer-id': uid('target'), 'max-message-size': '200' });
    const errors = record(target, 'rtc-error');
    const conn = await stranger(target.peerId!);
    conn.send({ $rtc: 1, t: 'msg', id: 'evil-own', time: Date.now(), data: 'short' });
    await until(() => texts(target).includes('short'), 'the stranger is heard');
    conn.send(env('edit', { of: 'evil-own', data: 'x'.repeat(500) }));
    conn.send(env('edit', { of: 'evil-own', data: { html: '<b>not text</b>' } }));
    conn.send(env('edit', { of: 'nowhere', data: 'ghost' }));
    conn.send(env('del', { of: 'nowhere' }));
    for (const emoji of ['<img src=x onerror=alert(1)>', 'ab', '👍'.repeat(20), '', 42, '👍 ']) conn.send(env('react', { of: 'evil-own', emoji, on: true }));
    conn.send(env('react', { of: 'evil-own', emoji: '👍', on: 'yes' }));
    conn.send(env('edit', { of: 'bad id <b>', data: 'x' }));
    await until(() => errors.some((e) => e.detail.type === 'message-too-large'), 'the oversized edit is reported', 10000);
    await sleep(1200);
    expect(texts(target)).to.deep.equal(['short']);
    expect(target.messages[0].reactions).to.equal(undefined);
    expect(errors.some((e) => e.detail.type === 'invalid-data')).to.equal(true);
    // Reported at most once a second per kind, not once per bad envelope.
    expect(errors.length).to.be.below(8);

    // 1,000 reactions: at most 8 distinct ones stay.
    const emoji = ['😀', '😁', '😂', '🤣', '😃', '😄', '😅', '😆', '😉', '😊', '😋', '😎', '😍', '😘', '🥰', '😗'];
    for (let i = 0; i < 1000; i++) conn.send(env('react', { of: 'evil-own', emoji: emoji[i % emoji.length], on: i % 3 !== 2 }));
    // An edit flood: at most 20 edits are applied.
    for (let i = 0; i < 1000; i++) conn.send(env('edit', { of: 'evil-own', data: `edit ${i}` }));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 50);
    await sleep(4000);
    clearInterval(timer);
    expect(ticks, 'the page kept running its timers').to.be.greaterThan(40);
    const entry = target.messages.find((m) => m.id === 'evil-own')!;
    expect(Object.keys(entry.reactions ?? {}).length).to.be.at.most(8);
    expect(Object.values(entry.reactions ?? {}).flat().length).to.be.at.most(8);
    expect(entry.edits).to.be.at.most(20);
    expect(target.messages).to.have.length(1);
    // The stranger's flood is rate-limited like messages, and the chat still works.
    conn.send({ $rtc: 1, t: 'msg', id: 'evil-after', time: Date.now(), data: 'still here' });
    await until(() => texts(target).includes('still here'), 'later messages still render', 20000);
  });
});
