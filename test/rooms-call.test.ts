import { expect } from '@open-wc/testing';
import { executeServerCommand, sendMouse } from '@web/test-runner-commands';
import '../src/index.js';
import type { RtcCall } from '../src/rtc-call/rtc-call.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import { cleanup, nextEvent, NO_ICE, openCall, openChat, openPage, pageEval, record, SERVER, uid, until, untilIn as untilInPage } from './helpers.js';

const openMember = async (id: string, room: string) => {
  const page = await openPage(`/test/pages/room-call-peer.html?id=${id}&room=${room}&chat=1`);
  expect(page.status).to.equal('open');
  return page.handle;
};
/** Polls a member page; a timeout shows its tiles. */
const untilIn = (handle: number, expression: string, label: string, ms = 30000) =>
  untilInPage(handle, expression, label, ms, () => pageEval(handle, 'window.__tiles()'));
const sorted = (list: string[]) => [...list].sort();
/** `peers` (sorted) as a JS literal for page-eval expressions. */
const literal = (peers: string[]) => JSON.stringify(sorted(peers));

/** The member tiles of an element on this page whose video decodes and whose tracks are live. */
function liveTiles(call: RtcCall): string[] {
  return [...call.shadowRoot!.querySelectorAll<HTMLElement>('[part~="tile-remote"]')]
    .filter((tile) => {
      const video = tile.querySelector('video');
      const tracks = (video?.srcObject as MediaStream | null)?.getTracks() ?? [];
      return !!video && video.videoWidth > 0 && tracks.length > 0 && tracks.every((t) => t.readyState === 'live');
    })
    .map((tile) => tile.dataset.peer ?? '')
    .sort();
}
/** Three <rtc-call>s on this page in a new room named after `prefix`, with `attrs`. */
async function threeInRoom(prefix: string, attrs: Record<string, string>): Promise<RtcCall[]> {
  const room = uid(prefix);
  const calls: RtcCall[] = [];
  for (const name of ['a', 'b', 'c']) calls.push(await openCall({ 'peer-id': uid(`${prefix}-${name}`), room, ...attrs }));
  return calls;
}
const tileCount = (call: RtcCall) => call.shadowRoot!.querySelectorAll('[part~="tile-remote"]').length;

