import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { define } from '../core/define.js';
import { RtcBaseElement, type ConnectionStatus } from '../shared/rtc-base-element.js';
import { RtcConnectEvent, RtcDisconnectEvent, type RtcDisconnectReason } from '../core/events.js';
import { RtcError, toRtcError } from '../core/errors.js';
import { checkPeerId } from '../core/config.js';
import { format } from '../core/strings.js';
import type { ChatStrings } from '../core/strings-chat.js';
import type { LinkKind, PeerChannel, PeerSession } from '../session/peer-session.js';
import { measure, newId, type Envelope } from './chat-protocol.js';
import { ChatLinks } from './chat-links.js';
import { ChatInbound } from './chat-inbound.js';
import type { FileTransfer } from './file-transfer.js';
import type { FileEntryHost } from './file-view.js';
import type { FileTransfers } from './file-transfers.js';
import { Delivery } from './delivery.js';
import { DEFAULT_CONFIRM_FILE_SIZE, DEFAULT_MAX_FILE_SIZE, JSON_CHANNEL_LIMIT } from './chat-limits.js';
import { ChatPresence } from './chat-presence.js';
import { ChatView } from './chat-view.js';
import { timeFormatFor, renderCode, renderComposer, renderConnect, renderHistory, renderMembers, statusText } from './rtc-chat.view.js';
import { ChatFiles } from './chat-files.js';
import { ChatRich, findMessages } from './chat-rich.js';
import { RtcMessageEvent, RtcMessageStatusEvent, RtcVerificationEvent, type ChatMessage, type DeliveryStatus } from './rtc-chat.events.js';
import type { ChatRoom } from './chat-room.js';
import type { ChatStore } from './chat-persist.js';
import type { ChatActions } from './chat-actions.js';
import { loadRoom } from '../session/room-loader.js';
import { chatEnglish } from '../core/strings-chat.js';
import { lazy, lazyModule, loadFailed } from '../core/lazy.js';
import { styles } from './rtc-chat.styles.js';

export type { ChatMessage, DeliveryStatus } from './rtc-chat.events.js';
export type { FileTransfer, TransferDirection, TransferStatus, TransferTuning } from './file-transfer.js';
export type { FileTransfers } from './file-transfers.js';

/** What <rtc-chat> takes from the session's admission gate: chat and file channels. */
const CHAT_LINKS: ReadonlySet<LinkKind> = new Set<LinkKind>(['chat', 'file']);
/** `persist`'s storage code loads on first use. */
const loadPersistence = lazy(() => import('./chat-persist.js'));
/** Replies' siblings (edits, deletions, reactions) and their UI load on first use. */
const loadActions = lazy(() => import('./chat-actions.js'));
/** `room`'s code (./chat-room.ts and the room discovery) loads when `room` is first set. */
const loadChatRoom = lazyModule(() => Promise.all([import('./chat-room.js'), loadRoom()]).then(([module]) => module));

export interface SendOptions {
  /** Peer ids to send to; default: every connected peer. */
  to?: string | string[];
  /** send(): the id of the message this one replies to (quoted above it, here and at rtc-elements peers). */
  replyTo?: string;
}

export interface SendFileOptions extends SendOptions {
  /** File name to announce (default: the File's name, or "file"). */
  name?: string;
}

/** Internal reactive state (re-renders, no attribute); kept apart so the manifest does not list it as attributes. */
const CHAT_STATE: PropertyDeclarations = Object.fromEntries(['connectedPeers', 'typingPeers', 'codes'].map((name) => [name, { state: true }]));

