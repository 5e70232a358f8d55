// WTR plugin for test/broker-redis.test.ts: on demand (the rest of the suite never starts it), a
// real redis-server, two broker instances in Redis mode (the CLI, as child processes) and a
// loopback TCP proxy in front of both, the tests' load balancer. Commands, through
// executeServerCommand('broker-cluster', { action, ... }):
//   start          -> { a, b, proxy }: broker URLs (instance A, instance B, the proxy)
//   where { id }   -> 'a' | 'b' | null: the live instance that id is registered on
//   kill { which } -> SIGKILL that instance ('a' or 'b'); the proxy then sends everyone to the other
//   restart-redis  -> kills redis-server, starts an empty one on the same port, waits for /health
//   stop           -> everything down
import { startInstance, startProxy, startRedis, until } from '../../packages/broker/test/cluster-helpers.mjs';

export function brokerClusterPlugin() {
  let cluster;

  async function start() {
    if (cluster) return cluster.urls;
    const redis = await startRedis();
    const [a, b] = await Promise.all([startInstance({ redis: redis.url }), startInstance({ redis: redis.url })]);
    const dead = new Set();
    const instances = { a, b };
    const proxy = await startProxy([() => (dead.has('a') ? 1 : a.port), () => (dead.has('b') ? 1 : b.port)]);
    const urls = { a: a.url, b: b.url, proxy: `http://127.0.0.1:${proxy.port}/myapp` };
    cluster = { redis, instances, dead, proxy, urls };
    return urls;
  }

  async function stop() {
    if (!cluster) return;
    const { redis, instances, proxy } = cluster;
    cluster = undefined;
    await proxy.close();
    await Promise.all(Object.values(instances).map((i) => i.kill()));
    await redis.stop();
  }

  return {
    name: 'broker-cluster',
    async serverStop() {
      await stop();
    },
    async executeCommand({ command, payload }) {
      if (command !== 'broker-cluster') return undefined;
      switch (payload?.action) {
        case 'start':
          return start();
        case 'stop':
          await stop();
          return true;
        case 'where': {
          if (!cluster) return null;
          const here = (name) => {
            const log = cluster.instances[name].log;
            return log.lastIndexOf(`+ ${payload.id} (`) > log.lastIndexOf(`- ${payload.id} (`);
          };
          return ['a', 'b'].find((n) => !cluster.dead.has(n) && here(n)) ?? null;
        }
        case 'kill': {
          const which = payload.which === 'b' ? 'b' : 'a';
          cluster.dead.add(which);
          await cluster.instances[which].kill();
          return true;
        }
        case 'restart-redis': {
          const { port } = cluster.redis;
          await cluster.redis.stop();
          cluster.redis = await startRedis(port);
          // Back when both instances say so (and have put their peers back: at once on reconnect).
          for (const instance of Object.values(cluster.instances)) {
            await until(async () => (await fetch(`${instance.origin}/health`)).status === 200, 'instance healthy after the Redis restart');
          }
          await new Promise((resolve) => setTimeout(resolve, 200));
          return true;
        }
        default:
          return false;
      }
    },
  };
}
