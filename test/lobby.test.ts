// The pre-join lobby (`lobby`), the mobile layout and the camera flip of <rtc-call>: real browser,
// fake camera/microphone, real PeerServer, real WebRTC. The chooser of the next camera and the
// stored-choice validation are pure logic, tested on their own (a fake device exposes one camera).
import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { Peer } from 'peerjs';
import { PEER_HOST, PEER_PATH, PEER_PORT } from '/__peer-config.js';
import '../src/index.js';
import type { RtcCall } from '../src/rtc-call/rtc-call.js';
import type { RtcLobbyReadyEvent } from '../src/rtc-call/lobby.events.js';
import { nextCamera } from '../src/rtc-call/camera-next.js';
import { levelOf } from '../src/rtc-call/lobby-meter.js';
import { readDevices, STORE_KEY, writeDevices } from '../src/rtc-call/lobby-store.js';
import { cleanup, nextEvent, openCall, record, uid, uncaughtDuring, until } from './helpers.js';

const part = <T extends Element = HTMLElement>(el: RtcCall, name: string): T | null => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const meterLevel = (el: RtcCall) => Number(part(el, 'lobby-meter')?.getAttribute('aria-valuenow') ?? -1);
const previewTracks = (el: RtcCall) => (part<HTMLVideoElement>(el, 'lobby-preview')?.srcObject as MediaStream | null)?.getTracks() ?? [];

async function previewPlays(el: RtcCall): Promise<void> {
  await until(
    () => {
      const video = part<HTMLVideoElement>(el, 'lobby-preview');
      return !!video && video.videoWidth > 0 && !video.paused;
    },
    'the lobby preview plays',
    20000,
  );
}

/** Web Audio runs here (headless Firefox ESR without an audio device keeps every AudioContext suspended, so no level can be read). */
async function webAudioRuns(): Promise<boolean> {
  const context = new AudioContext();
  void context.resume().catch(() => {});
  await until(() => context.state === 'running', 'AudioContext running', 1500).catch(() => {});
  const runs = context.state === 'running';
  void context.close().catch(() => {});
  return runs;
}

/** Counts getUserMedia calls on this page while installed. */
function countGetUserMedia(): { count: () => number; restore: () => void } {
  const devices = navigator.mediaDevices;
  const original = devices.getUserMedia;
  let calls = 0;
  devices.getUserMedia = function (this: MediaDevices, constraints?: MediaStreamConstraints) {
    calls++;
    return original.call(this, constraints);
  };
  return {
    count: () => calls,
    restore: () => {
      devices.getUserMedia = original;
    },
  };
}

