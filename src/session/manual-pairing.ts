/**
 * signaling="manual": the copy-paste pairing of a PeerSession (invitation and reply codes, then
 * the signal channels that replace the broker between paired peers). Loaded with the manual
 * signaling socket on first use (see signaling-loader.ts); the session delegates to it.
 */
import { isPeerId } from '../core/config.js';
import type { DataConnection, Peer } from 'peerjs';
import { RtcError, toRtcError } from '../core/errors.js';
import { ManualSignalingSocket, decodePairingCode, encodePairingCode, gatheringDone, isSaneOffer, type SignalMessage } from './manual-signaling.js';
import { PROTOCOL_MARK, SIGNAL_KIND } from './admission.js';
import { PROTOCOL_VERSION, installDecoder, randomHex, readMetadata, withTimeout } from './wire.js';

export * from './manual-signaling.js';

/** How long an invitation waits for its reply before it is dropped. */
const INVITE_TTL_MS = 30 * 60 * 1000;
/** ICE gathering cap for codes: with an unreachable STUN server it would otherwise stall. */
const GATHER_CAP_MS = 3000;
/** How long a pasted reply may take to turn into an open signal channel. */
const PAIR_OPEN_MS = 20000;

/** What the pairing needs from its PeerSession. */
export interface PairingSession {
  /** @internal */
  readonly peer: Peer;
  id(): string | undefined;
  whenOpen(): Promise<void>;
  paired(peer: string, inviter: boolean): void;
  unpaired(peer: string): void;
  error(error: RtcError): void;
  /** Whether an attached element's `allow` lets `peer` in (the admission gate's rule). */
  allows(peer: string): boolean;
}

export class ManualPairing {
  /** Our invitations waiting for a reply, by the placeholder id they dialled. */
  private invites = new Map<string, { connection: DataConnection; timer: ReturnType<typeof setTimeout>; stop: () => void }>();
  /** Connection ids of invitations we accepted: only these may open a signal channel to us. */
  private expectedLinks = new Set<string>();
  /** Open signal channels by the paired peer's id. */
  private links = new Map<string, DataConnection>();

  constructor(
    private readonly manual: ManualSignalingSocket,
    private readonly session: PairingSession,
  ) {}

  /** The peers this one can reach (it has an open signal channel to them). */
  get pairedPeers(): string[] {
    return [...this.links.keys()];
  }

  /**
   * signaling="manual", first step: dials a placeholder with a signal channel and returns its
   * offer as an invitation code. The invitation waits 30 minutes for its reply, and works once.
   */
  async createInvite(): Promise<string> {
    const manual = this.manual;
    await this.session.whenOpen();
    const ref = `invite-${randomHex(6)}`;
    let offer: SignalMessage | undefined;
    let offered: () => void = () => {};
    const gotOffer = new Promise<void>((resolve) => {
      offered = resolve;
    });
    // Candidates trickling to the placeholder are already in the final SDP; swallow them.
    const stop = manual.collect(ref, (message) => {
      if (message.type === 'OFFER' && !offer) {
        offer = message;
        offered();
      }
    });
    const connection = this.session.peer.connect(ref, {
      reliable: true,
      serialization: 'json',
      metadata: { [PROTOCOL_MARK]: PROTOCOL_VERSION, kind: SIGNAL_KIND },
    });
    if (!connection) {
      stop();
      throw new RtcError('disconnected', 'This peer has been closed, so it cannot invite.');
    }
    const timer = setTimeout(() => this.dropInvite(ref), INVITE_TTL_MS);
    this.invites.set(ref, { connection, timer, stop });
    try {
      await withTimeout(gotOffer, 10000, () => new RtcError('webrtc', 'The browser did not produce a connection offer within 10 s.'));
      await gatheringDone(connection.peerConnection, GATHER_CAP_MS);
      const message = withFinalSdp(offer!, connection.peerConnection);
      return await encodePairingCode({ kind: 'invite', from: this.session.id() ?? '', ref, message });
    } catch (error) {
      this.dropInvite(ref);
      throw toRtcError(error, 'webrtc');
    }
  }

