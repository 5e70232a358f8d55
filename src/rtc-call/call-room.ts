/**
 * <rtc-call>'s group calls (`room`), loaded when `room` is first set. The room's discovery
 * (../session/room.ts) announces the member list; of each pair of members the lower id calls, and
 * calls from listed members are answered by themselves. The element keeps the call records (one
 * per member, in `host.members`) and does the calling; this part decides whom, and draws the grid.
 */
import { css, html, nothing, render, type TemplateResult } from 'lit';
import { Room } from '../session/room.js';
import { MAX_ROOM_SIZE } from '../core/room-limits.js';
import type { RtcErrorType } from '../core/errors.js';
import { RtcPeerJoinEvent, RtcPeerLeaveEvent } from '../core/events.js';
import { format } from '../core/strings.js';
import type { CallStrings } from '../core/strings-call.js';
import type { PeerCall, PeerSession, SessionOptions } from '../session/peer-session.js';
import { hangupMessage, type CallMetadata, type ControlMessage, type DeclineReason } from './call-protocol.js';
import type { CallRecord, RecordRoom } from './call-record.js';
import { RtcSpeakingEvent, type CallEndReason } from './rtc-call.events.js';
import { badges, inPictureInPicture, initials, type SelfView } from './tiles.js';
import { icon } from './icons.js';
import { layoutStyles, SpeakerLayout } from './speaker-layout.js';

/** A member call that has not been answered after this long ends (the next member list dials again). */
const MEMBER_ANSWER_MS = 20000;
/** A call from a peer the member list does not name (yet) waits this long for a list that does. */
const MEMBER_WAIT_MS = 10000;
/** A member missing from the host's list this long is hung up (longer than a host hand-over). */
const MEMBER_ABSENT_MS = 15000;
/** A member call that broke is redialled (by the lower id) after this long, if the member is still listed. */
const MEMBER_REDIAL_MS = 1500;
/**
 * A listed member that turned the call down as busy (its own list did not name us yet) or did not
 * answer is called again after this long, at most MEMBER_RETRIES times in a row.
 */
const MEMBER_RETRY_MS = 2000;
const MEMBER_RETRIES = 5;
/** How often members' audio levels are read for the speaking indicator. */
const SPEAKING_POLL_MS = 200;
/** Audio level (0 to 1, 1 being full scale) above which a member counts as speaking. */
const SPEAKING_LEVEL = 0.03;
/** A speaker stays marked this long after its level fell below SPEAKING_LEVEL, so pauses between words do not flicker. */
const SPEAKING_HOLD_MS = 800;

/** What a room needs from its <rtc-call>. */
export interface CallRoomHost {
  /** Calls with room members, by peer id (the element's; this part adds to it). */
  readonly members: Map<string, CallRecord>;
  session(): PeerSession | undefined;
  options(): SessionOptions | undefined;
  allowed(peer: string): boolean;
  error(type: RtcErrorType, message: string, peer?: string): void;
  fire(event: Event): void;
  /** A new call record, its heartbeat running. */
  record(peer: string, outgoing: boolean, meta: CallMetadata): CallRecord;
  /** Calls `rec.peer` with the local media; false when that failed (the record has ended). */
  place(rec: CallRecord, session: PeerSession): boolean;
  /** Answers `call` for `rec` with the local media. */
  answer(rec: CallRecord, call: PeerCall): void;
  end(rec: CallRecord, reason: CallEndReason, notify?: ControlMessage): void;
  refuse(call: PeerCall, reason: DeclineReason | 'ignore'): void;
  /** Members, their streams or states changed (renders again). */
  changed(): void;
  /** The room refused us as full: leave it. */
  full(): void;
  /** A member's connection quality indicator, once there is a statistics reading (the statistics code draws it). */
  quality(rec: CallRecord, t: CallStrings): TemplateResult | undefined;
  /** Opens (or closes) picture-in-picture for a member's tile video; errors are reported by the element. */
  togglePictureInPicture(video: HTMLVideoElement): void;
  /** A tile's reactions and raised hand (`peer` undefined: the own tile), once that code is loaded. */
  acts?(peer?: string): unknown;
  /** The element's `layout` attribute. */
  layout(): string | undefined;
}