describe('rooms: mesh group calls in <rtc-call> on a plain PeerServer', () => {
  afterEach(async () => {
    cleanup();
    await executeServerCommand('close-pages');
  });

  it('4 peers on 4 pages see and hear each other; mute reaches all; a member leaves; the host leaves and a newcomer still joins', async function () {
    this.timeout(200000);
    const room = uid('callroom');
    const [a, b, c, d] = ['ann', 'bea', 'cid', 'dan'].map((n) => uid(n));
    const hostTab = await openMember(a, room); // first in: becomes the host
    await untilIn(hostTab, 'window.__isHost()', 'A hosts the room');

    // This page: a call and a chat with the same peer id in the same room (one shared Peer).
    const chat: RtcChat = await openChat({ 'peer-id': b, room });
    const me = await openCall({ 'peer-id': b, room });
    const joins = record(me, 'rtc-peer-join');
    const leaves = record(me, 'rtc-peer-leave');
    const tabC = await openMember(c, room);
    const tabD = await openMember(d, room);

    await until(() => me.roomMembers.length === 4, `4 members, have ${me.roomMembers}`, 45000);
    expect(me.roomMembers[0]).to.equal(b);
    expect(sorted(me.roomMembers)).to.deep.equal(sorted([a, b, c, d]));
    // Six mesh calls with video on four pages: on a loaded 2-core machine the last tile can take long.
    await until(
      () => liveTiles(me).length === 3,
      () => `3 live tiles here, have ${liveTiles(me)}`,
      60000,
    );
    expect(liveTiles(me)).to.deep.equal(sorted([a, c, d]));
    expect(sorted([...me.remoteStreams.keys()])).to.deep.equal(sorted([a, c, d]));
    for (const stream of me.remoteStreams.values()) expect(stream.getAudioTracks().length, 'each member sends audio').to.equal(1);
    for (const [tab, id] of [
      [hostTab, a],
      [tabC, c],
      [tabD, d],
    ] as const) {
      const others = [a, b, c, d].filter((p) => p !== id);
      await untilIn(tab, `JSON.stringify(window.__liveTiles()) === '${JSON.stringify(sorted(others))}'`, `tab ${id} sees 3 live tiles`);
    }
    expect(sorted(joins.map((e) => e.detail.peer))).to.deep.equal(sorted([a, c, d]));
    expect(joins[0].detail.room).to.equal(room);
    expect(me.shadowRoot!.querySelector('[part~="tile-self"] video')).to.exist;
    expect(getComputedStyle(me.shadowRoot!.querySelector('[part~="grid"]')!).display, 'the grid styles came with its code').to.equal('grid');
    expect(me.shadowRoot!.querySelector('[part~="status"]')!.textContent).to.contain('4 of 6');

    // The chat with the same peer id is in the same room: one member, connected to everyone.
    await until(() => chat.roomMembers.length === 4, `chat has 4 members, has ${chat.roomMembers}`, 30000);
    await chat.send('hello from the chat');
    for (const tab of [hostTab, tabC, tabD]) await untilIn(tab, "window.__received.includes('hello from the chat')", 'chat message reached every tab');

    // Mute and camera apply to every member call.
    me.setMuted(true);
    expect(me.localStream!.getAudioTracks()[0].enabled).to.equal(false);
    for (const tab of [hostTab, tabC, tabD]) {
      await untilIn(
        tab,
        `window.__events.some((e) => e.type === 'rtc-media-state' && e.detail.peer === '${b}' && e.detail.muted)`,
        'mute reached every member',
      );
    }
    await me.setCameraOff(true);
    for (const tab of [hostTab, tabC, tabD]) {
      await untilIn(
        tab,
        `window.__call.shadowRoot.querySelector('[part~="tile-remote"][data-peer="${b}"] [part~="tile-avatar"]') !== null`,
        'camera off shows initials everywhere',
      );
    }
    await me.setCameraOff(false);
    me.setMuted(false);
    await untilIn(tabD, `window.__call.shadowRoot.querySelector('[part~="tile-remote"][data-peer="${b}"] [part~="tile-avatar"]') === null`, 'camera back on');

    // A member leaves (closes its tab): everyone drops to 2 tiles; the others' tiles stay the same elements.
    const tileOf = (peer: string) => me.shadowRoot!.querySelector(`[part~="tile-remote"][data-peer="${peer}"]`);
    const [tileA, tileD] = [tileOf(a), tileOf(d)];
    await executeServerCommand('close-page', { handle: tabC });
    await until(() => leaves.some((e) => e.detail.peer === c), 'C left', 20000);
    await until(() => tileCount(me) === 2, 'two tiles here');
    expect(tileOf(a) === tileA && tileOf(d) === tileD, 'tiles kept their elements').to.equal(true);
    for (const tab of [hostTab, tabD]) {
      await untilIn(
        tab,
        `window.__tiles().length === 2 && window.__events.some((e) => e.type === 'rtc-peer-leave' && e.detail.peer === '${c}')`,
        'C left everywhere',
        20000,
      );
    }

    // The host leaves: the remaining calls go on, and a newcomer still finds the room.
    await executeServerCommand('close-page', { handle: hostTab });
    await until(() => leaves.some((e) => e.detail.peer === a), 'host left', 20000);
    await until(() => tileCount(me) === 1 && liveTiles(me).join() === d, 'one live tile here: D', 20000).catch((err) => {
      console.log(
        'TILES',
        JSON.stringify(
          [...me.shadowRoot!.querySelectorAll<HTMLElement>('[part~="tile-remote"]')].map((t) => {
            const v = t.querySelector('video')!;
            return {
              peer: t.dataset.peer,
              w: v.videoWidth,
              paused: v.paused,
              tracks: (v.srcObject as MediaStream | null)?.getTracks().map((x) => `${x.kind}:${x.readyState}`),
            };
          }),
        ),
      );
      throw err;
    });
    expect(
      leaves.some((e) => e.detail.peer === d),
      'the call with D went on',
    ).to.equal(false);
    await untilIn(
      tabD,
      `window.__tiles().length === 1 && !window.__events.some((e) => e.type === 'rtc-peer-leave' && e.detail.peer === '${b}')`,
      'D kept its call with me',
    );
    const e = uid('eve');
    const tabE = await openMember(e, room);
    const dump = async () => {
      // <rtc-call>'s group call is rooms.room (call-room.ts), whose discovery is rooms.room.link; <rtc-chat>'s is rooms.link.
      type Link = { isHost: boolean; members: string[] };
      const state = (el: unknown) => {
        const x = el as { rooms?: { room?: { link?: Link }; link?: Link }; roomMembers?: string[] };
        const link = x.rooms?.room?.link ?? x.rooms?.link;
        return { host: link?.isHost, list: link?.members, members: x.roomMembers };
      };
      console.log('ME call', JSON.stringify(state(me)), 'chat', JSON.stringify(state(chat)));
      for (const [n, t] of [
        ['D', tabD],
        ['E', tabE],
      ] as const)
        console.log(
          n,
          JSON.stringify(
            await pageEval(
              t,
              `({ call: { host: window.__call.rooms.room?.link.isHost, list: window.__call.rooms.room?.link.members, members: window.__call.roomMembers, records: [...window.__call.members.keys()], waiting: [...(window.__call.rooms.room?.waiting.keys() ?? [])] }, chat: { host: window.__chat.rooms?.link?.isHost, list: window.__chat.rooms?.link?.members, members: window.__chat.roomMembers }, errors: window.__errors })`,
            ),
          ),
        );
    };
    await until(() => me.roomMembers.includes(e), 'the newcomer joined through the new host', 45000).catch(async (err) => {
      await dump();
      throw err;
    });
    await untilIn(tabE, `JSON.stringify(window.__liveTiles()) === '${literal([b, d])}'`, 'the newcomer sees everyone', 30000).catch(async (err) => {
      await dump();
      throw err;
    });
    await until(() => liveTiles(me).length === 2, 'I see the newcomer');
    expect(liveTiles(me)).to.deep.equal(sorted([d, e]));
    expect(me.callState).to.equal('active');
  });

  it('a room holds at most 6: a 7th <rtc-call> is told clearly and releases its media', async function () {
    this.timeout(90000);
    const room = uid('fullcall');
    // Membership is per peer id, whatever the element: six chats fill the room cheaply.
    const members: RtcChat[] = [];
    for (let i = 0; i < 6; i++) members.push(await openChat({ 'peer-id': uid(`m${i}`), room }));
    await until(() => members.every((m) => m.roomMembers.length === 6), 'six members meshed', 60000);
    const seventh = document.createElement('rtc-call');
    seventh.setAttribute('audio-only', '');
    const error = nextEvent<CustomEvent>(seventh, 'rtc-error', 30000, (ev) => ev.detail.type === 'room-full');
    seventh.setAttribute('server', SERVER);
    seventh.setAttribute('ice-servers', NO_ICE);
    seventh.setAttribute('peer-id', uid('m7'));
    seventh.setAttribute('room', room);
    document.body.appendChild(seventh);
    expect((await error).detail.message).to.contain('6 members');
    await until(() => seventh.callState === 'idle', 'back to idle');
    expect(seventh.localStream, 'microphone released').to.equal(undefined);
    expect(seventh.roomMembers).to.deep.equal([]);
    await seventh.updateComplete;
    const root = seventh.shadowRoot!;
    expect(root.querySelector('[part~="status"]')!.textContent).to.contain('6 members');
    expect(root.querySelector('[part~="call-button"]')!.textContent).to.contain('Join room');
    expect(members[0].roomMembers).to.have.length(6);
  });

  it('statistics per member: rtc-stats for each, the quality indicator on its tile, getStats(peer), picture-in-picture from its tile', async function () {
    this.timeout(120000);
    const calls = await threeInRoom('stats', { 'stats-interval': '300' });
    const [a, b, c] = calls;
    const stats = record(a, 'rtc-stats');
    const errors = record(a, 'rtc-error');
    await until(() => calls.every((x) => liveTiles(x).length === 2), 'three members see each other', 60000);
    const tileOf = (call: RtcCall, peer: RtcCall) => call.shadowRoot!.querySelector<HTMLElement>(`[part~="tile-remote"][data-peer="${peer.peerId}"]`)!;

    // One rtc-stats per member and interval, with the member's own figures.
    await until(
      () => [b, c].every((m) => stats.some((e) => e.detail.peer === m.peerId && e.detail.bitrateIn > 0 && e.detail.video)),
      'video statistics from both members',
    );
    expect(sorted([...new Set(stats.map((e) => e.detail.peer as string))])).to.deep.equal(sorted([b.peerId!, c.peerId!]));
    for (const e of stats) expect(['good', 'fair', 'poor']).to.include(e.detail.quality);
    // The indicator on each member's tile, styled by the statistics code.
    await until(() => [b, c].every((m) => !!tileOf(a, m).querySelector('[part~="quality"]')), 'quality on both tiles');
    const indicator = tileOf(a, b).querySelector('[part~="quality"]')!;
    expect(indicator.getAttribute('aria-label')).to.match(/^Connection quality: (good|fair|poor)$/);
    expect(getComputedStyle(indicator).position).to.equal('absolute');
    // getStats(peer) reads one member's call; without a peer there is no one-to-one call.
    expect((await a.getStats(c.peerId!))?.peer).to.equal(c.peerId);
    expect(await a.getStats()).to.equal(null);
    expect(await a.getStats('not-a-member')).to.equal(null);

    // Picture-in-picture from a member's tile (a real click: the browser wants a user gesture).
    if (document.pictureInPictureEnabled) {
      const button = tileOf(a, b).querySelector<HTMLElement>('[part~="tile-pip-button"]')!;
      expect(button.getAttribute('aria-label')).to.equal(`Picture in picture: ${b.peerId}`);
      const box = button.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
      await until(
        () => !!a.shadowRoot!.pictureInPictureElement || errors.some((e) => e.detail.type === 'invalid-state'),
        'picture-in-picture opened or refused',
      );
      if (a.shadowRoot!.pictureInPictureElement) {
        expect((a.shadowRoot!.pictureInPictureElement as HTMLVideoElement).dataset.peer).to.equal(b.peerId);
        await until(
          () => tileOf(a, b).querySelector('[part~="tile-pip-button"]')?.getAttribute('aria-label') === `Exit picture in picture: ${b.peerId}`,
          'the button offers to exit',
        );
        // The member leaves: its window closes with its tile.
        b.hangup();
        await until(() => !a.shadowRoot!.pictureInPictureElement, 'picture-in-picture closed with the tile');
      } else {
        b.hangup();
      }
    } else {
      b.hangup();
    }

    // A member that left gets no more statistics; stats-interval="0" stops them and the indicator.
    await until(() => a.roomMembers.length === 2, 'b left');
    await new Promise((r) => setTimeout(r, 400));
    const afterLeave = stats.length;
    await until(() => stats.length > afterLeave + 1, 'statistics go on for c');
    expect(stats.slice(afterLeave).every((e) => e.detail.peer === c.peerId)).to.equal(true);
    a.statsInterval = 0;
    await a.updateComplete;
    await new Promise((r) => setTimeout(r, 400));
    const stopped = stats.length;
    await new Promise((r) => setTimeout(r, 1000));
    expect(stats.length).to.equal(stopped);
    await a.updateComplete;
    expect(tileOf(a, c).querySelector('[part~="quality"]')).to.equal(null);
  });

  it("the speaking indicator: rtc-speaking and the tile-speaking part follow each member's audio level; a muted member falls silent", async function () {
    this.timeout(150000);
    // Audio only: the browser's fake microphone beeps, which is what the indicator hears.
    const calls = await threeInRoom('talk', { 'audio-only': '' });
    const [a, b, c] = calls;
    const speaking = record(a, 'rtc-speaking');
    await until(() => calls.every((x) => x.roomMembers.length === 3), 'three members connected', 60000);
    const tileOf = (peer: RtcCall) => a.shadowRoot!.querySelector<HTMLElement>(`[part~="tile-remote"][data-peer="${peer.peerId}"]`);
    const seen = new Set<string>();
    const seenOnTile = new Set<string>();
    // The fake microphone beeps about once a second; on a loaded 2-core machine a member's first
    // beeps can arrive late, so this waits longer than the indicator needs.
    await until(
      () => {
        for (const m of [b, c]) if (tileOf(m)?.part.contains('tile-speaking')) seenOnTile.add(m.peerId!);
        for (const e of speaking) if (e.detail.speaking) seen.add(e.detail.peer);
        return seen.size === 2 && seenOnTile.size === 2;
      },
      "both members' tiles marked as speaking at some point",
      60000,
    );
    for (const m of [b, c]) expect(speaking.some((e) => e.detail.peer === m.peerId && e.detail.speaking === true)).to.equal(true);
    expect(speaking.every((e) => [b.peerId, c.peerId].includes(e.detail.peer) && typeof e.detail.speaking === 'boolean')).to.equal(true);
    // Events alternate per member: never two "speaking" (or two "silent") in a row.
    for (const m of [b, c]) {
      const mine = speaking.filter((e) => e.detail.peer === m.peerId).map((e) => e.detail.speaking);
      expect(mine.every((on, k) => k === 0 || on !== mine[k - 1])).to.equal(true);
    }
    // b mutes: its tile stops speaking and stays silent.
    b.muted = true;
    await until(() => !!tileOf(b) && !tileOf(b)!.part.contains('tile-speaking'), 'b silent after muting', 10000);
    const mark = speaking.length;
    await new Promise((r) => setTimeout(r, 2500));
    expect(speaking.slice(mark).some((e) => e.detail.peer === b.peerId && e.detail.speaking)).to.equal(false);
    // c leaves: a final "silent" for it if it was speaking, and no tile.
    const cWasSpeaking = speaking.filter((e) => e.detail.peer === c.peerId).at(-1)?.detail.speaking === true;
    c.hangup();
    await until(() => !tileOf(c), "c's tile gone", 20000);
    const last = speaking.filter((e) => e.detail.peer === c.peerId).at(-1);
    if (cWasSpeaking || last) expect(last?.detail.speaking).to.equal(false);
  });

  it('outside callers are declined as busy; hangup() leaves the room and releases media; joinRoom() comes back', async function () {
    this.timeout(60000);
    const room = uid('solo');
    const member = await openCall({ 'peer-id': uid('mem'), room, 'audio-only': '' });
    await until(() => member.callState === 'active' && !!member.localStream, 'in the room with a microphone');
    const outsider = await openCall({ 'peer-id': uid('out'), 'audio-only': '' });
    const incoming = record(member, 'rtc-incoming-call');
    expect(await outsider.call(member.peerId!)).to.equal('busy');
    expect(incoming, 'a member never rings').to.have.length(0);
    expect(member.callState).to.equal('active');

    const track = member.localStream!.getAudioTracks()[0];
    member.hangup();
    expect(member.callState).to.equal('idle');
    expect(member.roomMembers).to.deep.equal([]);
    expect(member.localStream).to.equal(undefined);
    expect(track.readyState, 'the microphone is stopped').to.equal('ended');
    member.joinRoom();
    await until(() => member.callState === 'active' && member.roomMembers.length === 1, 'back in the room');
    member.removeAttribute('room');
    await until(() => member.callState === 'idle' && !member.localStream, 'removing room leaves it');
  });
});
