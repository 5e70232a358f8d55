// Redis mode against real parts: a redis-server process (Debian's package; missing, this fails
// with a message saying how to install it) and broker instances run by the CLI as child processes,
// spoken to in PeerJS's protocol by raw WebSocket clients. Plus /health, /metrics and the limits,
// in both modes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startBroker } from '../src/index.mjs';
import { metric, rawPeer, rawPeers, requireRedisServer, startInstance, startProxy, startRedis, until } from './cluster-helpers.mjs';

requireRedisServer();

const offer = (dst, n = 1) => ({ type: 'OFFER', dst, payload: { sdp: { type: 'offer', sdp: `v=0 #${n}` }, type: 'data', connectionId: `dc_${n}` } });
const get = async (url) => {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
};

describe('Redis mode: two instances act as one broker', () => {
  let redis;
  let a;
  let b;
  const { peer, terminateAll } = rawPeers();

  before(async () => {
    redis = await startRedis();
    [a, b] = await Promise.all([startInstance({ redis: redis.url }), startInstance({ redis: redis.url })]);
  });
  after(async () => {
    terminateAll();
    await Promise.all([a?.kill(), b?.kill()]);
    await redis?.stop();
  });

  test('a peer on one instance reaches a peer on the other: OFFER, ANSWER, CANDIDATE, LEAVE', async () => {
    const alice = peer(a.origin, { id: 'alice' });
    const bob = peer(b.origin, { id: 'bob' });
    assert.equal((await alice.opened).type, 'OPEN');
    assert.equal((await bob.opened).type, 'OPEN');
    alice.send(offer('bob'));
    const got = await bob.next('OFFER');
    assert.equal(got.src, 'alice');
    assert.equal(got.dst, 'bob');
    assert.equal(got.payload.connectionId, 'dc_1');
    bob.send({ type: 'ANSWER', dst: 'alice', payload: { sdp: { type: 'answer' }, connectionId: 'dc_1' } });
    assert.equal((await alice.next('ANSWER')).src, 'bob');
    for (let i = 0; i < 5; i++) alice.send({ type: 'CANDIDATE', dst: 'bob', payload: { candidate: { n: i } } });
    for (let i = 0; i < 5; i++) assert.equal((await bob.next('CANDIDATE')).payload.candidate.n, i, 'in order');
    alice.send({ type: 'LEAVE', dst: 'bob' });
    assert.equal((await bob.next('LEAVE')).src, 'alice');
    const metrics = (await get(`${b.origin}/metrics`)).text;
    assert.ok(metric(metrics, 'rtc_broker_messages_relayed_total', { scope: 'remote' }) >= 7);
    assert.ok(metric(metrics, 'rtc_broker_relay_latency_seconds_count', { scope: 'remote' }) >= 7);
    assert.equal(metric(metrics, 'rtc_broker_redis_up'), 1);
  });

  test('bursts both ways between instances arrive whole, in order, with the real sender as src', async () => {
    const erin = peer(a.origin, { id: 'erin' });
    const frank = peer(b.origin, { id: 'frank' });
    await Promise.all([erin.opened, frank.opened]);
    // Sent at once: the first goes by lookup, the rest wait for it or share one PUBLISH per tick.
    for (let i = 0; i < 40; i++) {
      erin.send({ type: 'CANDIDATE', dst: 'frank', src: 'mallory', payload: { candidate: { n: i } } });
      frank.send({ type: 'CANDIDATE', dst: 'erin', payload: { candidate: { n: i } } });
    }
    for (let i = 0; i < 40; i++) {
      const got = await frank.next('CANDIDATE');
      assert.equal(got.payload.candidate.n, i, 'in order');
      assert.equal(got.src, 'erin', 'a forged src is replaced by the sender');
      assert.equal((await erin.next('CANDIDATE')).payload.candidate.n, i, 'in order');
    }
  });

  test('an id taken on one instance is refused on the other (ID-TAKEN); with its token it moves', async () => {
    const first = peer(a.origin, { id: 'carol', token: 'T1' });
    assert.equal((await first.opened).type, 'OPEN');
    const thief = peer(b.origin, { id: 'carol', token: 'T2' });
    assert.equal((await thief.opened).type, 'ID-TAKEN');
    await thief.closed;
    const again = peer(b.origin, { id: 'carol', token: 'T1' });
    assert.equal((await again.opened).type, 'OPEN');
    // The old socket is dropped (code 4000): one connection per id across instances.
    assert.equal((await first.closed).code, 4000);
    const dave = peer(a.origin, { id: 'dave' });
    await dave.opened;
    dave.send(offer('carol'));
    assert.equal((await again.next('OFFER')).src, 'dave');
    assert.match((await get(`${b.origin}/metrics`)).text, /rtc_broker_connections_refused_total\{reason="id_taken"\} [1-9]/);
  });

  test('two registrations of one id at once on one instance: one wins, the other is refused', async () => {
    const racers = Array.from({ length: 6 }, (_, i) => peer(a.origin, { id: 'racer', token: `R${i}` }));
    const replies = await Promise.all(racers.map((p) => p.opened));
    assert.equal(replies.filter((r) => r.type === 'OPEN').length, 1, JSON.stringify(replies));
    assert.equal(replies.filter((r) => r.type === 'ID-TAKEN').length, 5);
  });

  test('a peer that moves to a third instance still gets what a sender routed to its old one', async () => {
    const c = await startInstance({ redis: redis.url });
    try {
      const sender = peer(a.origin, { id: 'mover-sender' });
      const mover = peer(b.origin, { id: 'mover', token: 'MV' });
      await Promise.all([sender.opened, mover.opened]);
      sender.send(offer('mover', 1));
      assert.equal((await mover.next('OFFER')).payload.connectionId, 'dc_1'); // A now routes mover to B
      const moved = peer(c.origin, { id: 'mover', token: 'MV' });
      assert.equal((await moved.opened).type, 'OPEN');
      await mover.closed;
      for (let i = 2; i <= 4; i++) sender.send(offer('mover', i));
      for (let i = 2; i <= 4; i++) assert.equal((await moved.next('OFFER')).payload.connectionId, `dc_${i}`, 'forwarded by B, in order');
    } finally {
      await c.kill();
    }
  });

  test('an id is released when its socket closes', async () => {
    const eve = peer(a.origin, { id: 'eve', token: 'E1' });
    await eve.opened;
    await eve.close();
    const other = await until(async () => {
      const p = peer(b.origin, { id: 'eve', token: 'E2' });
      const reply = await p.opened;
      return reply.type === 'OPEN' ? p : undefined;
    }, 'eve free again');
    assert.ok(other);
  });

  test('a message for a peer connected nowhere waits for it (on any instance), else the sender gets EXPIRE', async () => {
    const frank = peer(a.origin, { id: 'frank' });
    await frank.opened;
    frank.send(offer('grace', 7));
    await new Promise((r) => setTimeout(r, 300));
    const grace = peer(b.origin, { id: 'grace' });
    assert.equal((await grace.opened).type, 'OPEN');
    const queued = await grace.next('OFFER');
    assert.equal(queued.src, 'frank');
    assert.equal(queued.payload.connectionId, 'dc_7');

    frank.send(offer('nobody', 8));
    frank.send({ type: 'CANDIDATE', dst: 'nobody', payload: {} });
    const expire = await frank.next('EXPIRE', 9000); // PeerServer's default expire_timeout: 5 s
    assert.equal(expire.src, 'nobody');
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(frank.inbox.filter((m) => m.type === 'EXPIRE').length, 0, 'one EXPIRE per sender and absent peer');
  });

  test('a hostile client (junk, floods, huge ids) is dropped and the instance goes on', async () => {
    const junk = peer(a.origin, { id: 'junk' });
    await junk.opened;
    for (const frame of ['not json', 'null', '[]', '{"type":"OFFER"}', '{"type":"OFFER","dst":42}', '{"type":"NOPE","dst":"x"}']) junk.send(frame);
    for (let i = 0; i < 400 && junk.ws.readyState === junk.ws.OPEN; i++) junk.send(offer(`nobody-${i}`, i));
    assert.equal((await junk.closed).code, 1008, 'closed by the rate limit (50/s, bursts of 200)');
    const long = peer(a.origin, { id: 'x'.repeat(600) });
    const reply = await long.opened;
    assert.equal(reply.type, 'ERROR');
    assert.match(reply.payload.msg, /at most 512 characters/);
    const wrongKey = peer(a.origin, { id: 'wk', key: 'nope' });
    assert.equal((await wrongKey.opened).payload.msg, 'Invalid key provided');
    assert.equal((await get(`${a.origin}/health`)).status, 200);
    const text = (await get(`${a.origin}/metrics`)).text;
    assert.ok(metric(text, 'rtc_broker_messages_dropped_total', { reason: 'invalid' }) >= 5);
    assert.ok(metric(text, 'rtc_broker_connections_closed_total', { reason: 'rate' }) >= 1);
    assert.ok(metric(text, 'rtc_broker_connections_refused_total', { reason: 'invalid_key' }) >= 1);
  });

  test('in-process brokers (startBroker with redis): discovery lists the peers of every instance; events', async () => {
    const [x, y] = await Promise.all([
      startBroker({ port: 0, redis: redis.url, allowDiscovery: true, key: 'disc' }),
      startBroker({ port: 0, redis: redis.url, allowDiscovery: true, key: 'disc' }),
    ]);
    try {
      assert.equal(x.mode, 'redis');
      assert.notEqual(x.instance, y.instance);
      const joined = new Promise((resolve) => y.once('connection', resolve));
      const p1 = peer(x.origin, { id: 'disc-1', key: 'disc' });
      const p2 = peer(y.origin, { id: 'disc-2', key: 'disc' });
      await Promise.all([p1.opened, p2.opened]);
      assert.equal(await joined, 'disc-2');
      const listed = JSON.parse((await get(`${x.origin}/myapp/disc/peers`)).text).sort();
      assert.deepEqual(listed, ['disc-1', 'disc-2']);
      // Another key is another broker: same Redis, separate ids.
      const other = peer(a.origin, { id: 'disc-1' });
      assert.equal((await other.opened).type, 'OPEN');
      assert.equal((await x.health()).redis, 'up');
    } finally {
      await Promise.all([x.close(), y.close()]);
    }
  });

  test('GET /health and /metrics', async () => {
    const health = await get(`${a.origin}/health`);
    assert.equal(health.status, 200);
    const body = JSON.parse(health.text);
    assert.equal(body.ok, true);
    assert.equal(body.mode, 'redis');
    assert.equal(body.redis, 'up');
    const metrics = await get(`${a.origin}/metrics`);
    for (const name of [
      'rtc_broker_connected_peers',
      'rtc_broker_messages_relayed_total',
      'rtc_broker_relay_latency_seconds_bucket',
      'rtc_broker_connections_refused_total',
      'process_resident_memory_bytes',
    ]) {
      assert.notEqual(metric(metrics.text, name), undefined, name);
    }
  });
});

