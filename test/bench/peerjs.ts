// Bare PeerJS (what a page author writes by hand): the baselines for connect time and file throughput.
import { Peer, type DataConnection, type PeerConnectOption } from 'peerjs';
import { PEER_HOST, PEER_PORT, PEER_PATH } from '/__peer-config.js';
import { MiB, browserCpuMs, withTimeout } from './util.js';
import type { TransferResult } from './plain.js';

export const peerOptions = { host: PEER_HOST, port: PEER_PORT, path: PEER_PATH, secure: false, debug: 0, config: { iceServers: [] } };

export function openPeer(id: string): Promise<Peer> {
  return withTimeout(
    new Promise<Peer>((resolve, reject) => {
      const peer = new Peer(id, peerOptions);
      peer.once('open', () => resolve(peer));
      peer.once('error', reject);
    }),
    15000,
    `peer ${id} open`,
  );
}

/** Dials b from a and resolves once both ends are open. */
export async function connectPair(a: Peer, b: Peer, options?: PeerConnectOption): Promise<[DataConnection, DataConnection]> {
  const inbound = new Promise<DataConnection>((resolve) => b.once('connection', resolve));
  const out = a.connect(b.id, options);
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      out.once('open', resolve);
      out.once('error', reject);
    }),
    15000,
    'peerjs open',
  );
  const inc = await withTimeout(inbound, 15000, 'peerjs inbound');
  if (!inc.open) await withTimeout(new Promise<void>((resolve) => inc.once('open', resolve)), 15000, 'peerjs inbound open');
  return [out, inc];
}

/** Closes a connection and waits until the other end saw it close too. */
export async function closePair(out: DataConnection, inc: DataConnection): Promise<void> {
  const remoteClosed = inc.open ? new Promise<void>((resolve) => inc.once('close', () => resolve())) : Promise.resolve();
  out.close();
  await withTimeout(remoteClosed, 10000, 'peerjs remote close');
}

/**
 * 64 KiB ArrayBuffer chunks read from the file, each `conn.send()`-ed on a default
 * `peer.connect()` (serialization 'binary', reliable: false): what a page author gets by hand.
 * PeerJS splits each chunk into 16300-byte msgpack pieces and queues when bufferedAmount > 8 MiB.
 */
export async function peerjsTransfer(
  a: Peer,
  b: Peer,
  payload: Blob,
  chunk = 64 * 1024,
  options?: PeerConnectOption,
): Promise<TransferResult & { receivedType: string }> {
  const [out, inc] = await connectPair(a, b, options);
  try {
    const total = payload.size;
    const parts: BlobPart[] = [];
    let got = 0;
    let receivedType = '';
    let file: Blob | undefined;
    const received = new Promise<number>((resolve) => {
      inc.on('data', (d) => {
        const data = d as ArrayBuffer | Uint8Array;
        receivedType ||= Object.prototype.toString.call(data);
        parts.push(data as BlobPart);
        got += data.byteLength;
        if (got >= total) {
          file = new Blob(parts);
          resolve(performance.now());
        }
      });
    });
    const readSize = 1 * MiB;
    const c0 = await browserCpuMs();
    const t0 = performance.now();
    for (let offset = 0; offset < total; offset += readSize) {
      const slice = await payload.slice(offset, Math.min(total, offset + readSize)).arrayBuffer();
      for (let p = 0; p < slice.byteLength; p += chunk) out.send(slice.slice(p, Math.min(slice.byteLength, p + chunk)));
    }
    const t1 = await withTimeout(received, 300000, 'peerjs transfer');
    if (file?.size !== total) throw new Error(`peerjs transfer: received ${file?.size} of ${total} bytes`);
    const c1 = await browserCpuMs();
    const ms = t1 - t0;
    return { ms, mibps: total / MiB / (ms / 1000), bytes: total, cpuMsPerMiB: (c1 - c0) / (total / MiB), receivedType };
  } finally {
    await closePair(out, inc).catch(() => {});
  }
}
