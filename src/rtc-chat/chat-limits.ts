/**
 * Every limit <rtc-chat> puts on what a remote peer can make it hold or do, in one place (issue
 * 15, "Trust boundary"). A peer is anyone who got past `allow`: on a public broker possibly a
 * stranger. Each number says why it is what it is.
 */

/**
 * Message times (ms since the epoch) outside [MIN_TIME, MAX_TIME] are invalid: the message is
 * dropped with `invalid-data`. 1970 to 2100 holds every time a working or reset clock gives, and
 * keeps far from the ±8.64e15 ms a Date can hold (beyond it toISOString() throws while rendering).
 * A time ahead of our own clock is within the window but shown as "now": a fast peer clock is
 * common, and our clock can be the wrong one, so it is clamped rather than refused.
 */
export const MIN_TIME = 0;
export const MAX_TIME = Date.UTC(2100, 0, 1);

/** Ids (messages, transfers): 1-64 of [A-Za-z0-9_-]; our own ids are 24 hex digits. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Ids in one receipt (`ack`, `read`, or riding on a `msg`); senders batch at most this many. */
export const MAX_IDS = 500;

/**
 * Received message ids remembered per peer for duplicate suppression. An honest sender resends
 * at most its whole outbox (OUTBOX_LIMIT, delivery.ts) after a reconnect, so this many suffice;
 * one peer cannot push out another's ids.
 */
export const SEEN_PER_PEER = 5000;
/** ...and in total: a full room (6 members) each with a full outbox; ~3 MB of keys at most. */
export const SEEN_TOTAL = 6 * SEEN_PER_PEER;

/**
 * Peers whose rate bucket, flood gap and resend pacing are kept. They outlive a disconnect (else
 * reconnecting would refill a flooder's bucket); this caps them: the least recently used goes,
 * and such a peer just starts with a full bucket again.
 */
export const MAX_TRACKED_PEERS = 64;

/**
 * Resends of already sent, unacknowledged messages to one peer happen at most once per this
 * interval, whatever asks for them (a hello, a reconnect, the retransmission timer); what follows
 * them waits, in order. A peer can thus not make us send its whole backlog again on demand. 1 s is
 * short next to the 3 s retransmission timer, so a real reconnect is barely delayed.
 */
export const RESEND_INTERVAL_MS = 1000;

/**
 * A peer's typing state changes at most once per this interval; faster changes are folded into
 * the last one (applied when the interval ends). An honest sender notifies every 2 s at most.
 */
export const TYPING_CHANGE_MS = 500;

/**
 * Incoming file transfers (offered, waiting for consent, or running) per peer, and in total.
 * Each running one holds up to 8 MiB of unfolded chunks plus a hash state; three per peer is more
 * than a person sends at once by hand, and leaves room for the others of a room in the total.
 */
export const MAX_INCOMING_PER_PEER = 3;
export const MAX_INCOMING_TOTAL = 8;

/**
 * An accepted incoming transfer that receives no bytes for this long is failed (`file-failed`)
 * and its memory freed. Generous: a congested link still moves a chunk within seconds. Pages
 * can change it in `fileTransfers.tuning.stallTimeout`.
 */
export const STALL_TIMEOUT_MS = 30000;

/** Default `confirm-file-size`: offers above 25 MiB wait for the user's Accept. */
export const DEFAULT_CONFIRM_FILE_SIZE = 25 * 1024 * 1024;
/** Largest file accepted from a peer by default (`max-file-size`): 2 GiB. */
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024 * 1024;

/** Longest raw file name and MIME type accepted in an offer (names are then cut to 200 characters). */
export const MAX_FILE_NAME = 1024;
export const MAX_MIME = 255;

/** PeerJS's JSON channel refuses encoded messages of 16300 bytes or more; leave room for the envelope. */
export const JSON_CHANNEL_LIMIT = 16000;