  /**
   * signaling="manual", second step (the invitee): answers an invitation code and returns the
   * reply code for the inviter. The pairing completes when the inviter enters the reply.
   */
  async acceptInvite(text: string): Promise<string> {
    const manual = this.manual;
    await this.session.whenOpen();
    const code = await readCode(text, 'invite');
    if (code.from === this.session.id()) throw new RtcError('invalid-code', 'This is your own invitation: send it to the person you want to connect with.');
    this.checkNewPeer(code.from);
    const payload = code.message.payload as { connectionId: string; type?: unknown; metadata?: unknown };
    if (payload.type !== 'data' || !readMetadata(payload.metadata).signal || !isSaneOffer(payload))
      throw new RtcError('invalid-code', 'This invitation code is not a valid rtc-elements pairing code.');
    let answer: SignalMessage | undefined;
    let answered: () => void = () => {};
    const gotAnswer = new Promise<void>((resolve) => {
      answered = resolve;
    });
    const stop = manual.collect(code.from, (message) => {
      if (message.type === 'ANSWER' && (message.payload as { connectionId?: unknown }).connectionId === payload.connectionId) {
        answer = message;
        answered();
      }
    });
    this.expectedLinks.add(payload.connectionId);
    try {
      manual.deliver({ type: 'OFFER', src: code.from, payload });
      await withTimeout(
        gotAnswer,
        10000,
        () => new RtcError('invalid-code', 'The invitation could not be answered (its connection offer was rejected by the browser).'),
      );
      const pc = (this.session.peer.getConnection(code.from, payload.connectionId) as DataConnection | null)?.peerConnection;
      await gatheringDone(pc, GATHER_CAP_MS);
      return await encodePairingCode({ kind: 'reply', from: this.session.id() ?? '', to: code.from, ref: code.ref, message: withFinalSdp(answer!, pc) });
    } catch (error) {
      this.expectedLinks.delete(payload.connectionId);
      (this.session.peer.getConnection(code.from, payload.connectionId) as DataConnection | null)?.close();
      throw toRtcError(error, 'invalid-code');
    } finally {
      stop();
    }
  }

  /**
   * signaling="manual", last step (the inviter): enters the reply code; resolves with the remote
   * peer's id once the signal channel is open (and 'paired' has been emitted).
   */
  async completeInvite(text: string): Promise<string> {
    const manual = this.manual;
    const code = await readCode(text, 'reply');
    if (code.to !== this.session.id()) throw new RtcError('invalid-code', `This reply is meant for "${code.to}", not for this peer ("${this.session.id()}").`);
    const invite = this.invites.get(code.ref);
    if (!invite)
      throw new RtcError(
        'invalid-code',
        'This reply answers an invitation that is unknown here, already used or expired (invitations work once, for 30 minutes): create a new invitation.',
      );
    this.checkNewPeer(code.from);
    const payload = code.message.payload as { connectionId: string };
    if (payload.connectionId !== invite.connection.connectionId || code.from === this.session.id())
      throw new RtcError('invalid-code', 'This reply does not match its invitation.');
    this.invites.delete(code.ref);
    clearTimeout(invite.timer);
    const connection = invite.connection;
    const opened = new Promise<void>((resolve, reject) => {
      connection.on('open', () => resolve());
      connection.on('close', () => reject(new RtcError('connection-failed', `The connection to "${code.from}" closed while pairing.`)));
    });
    this.adoptSignalLink(connection, code.from, true);
    manual.deliver({ type: 'ANSWER', src: code.ref, payload });
    invite.stop();
    try {
      await withTimeout(
        opened,
        PAIR_OPEN_MS,
        () =>
          new RtcError(
            'connection-failed',
            `No direct connection to "${code.from}" within ${PAIR_OPEN_MS / 1000} s: the two devices cannot reach each other (different networks need a STUN/TURN server in ice-servers).`,
          ),
      );
    } catch (error) {
      connection.close();
      throw toRtcError(error, 'connection-failed');
    }
    return code.from;
  }