describe('<rtc-call lobby>: the pre-join lobby', () => {
  afterEach(() => {
    cleanup();
    localStorage.removeItem(STORE_KEY);
  });

  it('the call button opens the lobby (preview, moving meter, axe-clean); Join calls muted with the lobby tracks, one getUserMedia', async () => {
    const gum = countGetUserMedia();
    try {
      const bob = await openCall({ 'peer-id': uid('bob'), 'auto-answer': '' });
      const alice = await openCall({ 'peer-id': uid('alice'), lobby: '', remote: bob.peerId! });
      const events = record(alice, 'rtc-lobby-ready', 'rtc-call-state', 'rtc-error');
      // A real click on the call button (a user gesture: Web Audio may start, as for a user).
      await alice.updateComplete;
      part(alice, 'call-button')!.scrollIntoView({ block: 'center' });
      const button = part(alice, 'call-button')!.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(button.x + button.width / 2), Math.round(button.y + button.height / 2)] });
      await until(() => !!part(alice, 'lobby'), 'the call button opens the lobby');
      expect(alice.callState, 'nothing is dialled while in the lobby').to.equal('idle');
      expect(events.filter((e) => e.type === 'rtc-call-state')).to.have.length(0);
      expect(getComputedStyle(part(alice, 'stage')!).display, 'the lobby takes the stage').to.equal('none');
      await previewPlays(alice);
      // The fake microphone produces a tone: the level must rise above 0.
      const level = () => `the meter moves (aria-valuenow ${meterLevel(alice)})`;
      if (await webAudioRuns()) await until(() => meterLevel(alice) > 0, level, 10000);
      else expect(meterLevel(alice), 'no Web Audio here: the meter stays at a valid 0').to.equal(0);
      expect(part(alice, 'lobby-meter')!.getAttribute('role')).to.equal('progressbar');
      expect(part(alice, 'lobby-join')!.textContent).to.contain(bob.peerId!);
      await alice.updateComplete;
      await expect(alice).to.be.accessible();
      expect(gum.count(), 'the lobby asked once').to.equal(1);

      // Microphone off in the lobby: the call starts muted.
      const micToggle = part<HTMLButtonElement>(alice, 'lobby-mic-toggle')!;
      micToggle.click();
      await alice.updateComplete;
      expect(micToggle.getAttribute('aria-pressed')).to.equal('false');
      const tracks = previewTracks(alice);
      expect(tracks.map((t) => t.kind).sort()).to.deep.equal(['audio', 'video']);

      const ready = nextEvent<RtcLobbyReadyEvent>(alice, 'rtc-lobby-ready');
      part<HTMLButtonElement>(alice, 'lobby-join')!.click();
      const { detail, bubbles, composed } = await ready;
      expect({ bubbles, composed }).to.deep.equal({ bubbles: true, composed: true });
      expect(detail).to.deep.equal({ devices: {}, audio: false, video: true });
      await until(() => alice.callState === 'active' && bob.callState === 'active', 'both active');
      expect(part(alice, 'lobby'), 'the lobby is gone').to.equal(null);

      // The call sends the lobby's tracks: the same objects, still live; no second camera prompt.
      const local = alice.localStream!.getTracks();
      for (const track of tracks) expect(local, `the call uses the lobby's ${track.kind} track`).to.include(track);
      expect(tracks.every((t) => t.readyState === 'live')).to.equal(true);
      expect(gum.count(), "one getUserMedia for alice's lobby and call, one for bob's answer").to.equal(2);
      expect(alice.muted).to.equal(true);
      expect(alice.localStream!.getAudioTracks()[0].enabled).to.equal(false);
      await until(() => bob.remoteMediaState?.muted === true, 'bob sees alice muted');
      expect(events.filter((e) => e.type === 'rtc-error').map((e) => e.detail)).to.deep.equal([]);

      // Later calls go straight on (the lobby is for the first one).
      alice.hangup();
      await until(() => alice.callState === 'idle' && bob.callState === 'idle', 'both idle');
      expect(
        tracks.every((t) => t.readyState === 'ended'),
        'the hang-up released the lobby tracks',
      ).to.equal(true);
    } finally {
      gum.restore();
    }
  });

  it('Cancel and Escape leave the lobby and release the camera; a waiting call() resolves hangup', async () => {
    const alice = await openCall({ 'peer-id': uid('alice'), lobby: '' });
    const outcome = alice.call(uid('nobody'));
    await until(() => !!part(alice, 'lobby'), 'the lobby opens');
    await previewPlays(alice);
    const tracks = previewTracks(alice);
    expect(tracks.length).to.equal(2);
    part<HTMLButtonElement>(alice, 'lobby-cancel')!.click();
    expect(await outcome).to.equal('hangup');
    await alice.updateComplete;
    expect(part(alice, 'lobby')).to.equal(null);
    expect(
      tracks.map((t) => t.readyState),
      'camera and microphone released',
    ).to.deep.equal(['ended', 'ended']);
    expect(alice.callState).to.equal('idle');

    // openLobby() (Join would be "Done": nothing to call), then Escape from the keyboard.
    await alice.openLobby();
    await previewPlays(alice);
    const again = previewTracks(alice);
    part<HTMLButtonElement>(alice, 'lobby-join')!.focus();
    expect(part(alice, 'lobby-join')!.textContent!.trim()).to.equal('Done');
    await sendKeys({ press: 'Escape' });
    await until(() => !part(alice, 'lobby'), 'Escape closes the lobby');
    expect(again.every((t) => t.readyState === 'ended')).to.equal(true);

    // Removing the element while the lobby is open releases the camera too.
    await alice.openLobby();
    await previewPlays(alice);
    const third = previewTracks(alice);
    alice.remove();
    await until(() => third.every((t) => t.readyState === 'ended'), 'removal releases the camera');
  });

  it('remember-devices stores the chosen microphone and restores it; garbled stored values are ignored without an error', async () => {
    const garbage = [
      '{not json',
      '[1,2]',
      'null',
      JSON.stringify({ audioInput: 42, videoInput: '<img src=x onerror=alert(1)>', audioOutput: 'x'.repeat(5000) }),
      JSON.stringify({ audioInput: 'gone-mic', videoInput: 'gone-camera', audioOutput: 'gone-speaker' }),
      'x'.repeat(100000),
    ];
    for (const value of garbage) {
      localStorage.setItem(STORE_KEY, value);
      const el = await openCall({ 'peer-id': uid('g'), lobby: '', 'remember-devices': '' });
      const errors = record(el, 'rtc-error');
      const uncaught = await uncaughtDuring(async () => {
        await el.openLobby();
        await previewPlays(el);
      });
      // Join ("Done": nothing to call) hands the lobby's choice to the element: nothing of the stored value.
      const ready = nextEvent<RtcLobbyReadyEvent>(el, 'rtc-lobby-ready');
      part<HTMLButtonElement>(el, 'lobby-join')!.click();
      expect((await ready).detail.devices, `nothing used from ${value.slice(0, 40)}`).to.deep.equal({});
      await new Promise((r) => setTimeout(r, 100));
      expect(uncaught, `no uncaught error for ${value.slice(0, 40)}`).to.deep.equal([]);
      expect(
        errors.map((e) => e.detail),
        `no rtc-error for ${value.slice(0, 40)}`,
      ).to.deep.equal([]);
      expect(el.selectedDevices).to.deep.equal({});
      el.remove();
    }
    localStorage.removeItem(STORE_KEY);

    const first = await openCall({ 'peer-id': uid('r1'), lobby: '', 'remember-devices': '' });
    await first.openLobby();
    await previewPlays(first);
    const mics = (await first.getDevices()).audioInput.filter((d) => d.deviceId && d.deviceId !== 'default');
    const chosen = mics[mics.length - 1]?.deviceId;
    expect(chosen, 'a microphone is listed').to.be.a('string');
    await until(() => !!part(first, 'device-select'), 'the pickers show');
    const select = part<HTMLSelectElement>(first, 'device-select')!;
    expect(select.closest('label')!.textContent).to.contain('Microphone');
    select.value = chosen;
    select.dispatchEvent(new Event('change'));
    await until(
      () =>
        previewTracks(first)
          .find((t) => t.kind === 'audio')
          ?.getSettings().deviceId === chosen,
      'the preview switches microphone',
    );
    const ready = nextEvent<RtcLobbyReadyEvent>(first, 'rtc-lobby-ready');
    part<HTMLButtonElement>(first, 'lobby-join')!.click();
    expect((await ready).detail.devices).to.deep.equal({ audioInput: chosen });
    expect(first.selectedDevices.audioInput, 'the choice goes to the element').to.equal(chosen);
    expect(readDevices()).to.deep.equal({ audioInput: chosen });
    first.remove();

    const second = await openCall({ 'peer-id': uid('r2'), lobby: '', 'remember-devices': '' });
    await second.openLobby();
    await previewPlays(second);
    expect(
      previewTracks(second)
        .find((t) => t.kind === 'audio')
        ?.getSettings().deviceId,
      'restored',
    ).to.equal(chosen);
    expect(part<HTMLSelectElement>(second, 'device-select')!.value).to.equal(chosen);
    second.closeLobby();

    // Without remember-devices nothing is read.
    const third = await openCall({ 'peer-id': uid('r3'), lobby: '' });
    await third.openLobby();
    await previewPlays(third);
    await until(() => !!part(third, 'device-select'), 'the pickers show');
    expect(part<HTMLSelectElement>(third, 'device-select')!.value).to.equal('');
    third.closeLobby();
  });

  it('a room is joined through the lobby (camera off there: joins with the camera off), with its tracks', async () => {
    const room = uid('lobby-room');
    const bob = await openCall({ 'peer-id': uid('bob'), room });
    const alice = await openCall({ 'peer-id': uid('alice'), room, lobby: '' });
    await until(() => !!part(alice, 'lobby'), 'the lobby opens instead of joining');
    expect(alice.callState).to.equal('idle');
    expect(part(alice, 'lobby-join')!.textContent).to.contain(room);
    await previewPlays(alice);
    part<HTMLButtonElement>(alice, 'lobby-camera-toggle')!.click();
    await until(() => previewTracks(alice).every((t) => t.kind === 'audio'), 'camera off in the lobby');
    const audio = previewTracks(alice)[0];
    const ready = nextEvent<RtcLobbyReadyEvent>(alice, 'rtc-lobby-ready');
    part<HTMLButtonElement>(alice, 'lobby-join')!.click();
    expect((await ready).detail).to.deep.equal({ devices: {}, audio: true, video: false });
    await until(() => alice.roomMembers.length === 2 && bob.roomMembers.length === 2, 'both in the room', 30000);
    expect(alice.cameraOff).to.equal(true);
    expect(alice.localStream!.getAudioTracks()[0]).to.equal(audio);
    await until(() => bob.remoteStreams.has(alice.peerId!), "bob gets alice's media");
  });
});

