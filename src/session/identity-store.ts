/**
 * The persistent device identity (README "Verified identity"), in one IndexedDB database per
 * origin: store `certs` holds one DTLS certificate per own peer id (so the safety code between two
 * devices stays the same across sessions), store `known` the SHA-256 fingerprint each remote
 * peer showed first (trust on first use), keyed by [own id, remote id].
 *
 * Loaded on first use (identity-loader.ts). Everything read back is checked: a page or another
 * library may have written anything there. Without IndexedDB (private mode, storage blocked, a
 * foreign database of the same name) every function resolves to "nothing stored" and the Peer
 * keeps PeerJS's ephemeral certificate: the feature is off, nothing fails.
 */
const DB_NAME = 'rtc-elements-identity';
const CERTS = 'certs';
const KNOWN = 'known';
/** Remembered peers at most (over all own ids): a stranger dialling with many ids cannot grow the store without bound. */
export const MAX_KNOWN = 1000;
/** Own certificates at most: a page that makes up a new peer-id per visit does not fill the store. */
export const MAX_CERTS = 50;
/** A certificate this close to its expiry is replaced before a session starts with it. */
const RENEW_BEFORE_MS = 24 * 3600 * 1000;
/** Asked-for lifetime; browsers may grant less (then the key changes when it ends, see README). */
const LIFETIME_MS = 365 * 24 * 3600 * 1000;
const FINGERPRINT = /^sha-256 [0-9A-F]{2}(?::[0-9A-F]{2}){31}$/;
/** PeerJS's id rule, with a length cap: what may become part of a key. */
const PEER_ID = /^[A-Za-z0-9](?:[ _-]?[A-Za-z0-9])*$/;

/** What is remembered about one remote peer. */
export interface KnownPeer {
  /** "sha-256 AB:CD:…" from its SDP. */
  fingerprint: string;
  firstSeen: number;
  lastSeen: number;
  /** The user compared the safety code for this fingerprint. */
  verified: boolean;
  /**
   * This key has been seen on more than one connection (or the user verified or accepted it): the
   * peer keeps a lasting key. Only then does another key count as a change: plain PeerJS apps and
   * `no-trust-store` elements make a new key per connection, and warning about each would teach
   * users to ignore the warning.
   */
  stable: boolean;
}

export type IdentityCheck = { state: 'new' | 'same'; record: KnownPeer } | { state: 'changed'; record: KnownPeer };

export const validFingerprint = (value: unknown): value is string => typeof value === 'string' && FINGERPRINT.test(value);
const validId = (value: string): boolean => value.length <= 128 && PEER_ID.test(value);

/** A stored record, or undefined when it is missing or not one of ours (junk is treated as nothing stored). */
function knownPeer(value: unknown): KnownPeer | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { fingerprint, firstSeen, lastSeen, verified, stable } = value as Record<string, unknown>;
  if (!validFingerprint(fingerprint) || typeof firstSeen !== 'number' || !Number.isFinite(firstSeen)) return undefined;
  if (typeof lastSeen !== 'number' || !Number.isFinite(lastSeen)) return undefined;
  return { fingerprint, firstSeen, lastSeen, verified: verified === true, stable: stable === true || verified === true };
}

let opening: Promise<IDBDatabase | undefined> | undefined;

const hasStores = (db: IDBDatabase): boolean => db.objectStoreNames.contains(CERTS) && db.objectStoreNames.contains(KNOWN);

/** The database, or undefined when IndexedDB cannot be used here. */
function database(): Promise<IDBDatabase | undefined> {
  return (opening ??= openAt(undefined).then((db) => {
    if (!db) opening = undefined; // try again next time (the page may have fixed it)
    return db;
  }));
}

/**
 * Opens the database at `version` (undefined: as it is), creating our stores when missing; a
 * database of this name without them (made by someone else) is upgraded once to add them.
 */