  private dropInvite(ref: string): void {
    const invite = this.invites.get(ref);
    if (!invite) return;
    this.invites.delete(ref);
    clearTimeout(invite.timer);
    invite.stop();
    invite.connection.close();
  }

  /**
   * A code names its sender's id, which proves nothing: it must be allowed, and must not be a
   * peer we are already paired with (that pairing is never silently replaced).
   */
  private checkNewPeer(peer: string): void {
    if (!this.session.allows(peer)) throw new RtcError('peer-refused', `This code is from "${peer}", which is not in allow.`);
    if (this.links.get(peer)?.open)
      throw new RtcError(
        'peer-refused',
        `This code claims to be from "${peer}", which is already paired with this peer; a second pairing cannot replace it. If that is really a new device of theirs, wait until the old pairing ends.`,
      );
  }

  /** A signal channel: our broker to `remote` once open. Never handed to elements. @internal */
  adoptSignalLink(connection: DataConnection, remote = connection.peer, inviter = false): void {
    const manual = this.manual;
    // Only the invitations we accepted ourselves may open one (a paired peer cannot add more).
    if (!inviter && !this.expectedLinks.delete(connection.connectionId)) {
      connection.close();
      return;
    }
    installDecoder(connection, remote, {
      value: (value) => {
        if (!manual.relay(remote, value))
          this.session.error(new RtcError('invalid-data', `Peer "${remote}" sent a malformed signaling message; it was dropped.`));
      },
      error: (error) => this.session.error(error),
    });
    let unroute = () => {};
    connection.on('open', () => {
      // The id a code claims is not proof: a second pairing claiming a peer we are paired with
      // never replaces that pairing (it could be anybody who picked the same id).
      const previous = this.links.get(remote);
      if (previous && previous.open) {
        this.session.error(
          new RtcError(
            'peer-refused',
            `A second pairing claimed to be "${remote}", which is already paired; it was refused. Unpair first (the other side leaves) to pair again.`,
          ),
        );
        connection.close();
        return;
      }
      this.links.set(remote, connection);
      unroute = manual.route(remote, (message) => {
        void connection.send(message);
      });
      previous?.close();
      this.session.paired(remote, inviter);
    });
    connection.on('close', () => {
      unroute();
      if (this.links.get(remote) !== connection) return;
      this.links.delete(remote);
      this.session.unpaired(remote);
    });
    connection.on('error', () => {
      /* 'close' follows */
    });
  }

  /** The session is being destroyed. */
  close(): void {
    for (const ref of [...this.invites.keys()]) this.dropInvite(ref);
  }
}

/** The message with the SDP as it is after gathering: every candidate is in it, so none trickle. */
function withFinalSdp(message: SignalMessage, pc: RTCPeerConnection | null | undefined): SignalMessage {
  const local = pc?.localDescription;
  const payload = message.payload as Record<string, unknown>;
  return local ? { type: message.type, payload: { ...payload, sdp: { type: local.type, sdp: local.sdp } } } : message;
}

async function readCode(text: string, kind: 'invite' | 'reply'): Promise<Awaited<ReturnType<typeof decodePairingCode>>> {
  if (typeof text !== 'string' || !text.trim()) throw new RtcError('invalid-code', `Paste the ${kind === 'invite' ? 'invitation' : 'reply'} code first.`);
  let code: Awaited<ReturnType<typeof decodePairingCode>>;
  try {
    code = await decodePairingCode(text);
  } catch (error) {
    throw new RtcError('invalid-code', `That code cannot be used: ${(error as Error).message}.`);
  }
  if (code.kind !== kind) {
    throw new RtcError(
      'invalid-code',
      kind === 'invite'
        ? 'That is a reply code: it goes to the person who made the invitation.'
        : 'That is an invitation code: the other person enters it, and gives you their reply code.',
    );
  }
  if (!isPeerId(code.from) || code.from.length > 64) throw new RtcError('invalid-code', 'That code names an invalid peer id.');
  return code;
}