describe('<rtc-call lobby>: a stranger calls while the lobby is open', () => {
  let evil: Peer | undefined;
  afterEach(() => {
    cleanup();
    evil?.destroy();
  });

  it('rings over the lobby and goes: the lobby keeps its live camera, the stranger gets no media, Join still calls', async () => {
    const bob = await openCall({ 'peer-id': uid('bob'), 'auto-answer': '' });
    // ring-timeout 500: an unanswered ring ends after 2.5 s (the callee's margin)
    const alice = await openCall({ 'peer-id': uid('alice'), lobby: '', remote: bob.peerId!, 'ring-timeout': '500' });
    await alice.openLobby();
    await previewPlays(alice);
    const tracks = previewTracks(alice);
    evil = await new Promise<Peer>((resolve, reject) => {
      const p = new Peer(uid('stranger'), { host: PEER_HOST, port: PEER_PORT, path: PEER_PATH, secure: false, config: { iceServers: [] } });
      p.once('open', () => resolve(p));
      p.once('error', reject);
    });
    let streamed = false;
    for (let i = 0; i < 2; i++) {
      const ringing = nextEvent(alice, 'rtc-incoming-call');
      const media = evil.call(alice.peerId!, new MediaStream());
      media.on('stream', () => {
        streamed = true;
      });
      await ringing;
      await alice.updateComplete;
      expect(part(alice, 'lobby'), 'the ringing panel shows instead').to.equal(null);
      expect(part(alice, 'incoming')).to.not.equal(null);
      // Declined by the user, then rung out by the stranger (a plain PeerJS close tells nobody).
      if (i === 0) part<HTMLButtonElement>(alice, 'decline-button')!.click();
      else media.close();
      await until(() => alice.callState === 'idle', 'the ring ended', 20000);
      await alice.updateComplete;
      expect(part(alice, 'lobby'), 'the lobby is back').to.not.equal(null);
      expect(
        tracks.every((t) => t.readyState === 'live'),
        'its camera still runs',
      ).to.equal(true);
    }
    expect(streamed, 'the stranger never got media').to.equal(false);
    part<HTMLButtonElement>(alice, 'lobby-join')!.click();
    await until(() => alice.callState === 'active' && bob.callState === 'active', 'Join calls remote');
    expect(alice.localStream!.getVideoTracks()[0]).to.equal(tracks.find((t) => t.kind === 'video'));
  });
});