describe('Redis mode: instances and Redis come and go', () => {
  let redis;
  const instances = [];
  const { peer, terminateAll } = rawPeers();
  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    terminateAll();
    await Promise.all(instances.map((i) => i.kill()));
    await redis?.stop();
  });

  test('an instance that dies frees its ids; its clients re-register through the proxy on another, with their ids and tokens', async () => {
    const a = await startInstance({ redis: redis.url });
    const b = await startInstance({ redis: redis.url });
    instances.push(a, b);
    let aliveA = true;
    const proxy = await startProxy([() => (aliveA ? a.port : 1), () => b.port]);
    const origin = `http://127.0.0.1:${proxy.port}`;
    try {
      // Round robin: the first goes to A, the second to B.
      const hana = peer(origin, { id: 'hana', token: 'H' });
      await hana.opened;
      const ivan = peer(origin, { id: 'ivan', token: 'I' });
      await ivan.opened;
      const ines = peer(a.origin, { id: 'ines', token: 'mine' });
      await ines.opened;
      const thief = peer(b.origin, { id: 'ines', token: 'other' });
      assert.equal((await thief.opened).type, 'ID-TAKEN', 'taken while A lives');
      assert.equal(JSON.parse((await get(`${a.origin}/health`)).text).peers, 2);

      await a.kill();
      aliveA = false;
      await hana.closed;
      // PeerJS reconnects with the same id and token; the proxy sends it to B.
      const back = peer(origin, { id: 'hana', token: 'H' });
      assert.equal((await back.opened).type, 'OPEN', 'same id, same token, on B at once');
      ivan.send(offer('hana', 9));
      assert.equal((await back.next('OFFER')).src, 'ivan');
      // An id held on A by a client that never comes back is free for anyone once A's
      // liveness key lapsed (instanceTtl, 3 s).
      const started = Date.now();
      const taken = await until(
        async () => {
          const p = peer(b.origin, { id: 'ines', token: 'other' });
          return (await p.opened).type === 'OPEN';
        },
        "ines's id free after A died",
        8000,
        200,
      );
      assert.ok(taken);
      assert.ok(Date.now() - started < 6000, `freed within ${Date.now() - started} ms`);
    } finally {
      await proxy.close();
    }
  });

  test('graceful shutdown (SIGTERM): clients get 1012 and their ids are free at once', async () => {
    const c = await startInstance({ redis: redis.url });
    const d = await startInstance({ redis: redis.url });
    instances.push(c, d);
    const judy = peer(c.origin, { id: 'judy', token: 'J1' });
    await judy.opened;
    const stopped = c.stop();
    assert.equal((await judy.closed).code, 1012);
    assert.equal((await stopped).code, 0);
    // Another token gets it: the id was released, not left to expire.
    const other = peer(d.origin, { id: 'judy', token: 'J2' });
    assert.equal((await other.opened).type, 'OPEN');
  });

  test('a Redis restart is survived: ids are registered again and relay resumes', async () => {
    const e = await startInstance({ redis: redis.url });
    const f = await startInstance({ redis: redis.url });
    instances.push(e, f);
    const kate = peer(e.origin, { id: 'kate', token: 'K1' });
    const leo = peer(f.origin, { id: 'leo', token: 'L1' });
    const mia = peer(e.origin, { id: 'mia', token: 'M1' });
    await Promise.all([kate.opened, leo.opened, mia.opened]);

    const port = redis.port;
    await redis.stop();
    await until(async () => (await get(`${e.origin}/health`)).status === 503, '/health 503 without Redis');
    assert.equal(JSON.parse((await get(`${e.origin}/health`)).text).status, 'redis-unreachable');
    // Meanwhile: a newcomer is told why it cannot register; peers on one instance still meet.
    const late = peer(e.origin, { id: 'late' });
    const refused = await late.opened;
    assert.equal(refused.type, 'ERROR');
    assert.match(refused.payload.msg, /cannot reach its Redis/);
    await until(async () => {
      const text = (await get(`${e.origin}/metrics`)).text;
      return metric(text, 'rtc_broker_redis_up') === 0;
    }, 'rtc_broker_redis_up 0');
    kate.send(offer('leo', 11)); // leo is on the other instance: unreachable now, so EXPIRE
    assert.equal((await kate.next('EXPIRE')).src, 'leo');
    kate.send(offer('mia', 12)); // mia is on kate's instance: still relayed
    assert.equal((await mia.next('OFFER')).src, 'kate');
    redis = await startRedis(port);
    await until(async () => (await get(`${e.origin}/health`)).status === 200, '/health 200 again');

    // The restarted Redis is empty; the instances put their peers back.
    await until(async () => {
      const thief = peer(f.origin, { id: 'kate', token: 'K2' });
      return (await thief.opened).type === 'ID-TAKEN';
    }, 'kate registered again (ID-TAKEN for another token)');
    await until(async () => {
      kate.send(offer('leo', 10));
      const m = await leo.next('OFFER', 500);
      return m.src === 'kate';
    }, 'relay across instances after the restart');
  });
});

