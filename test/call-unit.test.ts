// Pure logic of <rtc-call>, no WebRTC: a call's states and end reasons, the control protocol, parked channels.
import { expect } from '@open-wc/testing';
import type { PeerCall, PeerChannel } from '../src/session/peer-session.js';
import type { RtcDisconnectReason } from '../src/core/events.js';
import { CallRecord, closeReason, type CallHost, type RemoteMedia } from '../src/rtc-call/call-record.js';
import { ChannelDesk, channelKey } from '../src/rtc-call/call-channels.js';
import {
  checkMetadata,
  classifyControl,
  controlCallId,
  declineMessage,
  hangupMessage,
  heartbeat,
  RateLimiter,
  readCallMetadata,
  type ControlMessage,
} from '../src/rtc-call/call-protocol.js';
import type { CallEndReason } from '../src/rtc-call/rtc-call.events.js';
import { mergeSelection } from '../src/rtc-call/media.js';
import type { RtcError } from '../src/core/errors.js';

type Handler = (value: never) => void;

/** An event source with the on() of PeerCall and PeerChannel. */
class Fake {
  handlers = new Map<string, Set<Handler>>();
  on(event: string, fn: Handler): () => void {
    const set = this.handlers.get(event) ?? new Set<Handler>();
    this.handlers.set(event, set);
    set.add(fn);
    return () => set.delete(fn);
  }
  emit(event: string, value?: unknown): void {
    for (const fn of [...(this.handlers.get(event) ?? [])]) (fn as (value: unknown) => void)(value);
  }
  listeners(): number {
    return [...this.handlers.values()].reduce((n, set) => n + set.size, 0);
  }
}

class FakeCall extends Fake {
  id = 'call1';
  closed: RtcDisconnectReason[] = [];
  close(reason: RtcDisconnectReason): void {
    this.closed.push(reason);
  }
}

class FakeChannel extends Fake {
  isOpen = false;
  isClosed = false;
  sent: unknown[] = [];
  closed: RtcDisconnectReason[] = [];
  constructor(
    readonly remote = 'bob',
    readonly metadata: unknown = { call: 'call1' },
  ) {
    super();
  }
  retain(): void {}
  send(value: unknown): void {
    this.sent.push(value);
  }
  close(reason: RtcDisconnectReason): void {
    this.closed.push(reason);
    this.isClosed = true;
    this.isOpen = false;
  }
  open(): void {
    this.isOpen = true;
    this.emit('open');
  }
}

/** A host that ends calls the way the element does (close, then settle) and logs what it was told. */
function host(): CallHost & { log: string[]; ends: CallEndReason[]; media: RemoteMedia[] } {
  const log: string[] = [];
  const ends: CallEndReason[] = [];
  const media: RemoteMedia[] = [];
  return {
    log,
    ends,
    media,
    error: (type) => log.push(`error:${type}`),
    end: (rec, reason, notify) => {
      if (rec.ended) return;
      rec.close();
      ends.push(reason);
      log.push(`end:${reason}${notify ? `:${notify.t}` : ''}`);
      rec.settle(reason);
    },
    answered: () => log.push('answered'),
    connected: () => log.push('connected'),
    stream: () => log.push('stream'),
    mediaState: (_rec, next) => media.push(next),
    opened: () => log.push('opened'),
  };
}

const meta = { ours: true, app: null, video: true };
const records: CallRecord[] = [];
function record(h: CallHost, outgoing: boolean): { rec: CallRecord; call: FakeCall } {
  const rec = new CallRecord(h, 'bob', outgoing, meta);
  records.push(rec);
  const call = new FakeCall();
  rec.attachCall(call as unknown as PeerCall);
  return { rec, call };
}

afterEach(() => {
  for (const rec of records.splice(0)) rec.close();
});

describe('call end reasons (unit)', () => {
  it('maps a closed media connection to an end reason', () => {
    expect(closeReason('local', false, false)).to.equal('hangup');
    expect(closeReason('local', true, false)).to.equal('hangup');
    expect(closeReason('remote', true, false)).to.equal('remote-hangup');
    expect(closeReason('remote', false, false)).to.equal('remote-hangup');
    expect(closeReason('failed', false, false)).to.equal('failed');
    expect(closeReason('failed', true, false)).to.equal('disconnected');
    expect(closeReason('timeout', true, false)).to.equal('disconnected');
    expect(closeReason('timeout', false, false)).to.equal('failed');
    // An error before connecting makes any close a failure; after connecting it does not.
    expect(closeReason('remote', false, true)).to.equal('failed');
    expect(closeReason('local', true, true)).to.equal('hangup');
  });
});