describe('<rtc-call>: mobile layout (390×844) and the camera flip', () => {
  afterEach(async () => {
    cleanup();
    await setViewport({ width: 800, height: 600 });
  });

  const noHorizontalOverflow = (el: RtcCall, what: string) => {
    for (const name of ['base', 'header', 'controls']) {
      const node = part(el, name)!;
      expect(node.scrollWidth, `${what}: ${name} does not overflow (${node.scrollWidth} > ${node.clientWidth})`).to.be.at.most(node.clientWidth);
    }
    expect(document.documentElement.scrollWidth, `${what}: the page does not scroll sideways`).to.be.at.most(window.innerWidth);
  };
  const controlsReachable = (el: RtcCall, what: string) => {
    // (Closed menus' items, e.g. the reactions menu, are not drawn: only what is shown must fit.)
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="controls"] button')].filter((button) => button.checkVisibility());
    expect(buttons.length).to.be.above(2);
    for (const button of buttons) {
      const r = button.getBoundingClientRect();
      expect(r.width > 0 && r.left >= 0 && r.right <= window.innerWidth, `${what}: ${button.getAttribute('part')} is on screen`).to.equal(true);
    }
  };

  it('a 1:1 call and a room fit a phone in portrait; the flip button only shows with several cameras', async () => {
    await setViewport({ width: 390, height: 844 });
    const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput').length;
    const bob = await openCall({ 'peer-id': uid('bob-with-a-long-peer-id'), 'auto-answer': '' });
    const alice = await openCall({ 'peer-id': uid('alice-with-a-long-peer-id') });
    noHorizontalOverflow(alice, 'idle');
    await alice.openLobby();
    await alice.updateComplete;
    const lobby = part(alice, 'lobby')!;
    expect(lobby.scrollWidth, 'the lobby fits').to.be.at.most(lobby.clientWidth);
    noHorizontalOverflow(alice, 'lobby');
    const join = part(alice, 'lobby-join')!.getBoundingClientRect();
    expect(join.right, 'Join is on screen').to.be.at.most(window.innerWidth);
    alice.closeLobby();
    expect(await alice.call(bob.peerId!)).to.equal('connected');
    await until(() => bob.callState === 'active' && !!alice.verificationCode, 'connected with a safety code');
    await alice.updateComplete;
    noHorizontalOverflow(alice, '1:1 call');
    controlsReachable(alice, '1:1 call');
    const stage = part(alice, 'stage')!.getBoundingClientRect();
    expect(stage.height, 'portrait: the stage is taller than wide').to.be.above(stage.width);
    const live = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput').length;
    await until(() => !!part(alice, 'flip-camera-button') === live > 1, `flip button ${live > 1 ? 'shown' : 'hidden'} with ${live} camera(s)`);
    expect(cameras).to.be.at.most(live);
    alice.hangup();
    await until(() => bob.callState === 'idle', 'hung up');

    const room = uid('phone-room');
    alice.room = room;
    bob.room = room;
    await until(() => alice.roomMembers.length === 2 && bob.roomMembers.length === 2, 'both in the room', 30000);
    await alice.updateComplete;
    noHorizontalOverflow(alice, 'room');
    controlsReachable(alice, 'room');
    const tiles = [...alice.shadowRoot!.querySelectorAll<HTMLElement>('[part~="tile"]')].map((t) => t.getBoundingClientRect());
    expect(tiles.length).to.equal(2);
    expect(Math.abs(tiles[0].left - tiles[1].left), 'tiles stack in one column').to.be.below(2);
    expect(tiles[1].top).to.be.at.least(tiles[0].bottom - 1);
  });
});