describe('limits, /health and /metrics without Redis (one instance)', () => {
  let broker;
  before(async () => {
    broker = await startBroker({ port: 0, maxConnectionsPerIp: 3, maxMessagesPerSecond: 5, maxMessageBytes: 2048 });
  });
  after(async () => broker?.close());

  test('per-IP connection cap: the next one gets an ERROR saying why', async () => {
    // Failed handshakes (no Sec-WebSocket-Key) do not use up the address's slots.
    for (let i = 0; i < 5; i++) {
      const reply = await new Promise((resolve) => {
        const socket = net.connect(broker.port, '127.0.0.1', () =>
          socket.write(`GET /myapp/peerjs?key=peerjs&id=h${i}&token=t HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`),
        );
        let text = '';
        socket.on('data', (d) => (text += d));
        socket.on('close', () => resolve(text));
        socket.on('error', () => {});
      });
      assert.match(reply, /^HTTP\/1\.1 400/);
    }
    const held = [0, 1, 2].map((i) => rawPeer(broker.origin, { id: `ip${i}` }));
    for (const p of held) assert.equal((await p.opened).type, 'OPEN');
    const extra = rawPeer(broker.origin, { id: 'ip3' });
    const reply = await extra.opened;
    assert.equal(reply.type, 'ERROR');
    assert.match(reply.payload.msg, /Too many connections from your address \(at most 3\)/);
    await extra.closed;
    await held[0].close();
    const now = await until(async () => {
      const p = rawPeer(broker.origin, { id: 'ip4' });
      const r = await p.opened;
      if (r.type !== 'OPEN') return undefined;
      held.push(p);
      return p;
    }, 'a slot free again');
    assert.ok(now);
    for (const p of held) p.ws.terminate();
    const text = broker.metricsText();
    assert.ok(metric(text, 'rtc_broker_connections_refused_total', { reason: 'ip_limit' }) >= 1);
  });

  test('message rate and size caps close an abusive client; garbage does not crash the broker', async () => {
    const errors = [];
    broker.on('error', (e) => errors.push(e));
    const flood = rawPeer(broker.origin, { id: 'flood' });
    await flood.opened;
    for (let i = 0; i < 200 && flood.ws.readyState === flood.ws.OPEN; i++) flood.send('{"type":"HEARTBEAT"}');
    assert.equal((await flood.closed).code, 1008);

    const big = rawPeer(broker.origin, { id: 'big' });
    await big.opened;
    big.send({ type: 'OFFER', dst: 'x', payload: 'x'.repeat(4096) });
    assert.equal((await big.closed).code, 1009);

    const junk = rawPeer(broker.origin, { id: 'junk' });
    await junk.opened;
    junk.send('not json');
    junk.send('null');
    junk.send('{"type":"OFFER"}');
    await until(() => errors.length > 0, 'the bad frame reported as an error event');
    junk.send('{"type":"HEARTBEAT"}');
    assert.equal((await get(`${broker.origin}/health`)).status, 200, 'still up');
    const text = broker.metricsText();
    assert.ok(metric(text, 'rtc_broker_connections_closed_total', { reason: 'rate' }) >= 1);
    assert.ok(metric(text, 'rtc_broker_connections_closed_total', { reason: 'size' }) >= 1);
    junk.ws.terminate();
  });

  test('/health, /metrics and relay metrics in single mode', async () => {
    const x = rawPeer(broker.origin, { id: 'sx' });
    const y = rawPeer(broker.origin, { id: 'sy' });
    await Promise.all([x.opened, y.opened]);
    x.send(offer('sy'));
    assert.equal((await y.next('OFFER')).src, 'sx');
    const health = await get(`${broker.origin}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(JSON.parse(health.text).mode, 'single');
    const text = (await get(`${broker.origin}/metrics`)).text;
    assert.ok(metric(text, 'rtc_broker_messages_relayed_total', { scope: 'local' }) >= 1);
    assert.ok(metric(text, 'rtc_broker_connected_peers') >= 2);
    assert.ok(metric(text, 'rtc_broker_registrations_total') >= 2);
    x.ws.terminate();
    y.ws.terminate();
  });

  test('close(): new connections are refused, peers get 1012 (PeerJS reconnects)', async () => {
    const own = await startBroker({ port: 0 });
    const p = rawPeer(own.origin, { id: 'closing' });
    await p.opened;
    const closing = own.close();
    assert.equal((await p.closed).code, 1012);
    await closing;
    assert.equal(own.clients.size, 0);
  });

  test('bad Redis options and an unreachable Redis give clear errors', async () => {
    await assert.rejects(startBroker({ port: 0, redis: 'http://localhost:6379' }), /options\.redis must be a redis:\/\/HOST:PORT/);
    await assert.rejects(startBroker({ port: 0, maxMessagesPerSecond: -1 }), /options\.maxMessagesPerSecond must be a whole number/);
    await assert.rejects(startBroker({ port: 0, redis: 'redis://127.0.0.1:1', instanceTtl: 10 }), /options\.instanceTtl must be at least 500 ms/);
    await assert.rejects(
      startBroker({ port: 0, redis: 'redis://127.0.0.1:1' }),
      (e) => e.code === 'REDIS_UNAVAILABLE' && /cannot reach Redis at redis:\/\/127\.0\.0\.1:1/.test(e.message),
    );
  });
});

describe('CLI flags for Redis mode and the limits', () => {
  test('--redis, BROKER_REDIS_URL and the limit flags are read and checked', async () => {
    const { parseCli } = await import('../src/cli.mjs');
    assert.equal(parseCli(['--redis', 'redis://10.0.0.5:6379']).options.redis, 'redis://10.0.0.5:6379');
    assert.equal(parseCli([], { BROKER_REDIS_URL: 'rediss://:pw@r.example:6380/2' }).options.redis, 'rediss://:pw@r.example:6380/2');
    assert.equal(parseCli(['--redis=redis://a:1'], { BROKER_REDIS_URL: 'redis://b:2' }).options.redis, 'redis://a:1', 'the flag wins');
    assert.equal(parseCli([]).options.redis, undefined, 'off by default');
    const limits = parseCli([
      '--max-connections-per-ip',
      '0',
      '--max-messages-per-second=10',
      '--max-message-bytes',
      '4096',
      '--concurrent-limit',
      '7',
    ]).options;
    assert.deepEqual([limits.maxConnectionsPerIp, limits.maxMessagesPerSecond, limits.maxMessageBytes, limits.concurrentLimit], [0, 10, 4096, 7]);
    assert.throws(() => parseCli(['--redis', 'localhost:6379']), /--redis must be a redis:\/\/HOST:PORT/);
    assert.throws(
      () => parseCli([], { BROKER_REDIS_URL: 'http://u:secret@x' }),
      (e) => /BROKER_REDIS_URL must be/.test(e.message) && !e.message.includes('secret'),
    );
    assert.throws(() => parseCli(['--max-message-bytes', '10']), /--max-message-bytes must be a whole number of at least 1024/);
    assert.throws(() => parseCli(['--max-messages-per-second', 'lots']), /--max-messages-per-second must be a whole number/);
  });
});