interface WaitingCall {
  call: PeerCall;
  meta: CallMetadata;
  timer: ReturnType<typeof setTimeout>;
}

export class CallRoom implements RecordRoom {
  readonly name: string;
  /** The discovery. */
  readonly link: Room;
  /** The member list as the room's host last announced it (own id included). */
  private list: string[] = [];
  private left = false;
  /** Calls from peers the member list does not name yet, by peer id. */
  private waiting = new Map<string, WaitingCall>();
  /** Members missing from the list: when they go if they do not come back. */
  private absent = new Map<string, ReturnType<typeof setTimeout>>();
  /** Unanswered or refused calls to a listed member in a row, by peer id. */
  private retries = new Map<string, number>();
  /**
   * The members' tiles, by peer: a tile keeps its element (and video) while its member stays, as
   * Lit's repeat() would (not used here: it would join the call's initial download).
   */
  private tiles = new Map<string, HTMLElement>();
  /** Members speaking now, and when each one was last heard above SPEAKING_LEVEL. */
  private speaking = new Set<string>();
  private heard = new Map<string, number>();
  private speakingTimer: ReturnType<typeof setInterval> | undefined;
  /** The large tile: speaker layout, pins, screen shares (./speaker-layout.ts). */
  readonly spotlight: SpeakerLayout;

  /** Throws an RtcError for a name that cannot be a room. `key`: the room key of a private room. */
  constructor(
    name: string,
    private readonly host: CallRoomHost,
    key?: string,
  ) {
    this.name = name;
    this.spotlight = new SpeakerLayout({
      layout: host.layout,
      members: () => [...host.members.values()].filter((r) => r.connected && !r.ended).map((r) => r.peer),
      sharing: () => new Set([...host.members.values()].filter((r) => r.media?.screen).map((r) => r.peer)),
      error: host.error,
      fire: host.fire,
      changed: host.changed,
    });
    this.link = new Room(
      name,
      {
        session: host.session,
        options: host.options,
        allowed: (peer) => host.allowed(peer),
        members: (peers) => this.listed(peers),
        dial: (peer) => !this.left && this.dial(peer),
        error: (error, peer) => {
          if (this.left) return;
          host.error(error.type, error.message, peer);
          if (error.type === 'room-full') host.full();
        },
      },
      { key },
    );
  }

  /** True the first time `peer` is refused while in this room: each refused member is reported once. */
  firstRefusal(peer: string): boolean {
    return this.link.firstRefusal(peer);
  }

  /** `allow` changed: calls with members it refuses end (reported once per member), the list is filtered again. */
  allowChanged(): void {
    for (const rec of [...this.host.members.values()]) {
      if (this.host.allowed(rec.peer)) continue;
      if (this.firstRefusal(rec.peer)) this.host.error('peer-refused', `The call with room member "${rec.peer}" was ended: it is not in allow.`, rec.peer);
      this.host.end(rec, 'hangup', hangupMessage());
    }
    for (const [peer, waiting] of [...this.waiting]) {
      if (this.host.allowed(peer)) continue;
      clearTimeout(waiting.timer);
      this.waiting.delete(peer);
      this.host.refuse(waiting.call, 'declined');
    }
    this.link.allowChanged();
  }

  /** Joins (or rejoins after a reconnect; a no-op while linked). */
  start(): void {
    this.link.start();
  }

  /** Leaves: stops the discovery, turns down waiting calls, hangs up every member. */
  leave(): void {
    this.left = true;
    clearInterval(this.speakingTimer);
    this.list = [];
    this.link.stop();
    for (const waiting of this.waiting.values()) {
      clearTimeout(waiting.timer);
      this.host.refuse(waiting.call, 'busy');
    }
    this.waiting.clear();
    for (const timer of this.absent.values()) clearTimeout(timer);
    this.absent.clear();
    this.retries.clear();
    for (const rec of [...this.host.members.values()]) this.host.end(rec, 'hangup', hangupMessage());
  }

