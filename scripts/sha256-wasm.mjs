// Generates the WebAssembly SHA-256 block function embedded in src/core/sha256-wasm.ts.
//
//   node scripts/sha256-wasm.mjs          prints the base64 module
//   node scripts/sha256-wasm.mjs --check  checks that the embedded module is the generated one
//   SHA_UNROLL=1 node scripts/sha256-wasm.mjs   one round per loop iteration (548 instead of 1149
//                                                bytes, ~10 % slower in Node here)
//
// The module is written out byte by byte here (no toolchain): one exported memory of 2 pages and
// one function `b(ptr, n)` that runs the SHA-256 compression over `n` 64-byte blocks at `ptr`.
// Memory layout (the JS side fills K and H): K[64] at 0, H[8] at 256, W[64] at 512, input from
// 65536 (one page). Words are little-endian in memory except the input, which is big-endian.
import { readFileSync } from 'node:fs';

const K_AT = 0,
  H_AT = 256,
  W_AT = 512;

// --- a tiny encoder ---------------------------------------------------------------------------
const uleb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const sleb = (n) => {
  const out = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};
const section = (id, bytes) => [id, ...uleb(bytes.length), ...bytes];
const vec = (items) => [...uleb(items.length), ...items.flat()];
const str = (s) => vec([...Buffer.from(s)]);

// locals: 0 ptr, 1 n (reused as end), 2..9 a..h, 10 t1, 11 i, 12 x
const PTR = 0,
  END = 1,
  A = 2,
  T1 = 10,
  I = 11,
  X = 12;
const code = [];
const op = {
  get: (l) => code.push(0x20, l),
  set: (l) => code.push(0x21, l),
  tee: (l) => code.push(0x22, l),
  const: (v) => code.push(0x41, ...sleb(v | 0)),
  load: (offset) => code.push(0x28, 2, ...uleb(offset)),
  store: (offset) => code.push(0x36, 2, ...uleb(offset)),
  add: () => code.push(0x6a),
  and: () => code.push(0x71),
  or: () => code.push(0x72),
  xor: () => code.push(0x73),
  shru: () => code.push(0x76),
  rotl: () => code.push(0x77),
  rotr: () => code.push(0x78),
  ltu: () => code.push(0x49),
  mul: () => code.push(0x6c),
  loop: () => code.push(0x03, 0x40),
  end: () => code.push(0x0b),
  brIf: (depth) => code.push(0x0d, depth),
};
const rotr = (l, n) => {
  op.get(l);
  op.const(n);
  op.rotr();
};
// sigma(x) = rotr(x, p) ^ rotr(x, q) ^ (rotr|shr)(x, r)
const sigma = (l, p, q, r, lastIsShift) => {
  rotr(l, p);
  rotr(l, q);
  op.xor();
  op.get(l);
  op.const(r);
  if (lastIsShift) op.shru();
  else op.rotr();
  op.xor();
};
const v = (k) => A + k; // a..h
// adds sigma(W at I + at) for the message schedule (its last term a shift)
const addScheduleSigma = (at, p, q, r) => {
  op.get(I);
  op.load(W_AT + at);
  op.set(X);
  sigma(X, p, q, r, true);
  op.add();
};
// closes a loop over I: i += step, again while i < limit
const loopNext = (step, limit) => {
  op.get(I);
  op.const(step);
  op.add();
  op.tee(I);
  op.const(limit);
  op.ltu();
  op.brIf(0);
  op.end();
};