/**
 * @tag rtc-chat
 * @summary A peer-to-peer text chat over WebRTC data channels, brokered by PeerJS.
 *
 * @event {RtcOpenEvent} rtc-open - Registered with the broker. `detail: {id}`.
 * @event {RtcConnectEvent} rtc-connect - A connection to a peer is open. `detail: {peer}`.
 * @event {RtcDisconnectEvent} rtc-disconnect - A connection to a peer ended. `detail: {peer, reason}`.
 * @event {RtcErrorEvent} rtc-error - Something went wrong. `detail: {type, message, peer?}`; see the README's error table.
 * @event {RtcBrokerStateEvent} rtc-broker-state - The broker connection changed. `detail: {state, retryIn?}`.
 * @event {RtcPairEvent} rtc-pair - `signaling="manual"`: a copy-paste pairing completed. `detail: {peer, inviter}`.
 * @event {RtcUnpairEvent} rtc-unpair - `signaling="manual"`: the pairing with a peer ended. `detail: {peer}`.
 * @event {RtcMessageEvent} rtc-message - A message was received or sent. `detail: {from, data, id, time, self, replyTo?}` (`replyTo`: the id of the message it replies to).
 * @event {RtcMessageEditEvent} rtc-message-edit - A message was edited by its author (received, or own through `editMessage()`). `detail: {id, from, data, time, self}`.
 * @event {RtcMessageDeleteEvent} rtc-message-delete - A message was deleted by its author. `detail: {id, from, self}`.
 * @event {RtcMessageReactionEvent} rtc-message-reaction - A reaction on a message was added (`on`) or taken back. `detail: {id, from, emoji, on, self}`.
 * @event {RtcMessageStatusEvent} rtc-message-status - An own message changed delivery state. `detail: {id, peer, status}`.
 * @event {RtcFileOfferEvent} rtc-file-offer - A peer offers a file; cancelable (`preventDefault()` refuses it). `detail: {id, from, name, size, type, confirm}`; with `confirm` (larger than `confirm-file-size`) it waits for `acceptFile(id)` / `declineFile(id)` or the card's buttons.
 * @event {RtcFileProgressEvent} rtc-file-progress - Transfer progress, both directions. `detail: {id, peer, direction, bytes, total}`.
 * @event {RtcFileEvent} rtc-file - A file arrived and passed its SHA-256 check. `detail: {id, from, name, type, size, blob}`.
 * @event {RtcFileCancelEvent} rtc-file-cancel - A transfer was cancelled. `detail: {id, peer, direction, by, reason}`.
 * @event {RtcTypingEvent} rtc-typing - A peer started or stopped typing. `detail: {peer, typing}`.
 * @event {RtcUnreadEvent} rtc-unread - The count of received messages the user has not seen changed. `detail: {count}`.
 * @event {RtcVerificationEvent} rtc-verification - A connection's safety code is known. `detail: {peer, code}`.
 * @event {RtcIdentityChangedEvent} rtc-identity-changed - A peer this `peer-id` has talked to came back with another key (another device, or someone in between); a warning shows until the user trusts it. `detail: {peer, previous, current, verified, firstSeen}`.
 * @event {RtcPeerJoinEvent} rtc-peer-join - A member joined the room. `detail: {peer, room}`.
 * @event {RtcPeerLeaveEvent} rtc-peer-leave - A member left the room. `detail: {peer, room}`.
 *
 * @slot header - Content at the start of the header, before the status line.
 * @slot empty - Shown while there are no messages.
 *
 * @csspart base - The outer container.
 * @csspart header - The header bar with the status line.
 * @csspart status - The connection status line (also announces changes).
 * @csspart peer-id - Own peer id in the header.
 * @csspart messages - The scrolling message list.
 * @csspart message - Every message; own ones also have `message-self`, received ones `message-remote`.
 * @csspart message-self - Own messages.
 * @csspart message-remote - Received messages.
 * @csspart sender - Sender name in a message.
 * @csspart time - Timestamp in a message.
 * @csspart text - The message text.
 * @csspart code - Inline code in a message (text between backticks).
 * @csspart code-block - A fenced code block in a message (between lines of three backticks).
 * @csspart copy-code - A code block's "Copy code" button.
 * @csspart link - A link in a message (http and https URLs only).
 * @csspart match - A search match in a message; the current one also has `current-match`.
 * @csspart current-match - The current search match.
 * @csspart search-button - The header's button that opens the message search (there once the history has a message).
 * @csspart search - The search bar (role search), below the header's status line.
 * @csspart search-input - Its field.
 * @csspart search-count - Its "n of m" count.
 * @csspart search-next - Its button to the next (older) match; Enter in the field does the same.
 * @csspart search-previous - Its button to the previous (newer) match; Shift+Enter does the same.
 * @csspart save-history - Its "Save history" button (downloads the history as a text file).
 * @csspart search-close - Its close button; Escape in the field does the same.
 * @csspart delivery - Delivery state of an own message.
 * @csspart quote - Above a reply's text: the sender and start of the message replied to.
 * @csspart deleted - With `text`: "Message deleted" in place of a deleted message's text.
 * @csspart edited - "edited" under an edited message.
 * @csspart reactions - The reaction chips under a message; each chip is a `reaction` button that toggles your own.
 * @csspart reaction - One reaction chip.
 * @csspart message-actions - A message's Reply, React, Edit and Delete buttons (shown on hover and focus).
 * @csspart emoji-picker - The emoji choice that React opens.
 * @csspart reply-preview - Above the composer while replying: the message replied to and a cancel button.
 * @csspart edit-preview - Above the composer while editing an own message, with a cancel button.
 * @csspart empty - The empty-history text.
 * @csspart show-earlier - The "Show N earlier messages" button above the newest 50 messages.
 * @csspart connect-form - The form to connect to a peer id (shown with no `remote` and no connection).
 * @csspart connect-input - Its input.
 * @csspart connect-button - Its button.
 * @csspart pairing - With `signaling="manual"`: the copy-paste pairing panel (shown instead of the connect form).
 * @csspart pairing-code - The invitation or reply code to send to the other person.
 * @csspart pairing-input - Where the code received from the other person is pasted.
 * @csspart pairing-button - Every button of the panel; also `pairing-create`, `pairing-copy`, `pairing-use`, `pairing-scan`.
 * @csspart qr - The QR code of the invitation or reply (an SVG, dark on white; size `--rtc-qr-size`).
 * @csspart pairing-scan-video - The camera preview while scanning a code (where the browser has `BarcodeDetector`).
 * @csspart file - A file transfer card in the message list.
 * @csspart file-name - The file name in a card.
 * @csspart file-progress - The progress bar of a transfer.
 * @csspart file-link - The download link of a finished transfer.
 * @csspart file-preview - Image preview of a received or sent image.
 * @csspart file-cancel - The cancel button of a running transfer.
 * @csspart file-accept - The Accept button of a received file that waits for consent (larger than `confirm-file-size`).
 * @csspart file-decline - Its Decline button.
 * @csspart attach-button - The button that picks files to send.
 * @csspart drop-zone - The overlay shown while files are dragged over the element.
 * @csspart members - The room's member list in the header.
 * @csspart member - One member in it.
 * @csspart typing - The "… is typing" line.
 * @csspart verification - The safety code in the header (compare it with the peer to rule out a man in the middle).
 * @csspart verified - "✓ Verified" next to the safety code of a peer whose key the user marked verified.
 * @csspart verify-button - The button next to the safety code that marks the peer verified (after comparing the codes).
 * @csspart identity-warning - The warning (role=alert) shown when a known peer comes back with a new key, with the code to compare.
 * @csspart identity-accept - Its "I compared the codes — trust the new key" button.
 * @csspart identity-dismiss - Its Dismiss button.
 * @csspart composer - The form with the message input and send button.
 * @csspart input - The message input.
 * @csspart send-button - The send button.
 *
 * @cssproperty --rtc-font-family - Font of the element.
 * @cssproperty --rtc-font-size - Base font size.
 * @cssproperty --rtc-color-text - Text color.
 * @cssproperty --rtc-color-muted - Secondary text (times, status).
 * @cssproperty --rtc-color-background - Background of the element.
 * @cssproperty --rtc-color-surface - Background of header and composer.
 * @cssproperty --rtc-color-border - Borders and dividers.
 * @cssproperty --rtc-color-accent - Buttons, focus ring and own bubbles.
 * @cssproperty --rtc-color-accent-text - Text on accent color.
 * @cssproperty --rtc-color-bubble-remote - Background of received messages.
 * @cssproperty --rtc-color-error - Error text.
 * @cssproperty --rtc-color-success - Connected indicator.
 * @cssproperty --rtc-radius - Corner radius.
 * @cssproperty --rtc-spacing - Base spacing unit.
 * @cssproperty --rtc-qr-size - Width of the pairing panel's QR code and scanning preview (default 16rem).
 * @cssproperty --rtc-chat-height - Height of the element (default 24rem).
 */