  /**
   * A call while in the room: members (and only members) are answered at once. A peer the list
   * does not name yet waits a moment (the lists reach members at slightly different times);
   * anyone else is declined as busy.
   */
  incoming(call: PeerCall, meta: CallMetadata): void {
    const peer = call.remote;
    if (this.list.includes(peer) && peer !== this.host.session()?.id) {
      this.accept(call, meta);
      return;
    }
    const previous = this.waiting.get(peer);
    if (previous) {
      clearTimeout(previous.timer);
      this.host.refuse(previous.call, 'ignore');
    } else if (this.waiting.size >= MAX_ROOM_SIZE) {
      this.host.refuse(call, 'busy');
      return;
    }
    this.waiting.set(peer, {
      call,
      meta,
      timer: setTimeout(() => {
        if (this.waiting.get(peer)?.call !== call) return;
        this.waiting.delete(peer);
        this.host.refuse(call, 'busy');
      }, MEMBER_WAIT_MS),
    });
  }

  /** A member's call connected: its tile shows, rtc-peer-join fires. */
  connected(rec: CallRecord): void {
    if (rec.joined || this.host.members.get(rec.peer) !== rec) return;
    rec.joined = true;
    this.retries.delete(rec.peer);
    this.speakingTimer ??= setInterval(() => this.listen(), SPEAKING_POLL_MS);
    this.host.changed();
    this.host.fire(new RtcPeerJoinEvent({ peer: rec.peer, room: this.name }));
  }

  /** A member's call ended (the element dropped it): rtc-peer-leave fires; a broken call is redialled. */
  ended(rec: CallRecord, reason: CallEndReason): void {
    this.closePictureInPicture(rec.peer);
    this.heard.delete(rec.peer);
    this.setSpeaking(rec.peer, false);
    this.spotlight.left(rec.peer);
    clearTimeout(this.absent.get(rec.peer));
    this.absent.delete(rec.peer);
    if (rec.joined) this.host.fire(new RtcPeerLeaveEvent({ peer: rec.peer, room: this.name }));
    const own = this.host.session()?.id ?? '';
    if (this.left || !rec.outgoing || own >= rec.peer) return;
    const broke = rec.connected && (reason === 'disconnected' || reason === 'failed');
    const tries = this.retries.get(rec.peer) ?? 0;
    const refused = !rec.connected && (reason === 'busy' || reason === 'no-answer') && tries < MEMBER_RETRIES;
    if (!broke && !refused) return;
    if (refused) this.retries.set(rec.peer, tries + 1);
    setTimeout(
      () => {
        if (!this.left && this.list.includes(rec.peer)) this.dial(rec.peer);
      },
      broke ? MEMBER_REDIAL_MS : MEMBER_RETRY_MS,
    );
  }

  /** The grid: one tile per connected member, plus the own view last. */
  render(t: CallStrings, audioOnly: boolean, self: SelfView): TemplateResult {
    const tiles = new Map<string, HTMLElement>();
    for (const rec of this.host.members.values()) {
      if (!rec.connected) continue;
      let tile = this.tiles.get(rec.peer);
      if (!tile) {
        tile = document.createElement('div');
        tile.className = 'grid-tile';
        tile.dataset.peer = rec.peer;
      }
      const speaking = this.speaking.has(rec.peer);
      tile.setAttribute('part', speaking ? 'tile tile-remote tile-speaking' : 'tile tile-remote');
      tile.classList.toggle('speaking', speaking);
      if (this.spotlight.pinned === rec.peer) tile.part.add('tile-pinned');
      render(this.tile(rec, t, audioOnly), tile);
      tiles.set(rec.peer, tile);
    }
    this.tiles = tiles;
    const count = tiles.size + 1;
    const columns = count <= 1 ? 1 : count <= 4 ? 2 : 3;
    const selfTile = html`
        <div part="tile tile-self" class="grid-tile">
          <video part="tile-video" class=${self.videoClass} playsinline autoplay muted
            .muted=${true} .srcObject=${self.stream ?? null} aria-label=${t.localVideo}></video>
          ${self.video ? nothing : html`<div part="tile-avatar" class="avatar" aria-hidden="true"><slot name="local-avatar">${self.initials}</slot></div>`}
          <span part="tile-label" class="peer-name">${t.you}</span>
          ${this.host.acts?.()}
        </div>`;
    // Shares are announced in media states, which render: the large tile is chosen again here.
    this.spotlight.refresh();
    const main = tiles.get(this.spotlight.main ?? '');
    const others = [...tiles.values()].filter((tile) => tile !== main);
    if (main) return this.spotlight.render(main, others, selfTile);
    return html`
      <div part="grid" class="grid grid--${columns}">
        ${[...tiles.values()]}
        ${selfTile}
      </div>`;
  }

