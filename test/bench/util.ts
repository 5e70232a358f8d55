// Small helpers shared by the benchmark files: statistics, reporting, heap and RTCPeerConnection counters.
import { executeServerCommand } from '@web/test-runner-commands';

export const MiB = 1024 * 1024;
export const KiB = 1024;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile (p in 0..1). */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

export const round = (x: number, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

/** Sends one measurement to the bench plugin (which appends it to $BENCH_OUT) and logs it. */
export async function report(kind: string, data: Record<string, unknown>): Promise<void> {
  const payload = { kind, ...data };
  console.log('BENCH ' + JSON.stringify(payload));
  await executeServerCommand('bench-result', payload);
}

/** CPU ms used so far by the whole browser process tree (see the bench config), or NaN. */
export async function browserCpuMs(): Promise<number> {
  const ms = await executeServerCommand<number | null, undefined>('bench-cpu');
  return typeof ms === 'number' ? ms : NaN;
}

/** CPU ms used so far per browser process type (renderer, network service, browser, gpu ...). */
export async function browserCpuByProcess(): Promise<Record<string, number>> {
  return (await executeServerCommand<Record<string, number> | null, undefined>('bench-cpu-detail')) ?? {};
}

/** Runs `fn` and returns its result with the browser CPU time it took, in ms. */
export async function withCpu<T>(fn: () => Promise<T>): Promise<{ result: T; cpuMs: number }> {
  const c0 = await browserCpuMs();
  const result = await fn();
  const c1 = await browserCpuMs();
  return { result, cpuMs: c1 - c0 };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Resolves on the next `type` event of `target` (no timeout: callers race it themselves). */
export function once<E extends Event = Event>(target: EventTarget, type: string): Promise<E> {
  return new Promise((resolve) => target.addEventListener(type, (e) => resolve(e as E), { once: true }));
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout (${ms} ms): ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface MemoryInfo {
  usedJSHeapSize: number;
  totalJSHeapSize: number;
}

/**
 * JS heap in use after forcing full GCs (needs --js-flags=--expose-gc; precise values need
 * --enable-precise-memory-info, both set by the bench config). NaN when unavailable.
 */
export async function settledHeap(): Promise<number> {
  const gc = (globalThis as unknown as { gc?: () => void }).gc;
  for (let i = 0; i < 4; i++) {
    gc?.();
    await sleep(50);
  }
  const memory = (performance as unknown as { memory?: MemoryInfo }).memory;
  return memory ? memory.usedJSHeapSize : NaN;
}

/** V8 heap-snapshot node types that are the page's own data (not compiled code, hidden/system or native objects). */
const JS_DATA_TYPES = ['object', 'closure', 'array', 'string', 'concatenated string', 'sliced string', 'regexp', 'number', 'symbol', 'bigint'];

export interface HeapSnapshotSummary {
  /** Bytes of JS data: objects, closures, arrays, strings ... (JS_DATA_TYPES). */
  jsData: number;
  /** Bytes of compiled code (grows while V8 optimizes: not a leak). */
  code: number;
  bytesByType: Record<string, number>;
  /** With `diff`: the biggest differences to that snapshot ("bytes count type:constructor"). */
  grew?: string[];
}

/**
 * Takes a heap snapshot through the bench plugin (CDP, after a GC) and sums it by node type;
 * with `diff` (an earlier label) also lists what grew since.
 */
export async function heapSnapshot(label: string, diff?: string, top = 12): Promise<HeapSnapshotSummary> {
  const r = await executeServerCommand<{ bytesByType: Record<string, number>; grew?: string[] }, object>('bench-heap', { label, diff, top });
  const bytesByType = r.bytesByType;
  return { jsData: JS_DATA_TYPES.reduce((sum, t) => sum + (bytesByType[t] ?? 0), 0), code: bytesByType.code ?? 0, bytesByType, grew: r.grew };
}

export const canForceGc = () => typeof (globalThis as unknown as { gc?: unknown }).gc === 'function';

// ---- RTCPeerConnection counter (benchmark instrumentation) ----

const pcRefs: Array<WeakRef<RTCPeerConnection>> = [];
const closedPcs = new WeakSet<RTCPeerConnection>();
let pcCreated = 0;
let pcClosed = 0;
let installed = false;

/**
 * Replaces window.RTCPeerConnection with a subclass that counts constructions and close() calls
 * and keeps a WeakRef to each instance (no strong reference: it must not itself keep them alive).
 * PeerJS looks the global up at call time, so connections made after this are counted.
 */
export function installPcCounter(): void {
  if (installed) return;
  installed = true;
  const Base = window.RTCPeerConnection;
  class CountedRTCPeerConnection extends Base {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      pcCreated++;
      pcRefs.push(new WeakRef(this));
    }

    override close(): void {
      if (!closedPcs.has(this)) {
        closedPcs.add(this);
        pcClosed++;
      }
      super.close();
    }
  }
  window.RTCPeerConnection = CountedRTCPeerConnection;
}

export interface PcCounts {
  /** Constructed since install. */
  created: number;
  /** close() called (once per instance). */
  closed: number;
  /** Still reachable and not in signalingState 'closed'. */
  open: number;
  /** Still reachable (not garbage-collected), open or closed. */
  alive: number;
}

export function pcCounts(): PcCounts {
  let open = 0;
  let alive = 0;
  for (let i = pcRefs.length - 1; i >= 0; i--) {
    const pc = pcRefs[i].deref();
    if (!pc) {
      pcRefs.splice(i, 1);
      continue;
    }
    alive++;
    if (pc.signalingState !== 'closed') open++;
  }
  return { created: pcCreated, closed: pcClosed, open, alive };
}

/** A payload Blob of `bytes` random bytes (incompressible, like a real file). */
export function makePayload(bytes: number): { blob: Blob; bytes: Uint8Array<ArrayBuffer> } {
  const data = new Uint8Array(bytes);
  for (let offset = 0; offset < bytes; offset += 65536) crypto.getRandomValues(data.subarray(offset, Math.min(bytes, offset + 65536)));
  return { blob: new Blob([data], { type: 'application/octet-stream' }), bytes: data };
}
