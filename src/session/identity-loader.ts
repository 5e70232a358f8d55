import { lazyModule } from '../core/lazy.js';

/** identity-store.ts, loaded when the first session with a persistent identity starts. */
export const loadIdentityStore = lazyModule(() => import('./identity-store.js'));

/**
 * For a session that keeps a persistent identity (an explicit peer id, no `no-trust-store`): a
 * promise that reads (or makes) its certificate before the Peer is built. Never rejects: when the
 * code or IndexedDB is not there, the Peer keeps PeerJS's ephemeral certificate.
 */
export function identityReady({ identity, peerId }: { identity?: boolean; peerId?: string }): Promise<void> | undefined {
  return identity && peerId
    ? loadIdentityStore()
        .then((store) => store.prepareCertificate(peerId))
        .catch(() => {})
    : undefined;
}