export class RtcChat extends RtcBaseElement<keyof ChatStrings> {
  static override styles = styles;
  /** Lit reactive properties: the public ones (attributes as documented on each field), then internal state. */
  static override properties: PropertyDeclarations = {
    maxMessageSize: { type: Number, attribute: 'max-message-size' },
    maxMessages: { type: Number, attribute: 'max-messages' },
    maxFileSize: { type: Number, attribute: 'max-file-size' },
    confirmFileSize: { type: Number, attribute: 'confirm-file-size' },
    noFiles: { type: Boolean, attribute: 'no-files' },
    noFormat: { type: Boolean, attribute: 'no-format' },
    rateLimit: { type: Number, attribute: 'rate-limit' },
    persist: { type: Boolean },
    room: {},
    roomKey: { attribute: 'room-key' },
    unread: { type: Number, reflect: true },
    ...CHAT_STATE,
  };
  protected readonly english = chatEnglish;
  protected readonly linkKinds = CHAT_LINKS;

  /** Largest message, in bytes of UTF-8 JSON, that is sent or accepted. */
  maxMessageSize = JSON_CHANNEL_LIMIT;

  /** How many messages the history keeps; older ones are dropped from view. */
  maxMessages = 500;

  /** Largest file accepted from a peer, in bytes (default 2 GiB). Bigger offers are refused. */
  maxFileSize = DEFAULT_MAX_FILE_SIZE;

  /**
   * Incoming file offers larger than this many bytes (default 25 MiB) wait for the user's Accept
   * (the card's button, or `acceptFile()`); smaller ones are received at once. `0` asks for every file.
   */
  confirmFileSize = DEFAULT_CONFIRM_FILE_SIZE;

  /** Hides the attach button and ignores dropped or pasted files (receiving still works). */
  noFiles = false;

  /**
   * Shows message text exactly as it arrived: no bold, italic, code, code blocks or links (the
   * formatting is only ever a rendering; what is sent and received is the same either way).
   */
  noFormat = false;

  /** Average messages per second accepted from one peer (bursts of five seconds' worth); beyond it messages are dropped with `rate-limited`. */
  rateLimit = 200;

  /**
   * Keeps the history and the messages still waiting for delivery in localStorage, per peer id,
   * so they survive a page reload (and pending ones are delivered after it). Opt-in.
   */
  persist = false;

  /**
   * Joins a small group chat (up to 6 members) with everyone who uses the same room name on the
   * same broker: every member talks to every other directly. Works with a plain PeerServer.
   */
  room?: string;

