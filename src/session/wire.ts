/**
 * The wire pieces both the session and the no-broker pairing use: the protocol version and
 * capabilities in a link's metadata, random ids, timeouts, and the bounded decoder every data
 * connection gets. Kept apart from peer-session.ts so manual-pairing.ts (which peer-session.ts
 * loads lazily) depends on these without depending on the session.
 */
import { util, type DataConnection } from 'peerjs';
import { RtcError } from '../core/errors.js';
import { PROTOCOL_MARK, SIGNAL_KIND, type ChannelKind } from './admission.js';
import { ChunkAssembler, checkBinaryPack } from './decoders.js';
import { replaceDataDecoder } from './peerjs-internals.js';

export const randomHex = (bytes: number) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');

export const PROTOCOL_VERSION = 1;
/** A protocol message: own key `$rtc` (the version) first, then its type `t` and fields. */
export const envelope = <T extends string, F extends object = Record<never, never>>(t: T, fields?: F) =>
  ({ $rtc: PROTOCOL_VERSION, t, ...fields }) as { $rtc: 1; t: T } & F;
/**
 * Metadata (and chat hello) capability: this side reads JSON values sent as text frames on a
 * `json` connection, not only PeerJS's UTF-8 binary frames. Both sides being rtc-elements of this
 * version, envelopes travel as text: no TextEncoder/TextDecoder per message, cheaper for the browser.
 */
export const TEXT_FRAMES = 'text';

export function withTimeout<T>(promise: Promise<T>, ms: number, error: () => RtcError): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(error()), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function readMetadata(metadata: unknown): { ours: boolean; kind: ChannelKind; signal: boolean; textFrames: boolean } {
  if (!metadata || typeof metadata !== 'object') return { ours: false, kind: 'chat', signal: false, textFrames: false };
  const record = metadata as Record<string, unknown>;
  const ours = Object.prototype.hasOwnProperty.call(record, PROTOCOL_MARK);
  const kind = record.kind;
  const known: ChannelKind[] = ['chat', 'call-control', 'file', 'room'];
  return {
    ours,
    kind: ours && typeof kind === 'string' && (known as string[]).includes(kind) ? (kind as ChannelKind) : 'chat',
    signal: ours && kind === SIGNAL_KIND,
    textFrames: ours && record.frames === TEXT_FRAMES,
  };
}

/** Where a channel's decoded values go. */
export interface DecoderSink {
  value(value: unknown): void;
  error(error: RtcError): void;
  /** An upper bound of the encoded bytes of the value being delivered (json only), then undefined. */
  size?(bytes: number | undefined): void;
}

const utf8 = new TextDecoder();

/**
 * Replaces PeerJS's per-serialization decoders for one incoming or outgoing data connection
 * (PeerJS calls `_handleDataMessage` from its RTCDataChannel listener). `json` is parsed as text
 * (PeerJS's UTF-8 frames or our TEXT_FRAMES), `binary` goes through the bounded binarypack check
 * and chunk assembler of decoders.ts before PeerJS's unpacker runs, `raw` is handed over as it
 * came (the file protocol bounds it). A muted connection decodes nothing. Whatever fails is an
 * `invalid-data` error, never an exception in the listener.
 * @internal
 */
export function installDecoder(connection: DataConnection, remote: string, sink: DecoderSink, muted = false): void {
  const serialization = connection.serialization;
  const chunks = serialization === 'binary' || serialization === 'binary-utf8' ? new ChunkAssembler() : undefined;
  // PeerJS's own control message on json and binary connections: {__peerData: {type: 'close'}}.
  const deliver = (value: unknown) => {
    const control = value && typeof value === 'object' ? (value as { __peerData?: unknown }).__peerData : undefined;
    if (control && typeof control === 'object' && (control as { type?: unknown }).type === 'close') {
      connection.close();
      return;
    }
    sink.value(value);
  };
  const unpack = (bytes: Uint8Array, whole: boolean) => {
    const problem = checkBinaryPack(bytes);
    if (problem) throw new Refusal(problem);
    const value: unknown = util.unpack(bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer);
    const chunk = value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
    const id = chunk?.__peerData;
    if (chunk && id !== undefined && (typeof id === 'number' || typeof id === 'string')) {
      if (whole) throw new Refusal('a chunk inside a chunked message');
      let complete: Uint8Array | undefined;
      try {
        complete = chunks!.add({ id, n: chunk.n, total: chunk.total, data: chunk.data });
      } catch (error) {
        throw new Refusal((error as Error).message);
      }
      if (complete) unpack(complete, true);
      return;
    }
    deliver(value);
  };
  replaceDataDecoder(connection, function decode(event: MessageEvent) {
    if (muted) return;
    const data: unknown = event.data;
    try {
      if (serialization === 'raw') {
        sink.value(data);
      } else if (serialization === 'json') {
        const text = typeof data === 'string' ? data : data instanceof ArrayBuffer ? utf8.decode(data) : undefined;
        if (text === undefined) throw new Error('neither text nor bytes');
        // UTF-8 needs at most 3 bytes per UTF-16 unit of text.
        sink.size?.(typeof data === 'string' ? data.length * 3 : (data as ArrayBuffer).byteLength);
        deliver(JSON.parse(text));
      } else if (chunks) {
        if (!(data instanceof ArrayBuffer)) throw new Error('text on a binary connection');
        unpack(new Uint8Array(data), false);
      } else {
        throw new Error(`the serialization "${String(serialization).slice(0, 32)}" is not accepted`);
      }
    } catch (error) {
      const refused = error instanceof Refusal;
      sink.error(
        new RtcError(
          'invalid-data',
          `Peer "${remote}" sent data that could not be decoded; it was dropped (${(error as Error).message})${refused ? ' and the connection closed' : ''}.`,
        ),
      );
      // Bytes built to exhaust a decoder are not a protocol we speak: stop listening to them.
      if (refused) connection.close();
    } finally {
      sink.size?.(undefined);
    }
  });
}

/** Input a bounded decoder refused as built to exhaust it (declared sizes, nesting, chunk abuse). */
class Refusal extends Error {}
