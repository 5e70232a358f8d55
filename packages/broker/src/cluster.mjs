// Redis mode: the PeerJS WebSocket protocol (the one PeerServer speaks: OPEN, ID-TAKEN, ERROR,
// HEARTBEAT, OFFER, ANSWER, CANDIDATE, LEAVE, EXPIRE) served by any number of broker instances that
// share one Redis or Valkey, so they act as one broker.
//
// State in Redis (P = prefix, e.g. "rtc-broker:/myapp:peerjs:"):
//   P inst:<instance>  "1", PX instanceTtl, refreshed every instanceTtl/3: the instance is alive.
//   P peer:<id>        "<instance> <token hash>", PX peerTtl, refreshed every peerTtl/3. An id is
//                      taken if its key exists, holds another token and its instance is alive;
//                      a dead instance's ids are free at once (its inst key lapsed) and their keys
//                      are gone after peerTtl.
//   P q:<id>           list of "<epoch ms> <message JSON>" for a peer connected nowhere; drained
//                      when it registers, or popped by the queuing instance after expireTimeout
//                      (the sender then gets EXPIRE, as from PeerServer).
//   P ch:<instance>    pub/sub channel of an instance: "<epoch ms> <message JSON>" to deliver (from
//                      the routing script), "b<epoch ms> <sending instance>\n" then records
//                      "<n> <dst JSON><n> <src JSON><n> <message JSON>" (n: lengths; a batch of one
//                      tick's messages to that instance, one PUBLISH), or "k <id>": that id
//                      registered elsewhere with its token, drop the socket.
// Each decision (claim an id, route a message, expire a queue) is one Lua script: atomic, one
// round trip. Scripts build key names from the prefix, so this needs one Redis (or a primary with
// replicas), not Redis Cluster.
import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import { Redis } from 'ioredis';
import { CLOSE, createRateLimiter } from './limits.mjs';

const RELAY_TYPES = new Set(['OFFER', 'ANSWER', 'CANDIDATE', 'LEAVE', 'EXPIRE']);
const MAX_ID_LENGTH = 512;
const MAX_QUEUE = 256;
const MAX_EARLY_FRAMES = 32;
/** A batch (one PUBLISH) goes out once it is this long, without waiting for the end of the tick. */
const MAX_BATCH_CHARS = 256 * 1024;

const CLAIM = `
local mine = ARGV[1] .. ' ' .. ARGV[2]
local v = redis.call('GET', KEYS[1])
if v and v ~= mine then
  local sp = string.find(v, ' ', 1, true)
  local owner = string.sub(v, 1, sp - 1)
  local token = string.sub(v, sp + 1)
  local alive = owner ~= ARGV[1] and redis.call('EXISTS', ARGV[4] .. 'inst:' .. owner) == 1
  if token ~= ARGV[2] then
    if alive then return {'taken'} end
  elseif alive then
    redis.call('PUBLISH', ARGV[4] .. 'ch:' .. owner, 'k ' .. ARGV[5])
  end
end
redis.call('SET', KEYS[1], mine, 'PX', ARGV[3])
local q = redis.call('LRANGE', KEYS[2], 0, -1)
if #q > 0 then redis.call('DEL', KEYS[2]) end
table.insert(q, 1, 'ok')
return q
`;

const ROUTE = `
if ARGV[7] ~= '1' then
  local v = redis.call('GET', KEYS[1])
  if v then
    local owner = string.sub(v, 1, string.find(v, ' ', 1, true) - 1)
    if owner ~= ARGV[3] and redis.call('EXISTS', ARGV[1] .. 'inst:' .. owner) == 1 then
      if redis.call('PUBLISH', ARGV[1] .. 'ch:' .. owner, ARGV[2]) > 0 then return 'sent ' .. owner end
    end
  end
end
if ARGV[4] == '1' then
  redis.call('RPUSH', KEYS[2], ARGV[2])
  redis.call('LTRIM', KEYS[2], -tonumber(ARGV[6]), -1)
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
  return 'queued'
end
return 'dropped'
`;

