// The selfie-segmentation model of @mediapipe/selfie_segmentation carries no TFLite metadata, and
// @mediapipe/tasks-vision's ImageSegmenter refuses a float model without the metadata that says
// how to normalize its input. withInputNormalization() returns a copy of the model with that
// metadata added (mean 0, std 255: the model reads RGB in [0, 1]), so the packaged file is used
// as shipped. Flatbuffer offsets only point forward, so the new root table, the metadata and the
// extra buffer go in a prefix (a multiple of 16 bytes, keeping the tensor data's alignment) that
// points into the untouched original bytes.

type Field = { u8: number } | { u32: number } | { ref: Node };
type Node = { table: (Field | null)[] } | { str: string } | { bytes: Uint8Array } | { floats: number[] } | { refs: Node[] } | { at: number }; // an absolute position in the finished buffer (the original model's objects)

class Writer {
  buf = new Uint8Array(1024);
  pos = 0;
  private view = new DataView(this.buf.buffer);
  private grow(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n + 1024));
    next.set(this.buf);
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  align(n: number): void {
    this.grow(n);
    while (this.pos % n) this.buf[this.pos++] = 0;
  }
  u8(v: number): void {
    this.grow(1);
    this.buf[this.pos++] = v;
  }
  u16(v: number): void {
    this.grow(2);
    this.view.setUint16(this.pos, v, true);
    this.pos += 2;
  }
  u32(v: number, at = this.pos): void {
    this.grow(4);
    this.view.setUint32(at, v >>> 0, true);
    if (at === this.pos) this.pos += 4;
  }
  i32(v: number): void {
    this.grow(4);
    this.view.setInt32(this.pos, v, true);
    this.pos += 4;
  }
  f32(v: number): void {
    this.grow(4);
    this.view.setFloat32(this.pos, v, true);
    this.pos += 4;
  }
  raw(b: Uint8Array): void {
    this.grow(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
}

/** Writes `node` at the writer's position (children after their parent); returns its position. `base` shifts `at` nodes. */
function write(w: Writer, node: Node, base: number): number {
  if ('at' in node) return node.at + base;
  const later: [number, Node][] = [];
  let start: number;
  if ('table' in node) {
    // vtable first, then the table (its soffset points back to the vtable).
    const fields = node.table;
    const sizes = fields.map((f) => (f === null ? 0 : 'u8' in f ? 1 : 4));
    let off = 4;
    const offsets = sizes.map((s) => {
      if (!s) return 0;
      off = Math.ceil(off / s) * s;
      const o = off;
      off += s;
      return o;
    });
    const tableSize = Math.ceil(off / 4) * 4;
    w.align(2);
    if ((w.pos + 4 + 2 * fields.length) % 4) w.u16(0); // so the table after it starts 4-aligned... (padding before vtable)
    const vt = w.pos;
    w.u16(4 + 2 * fields.length);
    w.u16(tableSize);
    offsets.forEach((o) => w.u16(o));
    w.align(4);
    start = w.pos;
    w.i32(start - vt);
    const body = new Uint8Array(tableSize - 4);
    w.raw(body);
    fields.forEach((f, i) => {
      if (!f) return;
      const at = start + offsets[i];
      if ('u8' in f) w.buf[at] = f.u8;
      else if ('u32' in f) w.u32(f.u32, at);
      else later.push([at, f.ref]);
    });
  } else if ('str' in node) {
    w.align(4);
    start = w.pos;
    const b = new TextEncoder().encode(node.str);
    w.u32(b.length);
    w.raw(b);
    w.u8(0);
  } else if ('bytes' in node) {
    w.align(16);
    if (w.pos % 16 !== 12) w.raw(new Uint8Array((12 - (w.pos % 16) + 16) % 16)); // data itself 16-aligned
    start = w.pos;
    w.u32(node.bytes.length);
    w.raw(node.bytes);
  } else if ('floats' in node) {
    w.align(4);
    start = w.pos;
    w.u32(node.floats.length);
    node.floats.forEach((v) => w.f32(v));
  } else {
    w.align(4);
    start = w.pos;
    w.u32(node.refs.length);
    node.refs.forEach((r, i) => {
      w.u32(0);
      later.push([start + 4 + 4 * i, r]);
    });
  }
  for (const [at, child] of later) {
    const pos = write(w, child, base);
    w.u32(pos - at, at);
  }
  return start;
}

/** A finished flatbuffer with a 4-byte file identifier: root offset, identifier, then `root`. */
function finish(root: Node, ident: string, base = 0, padTo = 4): Uint8Array {
  const w = new Writer();
  w.u32(0);
  w.raw(new TextEncoder().encode(ident));
  const pos = write(w, root, base);
  w.u32(pos, 0);
  w.align(padTo);
  return w.buf.slice(0, w.pos);
}

/** The ModelMetadata: one subgraph, an RGB image input normalized by (x - mean) / std. */
function metadata(mean: number, std: number): Uint8Array {
  const normalization: Node = { table: [{ ref: { floats: [mean] } }, { ref: { floats: [std] } }] };
  const input: Node = {
    table: [
      { ref: { str: 'image' } },
      null,
      null,
      // Content: content_properties_type ImageProperties (2), content_properties { color_space RGB (1) }
      { ref: { table: [{ u8: 2 }, { ref: { table: [{ u8: 1 }] } }] } },
      // process_units: [ProcessUnit { options_type NormalizationOptions (1), options }]
      { ref: { refs: [{ table: [{ u8: 1 }, { ref: normalization }] }] } },
    ],
  };
  const subgraph: Node = { table: [null, null, { ref: { refs: [input] } }] };
  return finish({ table: [{ ref: { str: 'selfie segmentation' } }, null, null, { ref: { refs: [subgraph] } }] }, 'M001');
}

/** Reads the original Model table's fields: field index → absolute target (offsets) or value (version). */
function modelFields(model: Uint8Array): { version: number | null; refs: (number | null)[]; buffers: number[]; metadata: number[] } {
  const v = new DataView(model.buffer, model.byteOffset, model.byteLength);
  if (model.length < 8) throw new Error('model too short');
  const root = v.getUint32(0, true);
  const vt = root - v.getInt32(root, true);
  const vtSize = v.getUint16(vt, true);
  const field = (i: number): number => (4 + 2 * i < vtSize ? v.getUint16(vt + 4 + 2 * i, true) : 0);
  const ref = (i: number): number | null => {
    const o = field(i);
    return o ? root + o + v.getUint32(root + o, true) : null;
  };
  const vec = (at: number | null): number[] => {
    if (at === null) return [];
    const n = v.getUint32(at, true);
    if (n > 100000) throw new Error('model vector too long');
    return Array.from({ length: n }, (_, i) => at + 4 + 4 * i + v.getUint32(at + 4 + 4 * i, true));
  };
  const refs = Array.from({ length: 8 }, (_, i) => (i === 0 ? null : ref(i)));
  return { version: field(0) ? v.getUint32(root + field(0), true) : null, refs, buffers: vec(refs[4]), metadata: vec(refs[6]) };
}

/** The model with input-normalization metadata added (see the top of this file). */
export function withInputNormalization(model: Uint8Array, mean = 0, std = 255): Uint8Array {
  const f = modelFields(model);
  const meta: Node = { bytes: metadata(mean, std) };
  const at = (pos: number | null): Field | null => (pos === null ? null : { ref: { at: pos } });
  const root: Node = {
    table: [
      f.version === null ? null : { u32: f.version },
      at(f.refs[1]),
      at(f.refs[2]),
      at(f.refs[3]),
      { ref: { refs: [...f.buffers.map((p) => ({ at: p })), { table: [{ ref: meta }] }] } },
      at(f.refs[5]),
      { ref: { refs: [...f.metadata.map((p) => ({ at: p })), { table: [{ ref: { str: 'TFLITE_METADATA' } }, { u32: f.buffers.length }] }] } },
      at(f.refs[7]),
    ],
  };
  // Two passes: the prefix's length decides where the original bytes land.
  let prefix = finish(root, 'TFL3', 0, 16);
  prefix = finish(root, 'TFL3', prefix.length, 16);
  const out = new Uint8Array(prefix.length + model.length);
  out.set(prefix);
  out.set(model, prefix.length);
  return out;
}
