import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/index.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import { cleanup, nextEvent, openChat, openPage, pageEval, record, uid, until, untilIn } from './helpers.js';

const openMember = async (id: string, room: string) => {
  const page = await openPage(`/test/pages/room-peer.html?id=${id}&room=${room}`);
  expect(page.status).to.equal('open');
  return page.handle;
};
const sorted = (list: string[]) => [...list].sort();

describe('rooms: mesh chat on a plain PeerServer', () => {
  afterEach(async () => {
    cleanup();
    await executeServerCommand('close-pages');
  });

  it('4 peers on 4 pages chat with everyone; a member leaves; the host leaves and a newcomer still finds the room', async function () {
    this.timeout(150000);
    const room = uid('room');
    const [a, b, c, d] = ['ann', 'bea', 'cid', 'dan'].map((n) => uid(n));
    const hostTab = await openMember(a, room); // first in: becomes the host
    await untilIn(hostTab, `window.__chat.roomMembers.length === 1`, 'A is alone in the room');
    const me = await openChat({ 'peer-id': b, room });
    const joins = record(me, 'rtc-peer-join');
    const leaves = record(me, 'rtc-peer-leave');
    const tabC = await openMember(c, room);
    const tabD = await openMember(d, room);
    await until(() => me.roomMembers.length === 4, `4 members, have ${me.roomMembers}`, 40000);
    expect(sorted(me.roomMembers)).to.deep.equal(sorted([a, b, c, d]));
    for (const tab of [hostTab, tabC, tabD]) await untilIn(tab, 'window.__chat.roomMembers.length === 4', `tab ${tab} sees 4`);
    expect(sorted(joins.map((e) => e.detail.peer))).to.deep.equal(sorted([a, c, d]));
    expect(joins[0].detail.room).to.equal(room);

    // everyone hears everyone
    await me.send('hello room');
    for (const tab of [hostTab, tabC, tabD]) await untilIn(tab, "window.__received.includes('hello room')", 'message reached every tab');
    await pageEval(tabC, "window.__chat.send('from C')");
    await until(() => me.messages.some((m) => m.data === 'from C'), 'C reached me');
    await untilIn(tabD, "window.__received.includes('from C')", 'C reached D');

    // a member leaves
    await executeServerCommand('close-page', { handle: tabC });
    await until(() => leaves.some((e) => e.detail.peer === c), 'C left', 15000);
    await until(() => me.roomMembers.length === 3, 'three left');

    // the host leaves: a remaining member takes over the beacon, a newcomer finds the room
    await executeServerCommand('close-page', { handle: hostTab });
    await until(() => leaves.some((e) => e.detail.peer === a), 'host left', 15000);
    const e = uid('eve');
    const tabE = await openMember(e, room);
    await until(() => me.roomMembers.includes(e), 'the newcomer joined through the new host', 40000);
    await untilIn(tabE, `window.__chat.roomMembers.length === 3`, 'newcomer sees everyone');
    expect(sorted(await pageEval<string[]>(tabE, 'window.__chat.roomMembers'))).to.deep.equal(sorted([b, d, e]));
    await pageEval(tabE, "window.__chat.send('hi from the newcomer')");
    await until(() => me.messages.some((m) => m.data === 'hi from the newcomer'), 'newcomer message');
  });

  it('a room holds at most 6: the 7th is told clearly', async function () {
    this.timeout(120000);
    const room = uid('full');
    const members: RtcChat[] = [];
    for (let i = 0; i < 6; i++) members.push(await openChat({ 'peer-id': uid(`m${i}`), room }));
    await until(() => members.every((m) => m.roomMembers.length === 6), 'six members meshed', 60000);
    const seventh = document.createElement('rtc-chat');
    const error = nextEvent<CustomEvent>(seventh, 'rtc-error', 30000, (ev) => ev.detail.type === 'room-full');
    const late = await openChat({ 'peer-id': uid('late') }, document.body);
    late.remove();
    seventh.setAttribute('server', late.server!);
    seventh.setAttribute('ice-servers', '[]');
    seventh.setAttribute('peer-id', uid('m7'));
    seventh.setAttribute('room', room);
    document.body.appendChild(seventh);
    expect((await error).detail.message).to.contain('6 members');
    expect(members[0].roomMembers).to.have.length(6);
  });
});