  /**
   * Makes `room` private: a secret shared by its members (never sent). The room's beacon id is
   * derived from it, so someone who knows only the room name finds nothing, and members prove
   * knowledge of it to each other before any message or file flows (`rtc-error`
   * `room-auth-failed` when one does not). Use a long random value; changing it leaves the room
   * and joins the new one.
   */
  roomKey?: string;

  /**
   * Received messages the user has not seen yet (the element was scrolled out of view or the tab
   * hidden). Reflected as the `unread` attribute for styling; `rtc-unread` fires on changes.
   */
  unread = 0;

  /**
   * The history shown, oldest first. Read it; to clear it, assign `[]`. A read returns a snapshot:
   * the element never changes an array it handed out, and a read after a change is a new array.
   */
  get messages(): ChatMessage[] {
    return this.view.messages;
  }
  set messages(value: ChatMessage[]) {
    this.view.messages = value;
  }

  /** The history as shown: render window, scrolling, render pacing. */
  private view = new ChatView(this, () => this.store?.schedule());

  /** Formatting (loaded on first use), the search bar and the export. */
  private rich = new ChatRich(this, {
    view: this.view,
    own: () => this.session?.id ?? this.peerId ?? '',
    failed: (feature, error) => this.reportLoadFailure(feature, error),
  });

  /** Peers with an open connection. */
  private connectedPeers: string[] = [];
  private typingPeers: string[] = [];
  /** Safety codes by peer (see verificationCode). */
  private codes = new Map<string, string>();
  /** `room`, once its code is loaded. */
  private rooms: ChatRoom | undefined;

  private get input(): HTMLTextAreaElement | undefined {
    return this.renderRoot?.querySelector<HTMLTextAreaElement>('textarea') ?? undefined;
  }

  /** Outbox, acknowledgements, duplicate suppression and flood control. */
  private delivery = new Delivery();
  /** The chat channels held and their lifecycle (hello, heartbeat, redial, resends). */
  private links: ChatLinks = new ChatLinks(
    this,
    {
      session: () => this.session,
      brokerOpen: () => this.brokerState === 'open',
      peers: () => this.connectedPeers,
      up: (peer) => this.peerUp(peer),
      down: (peer, reason) => this.peerDown(peer, reason),
      gone: (peer) => {
        this.fileTransfers.peerGone(peer);
        this.inbound.forget(peer);
      },
      ready: (channel) => {
        this.showCode(channel);
        this.lastError = undefined;
      },
      receive: (channel, value) => this.inbound.receive(channel, value),
      error: (error, peer) => this.reportError(error.type, error.message, peer),
      takeAcks: (peer) => this.inbound.takeAcks(peer),
      sent: (ids, peer) => {
        this.setStatus(ids, peer, 'sent', 'pending');
        this.store?.schedule();
      },
    },
    this.delivery,
  );
  /** Channels this element holds, by remote peer id. */
  private get held(): Map<string, Set<PeerChannel>> {
    return this.links.held;
  }
  /** `persist`, once its code is loaded. */
  private store: ChatStore | undefined;
  /** Typing both ways, read receipts, unread; `typingPeers` mirrors who is typing for rendering. */
  private presence = new ChatPresence(
    this,
    (wanted) => this.links.targets(wanted),
    (peers) => (this.typingPeers = [...peers]),
  );
  /** What the chat channels deliver: admission, receipts, throttled reports of bad traffic. */
  private inbound: ChatInbound = new ChatInbound(
    this,
    {
      restoring: () => this.restoring,
      show: (entry) => this.addMessage(entry),
      status: (ids, peer, status) => this.setStatus(ids, peer, status),
      persist: () => this.store?.schedule(),
      file: (peer, envelope) => this.fileTransfers.control(peer, envelope),
      error: (type, message, peer) => this.reportError(type, message, peer),
      acts: (run) => this.act(run).catch(() => {}), // reported by act()
    },
    this.delivery,
    this.links,
    this.presence,
  );

  /** Picker, paste, drop, the file cards and the transfers behind them. */
  private files = new ChatFiles(this, {
    sendControl: (peer, envelope) => this.sendControl(peer, envelope),
    openFileChannel: (peer, id) => this.requireSession().openDedicatedChannel(peer, 'file', 'raw', { transfer: id }),
    entries: () => this.fileEntries(),
    problem: (message, peer) => this.inbound.problem('invalid-data', message, peer),
    error: (type, message, peer) => this.reportError(type, message, peer),
    loadFailed: (error) => this.reportLoadFailure('file transfer', error),
  });

  /** File transfers in both directions; `tuning` sets chunk size and buffer thresholds. */
  readonly fileTransfers: FileTransfers = this.files.transfers;

  /** Open connections' peer ids. */
  get peers(): string[] {
    return [...this.connectedPeers];
  }