describe('call states (unit)', () => {
  it('an outgoing call: calling, answered (ICE checking), connected, then lost', async () => {
    const h = host();
    const { rec, call } = record(h, true);
    rec.timers.push(setTimeout(() => h.log.push('ring timer fired'), 20));
    let outcome: string | undefined;
    void rec.outcome().then((o) => {
      outcome = o;
    });
    call.emit('iceState', 'new');
    expect(h.log).to.deep.equal([]);
    call.emit('iceState', 'checking');
    expect(h.log).to.deep.equal(['answered']);
    expect(rec.timers).to.have.length(0); // no more ringing
    call.emit('iceState', 'connected');
    expect(rec.connected).to.equal(true);
    expect(h.log).to.deep.equal(['answered', 'connected']);
    await Promise.resolve();
    expect(outcome).to.equal('connected');
    expect(await rec.outcome()).to.equal('connected');
    call.emit('iceState', 'failed');
    expect(h.ends).to.deep.equal(['disconnected']);
    expect(rec.ended).to.equal(true);
    // An ended call ignores whatever its connection still says.
    call.emit('iceState', 'connected');
    call.emit('close', 'remote');
    expect(h.ends).to.deep.equal(['disconnected']);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(h.log).not.to.include('ring timer fired');
  });

  it('an incoming call does not take ICE checking as an answer', () => {
    const h = host();
    const { call } = record(h, false);
    call.emit('iceState', 'checking');
    expect(h.log).to.deep.equal([]);
  });

  it('ICE failing before connecting ends the call as failed, with an error', async () => {
    const h = host();
    const { rec, call } = record(h, true);
    const outcome = rec.outcome();
    call.emit('iceState', 'failed');
    expect(h.log).to.deep.equal(['error:connection-failed', 'end:failed']);
    expect(await outcome).to.equal('failed');
  });

  it('a media connection error before connecting turns a remote close into failed', () => {
    const h = host();
    const { call } = record(h, true);
    call.emit('error', { type: 'connection-failed', message: 'x' });
    call.emit('close', 'remote');
    expect(h.log).to.deep.equal(['error:connection-failed', 'end:failed']);
  });

  it('the callee hangs up, declines or is busy', () => {
    const cases: Array<[ControlMessage, boolean, boolean, CallEndReason | undefined]> = [
      [declineMessage('declined'), true, false, 'declined'],
      [declineMessage('busy'), true, false, 'busy'],
      [declineMessage('no-answer'), true, false, 'no-answer'],
      // A decline after connecting, or to the callee, means nothing.
      [declineMessage('busy'), true, true, undefined],
      [declineMessage('declined'), false, false, undefined],
      [hangupMessage(), true, true, 'remote-hangup'],
      // The caller gave up ringing: the callee missed the call.
      [hangupMessage('no-answer'), false, false, 'no-answer'],
      [hangupMessage('no-answer'), false, true, 'remote-hangup'],
      [hangupMessage('no-answer'), true, false, 'remote-hangup'],
    ];
    for (const [message, outgoing, connected, expected] of cases) {
      const h = host();
      const { rec, call } = record(h, outgoing);
      if (connected) call.emit('iceState', 'connected');
      rec.receive(message);
      expect(h.ends, JSON.stringify({ message, outgoing, connected })).to.deep.equal(expected ? [expected] : []);
    }
  });

  it('passes on the remote media state and drops invalid control messages', () => {
    const h = host();
    const { rec } = record(h, true);
    rec.receive({ $rtc: 1, t: 'media-state', muted: true, cameraOff: false, screen: true, video: true });
    expect(h.media).to.deep.equal([{ muted: true, cameraOff: false, screen: true, video: true }]);
    rec.receive({ $rtc: 1, t: 'media-state', muted: 'yes', cameraOff: false, screen: true, video: true });
    rec.receive('hello');
    expect(h.log).to.deep.equal(['error:invalid-data', 'error:invalid-data']);
    expect(h.media).to.have.length(1);
  });

  it('rate-limits control messages and reports that once', () => {
    const h = host();
    const { rec } = record(h, true);
    for (let i = 0; i < 100; i++) rec.receive({ $rtc: 1, t: 'media-state', muted: i % 2 === 0, cameraOff: false, screen: false, video: true });
    // The burst gets through, then messages are dropped.
    expect(h.media.length).to.be.within(40, 45);
    expect(h.log.filter((entry) => entry === 'error:rate-limited')).to.have.length(1);
  });

  it('queues messages (not heartbeats) until the control channel opens', () => {
    const h = host();
    const { rec } = record(h, true);
    const channel = new FakeChannel();
    rec.attachChannel(channel as unknown as PeerChannel);
    rec.send(heartbeat());
    rec.send(hangupMessage());
    expect(channel.sent).to.deep.equal([]);
    channel.open();
    expect(h.log).to.deep.equal(['opened']);
    expect(channel.sent).to.deep.equal([hangupMessage()]);
    // Our media state goes out once per change.
    const state = { $rtc: 1, t: 'media-state', muted: false, cameraOff: false, screen: false, video: true } as const;
    rec.announce(state);
    rec.announce(state);
    expect(channel.sent).to.have.length(2);
  });

  it('ends when the other side closes the control channel', () => {
    const reasons: Array<[RtcDisconnectReason, boolean, CallEndReason | undefined]> = [
      ['remote', false, 'remote-hangup'],
      ['failed', true, 'disconnected'],
      ['failed', false, 'failed'],
      ['local', true, undefined],
    ];
    for (const [reason, connected, expected] of reasons) {
      const h = host();
      const { rec, call } = record(h, true);
      const channel = new FakeChannel();
      rec.attachChannel(channel as unknown as PeerChannel);
      if (connected) call.emit('iceState', 'connected');
      channel.emit('close', reason);
      expect(h.ends, reason).to.deep.equal(expected ? [expected] : []);
      expect(rec.channel).to.equal(undefined);
    }
  });

  it('close() stops listening and hands back the control channel', () => {
    const h = host();
    const { rec, call } = record(h, false);
    const channel = new FakeChannel();
    rec.attachChannel(channel as unknown as PeerChannel);
    expect(call.listeners()).to.be.greaterThan(0);
    expect(rec.close()).to.equal(channel);
    expect(rec.ended).to.equal(true);
    expect(call.listeners()).to.equal(0);
    expect(channel.listeners()).to.equal(0);
    expect(rec.channel).to.equal(undefined);
  });

  it("a call that replaces another (glare) settles the first one's callers", async () => {
    const h = host();
    const first = record(h, true).rec;
    const outcome = first.outcome();
    const second = record(h, false);
    second.rec.inherit(first);
    first.close();
    second.call.emit('iceState', 'connected');
    expect(await outcome).to.equal('connected');
  });
});

