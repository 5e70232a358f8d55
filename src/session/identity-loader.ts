import { lazyModule } from '../core/lazy.js';

/** identity-store.ts, loaded when the first session with a persistent identity starts. */
export const loadIdentityStore = lazyModule(() => import('./identity-store.js'));

/**
 * For a session that keeps a persistent identity (an explicit peer id, no `no-trust-store`): a
 * promise that reads (or makes) its certificate before the Peer is built. Never rejects: when the
 * code or IndexedDB is not there, the Peer keeps PeerJS's ephemeral certificate.
 */
export function identityReady(options: { identity?: boolean; peerId?: string }): Promise<void> | undefined {
  const id = options.identity ? options.peerId : undefined;
  return id ? loadIdentityStore().then((store) => store.prepareCertificate(id)).catch(() => {}) : undefined;
}