describe('lobby and flip logic (pure)', () => {
  it('nextCamera: the other facing camera when labels tell, else the next one round; none with one camera', () => {
    const front = { deviceId: 'f', label: 'Front Camera' };
    const back = { deviceId: 'b', label: 'Back Camera' };
    const usb = { deviceId: 'u', label: 'USB camera' };
    expect(nextCamera([front], 'f')).to.equal(undefined);
    expect(nextCamera([{ deviceId: '', label: '' }, front], 'f')).to.equal(undefined);
    expect(nextCamera([front, usb, back], 'f')).to.equal('b');
    expect(nextCamera([front, usb, back], 'b')).to.equal('f');
    expect(nextCamera([usb, front, back], 'x', 'environment'), 'facingMode from the track').to.equal('f');
    expect(nextCamera([usb, { deviceId: 'v', label: 'Other' }], 'u')).to.equal('v');
    expect(nextCamera([usb, { deviceId: 'v', label: 'Other' }], 'v')).to.equal('u');
    expect(nextCamera([usb, { deviceId: 'v', label: 'Other' }], undefined)).to.equal('u');
    expect(nextCamera([{ deviceId: 'default', label: 'Default' }, usb, back], 'u')).to.equal('b');
  });

  it('levelOf maps RMS to 0..100 on a -60..0 dB scale', () => {
    expect(levelOf(0)).to.equal(0);
    expect(levelOf(Number.NaN)).to.equal(0);
    expect(levelOf(0.0005)).to.equal(0);
    expect(levelOf(0.01)).to.equal(33);
    expect(levelOf(1)).to.equal(100);
    expect(levelOf(4)).to.equal(100);
  });

  it('readDevices keeps only short printable ids; a throwing storage counts as empty', () => {
    const store = (value: string | null) => ({ getItem: () => value });
    expect(readDevices(store(JSON.stringify({ audioInput: 'a1', videoInput: 'v1', audioOutput: 's1', extra: 'x' })))).to.deep.equal({
      audioInput: 'a1',
      videoInput: 'v1',
      audioOutput: 's1',
    });
    expect(readDevices(store(JSON.stringify({ audioInput: 'has space', videoInput: '', audioOutput: 'y'.repeat(300) })))).to.deep.equal({});
    expect(readDevices(store('{"__proto__":{"audioInput":"p"}}'))).to.deep.equal({});
    expect(readDevices(store('{"audioInput":'))).to.deep.equal({});
    expect(readDevices(store(null))).to.deep.equal({});
    expect(
      readDevices({
        getItem: () => {
          throw new Error('SecurityError');
        },
      }),
    ).to.deep.equal({});
    let written = '';
    writeDevices({ audioInput: 'a1', videoInput: 'bad id' }, { setItem: (_k: string, v: string) => (written = v) });
    expect(JSON.parse(written)).to.deep.equal({ audioInput: 'a1' });
    writeDevices(
      { audioInput: 'a1' },
      {
        setItem: () => {
          throw new Error('QuotaExceededError');
        },
      },
    );
  });
});