describe('call control protocol (unit)', () => {
  it('classifies control messages and never trusts the sender', () => {
    expect(classifyControl({ $rtc: 1, t: 'hb' })).to.deep.equal({ kind: 'message', message: heartbeat() });
    expect(classifyControl({ $rtc: 1, t: 'hangup', reason: 'whatever' })).to.deep.equal({ kind: 'message', message: hangupMessage() });
    expect(classifyControl({ $rtc: 1, t: 'decline', reason: 'odd' })).to.deep.equal({ kind: 'message', message: declineMessage('declined') });
    expect(classifyControl({ $rtc: 1, t: 'media-state', muted: true, cameraOff: true, screen: false, video: false, extra: 1 })).to.deep.equal({
      kind: 'message',
      message: { $rtc: 1, t: 'media-state', muted: true, cameraOff: true, screen: false, video: false },
    });
    for (const bad of [
      null,
      1,
      'x',
      [],
      {},
      { $rtc: 2, t: 'hb' },
      { $rtc: 1, t: 'nope' },
      { $rtc: 1, t: 'media-state', muted: 1 },
      Object.create({ $rtc: 1, t: 'hb' }),
    ]) {
      expect(classifyControl(bad).kind, JSON.stringify(bad)).to.equal('invalid');
    }
  });

  it('reads call ids and call metadata', () => {
    expect(controlCallId({ call: 'abc_DEF-1' })).to.equal('abc_DEF-1');
    for (const bad of [undefined, null, 'abc', ['abc'], { call: '' }, { call: 'a b' }, { call: 'x'.repeat(65) }, { call: 5 }])
      expect(controlCallId(bad)).to.equal(undefined);
    expect(readCallMetadata(undefined)).to.deep.equal({ ours: false, app: null, video: true });
    expect(readCallMetadata({ rtcElements: 1, app: { a: 1 }, video: false })).to.deep.include({ ours: true, video: false });
    expect(readCallMetadata({ big: 'x'.repeat(5000) }).problem).to.contain('4096');
  });

  it('checks call metadata before it travels', () => {
    const typeOf = (value: unknown): string | undefined => {
      try {
        checkMetadata(value);
      } catch (error) {
        return (error as RtcError).type;
      }
      return undefined;
    };
    expect(checkMetadata(undefined)).to.equal(undefined);
    expect(checkMetadata({ a: [1, 'b'] })).to.deep.equal({ a: [1, 'b'] });
    expect(typeOf(() => {})).to.equal('send-failed');
    expect(typeOf(BigInt(1))).to.equal('send-failed');
    expect(typeOf('x'.repeat(5000))).to.equal('message-too-large');
  });

  it('merges a device selection', () => {
    expect(mergeSelection({ audioInput: 'a', videoInput: 'v' }, { audioInput: null, videoInput: undefined, audioOutput: 's' })).to.deep.equal({
      videoInput: 'v',
      audioOutput: 's',
    });
    for (const bad of [null, 'x', [], { audioInput: 7 }, { videoInput: 'x'.repeat(1025) }]) {
      expect(() => mergeSelection({}, bad), JSON.stringify(bad)).to.throw();
    }
  });

  it('RateLimiter lets a burst through, then refills at its rate', async () => {
    const limiter = new RateLimiter(100, 5);
    const first = Array.from({ length: 8 }, () => limiter.take());
    expect(first).to.deep.equal([true, true, true, true, true, false, false, false]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(limiter.take()).to.equal(true);
  });
});

describe('parked control channels (unit)', () => {
  it('keeps at most 8 channels waiting for their calls', () => {
    const desk = new ChannelDesk();
    const channels = Array.from({ length: 9 }, () => new FakeChannel());
    const parked = channels.map((channel, i) => desk.park(channel as unknown as PeerChannel, channelKey('bob', `c${i}`)));
    expect(parked).to.deep.equal([true, true, true, true, true, true, true, true, false]);
    expect(desk.take(channelKey('bob', 'c3'))?.channel).to.equal(channels[3]);
    expect(desk.take(channelKey('bob', 'c3'))).to.equal(undefined);
    desk.closeAll();
    expect(channels.slice(0, 8).filter((c) => c.closed.length)).to.have.length(7);
    expect(channels[3].closed).to.deep.equal([]);
  });

  it('buffers what a parked channel says, and a second channel for a call replaces the first', () => {
    const desk = new ChannelDesk();
    const key = channelKey('bob', 'c1');
    const first = new FakeChannel();
    const second = new FakeChannel();
    desk.park(first as unknown as PeerChannel, key);
    desk.park(second as unknown as PeerChannel, key);
    expect(first.closed).to.deep.equal(['local']);
    second.emit('data', { $rtc: 1, t: 'hb' });
    expect(desk.take(key)?.buffered).to.deep.equal([{ $rtc: 1, t: 'hb' }]);
  });

  it('tells a late channel of a call that is over what it missed', () => {
    const desk = new ChannelDesk();
    const key = channelKey('bob', 'c1');
    desk.turnDown(key, declineMessage('busy'));
    const late = new FakeChannel();
    late.isOpen = true;
    expect(desk.answerLate(late as unknown as PeerChannel, key)).to.equal(true);
    expect(late.sent).to.deep.equal([declineMessage('busy')]);
    // Only once.
    expect(desk.answerLate(new FakeChannel() as unknown as PeerChannel, key)).to.equal(false);
    expect(desk.answerLate(new FakeChannel() as unknown as PeerChannel, channelKey('carol', 'c1'))).to.equal(false);
  });

  it('turning down a call whose channel is parked answers that channel once it opens', () => {
    const desk = new ChannelDesk();
    const key = channelKey('bob', 'c1');
    const channel = new FakeChannel();
    desk.park(channel as unknown as PeerChannel, key);
    desk.turnDown(key, declineMessage('declined'));
    expect(desk.take(key)).to.equal(undefined);
    expect(channel.sent).to.deep.equal([]);
    channel.open();
    expect(channel.sent).to.deep.equal([declineMessage('declined')]);
  });
});