function openAt(version: number | undefined): Promise<IDBDatabase | undefined> {
  return new Promise<IDBDatabase | undefined>((resolve) => {
    try {
      const request = indexedDB.open(DB_NAME, version);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(CERTS)) db.createObjectStore(CERTS).createIndex('used', 'used');
        if (!db.objectStoreNames.contains(KNOWN)) db.createObjectStore(KNOWN).createIndex('lastSeen', 'lastSeen');
      };
      request.onsuccess = () => {
        const db = request.result;
        if (!hasStores(db)) {
          db.close();
          resolve(version === undefined ? openAt(db.version + 1) : undefined);
          return;
        }
        // Let a page (or the user's "clear site data") delete or upgrade it: reopen next time.
        db.onversionchange = () => {
          db.close();
          opening = undefined;
        };
        db.onclose = () => {
          opening = undefined;
        };
        resolve(db);
      };
      request.onerror = () => resolve(undefined);
      request.onblocked = () => resolve(undefined);
    } catch {
      resolve(undefined); // no indexedDB at all, or open() throws (some private modes)
    }
  });
}

const result = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

const committed = (tx: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });

/** Runs `body` in one transaction on `store`; undefined (never a rejection) when storage fails. */
async function inStore<T>(store: string, mode: IDBTransactionMode, body: (store: IDBObjectStore) => Promise<T>): Promise<T | undefined> {
  try {
    const db = await database();
    if (!db) return undefined;
    const tx = db.transaction(store, mode);
    const done = committed(tx);
    done.catch(() => {}); // awaited below; a failed body must not leave it unhandled
    const value = await body(tx.objectStore(store));
    await done;
    return value;
  } catch {
    return undefined;
  }
}

const ready = new Map<string, RTCCertificate>();

/** A stored certificate record: `{certificate, used}` (when a session last started with it). */
function usable(value: unknown): RTCCertificate | undefined {
  const certificate: unknown = value && typeof value === 'object' ? (value as Record<string, unknown>).certificate : undefined;
  return typeof RTCCertificate !== 'undefined' && certificate instanceof RTCCertificate && certificate.expires - Date.now() > RENEW_BEFORE_MS
    ? certificate
    : undefined;
}

/**
 * Reads the stored certificate of `ownId` (or makes and stores one: ECDSA P-256), so that
 * readyCertificate() has it when the Peer is built. Never rejects; without storage nothing is ready.
 */
export async function prepareCertificate(ownId: string): Promise<void> {
  ready.delete(ownId);
  if (!validId(ownId) || typeof RTCPeerConnection === 'undefined') return;
  // One transaction: read it and note its use (the least recently used go when there are too many).
  const stored = await inStore(CERTS, 'readwrite', async (store) => {
    const certificate = usable(await result(store.get(ownId)));
    if (certificate) await result(store.put({ certificate, used: Date.now() }, ownId));
    return certificate;
  });
  if (stored) {
    ready.set(ownId, stored);
    return;
  }
  if (!(await database())) return; // no storage: PeerJS's ephemeral certificate, as before
  try {
    const params = { name: 'ECDSA', namedCurve: 'P-256', expires: LIFETIME_MS };
    const fresh = await RTCPeerConnection.generateCertificate(params);
    // Another tab may have stored one meanwhile: the first one stored wins.
    const kept = await inStore(CERTS, 'readwrite', async (store) => {
      const other = usable(await result(store.get(ownId)));
      if (other) return other;
      await result(store.put({ certificate: fresh, used: Date.now() }, ownId));
      await trim(store, 'used', MAX_CERTS, () => true);
      return fresh;
    });
    if (kept) ready.set(ownId, kept);
  } catch {
    /* no certificate: ephemeral */
  }
}

/** The certificate prepareCertificate() found or made for `ownId`, as RTCConfiguration members. */
export function certificates(ownId: string): { certificates: RTCCertificate[] } | undefined {
  const certificate = ready.get(ownId);
  return certificate && { certificates: [certificate] };
}

const key = (ownId: string, remote: string): string[] => [ownId, remote];

/**
 * Compares `fingerprint` (of a connection not checked before) with the one remembered for
 * `remote`: none remembered → remember it (trust on first use); the same → fine (lastSeen moves,
 * and the key counts as lasting); another → `changed` if the remembered key was lasting (it stays
 * until acceptIdentity()), else the new one replaces it. Undefined when storage is unavailable or
 * the input is not valid.
 */