  /**
   * The safety code of the connection to `remote` (or the only connected peer): 15 digits from
   * both DTLS certificate fingerprints. Both users see the same code unless someone (e.g. a
   * compromised broker) sits in the middle. Undefined while not connected.
   */
  get verificationCode(): string | undefined {
    const peer = this.remote?.trim() && this.codes.has(this.remote.trim()) ? this.remote.trim() : this.connectedPeers[0];
    return peer ? this.codes.get(peer) : undefined;
  }

  /** The safety code of the connection to `peer`. */
  getVerificationCode(peer: string): string | undefined {
    return this.codes.get(peer);
  }

  /** Members of the `room` this element is connected to, own id first. */
  get roomMembers(): string[] {
    return this.rooms?.members ?? [];
  }

  /** Peers currently typing. */
  get typing(): string[] {
    return [...this.typingPeers];
  }

  /** Marks every received message as seen: sends read receipts and resets `unread`. */
  markRead(): void {
    this.presence.markRead();
  }

  /**
   * Connects to `remoteId` (default: the `remote` attribute). Resolves when the connection is
   * open; rejects with an RtcError (and fires `rtc-error`) when it cannot be made.
   */
  async connect(remoteId?: string): Promise<void> {
    const target = (remoteId ?? this.remote ?? '').trim();
    try {
      if (!target) throw new RtcError('not-connected', 'connect() needs a peer id: pass one or set the remote attribute.');
      checkPeerId(target, 'remote peer id');
      const session = this.requireSession();
      if (target === session.id) throw new RtcError('invalid-attribute', 'A peer cannot connect to itself; remote must be another peer id.');
      await this.links.open(session, target);
    } catch (error) {
      const rtcError = toRtcError(error);
      if (rtcError.type !== 'peer-unavailable' && rtcError.type !== 'connection-failed') this.reportError(rtcError.type, rtcError.message, target || undefined);
      throw rtcError;
    }
  }

  /** Closes every connection this element holds (or only the one to `remoteId`). */
  disconnect(remoteId?: string): void {
    this.links.drop(remoteId);
  }

  /**
   * Sends a string or JSON value to every connected peer (or `options.to`). Resolves with the
   * message once it is handed to the channel; rejects with an RtcError (and fires `rtc-error`)
   * when there is no open connection or the value cannot be sent. Nothing is dropped silently.
   */
  async send(data: unknown, options: SendOptions = {}): Promise<ChatMessage> {
    try {
      if (this.restoring) await this.restoring;
      const size = measure(data);
      if ('error' in size) throw new RtcError('send-failed', `This message cannot be sent: ${size.error}.`);
      const limit = this.maxMessageSize;
      if (size.bytes > limit) throw new RtcError('message-too-large', `This message is ${size.bytes} bytes; the limit is ${limit} bytes (max-message-size).`);
      // A reply to a message not in the history shows "Original message not available", as a received one does.
      const re = options.replyTo;
      const { id, time, to, waiting } = this.links.post(data, size.bytes, options.to === undefined ? undefined : [options.to].flat(), re ? { re } : undefined);
      const entry: ChatMessage = { id, from: this.selfId, to, data, time, self: true, status: waiting ? 'pending' : 'sent' };
      if (re) entry.replyTo = re;
      this.addMessage(entry);
      this.store?.schedule();
      return entry;
    } catch (error) {
      throw this.failed(error);
    }
  }

  /**
   * Sends a file to every connected peer (or `options.to`). Resolves with one FileTransfer per
   * peer once every receiver confirmed the whole file (size and SHA-256). Rejects with an RtcError
   * when it cannot be sent, the receiver refuses it, verification fails or anyone cancels.
   */
  async sendFile(file: Blob, options: SendFileOptions = {}): Promise<FileTransfer[]> {
    let peers: string[];
    try {
      if (!(file instanceof Blob)) throw new RtcError('send-failed', 'sendFile() needs a File or Blob.');
      peers = await this.links.fileTargets(options.to === undefined ? undefined : [options.to].flat());
    } catch (error) {
      throw this.failed(error);
    }
    const name = options.name ?? (file instanceof File ? file.name : 'file');
    const id = newId();
    return Promise.all(peers.map((peer) => this.fileTransfers.send(peer, id, file, name)));
  }

  /** Cancels a file transfer (either direction) by its id; `peer` narrows it when several match. */
  cancelFile(id: string, peer?: string): boolean {
    return this.files.cancel(id, peer);
  }

  /**
   * Accepts an incoming file that waits for consent (larger than `confirm-file-size`); `peer`
   * narrows it when several match. False if no such offer waits.
   */
  acceptFile(id: string, peer?: string): boolean {
    return this.files.accept(id, peer);
  }

  /** Declines an incoming file that waits for consent: the sender's `sendFile()` rejects with `file-refused` ("declined"). */
  declineFile(id: string, peer?: string): boolean {
    return this.files.decline(id, peer);
  }

  /** Edits an own text message, here and at its rtc-elements recipients (at most 20 times). Rejects like send(). */
  editMessage(id: string, text: string): Promise<ChatMessage> {
    return this.act((a) => a.edit(id, text));
  }