  /** What a member's tile shows. */
  private tile(rec: CallRecord, t: CallStrings, audioOnly: boolean): TemplateResult {
    const media = rec.media ?? { muted: false, cameraOff: false, screen: false, video: true };
    const stream = rec.remoteStream;
    const showVideo = !audioOnly && media.video && !!stream?.getVideoTracks().length && (!media.cameraOff || media.screen);

    const host = this.host;
    const pip = this.pictureInPicture === rec.peer;
    const pipLabel = pip ? t.exitPictureInPicture : t.pictureInPicture;
    return html`
      <video part="tile-video" data-peer=${rec.peer} class=${showVideo ? '' : 'hidden'} playsinline autoplay
        .srcObject=${stream ?? null} aria-label=${format(t.remoteVideo, { peer: rec.peer })}
        @enterpictureinpicture=${() => this.pictureInPictureChanged(rec.peer, true)}
        @leavepictureinpicture=${() => this.pictureInPictureChanged(rec.peer, false)}></video>
      ${showVideo ? nothing : html`<div part="tile-avatar" class="avatar" aria-hidden="true">${initials(rec.peer)}</div>`}
      <span part="tile-label" class="peer-name">${rec.peer}</span>
      <div part="tile-badges" class="badges">${badges(media, t)}</div>
      ${host.quality(rec, t) ?? nothing}
      ${host.acts?.(rec.peer)}
      ${this.spotlight.pinButton(rec.peer, t)}
      ${
        (showVideo || pip) && document.pictureInPictureEnabled
          ? html`
        <button part="tile-pip-button" class="tile-pip" type="button" title=${pipLabel} aria-label=${`${pipLabel}: ${rec.peer}`}
          @click=${() => {
            const video = this.tiles.get(rec.peer)?.querySelector('video');
            if (video) host.togglePictureInPicture(video);
          }}>${icon('pip')}</button>`
          : nothing
      }`;
  }

  /**
   * The speaking indicator: each member's audio level as its last RTP packets carried it
   * (RTCRtpReceiver.getSynchronizationSources(): no audio processing here, no AudioContext).
   */
  private listen(): void {
    const now = performance.now();
    const levels = new Map<string, number>();
    for (const rec of this.host.members.values()) {
      if (!rec.connected || rec.ended) continue;
      const receiver = rec.call?.peerConnection?.getReceivers().find((r) => r.track.kind === 'audio');
      const level = rec.media?.muted ? 0 : (receiver?.getSynchronizationSources?.()[0]?.audioLevel ?? 0);
      levels.set(rec.peer, level);
      if (level > SPEAKING_LEVEL) this.heard.set(rec.peer, now);
      this.setSpeaking(rec.peer, now - (this.heard.get(rec.peer) ?? -Infinity) < SPEAKING_HOLD_MS);
    }
    this.spotlight.levels(levels, now);
  }

  private setSpeaking(peer: string, on: boolean): void {
    if (this.speaking.has(peer) === on) return;
    if (on) this.speaking.add(peer);
    else this.speaking.delete(peer);
    this.host.changed();
    this.host.fire(new RtcSpeakingEvent({ peer, speaking: on }));
  }

  /** The member whose tile video is in picture-in-picture, if any. */
  private pictureInPicture: string | undefined;

  private pictureInPictureChanged(peer: string, on: boolean): void {
    if (on) this.pictureInPicture = peer;
    else if (this.pictureInPicture === peer) this.pictureInPicture = undefined;
    this.host.changed();
  }

  /** Closes `peer`'s picture-in-picture window (its call ended). */
  private closePictureInPicture(peer: string): void {
    if (inPictureInPicture(this.tiles.get(peer)?.querySelector('video'))) document.exitPictureInPicture().catch(() => {});
  }

