/**
 * No-broker signaling for tabs of the same browser: a stand-in for PeerJS's server socket that
 * carries the same OFFER / ANSWER / CANDIDATE / LEAVE messages over a BroadcastChannel. It
 * answers `start()` with OPEN (after checking nobody else in this browser holds the id) and turns
 * an offer that nobody answers into PeerJS's EXPIRE, so the usual peer-unavailable error follows.
 */
import { SocketStandIn } from './socket-stand-in.js';

interface Envelope {
  src?: string;
  dst?: string;
  type?: string;
  payload?: unknown;
  token?: string;
}

const CLAIM_WAIT_MS = 150;
const EXPIRE_MS = 5000;

export class LocalSignalingSocket extends SocketStandIn {
  private channel: BroadcastChannel | undefined;
  private id: string | undefined;
  private token: string | undefined;
  private open = false;
  private expiry = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly name: string) {
    super();
  }

  start(id: string, token: string): void {
    this.id = id;
    this.token = token;
    this.channel?.close();
    const channel = new BroadcastChannel(this.name);
    this.channel = channel;
    let taken = false;
    channel.onmessage = (event: MessageEvent<Envelope>) => {
      const message = event.data;
      if (!message || typeof message !== 'object' || typeof message.type !== 'string') return;
      if (message.type === 'CLAIM') {
        // Someone else wants our id: tell them it is taken (the same token may take it over).
        if (this.open && message.src === this.id && message.token !== this.token) channel.postMessage({ type: 'TAKEN', dst: this.id, token: message.token });
        return;
      }
      if (message.type === 'TAKEN') {
        if (message.dst === this.id && message.token === this.token && !this.open) taken = true;
        return;
      }
      if (message.dst !== this.id || typeof message.src !== 'string') return;
      clearTimeout(this.expiry.get(message.src));
      this.expiry.delete(message.src);
      this.emit('message', { type: message.type, payload: message.payload, src: message.src });
    };
    channel.postMessage({ type: 'CLAIM', src: id, token });
    setTimeout(() => {
      if (this.channel !== channel) return;
      if (taken) {
        this.emit('message', { type: 'ID-TAKEN', payload: { msg: `ID "${id}" is taken` } });
        return;
      }
      this.open = true;
      this.emit('message', { type: 'OPEN' });
    }, CLAIM_WAIT_MS);
  }

  send(data: Envelope): void {
    if (!this.channel || !this.open || !data || typeof data.type !== 'string' || data.type === 'HEARTBEAT') return;
    const dst = data.dst;
    if (data.type === 'OFFER' && typeof dst === 'string' && !this.expiry.has(dst)) {
      // Nobody in this browser answers to that id: report it the way the broker would.
      this.expiry.set(
        dst,
        setTimeout(() => {
          this.expiry.delete(dst);
          this.emit('message', { type: 'EXPIRE', src: dst });
        }, EXPIRE_MS),
      );
    }
    // Like a WebSocket, send JSON: payloads hold RTCIceCandidate objects that cannot be cloned.
    try {
      this.channel.postMessage(JSON.parse(JSON.stringify({ ...data, src: this.id })));
    } catch (error) {
      this.emit('error', error);
    }
  }

  close(): void {
    this.open = false;
    for (const timer of this.expiry.values()) clearTimeout(timer);
    this.expiry.clear();
    this.channel?.close();
    this.channel = undefined;
  }

  get disconnected(): boolean {
    return !this.open;
  }
}