  /** Deletes an own message: it shows "Message deleted", here and at its rtc-elements recipients. Rejects like send(). */
  deleteMessage(id: string): Promise<void> {
    return this.act((a) => a.del(id));
  }

  /** Adds (`on` true), takes back (false) or toggles (omitted) the own reaction `emoji` on message `id`. Rejects like send(). */
  react(id: string, emoji: string, on?: boolean): Promise<void> {
    return this.act((a) => a.react(id, emoji, on));
  }

  /** Replies' siblings, once their code is here (see act()). */
  private actions: ChatActions | undefined;
  /** Runs `body` with the actions (their code loaded on first use; after a restore); rejects like send(). Calls run in order. */
  private act<T>(body: (actions: ChatActions) => T): Promise<T> {
    return Promise.resolve(this.restoring)
      .then(loadActions)
      .then((module) =>
        body(
          (this.actions ??= new module.ChatActions(this, {
            view: this.view,
            links: this.links,
            delivery: this.delivery,
            inbound: this.inbound,
            self: () => this.selfId,
            persist: () => this.store?.schedule(),
          })),
        ),
      )
      .catch((error: unknown) => Promise.reject(this.failed(this.actions ? error : loadFailed('message actions', error))));
  }

  /** Reports `error` as rtc-error (`send-failed` unless it is an RtcError) and returns it, for a method to reject with. */
  private failed(error: unknown): RtcError {
    const rtcError = toRtcError(error, 'send-failed');
    this.reportError(rtcError.type, rtcError.message);
    return rtcError;
  }

  /** The text messages of the whole history (not only those drawn) that contain `query`, case-insensitive; oldest first. */
  search(query: string): ChatMessage[] {
    return findMessages(this.view.history, query);
  }

  /**
   * The history as a file: 'json' (version, own id, export time, every message; files as name,
   * size, type and status, never their bytes) or 'text' (one line per message: local date and
   * time, sender, text). Its code loads on first use; rejects with `load-failed` if it cannot
   * (`rtc-error` fires the first time).
   */
  exportHistory(format: 'json' | 'text' = 'json'): Promise<Blob> {
    return this.rich.load().then((ui) => ui.exportHistory(format));
  }

  /** Empties the history (and frees the object URLs of received files). */
  clear(): void {
    this.view.clear();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Transfers outlive a DOM move but not a removal.
    setTimeout(() => {
      if (this.isConnected) return;
      this.fileTransfers.dispose();
      this.view.stop();
      this.links.stop();
      this.rooms?.leave();
      this.inbound.sendAcks();
      this.store?.save();
    }, 0);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Dial here rather than in updated(): the state it sets then renders in this same update.
    if (changed.has('remote') && changed.get('remote') !== undefined) {
      this.links.stopRedial();
      const dialed = this.links.dialed;
      if (dialed && dialed !== this.remote) this.disconnect(dialed);
    }
    if (changed.has('allow')) {
      for (const peer of [...this.held.keys()]) if (!this.isAllowed(peer) && peer !== this.remote?.trim()) this.disconnect(peer);
      this.rooms?.link?.allowChanged();
    }
    if (changed.has('persist') || changed.has('peerId')) this.restore();
    if ((changed.has('remote') || changed.has('brokerState')) && this.brokerState === 'open') this.dialRemote();
    if (changed.has('room') || changed.has('roomKey')) this.rooms?.leave();
    if ((changed.has('room') || changed.has('roomKey') || changed.has('brokerState')) && this.brokerState === 'open') {
      this.joinRoom();
      this.rooms?.link?.start(); // a new or reconnected session: rejoin at once (no-op while linked)
    }
  }

  /** After the first render, updates wait for the next animation frame (slower under a flood; see ChatView). */
  protected override async scheduleUpdate(): Promise<void> {
    if (this.hasUpdated) await this.view.nextRender();
    this.view.rendering();
    super.scheduleUpdate();
    this.view.renderDone();
  }

  protected override sessionAttached(session: PeerSession): void {
    super.sessionAttached(session);
    // Channels that other elements on this shared session already hold are ours to show too.
    for (const channel of session.openChannels) if (channel.kind === 'chat' && channel.isOpen && this.peer.mayUse(channel)) this.links.hold(channel);
  }

  protected override sessionDetached(session: PeerSession): void {
    // Wait a tick: a DOM move re-attaches the same session and keeps every connection.
    setTimeout(() => {
      if (this.session === session) return;
      for (const channels of [...this.held.values()]) for (const channel of [...channels]) this.links.unhold(channel, false);
      this.links.dialed = undefined;
      if (!this.session) this.brokerState = 'idle';
    }, 0);
  }

  protected override pairedPeer(peer: string, inviter: boolean): void {
    // One side dials (the inviter); the invitee gets the chat as an incoming connection.
    if (inviter && this.isAllowed(peer) && !this.connectedPeers.includes(peer))
      this.connect(peer).catch(() => {
        /* reported by connect() */
      });
  }