  /** The host announced the member list. */
  private listed(peers: string[]): void {
    if (this.left) return;
    this.list = peers;
    // Calls that waited for the list to name their caller.
    for (const [peer, waiting] of [...this.waiting]) {
      if (!peers.includes(peer)) continue;
      clearTimeout(waiting.timer);
      this.waiting.delete(peer);
      this.accept(waiting.call, waiting.meta);
    }
    // Members the list no longer names go after a while (a host hand-over briefly shortens the list).
    for (const peer of this.host.members.keys()) {
      if (peers.includes(peer)) {
        clearTimeout(this.absent.get(peer));
        this.absent.delete(peer);
      } else if (!this.absent.has(peer)) {
        this.absent.set(
          peer,
          setTimeout(() => {
            this.absent.delete(peer);
            const rec = this.host.members.get(peer);
            if (rec && !this.left && !this.list.includes(peer)) this.host.end(rec, 'hangup', hangupMessage());
          }, MEMBER_ABSENT_MS),
        );
      }
    }
    this.host.changed();
  }

  /** Calls a member (this side has the lower id); true when it placed a call. */
  private dial(peer: string): boolean {
    const host = this.host;
    const session = host.session();
    if (host.members.has(peer) || !session?.isOpen || peer === session.id || !host.allowed(peer)) return false;
    const rec = this.record(peer, true, { ours: true, app: null, video: true });
    if (!host.place(rec, session)) return true;
    // A member that never answers (no <rtc-call> on its page, or it refused) is dropped; the next list dials again.
    rec.timers.push(
      setTimeout(() => {
        if (rec.connected || rec.ended) return;
        host.error('connection-failed', `Room member "${peer}" did not answer the call (is there an <rtc-call> with room="${this.name}" on its page?).`, peer);
        host.end(rec, 'no-answer', hangupMessage('no-answer'));
      }, MEMBER_ANSWER_MS),
    );
    return true;
  }

  private accept(call: PeerCall, meta: CallMetadata): void {
    // A new call from a member replaces the one we had (it reloaded, or redialled a broken call).
    const stale = this.host.members.get(call.remote);
    if (stale) this.host.end(stale, 'remote-hangup');
    this.host.answer(this.record(call.remote, false, meta), call);
  }

  private record(peer: string, outgoing: boolean, meta: CallMetadata): CallRecord {
    const rec = this.host.record(peer, outgoing, meta);
    rec.room = this;
    rec.media = { muted: false, cameraOff: false, screen: false, video: meta.video };
    this.host.members.set(peer, rec);
    this.host.changed();
    return rec;
  }
}

/** The grid's styles, added to the element's when this code loads. */
export const roomStyles = css`
  .grid {
    position: absolute; inset: 0; display: grid; gap: calc(var(--_space) * 0.5); padding: calc(var(--_space) * 0.5);
    grid-template-columns: repeat(var(--_columns, 1), minmax(0, 1fr)); grid-auto-rows: minmax(0, 1fr);
  }
  .grid--2 { --_columns: 2; }
  .grid--3 { --_columns: 3; }
  .grid-tile {
    position: relative; display: grid; place-items: center; overflow: hidden; min-height: 0;
    border-radius: calc(var(--_radius) * 0.66); background: #1d2330;
  }
  .grid-tile video { position: absolute; inset: 0; }
  .grid-tile.speaking { outline: 3px solid var(--_success); outline-offset: -3px; }
  .grid-tile .avatar { width: min(40%, 6rem); font-size: clamp(0.9rem, 2.5vw, 1.6rem); }
  .grid-tile .badges { left: calc(var(--_space) * 0.5); top: calc(var(--_space) * 0.5); }
  .grid-tile .peer-name { left: calc(var(--_space) * 0.5); bottom: calc(var(--_space) * 0.5); max-width: calc(100% - 3em - var(--_space)); }
  .grid-tile .quality { right: calc(var(--_space) * 0.5); top: calc(var(--_space) * 0.5); }
  .tile-pip {
    position: absolute; right: calc(var(--_space) * 0.5); bottom: calc(var(--_space) * 0.5); display: inline-grid; place-items: center;
    width: 2em; height: 2em; padding: 0; border: 0; border-radius: 50%; background: rgb(0 0 0 / 0.72); color: #ffffff;
  }
  .tile-pip .icon { width: 1.1em; height: 1.1em; }
  /* A phone in portrait: one column, tiles stacked. */
  @media (orientation: portrait) and (max-width: 40rem) {
    .grid { grid-template-columns: minmax(0, 1fr); }
  }
  ${layoutStyles}
`;
