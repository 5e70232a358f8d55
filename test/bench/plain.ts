// Plain RTCDataChannel (no PeerJS) in the same page: the ceiling for file throughput and the
// baseline for chat round trips. Two RTCPeerConnections, offer/answer and candidates handed
// over directly, iceServers: [] (host candidates only, like the element benchmarks).
import { MiB, KiB, browserCpuMs, once, withTimeout } from './util.js';

export interface PlainPair {
  a: RTCPeerConnection;
  b: RTCPeerConnection;
  /** Sender side channels (in creation order) and the matching receiver side ones. */
  send: RTCDataChannel[];
  recv: RTCDataChannel[];
  close(): void;
}

export async function plainPair(channels = 1, init: RTCDataChannelInit = { ordered: true }): Promise<PlainPair> {
  const a = new RTCPeerConnection({ iceServers: [] });
  const b = new RTCPeerConnection({ iceServers: [] });
  a.onicecandidate = (e) => {
    if (e.candidate) b.addIceCandidate(e.candidate).catch(() => {});
  };
  b.onicecandidate = (e) => {
    if (e.candidate) a.addIceCandidate(e.candidate).catch(() => {});
  };
  const send: RTCDataChannel[] = [];
  for (let i = 0; i < channels; i++) send.push(a.createDataChannel(`bench-${i}`, init));
  const byLabel = new Map<string, RTCDataChannel>();
  const allArrived = new Promise<void>((resolve) => {
    b.ondatachannel = (e) => {
      byLabel.set(e.channel.label, e.channel);
      if (byLabel.size === channels) resolve();
    };
  });
  await a.setLocalDescription(await a.createOffer());
  await b.setRemoteDescription(a.localDescription!);
  await b.setLocalDescription(await b.createAnswer());
  await a.setRemoteDescription(b.localDescription!);
  await withTimeout(allArrived, 15000, 'plain data channels');
  await Promise.all(send.map((dc) => (dc.readyState === 'open' ? undefined : once(dc, 'open'))));
  const recv = send.map((dc) => byLabel.get(dc.label)!);
  await Promise.all(recv.map((dc) => (dc.readyState === 'open' ? undefined : once(dc, 'open'))));
  return {
    a,
    b,
    send,
    recv,
    close: () => {
      a.close();
      b.close();
    },
  };
}

export interface PipeSettings {
  /** Bytes per send(). Chromium's SCTP max message size is 256 KiB. */
  chunk: number;
  /** Wait for `bufferedamountlow` when bufferedAmount is above this (Chromium closes the channel past 16 MiB). */
  high: number;
  /** bufferedAmountLowThreshold. */
  low: number;
  /** Channels per RTCPeerConnection, used round-robin (each with its own backpressure). */
  channels: number;
  /** Independent RTCPeerConnection pairs (separate SCTP associations); default 1. */
  pcs?: number;
  /** Receiver's binaryType. */
  binaryType: BinaryType;
  ordered: boolean;
  /** Read the file in slices of this size (Blob.arrayBuffer), sending chunk-sized views of each. */
  readSize: number;
  /** 'blob': read from the payload Blob and assemble a Blob at the receiver (what a file transfer does);
   *  'memory': send views of an in-memory buffer and only count bytes at the receiver (the bare pipe). */
  source: 'blob' | 'memory';
}

/** Best settings found by the exploration (see BENCHMARKS.md); used for the ceiling row. */
export const BEST_PLAIN: PipeSettings = {
  chunk: 256 * KiB, // = Chromium's sctp.maxMessageSize; cap at the remote's maxMessageSize in real code
  high: 1 * MiB,
  low: 256 * KiB,
  channels: 1,
  binaryType: 'arraybuffer',
  ordered: true,
  readSize: 8 * MiB, // two focused runs: ~+10 % MiB/s over 1 MiB reads, slightly less CPU
  source: 'blob',
};

export interface TransferResult {
  ms: number;
  mibps: number;
  bytes: number;
  /** Browser CPU (all processes) per MiB moved, ms; NaN when unknown. */
  cpuMsPerMiB: number;
  maxMessageSize?: number;
}

/** Sends `payload` over a fresh plain channel pair with `s`; timed from the first read to the
 *  receiver holding the whole file (a Blob for source 'blob'). */
export async function plainTransfer(payload: { blob: Blob; bytes: Uint8Array<ArrayBuffer> }, s: PipeSettings): Promise<TransferResult> {
  const pairs = await Promise.all(Array.from({ length: s.pcs ?? 1 }, () => plainPair(s.channels, { ordered: s.ordered })));
  const pair = { a: pairs[0].a, send: pairs.flatMap((p) => p.send), recv: pairs.flatMap((p) => p.recv) };
  try {
    const total = payload.blob.size;
    for (const dc of pair.recv) dc.binaryType = s.binaryType;
    for (const dc of pair.send) dc.bufferedAmountLowThreshold = s.low;
    const parts: Array<ArrayBuffer | Blob> = [];
    let got = 0;
    let file: Blob | undefined;
    const received = new Promise<number>((resolve) => {
      const onMessage = (e: MessageEvent) => {
        const d = e.data as ArrayBuffer | Blob;
        got += d instanceof Blob ? d.size : d.byteLength;
        if (s.source === 'blob') parts.push(d);
        if (got >= total) {
          if (s.source === 'blob') file = new Blob(parts, { type: payload.blob.type });
          resolve(performance.now());
        }
      };
      for (const dc of pair.recv) dc.onmessage = onMessage;
    });
    const read = (offset: number): Promise<Uint8Array<ArrayBuffer>> =>
      s.source === 'blob'
        ? payload.blob
            .slice(offset, Math.min(total, offset + s.readSize))
            .arrayBuffer()
            .then((b) => new Uint8Array(b))
        : Promise.resolve(payload.bytes.subarray(offset, Math.min(total, offset + s.readSize)));
    const c0 = await browserCpuMs();
    const t0 = performance.now();
    let next = read(0);
    let turn = 0;
    for (let offset = 0; offset < total;) {
      const slice = await next;
      offset += slice.byteLength;
      if (offset < total) next = read(offset); // read ahead while this slice is sent
      for (let p = 0; p < slice.byteLength; p += s.chunk) {
        const dc = pair.send[turn++ % pair.send.length];
        if (dc.bufferedAmount > s.high) await once(dc, 'bufferedamountlow');
        dc.send(slice.subarray(p, Math.min(slice.byteLength, p + s.chunk)));
      }
    }
    const t1 = await withTimeout(received, 300000, 'plain transfer');
    if (s.source === 'blob' && file?.size !== total) throw new Error(`plain transfer: received ${file?.size} of ${total} bytes`);
    const c1 = await browserCpuMs();
    const ms = t1 - t0;
    return { ms, mibps: total / MiB / (ms / 1000), bytes: total, cpuMsPerMiB: (c1 - c0) / (total / MiB), maxMessageSize: pair.a.sctp?.maxMessageSize };
  } finally {
    for (const p of pairs) p.close();
  }
}