  /** A refused room member is reported once, whether the gate or the member list refused it first. */
  protected override refused(peer: string, message: string): void {
    if (!peer || (this.rooms?.firstRefusal(peer) ?? true)) super.refused(peer, message);
  }

  protected override incomingChannel(channel: PeerChannel): void {
    if (channel.kind !== 'file' && channel.kind !== 'chat') return;
    if (!this.isAllowed(channel.remote)) {
      channel.close('local');
      // In a room, a refused member is reported once, not at every connection it tries.
      if (this.rooms?.firstRefusal(channel.remote) ?? true)
        this.reportError('peer-refused', `A connection from "${channel.remote}" was refused: it is not in allow.`, channel.remote);
      return;
    }
    if (this.rooms?.refuses(channel)) return;
    if (channel.kind === 'file') {
      this.fileTransfers.adopt(channel);
      return;
    }
    if (channel.kind !== 'chat') return;
    this.links.hold(channel);
  }

  private sendControl(peer: string, envelope: Envelope): void {
    const [channel] = this.links.targets([peer]);
    if (!channel) throw new RtcError('not-connected', `Not connected to ${peer}.`);
    channel.send(envelope);
  }

  /** Own peer id, as the history's own messages carry it. */
  private get selfId(): string {
    return this.session?.id ?? this.peerId ?? '';
  }

  /** Where file entries go (see file-view.ts). */
  private fileEntries(): FileEntryHost {
    return {
      view: this.view,
      self: this.selfId,
      max: this.maxMessages,
      root: this.renderRoot,
      t: this.t,
      fire: (e) => this.dispatchEvent(e),
    };
  }

  private dialRemote(): void {
    const remote = this.remote?.trim();
    if (!remote || remote === this.links.dialed) return;
    this.links.dialed = remote;
    // Errors are reported by connect(); this keeps them from being unhandled rejections.
    this.connect(remote).catch(() => {});
  }

  private requireSession(): PeerSession {
    const session = this.session;
    if (session) return session;
    if (this.peer.configError) throw this.peer.configError;
    throw new RtcError('not-connected', 'The element is not on the page or not configured yet.');
  }

  /** A peer's first chat channel is ready. */
  private peerUp(peer: string): void {
    this.connectedPeers = [...this.connectedPeers, peer];
    this.dispatchEvent(new RtcConnectEvent({ peer }));
    this.rooms?.up(peer);
  }

  /**
   * The safety code of a ready channel. Rarely (under load) its descriptions cannot be read yet:
   * then it is tried again a few times rather than leaving the peer without a code.
   */
  private showCode(channel: PeerChannel, tries = 0): void {
    void this.safetyCode(channel.peerConnection, channel.remote).then((code) => {
      if (!channel.isOpen) return;
      if (!code) {
        if (tries < 5) setTimeout(() => this.showCode(channel, tries + 1), 100 << tries);
        return;
      }
      if (this.codes.get(channel.remote) === code) return;
      this.codes = new Map(this.codes).set(channel.remote, code);
      this.dispatchEvent(new RtcVerificationEvent({ peer: channel.remote, code }));
    });
  }

  /** A peer's last chat channel closed. */
  private peerDown(peer: string, reason: RtcDisconnectReason): void {
    this.connectedPeers = this.connectedPeers.filter((p) => p !== peer);
    if (this.codes.has(peer)) {
      const codes = new Map(this.codes);
      codes.delete(peer);
      this.codes = codes;
    }
    this.presence.typing.forget(peer);
    this.dispatchEvent(new RtcDisconnectEvent({ peer, reason }));
    this.rooms?.down(peer, reason);
  }

  private addMessage(entry: ChatMessage): void {
    this.view.append(entry, this.maxMessages, true);
    this.dispatchEvent(new RtcMessageEvent({ from: entry.from, data: entry.data, id: entry.id, time: entry.time, self: entry.self, replyTo: entry.replyTo }));
  }

  /** Moves own messages `ids` to `status` (see ChatView.setStatus) and fires rtc-message-status for each. */
  private setStatus(ids: readonly string[], peer: string, status: DeliveryStatus, from?: DeliveryStatus): void {
    const changed = this.view.setStatus(ids, status, from);
    for (let i = changed.length - 1; i >= 0; i--) this.dispatchEvent(new RtcMessageStatusEvent({ id: changed[i], peer, status }));
  }

  /** A restore under way (`persist`): sends and received messages wait for it, so order and duplicates stay right. */
  private restoring: Promise<void> | undefined;

  /** Loads the persisted history and outbox for this peer id (once per id). */
  private restore(): void {
    if (!this.persist || !this.peerId?.trim()) return;
    const restoring: Promise<void> = loadPersistence()
      .then(
        (module) => {
          const store = (this.store ??= new module.ChatStore(this, this.view, this.delivery, (message) => this.reportError('send-failed', message)));
          // Connections that opened meanwhile get what was waiting for them; what changed meanwhile is saved.
          if (store.restore()) for (const peer of this.held.keys()) this.links.flush(peer);
          store.schedule();
          this.act(() => this.requestUpdate()).catch(() => {}); // the history may hold replies, edits, deletions, reactions
        },
        (error: unknown) => this.reportLoadFailure('chat storage (persist)', error),
      )
      .finally(() => {
        if (this.restoring === restoring) this.restoring = undefined;
      });
    this.restoring = restoring;
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    if (!this.restoring) return result;
    // `await el.updateComplete` also means the persisted history is there.
    await this.restoring;
    return super.getUpdateComplete();
  }