const EXPIRE = `
local out = {0}
local cutoff = tonumber(ARGV[1])
while true do
  local e = redis.call('LINDEX', KEYS[1], 0)
  if not e then break end
  local t = tonumber(string.match(e, '^([%d%.]+) '))
  if t and t > cutoff then break end
  redis.call('LPOP', KEYS[1])
  table.insert(out, e)
end
out[1] = redis.call('LLEN', KEYS[1])
return out
`;

// ARGV: prefix, instance, ttl, then id, token hash pairs. Re-creates lapsed keys (a Redis restart
// lost them) and returns the ids another connection took meanwhile.
const REFRESH = `
local lost = {}
for i = 4, #ARGV, 2 do
  local k = ARGV[1] .. 'peer:' .. ARGV[i]
  local mine = ARGV[2] .. ' ' .. ARGV[i + 1]
  local v = redis.call('GET', k)
  if v == mine then redis.call('PEXPIRE', k, ARGV[3])
  elseif not v then redis.call('SET', k, mine, 'PX', ARGV[3])
  else table.insert(lost, ARGV[i]) end
end
return lost
`;

// ARGV: prefix, instance, then id, token hash pairs: deletes the keys still holding them.
const RELEASE = `
local n = 0
for i = 3, #ARGV, 2 do
  local k = ARGV[1] .. 'peer:' .. ARGV[i]
  if redis.call('GET', k) == ARGV[2] .. ' ' .. ARGV[i + 1] then redis.call('DEL', k); n = n + 1 end
end
return n
`;

const ERRORS = Object.freeze({
  params: 'No id, token, or key supplied to websocket server',
  key: 'Invalid key provided',
  limit: 'Server has reached its concurrent user limit',
  long: `The id and token must be at most ${MAX_ID_LENGTH} characters`,
  redis: 'The broker cannot reach its Redis store right now; try again',
});

const epochMs = () => performance.timeOrigin + performance.now();
const hashToken = (token) => createHash('sha256').update(token).digest('base64url').slice(0, 22);

