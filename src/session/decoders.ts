/**
 * Bounded decoders for what a remote peer puts on a data channel. PeerJS's own decoders trust
 * the bytes: a binarypack header declaring four billion array items makes its unpacker loop four
 * billion times (a frozen page from five bytes), and its chunk reassembly keeps every partial
 * message forever. Here every declared length is checked against the bytes present before any
 * allocation or loop, nesting is capped, and partial chunks are bounded in count, size and age.
 * Pure logic, no PeerJS: the unit tests drive it directly.
 */

/** Containers nested deeper than this are refused (our envelopes nest 3 levels). */
export const MAX_DEPTH = 32;
/** PeerJS splits binary messages into chunks of this many bytes (its chunkedMTU). */
export const CHUNK_BYTES = 16300;
/** A chunked message may have at most this many chunks (about 1 MB): anything larger is not chat. */
export const MAX_CHUNKS = 64;
/** Partial chunked messages kept per connection; PeerJS sends one message's chunks in a row. */
export const MAX_PARTIAL_MESSAGES = 2;
/** A partial message older than this is dropped (its sender stalled or lied about `total`). */
export const PARTIAL_TIMEOUT_MS = 10000;

/** Why bytes were refused; undefined when they are well formed. */
export type DecodeProblem = string | undefined;

/** Bytes of a binarypack value's fixed-size payload, by type byte (0 for those PeerJS reads as undefined). */
function fixedPayload(type: number): number {
  switch (type) {
    case 0xcc:
    case 0xd0:
      return 1;
    case 0xcd:
    case 0xd1:
      return 2;
    case 0xca:
    case 0xce:
    case 0xd2:
      return 4;
    case 0xcb:
    case 0xcf:
    case 0xd3:
      return 8;
    default:
      return 0;
  }
}

/**
 * Walks a binarypack value (the format of PeerJS's `binary` serialization) without building it:
 * each declared length must fit in the bytes that are present, each declared item count must be
 * at most the bytes left (every item takes one byte at least), and nesting stays under MAX_DEPTH.
 * Linear in the input, with no recursion, so PeerJS's unpacker may then run on it safely.
 */
export function checkBinaryPack(bytes: Uint8Array, maxDepth = MAX_DEPTH): DecodeProblem {
  const length = bytes.length;
  if (length === 0) return 'an empty message';
  const readUint = (at: number, size: number): number => {
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + bytes[at + i];
    return value;
  };
  // Items still to read at each open container level; the bottom one is the top-level value.
  const remaining: number[] = [1];
  let pos = 0;
  while (remaining.length > 0) {
    const top = remaining.length - 1;
    if (remaining[top] === 0) {
      remaining.pop();
      continue;
    }
    remaining[top]--;
    if (pos >= length) return 'a truncated message';
    const type = bytes[pos++];
    let size = 0;
    let items = 0;
    let bytesFollow = true;
    if (type < 0x80 || type >= 0xe0)
      continue; // fixints
    else if (type <= 0x8f) {
      items = 2 * (type & 0x0f);
      bytesFollow = false;
    } else if (type <= 0x9f) {
      items = type & 0x0f;
      bytesFollow = false;
    } else if (type <= 0xbf)
      size = type & 0x0f; // fixraw, fixstr
    else if (type >= 0xd8) {
      const header = type === 0xd9 || type === 0xdb || type === 0xdd || type === 0xdf ? 4 : 2;
      if (pos + header > length) return 'a truncated length';
      const declared = readUint(pos, header);
      pos += header;
      if (type <= 0xdb) size = declared;
      else {
        items = type >= 0xde ? 2 * declared : declared;
        bytesFollow = false;
      }
    } else {
      size = fixedPayload(type);
    }
    if (bytesFollow) {
      if (size > length - pos) return `a length of ${size} bytes with ${length - pos} left`;
      pos += size;
      continue;
    }
    if (items > length - pos) return `a count of ${items} items with ${length - pos} bytes left`;
    if (items === 0) continue;
    if (remaining.length >= maxDepth) return `nesting deeper than ${maxDepth} levels`;
    remaining.push(items);
  }
  return undefined;
}

/** One chunk of a PeerJS `binary` message that was too big for one frame. */
export interface Chunk {
  id: unknown;
  n: unknown;
  total: unknown;
  data: unknown;
}

/**
 * Reassembles PeerJS's chunked binary messages for one connection, with bounds: at most
 * MAX_PARTIAL_MESSAGES in progress, MAX_CHUNKS chunks each of at most CHUNK_BYTES, chunk numbers
 * within `total`, no chunk twice, and nothing older than PARTIAL_TIMEOUT_MS.
 */
export class ChunkAssembler {
  private partial = new Map<string, { total: number; parts: (Uint8Array | undefined)[]; count: number; bytes: number; since: number }>();

  /** Adds a chunk: returns the whole message once complete, undefined while not, or throws why it was refused. */
  add(chunk: Chunk, now = Date.now()): Uint8Array | undefined {
    const { id, n, total, data } = chunk;
    if ((typeof id !== 'number' && typeof id !== 'string') || String(id).length > 64) throw new Error('a chunk with an invalid id');
    if (typeof total !== 'number' || !Number.isInteger(total) || total < 1 || total > MAX_CHUNKS)
      throw new Error(`a chunked message of ${String(total)} chunks (at most ${MAX_CHUNKS})`);
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n >= total) throw new Error('a chunk number out of range');
    if (!(data instanceof ArrayBuffer) || data.byteLength > CHUNK_BYTES) throw new Error('a chunk that is not bytes or too big');
    for (const [key, entry] of this.partial) if (now - entry.since > PARTIAL_TIMEOUT_MS) this.partial.delete(key);
    const key = String(id);
    let entry = this.partial.get(key);
    if (!entry) {
      if (this.partial.size >= MAX_PARTIAL_MESSAGES) throw new Error(`more than ${MAX_PARTIAL_MESSAGES} chunked messages at once`);
      entry = { total, parts: new Array<Uint8Array | undefined>(total), count: 0, bytes: 0, since: now };
      this.partial.set(key, entry);
    }
    if (entry.total !== total) {
      this.partial.delete(key);
      throw new Error('chunks that disagree about their total');
    }
    if (entry.parts[n]) {
      this.partial.delete(key);
      throw new Error('the same chunk twice');
    }
    entry.parts[n] = new Uint8Array(data);
    entry.count++;
    entry.bytes += data.byteLength;
    if (entry.count < entry.total) return undefined;
    this.partial.delete(key);
    const whole = new Uint8Array(entry.bytes);
    let offset = 0;
    for (const part of entry.parts) {
      whole.set(part!, offset);
      offset += part!.byteLength;
    }
    return whole;
  }

  /** Partial messages in progress (for tests and leak checks). */
  get pending(): number {
    return this.partial.size;
  }

  clear(): void {
    this.partial.clear();
  }
}