// end = ptr + n * 64
op.get(PTR);
op.get(END);
op.const(64);
op.mul();
op.add();
op.set(END);
op.loop(); // per block
{
  // W[0..15] = big-endian words of the block: bswap(x) = (rotl(x,8) & 0x00ff00ff) | (rotr(x,8) & 0xff00ff00)
  op.const(0);
  op.set(I);
  op.loop();
  op.get(I); // store address
  op.get(PTR);
  op.get(I);
  op.add();
  op.load(0);
  op.tee(X);
  op.const(8);
  op.rotl();
  op.const(0x00ff00ff);
  op.and();
  op.get(X);
  op.const(8);
  op.rotr();
  op.const(0xff00ff00);
  op.and();
  op.or();
  op.store(W_AT);
  loopNext(4, 64);
  // W[16..63]: i is the byte offset of W[t]
  op.loop();
  op.get(I);
  op.get(I);
  op.load(W_AT - 64); // W[t-16]
  addScheduleSigma(-60, 7, 18, 3); // s0(W[t-15])
  op.get(I);
  op.load(W_AT - 28);
  op.add(); // W[t-7]
  addScheduleSigma(-8, 17, 19, 10); // s1(W[t-2])
  op.store(W_AT);
  loopNext(4, 256);
  // a..h = H
  for (let k = 0; k < 8; k++) {
    op.const(0);
    op.load(H_AT + 4 * k);
    op.set(v(k));
  }
  // 64 rounds. UNROLL 8: eight per iteration with the roles of a..h rotating (no moves);
  // UNROLL 1: one per iteration, then the variables move down (smaller module)
  const UNROLL = Number(process.env.SHA_UNROLL ?? 8); // 1: 548 bytes, ~10 % slower
  op.const(0);
  op.set(I);
  op.loop();
  for (let r = 0; r < UNROLL; r++) {
    const [a, b, c, d, e, f, g, h] = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => v((k - r + 8) % 8));
    // t1 = h + S1(e) + ch(e,f,g) + K[t] + W[t]; ch = g ^ (e & (f ^ g))
    op.get(h);
    sigma(e, 6, 11, 25, false);
    op.add();
    op.get(g);
    op.get(e);
    op.get(f);
    op.get(g);
    op.xor();
    op.and();
    op.xor();
    op.add();
    op.get(I);
    op.load(K_AT + 4 * r);
    op.add();
    op.get(I);
    op.load(W_AT + 4 * r);
    op.add();
    op.set(T1);
    // d += t1
    op.get(d);
    op.get(T1);
    op.add();
    op.set(d);
    // h = t1 + S0(a) + maj(a,b,c); maj = (a & b) | (c & (a | b))
    op.get(T1);
    sigma(a, 2, 13, 22, false);
    op.add();
    op.get(a);
    op.get(b);
    op.and();
    op.get(c);
    op.get(a);
    op.get(b);
    op.or();
    op.and();
    op.or();
    op.add();
    op.set(h);
  }
  if (UNROLL === 1) {
    // the new a is in h's variable, the new e in d's: rotate all eight by one
    op.get(v(7));
    op.set(T1);
    for (let k = 7; k > 0; k--) {
      op.get(v(k - 1));
      op.set(v(k));
    }
    op.get(T1);
    op.set(v(0));
  }
  loopNext(4 * UNROLL, 256);
  // H += a..h
  for (let k = 0; k < 8; k++) {
    op.const(0);
    op.const(0);
    op.load(H_AT + 4 * k);
    op.get(v(k));
    op.add();
    op.store(H_AT + 4 * k);
  }
  op.get(PTR);
  op.const(64);
  op.add();
  op.tee(PTR);
  op.get(END);
  op.ltu();
  op.brIf(0);
}
op.end();
op.end(); // function body

const body = [...vec([[...uleb(11), 0x7f]]), ...code]; // 11 more i32 locals
const module = [
  0x00,
  0x61,
  0x73,
  0x6d,
  0x01,
  0x00,
  0x00,
  0x00,
  ...section(1, vec([[0x60, ...vec([0x7f, 0x7f]), ...vec([])]])), // type: (i32, i32) -> ()
  ...section(3, vec([[0]])), // function 0 has type 0
  ...section(5, vec([[0x00, 2]])), // memory: min 2 pages
  ...section(
    7,
    vec([
      [...str('m'), 0x02, 0],
      [...str('b'), 0x00, 0],
    ]),
  ), // exports
  ...section(10, vec([[...uleb(body.length), ...body]])),
];
const base64 = Buffer.from(module).toString('base64');

if (process.argv.includes('--check')) {
  const source = readFileSync(new URL('../src/core/sha256-wasm.ts', import.meta.url), 'utf8');
  if (!source.includes(`'${base64}'`)) {
    console.error('src/core/sha256-wasm.ts does not embed the module this script generates; paste:');
    console.error(base64);
    process.exit(1);
  }
  console.log(`embedded module is current (${module.length} bytes)`);
} else {
  console.log(base64);
  console.error(`${module.length} bytes`);
}