function newInstanceId() {
  const host =
    os
      .hostname()
      .replace(/[^A-Za-z0-9.-]/g, '-')
      .slice(0, 40) || 'host';
  return `${host}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** Connects to Redis (rejects with a clear error if it cannot) and returns the relay. */
export async function createClusterRelay(o, { metrics, events, clients, emitError }) {
  const instance = o.instanceId ?? newInstanceId();
  const prefix = o.redisPrefix;
  const peerTtl = o.peerTtl;
  const instanceTtl = o.instanceTtl;
  const queueTtl = o.expireTimeout * 3 + 1000;
  const shown = redactUrl(o.redis);

  const redisOptions = {
    lazyConnect: true,
    // Fail fast while Redis is away (the caller answers ERROR / EXPIRE), instead of queueing.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    retryStrategy: (times) => Math.min(100 * times, 1000),
  };
  // No enableAutoPipelining: it holds every command back while the previous pipeline awaits its
  // replies (a round trip added to relay latency under load); relaying batches on its own.
  const redis = new Redis(o.redis, redisOptions);
  const sub = new Redis(o.redis, { ...redisOptions, enableOfflineQueue: true });
  for (const [name, lua, keys] of [
    ['rtcClaim', CLAIM, 2],
    ['rtcRoute', ROUTE, 2],
    ['rtcExpire', EXPIRE, 1],
    ['rtcRefresh', REFRESH, 0],
    ['rtcRelease', RELEASE, 0],
  ]) {
    redis.defineCommand(name, { numberOfKeys: keys, lua });
  }

  let up = false;
  const setUp = (value, error) => {
    if (up === value) return;
    up = value;
    events.emit('redis', value ? { up: true } : { up: false, error: error ? String(error.message ?? error) : 'connection closed' });
  };
  let lastRedisError;
  redis.on('error', (e) => {
    lastRedisError = e;
  });
  sub.on('error', () => {});
  redis.on('close', () => setUp(false, lastRedisError));

  try {
    await Promise.all([redis.connect(), sub.connect()]);
    await sub.subscribe(`${prefix}ch:${instance}`);
    await redis.set(`${prefix}inst:${instance}`, '1', 'PX', instanceTtl);
  } catch (error) {
    redis.disconnect();
    sub.disconnect();
    const why = lastRedisError ?? error;
    const e = new Error(`cannot reach Redis at ${shown}: ${why.code ?? why.message}`, { cause: why });
    e.code = 'REDIS_UNAVAILABLE';
    throw e;
  }
  setUp(true);
  redis.on('ready', () => {
    setUp(true);
    // Back after an outage (maybe a restarted, empty Redis): say so at once.
    heartbeat();
    refresh();
  });

  /** id -> record of the connection holding it here. */
  const local = new Map();
  /** Ids whose queue this instance filled: id -> when to look for expired entries. */
  const pending = new Map();
  const sockets = new Set();
  /** id -> token hash of a registration in flight here (two at once for one id: the first wins). */
  const claiming = new Map();
  let pendingClaims = 0;
  let closed = false;

  const relayedLocal = metrics.relayed.bind({ scope: 'local' });
  const relayedRemote = metrics.relayed.bind({ scope: 'remote' });
  const latencyLocal = metrics.latency.bind({ scope: 'local' });
  const latencyRemote = metrics.latency.bind({ scope: 'remote' });

  const peerKey = (id) => `${prefix}peer:${id}`;
  const queueKey = (id) => `${prefix}q:${id}`;

  function refuse(ws, reason, message, type = 'ERROR') {
    metrics.refused.inc({ reason });
    try {
      ws.send(JSON.stringify(type === 'ERROR' ? { type, payload: { msg: message } } : { type, payload: { msg: 'ID is taken' } }));
    } finally {
      ws.close();
    }
  }

  function handle(ws, req) {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', (error) => emitError(error));
    const { searchParams } = new URL(req.url ?? '', 'http://broker');
    const id = searchParams.get('id');
    const token = searchParams.get('token');
    const key = searchParams.get('key');
    if (!id || !token || !key) return refuse(ws, 'invalid_params', ERRORS.params);
    if (id.length > MAX_ID_LENGTH || token.length > MAX_ID_LENGTH) return refuse(ws, 'invalid_params', ERRORS.long);
    if (key !== o.key) return refuse(ws, 'invalid_key', ERRORS.key);
    const tokenHash = hashToken(token);
    const existing = local.get(id);
    if (existing && existing.tokenHash !== tokenHash) return refuse(ws, 'id_taken', '', 'ID-TAKEN');
    if (claiming.has(id)) {
      // Redis would see this instance as the owner and let either through: decide here.
      return refuse(
        ws,
        claiming.get(id) === tokenHash ? 'invalid_params' : 'id_taken',
        'A registration for this id is already in progress',
        claiming.get(id) === tokenHash ? 'ERROR' : 'ID-TAKEN',
      );
    }
    if (!existing && local.size + pendingClaims >= o.concurrentLimit) return refuse(ws, 'concurrent_limit', ERRORS.limit);

    const record = {
      id,
      tokenHash,
      ws,
      ready: false,
      closed: false,
      kicked: false,
      lastPing: Date.now(),
      early: [],
      limiter: createRateLimiter(o.maxMessagesPerSecond, o.messageBurst),
    };
    ws.on('message', (data) => onFrame(record, data));
    ws.on('close', () => onClose(record));
    pendingClaims++;
    claiming.set(id, tokenHash);
    redis.rtcClaim(peerKey(id), queueKey(id), instance, tokenHash, peerTtl, prefix, id).then(
      (result) => {
        pendingClaims--;
        claiming.delete(id);
        if (result[0] !== 'ok') return refuse(ws, 'id_taken', '', 'ID-TAKEN');
        if (record.closed || closed) {
          // Gone while we asked: give the id back (and whatever was queued for it).
          if (!local.has(id)) redis.rtcRelease(prefix, instance, id, tokenHash).catch(() => {});
          return undefined;
        }
        registered(record, result.slice(1));
        return undefined;
      },
      () => {
        pendingClaims--;
        claiming.delete(id);
        refuse(ws, 'redis_unavailable', ERRORS.redis);
      },
    );
    return undefined;
  }

  function registered(record, queued) {
    const previous = local.get(record.id);
    if (previous) {
      // The same peer again (its token): the new socket replaces the old one.
      previous.kicked = true;
      previous.ws.close(CLOSE.replaced, 'replaced by a newer connection');
    }
    local.set(record.id, record);
    record.ready = true;
    record.ws.send('{"type":"OPEN"}');
    metrics.registrations.inc();
    if (!previous && !clients.has(record.id)) {
      clients.add(record.id);
      events.emit('connection', record.id);
    }
    for (const entry of queued) {
      const sp = entry.indexOf(' ');
      record.ws.send(entry.slice(sp + 1));
      relayedRemote();
    }
    for (const data of record.early.splice(0)) onFrame(record, data);
  }

  function onClose(record) {
    record.closed = true;
    if (local.get(record.id) !== record) return;
    local.delete(record.id);
    if (clients.delete(record.id)) events.emit('disconnect', record.id);
    if (!record.kicked && !closed) redis.rtcRelease(prefix, instance, record.id, record.tokenHash).catch(() => {});
  }

  function onFrame(record, data) {
    if (!record.ready) {
      if (record.early.length < MAX_EARLY_FRAMES) record.early.push(data);
      else metrics.dropped.inc({ reason: 'rate' });
      return;
    }
    if (!record.limiter.allow()) {
      metrics.dropped.inc({ reason: 'rate' });
      if (record.limiter.abusive && record.ws.readyState === record.ws.OPEN) {
        metrics.closedByLimit.inc({ reason: 'rate' });
        record.ws.close(CLOSE.rate, 'message rate limit');
      }
      return;
    }
    const t0 = performance.now();
    let message;
    try {
      message = JSON.parse(data.toString());
    } catch (error) {
      metrics.dropped.inc({ reason: 'invalid' });
      emitError(error);
      return;
    }
    if (message === null || typeof message !== 'object') {
      metrics.dropped.inc({ reason: 'invalid' });
      return;
    }
    const { type, dst } = message;
    if (type === 'HEARTBEAT') {
      record.lastPing = Date.now();
      return;
    }
    if (!RELAY_TYPES.has(type)) {
      metrics.dropped.inc({ reason: 'invalid' });
      return;
    }
    if (type === 'LEAVE' && !dst) {
      record.ws.close();
      return;
    }
    if (typeof dst !== 'string' || dst === '' || dst.length > MAX_ID_LENGTH) {
      metrics.dropped.inc({ reason: 'invalid' });
      return;
    }
    relay({ type, src: record.id, dst, payload: message.payload }, t0);
  }

  /**
   * Where peers elsewhere were found lately (dst -> { owner, until }): the next messages to them
   * are a plain PUBLISH (no script). Stale for at most ROUTE_CACHE_MS after a peer moved: the old
   * instance forwards what it gets (by Redis, not by its own cache), and a PUBLISH nobody hears
   * (the instance died) falls back to the lookup.
   */
  const routes = new Map();
  const ROUTE_CACHE_MS = 1000;
  const cachedOwner = (dst, now) => {
    const r = routes.get(dst);
    if (r === undefined) return undefined;
    if (r.until >= now) return r.owner;
    routes.delete(dst);
    return undefined;
  };

  /**
   * Messages for other instances (owner -> batch), sent at the end of this turn of the event loop
   * (setImmediate: after every socket read of this turn): one PUBLISH per instance, whatever the
   * number of messages.
   */
  const outbox = new Map();
  let flushing = false;

  function enqueue(owner, message, json, queueable, redisDown) {
    let batch = outbox.get(owner);
    if (batch === undefined) {
      batch = { sentAt: epochMs(), text: '', items: [] };
      outbox.set(owner, batch);
      if (!flushing) {
        flushing = true;
        setImmediate(flush);
      }
    }
    const dst = JSON.stringify(message.dst);
    const src = JSON.stringify(message.src);
    batch.text += `${dst.length} ${dst}${src.length} ${src}${json.length} ${json}`;
    batch.items.push({ message, json, queueable, redisDown });
    if (batch.text.length >= MAX_BATCH_CHARS) {
      outbox.delete(owner);
      publishBatch(owner, batch);
    }
  }

  function flush() {
    flushing = false;
    for (const [owner, batch] of outbox) publishBatch(owner, batch);
    outbox.clear();
  }

  function publishBatch(owner, batch) {
    redis.publish(`${prefix}ch:${owner}`, `b${batch.sentAt.toFixed(3)} ${instance}\n${batch.text}`).then(
      (heard) => {
        if (heard > 0) return;
        // That instance is gone: look each peer up again (it may have moved, or be queued for).
        for (const { message, json, queueable, redisDown } of batch.items) {
          routes.delete(message.dst);
          route(message, `${batch.sentAt.toFixed(3)} ${json}`, queueable, false, redisDown);
        }
      },
      () => {
        for (const item of batch.items) item.redisDown();
      },
    );
  }

  /** Delivers here if the peer is here, else through Redis (to its instance, or its queue). */
  function relay(message, t0, { forceQueue = false, useCache = true } = {}) {
    const target = forceQueue ? undefined : local.get(message.dst);
    const json = JSON.stringify(message);
    if (target?.ready) {
      target.ws.send(json);
      relayedLocal();
      latencyLocal((performance.now() - t0) / 1000);
      return;
    }
    const queueable = message.type !== 'LEAVE' && message.type !== 'EXPIRE';
    if (forceQueue && !queueable) return;
    const redisDown = () => {
      // Redis is away: a peer that is not here cannot be reached; say so as PeerServer does.
      if (message.type === 'OFFER') relayExpire(message.dst, message.src);
    };
    const waiting = useCache && !forceQueue ? lookups.get(message.dst) : undefined;
    if (waiting !== undefined) {
      // A lookup of this peer is on its way: wait for its answer instead of asking again (and
      // behind the messages already waiting, even if its route is known meanwhile: in order).
      waiting.push({ message, json, queueable, redisDown });
      return;
    }
    const owner = useCache && !forceQueue ? cachedOwner(message.dst, Date.now()) : undefined;
    if (owner !== undefined) {
      enqueue(owner, message, json, queueable, redisDown);
      return;
    }
    // What is batched goes first: one sender's messages to one peer keep their order.
    if (outbox.size > 0) flush();
    route(message, `${epochMs().toFixed(3)} ${json}`, queueable, forceQueue, redisDown, useCache && !forceQueue);
  }

  /** dst -> messages for it that came while its lookup (a routing script) was on its way. */
  const lookups = new Map();

  function route(message, entry, queueable, forceQueue, redisDown, coalesce = false) {
    const { dst } = message;
    if (coalesce) lookups.set(dst, []);
    const settle = (owner) => {
      if (!coalesce) return;
      const waiting = lookups.get(dst);
      lookups.delete(dst);
      if (waiting === undefined) return;
      for (const w of waiting) {
        if (owner !== undefined) enqueue(owner, w.message, w.json, w.queueable, w.redisDown);
        else route(w.message, `${epochMs().toFixed(3)} ${w.json}`, w.queueable, false, w.redisDown);
      }
    };
    redis.rtcRoute(peerKey(dst), queueKey(dst), prefix, entry, instance, queueable ? 1 : 0, queueTtl, MAX_QUEUE, forceQueue ? 1 : 0).then(
      (result) => {
        let owner;
        if (result === 'queued' && !pending.has(dst)) pending.set(dst, Date.now() + o.expireTimeout);
        else if (typeof result === 'string' && result.startsWith('sent ')) {
          owner = result.slice(5);
          if (routes.size >= 20000) routes.clear();
          routes.set(dst, { owner, until: Date.now() + ROUTE_CACHE_MS });
        }
        settle(owner);
      },
      () => {
        redisDown();
        const waiting = coalesce ? lookups.get(dst) : undefined;
        if (coalesce) lookups.delete(dst);
        for (const w of waiting ?? []) w.redisDown();
      },
    );
  }

  function relayExpire(absent, sender) {
    metrics.expired.inc();
    relay({ type: 'EXPIRE', src: absent, dst: sender }, performance.now());
  }

  /** Delivers a message another instance routed here (or routes it on if the peer left). */
  function deliver(dst, json, sentAt, now) {
    const target = local.get(dst);
    if (target?.ready) {
      target.ws.send(json);
      relayedRemote();
      latencyRemote(Math.max(0, now - sentAt) / 1000);
      return;
    }
    // It moved (the sender's route was stale) or left: ask Redis where it is now, and forward or
    // queue the message (never by this instance's own cache: two stale caches could bounce).
    const message = relayable(json);
    if (message) relay(message, performance.now(), { useCache: false });
  }

  /** A message from Redis is checked again: only what this broker's senders build gets through. */
  const isRelayable = (m) =>
    m !== null &&
    typeof m === 'object' &&
    RELAY_TYPES.has(m.type) &&
    typeof m.src === 'string' &&
    typeof m.dst === 'string' &&
    m.dst !== '' &&
    m.dst.length <= MAX_ID_LENGTH;

  /** A relayed message's JSON parsed and checked (isRelayable), or undefined. */
  const relayable = (json) => {
    let message;
    try {
      message = JSON.parse(json);
    } catch {
      return undefined;
    }
    return isRelayable(message) ? message : undefined;
  };

  /** Reads "<length> " at `at` in a batch: the length, and where the text after it starts. */
  function lengthAt(text, at) {
    const sp = text.indexOf(' ', at);
    if (sp < 0 || sp - at > 7) return undefined;
    const n = Number(text.slice(at, sp));
    return Number.isInteger(n) && n > 0 && sp + 1 + n <= text.length ? [n, sp + 1] : undefined;
  }

  /** Reads "<length> <JSON string>" at `at` in a batch: the string and where the text after it starts. */
  function stringAt(text, at, max) {
    const l = lengthAt(text, at);
    if (l === undefined || l[0] > max) return undefined;
    try {
      const v = JSON.parse(text.slice(l[1], l[1] + l[0]));
      return typeof v === 'string' ? [v, l[1] + l[0]] : undefined;
    } catch {
      return undefined;
    }
  }

  function onBatch(text) {
    const nl = text.indexOf('\n');
    const sp = text.indexOf(' ');
    if (nl < 0 || sp < 0 || sp > nl) return;
    const sentAt = Number(text.slice(1, sp));
    const from = text.slice(sp + 1, nl);
    if (!Number.isFinite(sentAt)) return;
    const now = epochMs();
    const until = Date.now() + ROUTE_CACHE_MS;
    let at = nl + 1;
    while (at < text.length) {
      const d = stringAt(text, at, MAX_ID_LENGTH * 6 + 2);
      if (d === undefined) return;
      const s = stringAt(text, d[1], MAX_ID_LENGTH * 6 + 2);
      if (s === undefined) return;
      const m = lengthAt(text, s[1]);
      if (m === undefined) return;
      const json = text.slice(m[1], m[1] + m[0]);
      at = m[1] + m[0];
      // Shape check without parsing (the sending instance built it with JSON.stringify).
      if (json.charCodeAt(0) !== 123 || json.charCodeAt(json.length - 1) !== 125) continue;
      // The sender is on `from` (its instance just said so): an answer to it needs no lookup.
      const src = s[0];
      if (from !== instance && !local.has(src)) {
        const r = routes.get(src);
        if (r === undefined || r.owner !== from || r.until < until - 100) {
          if (routes.size >= 20000) routes.clear();
          routes.set(src, { owner: from, until });
        }
      }
      deliver(d[0], json, sentAt, now);
    }
  }

  sub.on('message', (_channel, text) => {
    if (text.charCodeAt(0) === 98 /* b */) {
      onBatch(text);
      return;
    }
    if (text.startsWith('k ')) {
      const record = local.get(text.slice(2));
      if (record) {
        record.kicked = true;
        record.ws.close(CLOSE.replaced, 'reconnected elsewhere');
      }
      return;
    }
    const sp = text.indexOf(' ');
    const sentAt = Number(text.slice(0, sp));
    const json = text.slice(sp + 1);
    const message = relayable(json);
    if (message) deliver(message.dst, json, sentAt, epochMs());
  });

  function expireQueues() {
    const now = Date.now();
    for (const [id, due] of pending) {
      if (due > now) continue;
      pending.delete(id);
      redis.rtcExpire(queueKey(id), epochMs() - o.expireTimeout).then(
        ([left, ...entries]) => {
          if (left > 0 && !pending.has(id)) pending.set(id, now + Math.ceil(o.expireTimeout / 2));
          const told = new Set();
          for (const entry of entries) {
            let m;
            try {
              m = JSON.parse(entry.slice(entry.indexOf(' ') + 1));
            } catch {
              continue;
            }
            const pair = `${m.src}\n${m.dst}`;
            if (told.has(pair) || typeof m.src !== 'string') continue;
            told.add(pair);
            relayExpire(m.dst, m.src);
          }
        },
        () => {
          if (!pending.has(id)) pending.set(id, now + 1000);
        },
      );
    }
  }

  function heartbeat() {
    redis.set(`${prefix}inst:${instance}`, '1', 'PX', instanceTtl).catch(() => {});
  }

  function refresh() {
    const ids = [...local.values()].filter((r) => r.ready);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      redis.rtcRefresh(prefix, instance, peerTtl, ...chunk.flatMap((r) => [r.id, r.tokenHash])).then(
        (lost) => {
          for (const id of lost) {
            const record = local.get(id);
            if (!record) continue;
            record.kicked = true;
            record.ws.close(CLOSE.replaced, 'id taken over');
          }
        },
        () => {},
      );
    }
  }

  function sweepDead() {
    const cutoff = Date.now() - o.aliveTimeout;
    for (const record of local.values()) if (record.lastPing < cutoff) record.ws.terminate();
  }

  const timers = [
    setInterval(heartbeat, Math.max(50, Math.floor(instanceTtl / 3))),
    setInterval(refresh, Math.max(100, Math.floor(peerTtl / 3))),
    setInterval(expireQueues, Math.min(1000, Math.max(50, Math.floor(o.expireTimeout / 4)))),
    setInterval(sweepDead, Math.min(1000, Math.max(100, Math.floor(o.aliveTimeout / 3)))),
  ];
  for (const t of timers) t.unref();

  return {
    instance,
    get redisUp() {
      return up;
    },
    get size() {
      return local.size;
    },
    handle,
    /** Pings Redis (at most `timeout` ms). */
    async ping(timeout = 1000) {
      let timer;
      try {
        return await Promise.race([
          redis.ping().then(() => true),
          new Promise((resolve) => {
            timer = setTimeout(() => resolve(false), timeout);
          }),
        ]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    /** Ids registered on every instance (discovery), at most `max`. */
    async peers(max = 10000) {
      const ids = [];
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}peer:*`, 'COUNT', 1000);
        cursor = next;
        for (const k of keys) if (ids.length < max) ids.push(k.slice(prefix.length + 5));
      } while (cursor !== '0' && ids.length < max);
      return ids;
    },
    /**
     * Graceful stop: gives every id back, tells the other instances this one is gone (its inst
     * key), closes every client socket with 1012 so PeerJS reconnects (through the load balancer,
     * to another instance), and disconnects from Redis.
     */
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearInterval(t);
      const held = [...local.values()];
      const released = (async () => {
        for (let i = 0; i < held.length; i += 500) {
          const chunk = held.slice(i, i + 500);
          await redis.rtcRelease(prefix, instance, ...chunk.flatMap((r) => [r.id, r.tokenHash]));
        }
        await redis.del(`${prefix}inst:${instance}`);
      })().catch(() => {});
      await withTimeout(released, 2000);
      const gone = [...sockets].map((ws) => new Promise((resolve) => (ws.readyState === ws.CLOSED ? resolve() : ws.once('close', resolve))));
      for (const ws of sockets) ws.close(CLOSE.restart, 'broker restarting: reconnect');
      if (!(await withTimeout(Promise.all(gone), 2000))) for (const ws of sockets) ws.terminate();
      await Promise.all(gone);
      redis.disconnect();
      sub.disconnect();
    },
  };
}

async function withTimeout(promise, ms) {
  let timer;
  const done = await Promise.race([promise.then(() => true), new Promise((resolve) => (timer = setTimeout(() => resolve(false), ms)))]);
  clearTimeout(timer);
  return done;
}

/** The URL without its password, for messages. */
export function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an invalid URL)';
  }
}