  private joinRoom(): void {
    const name = this.room?.trim();
    if (!name || this.rooms?.link) return;
    const roomModule = loadChatRoom.loaded;
    if (!roomModule) {
      // The room code loads on first use; join once it is here, if the room is still wanted.
      loadChatRoom().then(
        () => {
          if (this.isConnected && this.room?.trim() === name && this.brokerState === 'open') this.joinRoom();
        },
        (error: unknown) => this.reportLoadFailure('room', error),
      );
      return;
    }
    (this.rooms ??= new roomModule.ChatRoom(this, {
      session: () => this.session,
      options: () => this.validSessionOptions(),
      allowed: (peer) => this.isAllowed(peer),
      error: (error, peer) => this.reportError(error.type, error.message, peer),
      peers: () => this.connectedPeers,
      holds: (peer) => this.held.has(peer),
    })).join(name);
  }

  private get status(): ConnectionStatus {
    if (this.lastError && (this.peer.configError || this.brokerState === 'error')) return 'error';
    if (this.connectedPeers.length) return 'connected';
    if (this.links.dialingShown || this.links.redialing) return 'dialing';
    if (this.brokerState === 'reconnecting') return 'reconnecting';
    if (this.lastError) return 'error';
    if (this.brokerState === 'open') return 'ready';
    if (this.brokerState === 'connecting') return 'connecting';
    if (this.brokerState === 'closed') return 'closed';
    return 'idle';
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = this.input;
    if (!input) return;
    const text = input.value;
    if (!text.trim()) return;
    try {
      await (this.actions ? this.actions.submit(text) : this.send(text));
      input.value = ''; // cleared only once sent: a failed message stays in the box
      this.presence.announce(false);
    } catch {
      // reported through rtc-error and the status line
    }
    input.focus();
  }

  private onConnectSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const input = form.querySelector('input');
    const id = input?.value.trim();
    if (!id) return;
    this.connect(id).then(
      () => {
        if (input) input.value = '';
      },
      () => {},
    );
  }

  override render(): TemplateResult {
    const t = this.t;
    const files = this.files;
    const status = this.status;
    const timeFormat = timeFormatFor(this);
    const ownId = this.session?.isOpen ? this.session.id : undefined;
    const showConnect = !this.remote && this.connectedPeers.length === 0 && this.brokerState === 'open';
    const codePeer = this.remote?.trim() || this.connectedPeers[0] || '';
    return html`
      <div part="base" class="chat ${files.dragging ? 'dragging' : ''}"
        @dragenter=${files.dragOver} @dragover=${files.dragOver} @dragleave=${files.dragLeave} @drop=${files.drop}>
        ${files.dragging ? html`<div part="drop-zone" class="drop-zone" aria-hidden="true">${t.dropFiles}</div>` : nothing}
        <div part="header" class="header">
          <slot name="header"></slot>
          <span part="status" class="status status--${status}" role="status">${statusText(t, status, this.connectedPeers, this.links.dialing ?? this.remote ?? '', this.lastError?.message ?? '')}</span>
          ${ownId ? html`<span part="peer-id" class="peer-id">${format(t.yourId, { id: ownId })}</span>` : nothing}
          ${this.rich.header(t)}
          ${this.rooms?.link ? renderMembers(t, this.rooms.link.name, this.roomMembers) : nothing}
          ${this.verificationCode ? renderCode(t, codePeer, this.verificationCode, this.identityView(t, codePeer)) : nothing}
          ${this.identityView(t)}
        </div>
        <div part="messages" class="messages" role="log" aria-live="polite" aria-label=${t.messagesLabel} tabindex="0" @scroll=${this.view.onScroll}>
          ${
            this.view.history.length === 0
              ? html`<p part="empty" class="empty"><slot name="empty">${t.emptyChat}</slot></p>`
              : html`<div class="log">${renderHistory(this.view, t, timeFormat, (file) => files.render(file, t), this.rich.text, this.actions)}</div>`
          }
        </div>
        <div part="typing" class="typing" aria-live="polite">${this.typingPeers.length ? format(t.typing, { peer: this.typingPeers.join(', ') }) : ''}</div>
        ${showConnect && this.signaling === 'manual' ? this.renderPairing(t) : showConnect ? renderConnect(t, this.onConnectSubmit) : nothing}
        ${this.actions?.preview()}
        ${renderComposer(t, this.noFiles ? undefined : files, this.onSubmit, (text) => this.presence.announce(text.trim() !== ''))}
      </div>
    `;
  }
}

define('rtc-chat', RtcChat);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-chat': RtcChat;
  }
}