export async function checkPeer(ownId: string, remote: string, fingerprint: string): Promise<IdentityCheck | undefined> {
  if (!validId(ownId) || !validId(remote) || !validFingerprint(fingerprint)) return undefined;
  return inStore(KNOWN, 'readwrite', async (store): Promise<IdentityCheck> => {
    const stored = knownPeer(await result(store.get(key(ownId, remote))));
    if (stored && stored.fingerprint !== fingerprint && stored.stable) return { state: 'changed', record: stored };
    const now = Date.now();
    const same = stored?.fingerprint === fingerprint;
    const record: KnownPeer = same
      ? { ...stored, lastSeen: now, stable: true }
      : { fingerprint, firstSeen: now, lastSeen: now, verified: false, stable: false };
    await result(store.put(record, key(ownId, remote)));
    if (!stored) await evictKnown(store);
    return { state: same ? 'same' : 'new', record };
  });
}

/**
 * Keeps the store at MAX_KNOWN records: the least recently seen go first, unverified ones before
 * verified ones (so a flood of strangers cannot push out the peers the user has verified).
 */
async function evictKnown(store: IDBObjectStore): Promise<void> {
  if (await trim(store, 'lastSeen', MAX_KNOWN, (value) => knownPeer(value)?.verified !== true)) await trim(store, 'lastSeen', MAX_KNOWN, () => true);
}

/**
 * Deletes records of `store` that `may` allow, oldest by `index` first, until at most `max`
 * remain. Records without the index's field (junk) go first. True when still too many.
 */
async function trim(store: IDBObjectStore, index: string, max: number, may: (value: unknown) => boolean): Promise<boolean> {
  const total = await result(store.count());
  let excess = total - max;
  if (excess <= 0) return false;
  // Junk (no such field, so not in the index) is looked for only when there is some.
  if ((await result(store.index(index).count())) < total)
    excess -= await sweep(
      store.openCursor(),
      excess,
      (value) => !value || typeof value !== 'object' || typeof (value as Record<string, unknown>)[index] !== 'number',
    );
  if (excess > 0) excess -= await sweep(store.index(index).openCursor(), excess, may);
  return excess > 0;
}

/** Deletes up to `count` records the cursor walks over that `may` allows; resolves with how many. */
function sweep(cursors: IDBRequest<IDBCursorWithValue | null>, count: number, may: (value: unknown) => boolean): Promise<number> {
  let deleted = 0;
  return new Promise((resolve, reject) => {
    cursors.onerror = () => reject(cursors.error ?? new Error('IndexedDB cursor failed'));
    cursors.onsuccess = () => {
      const cursor = cursors.result;
      if (!cursor || deleted >= count) return resolve(deleted);
      if (may(cursor.value)) {
        cursor.delete();
        deleted++;
      }
      cursor.continue();
    };
  });
}

/** Remembers `fingerprint` for `remote` (accepting a new key, or marking the current one verified). */
export async function remember(ownId: string, remote: string, fingerprint: string, verified: boolean): Promise<boolean> {
  if (!validId(ownId) || !validId(remote) || !validFingerprint(fingerprint)) return false;
  const done = await inStore(KNOWN, 'readwrite', async (store) => {
    const stored = knownPeer(await result(store.get(key(ownId, remote))));
    const now = Date.now();
    const firstSeen = stored?.fingerprint === fingerprint ? stored.firstSeen : now;
    await result(store.put({ fingerprint, firstSeen, lastSeen: now, verified, stable: true } satisfies KnownPeer, key(ownId, remote)));
    if (!stored) await evictKnown(store);
    return true;
  });
  return done === true;
}

/** What is remembered for `remote`, if anything valid. */
export async function recall(ownId: string, remote: string): Promise<KnownPeer | undefined> {
  if (!validId(ownId) || !validId(remote)) return undefined;
  return knownPeer(await inStore(KNOWN, 'readonly', (store) => result(store.get(key(ownId, remote)))));
}

/** Forgets `remote` (or, without it, every peer `ownId` has talked to). The certificate stays. */
export async function forget(ownId: string, remote?: string): Promise<boolean> {
  // [ownId] < [ownId, any string] < [ownId, []]: arrays sort after strings.
  const range = remote === undefined ? IDBKeyRange.bound([ownId], [ownId, []]) : key(ownId, remote);
  const done = await inStore(KNOWN, 'readwrite', async (store) => {
    await result(store.delete(range));
    return true;
  });
  return done === true;
}
