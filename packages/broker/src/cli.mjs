// The `rtc-elements-broker` command: parses flags (environment variables as fallbacks), starts a
// standalone broker, logs who comes and goes, and stops cleanly on SIGINT/SIGTERM.
import { readFileSync } from 'node:fs';
import { startBroker } from './index.mjs';
import { DEFAULTS, checkCount, checkHost, checkKey, checkPath, checkPort, checkRedisUrl } from './options.mjs';
import { redactUrl } from './cluster.mjs';

const NAME = 'rtc-elements-broker';

// One row per option: its flag, the environment variables read when the flag is absent (first set
// one wins), and how its value is read. A new option (say --redis URL) is one more row.
const OPTIONS = [
  {
    flag: 'host',
    key: 'host',
    env: ['BROKER_HOST', 'HOST'],
    arg: 'HOST',
    read: checkHost,
    help: `interface to listen on; 0.0.0.0 for every one (default ${DEFAULTS.host}: this machine only)`,
  },
  { flag: 'port', key: 'port', env: ['BROKER_PORT', 'PORT'], arg: 'PORT', read: checkPort, help: `TCP port, 0 for any free one (default ${DEFAULTS.port})` },
  {
    flag: 'path',
    key: 'path',
    env: ['BROKER_PATH'],
    arg: 'PATH',
    read: checkPath,
    help: `URL path of the broker, the path of <rtc-chat server> (default ${DEFAULTS.path})`,
  },
  { flag: 'key', key: 'key', env: ['BROKER_KEY'], arg: 'KEY', read: checkKey, help: `key clients must send, <rtc-chat server-key> (default ${DEFAULTS.key})` },
  {
    flag: 'proxied',
    key: 'proxied',
    env: ['BROKER_PROXIED', 'PROXIED'],
    read: readBoolean,
    help: 'behind a TLS-terminating reverse proxy: trust its X-Forwarded-* headers',
  },
  {
    flag: 'allow-discovery',
    key: 'allowDiscovery',
    env: ['BROKER_ALLOW_DISCOVERY'],
    read: readBoolean,
    help: 'let clients list the ids of connected peers (GET PATH/KEY/peers)',
  },
  {
    flag: 'redis',
    key: 'redis',
    env: ['BROKER_REDIS_URL'],
    arg: 'URL',
    read: checkRedisUrl,
    help: 'redis://HOST:PORT (or rediss://): run as one of several instances sharing this Redis or Valkey',
  },
  {
    flag: 'concurrent-limit',
    key: 'concurrentLimit',
    env: ['BROKER_CONCURRENT_LIMIT'],
    arg: 'N',
    read: (v, label) => {
      const n = checkCount(v, label);
      if (n === 0) throw new TypeError(`${label} must be a whole number above 0 (got "0")`);
      return n;
    },
    help: 'peers registered at once on this instance (default 5000)',
  },
  {
    flag: 'max-connections-per-ip',
    key: 'maxConnectionsPerIp',
    env: ['BROKER_MAX_CONNECTIONS_PER_IP'],
    arg: 'N',
    read: (v, label) => checkCount(v, label),
    help: `WebSockets open at once from one address, 0 for no limit (default ${DEFAULTS.maxConnectionsPerIp})`,
  },
  {
    flag: 'max-messages-per-second',
    key: 'maxMessagesPerSecond',
    env: ['BROKER_MAX_MESSAGES_PER_SECOND'],
    arg: 'N',
    read: (v, label) => checkCount(v, label),
    help: `messages a second per client (bursts of 4x), 0 for no limit (default ${DEFAULTS.maxMessagesPerSecond})`,
  },
  {
    flag: 'max-message-bytes',
    key: 'maxMessageBytes',
    env: ['BROKER_MAX_MESSAGE_BYTES'],
    arg: 'N',
    read: (v, label) => checkCount(v, label, 1024),
    help: `largest message a client may send, 0 for no limit (default ${DEFAULTS.maxMessageBytes})`,
  },
];

class UsageError extends Error {}

/**
 * Reads argv (without node and the script) and env into startBroker options, or { help } /
 * { version }. Throws UsageError with a one-line message for anything it does not understand.
 */
export function parseCli(argv, env = {}) {
  const given = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { help: true };
    if (arg === '-v' || arg === '--version') return { version: true };
    if (!arg.startsWith('--') || arg === '--') {
      throw new UsageError(`unexpected argument ${JSON.stringify(arg)}: options start with -- (see --help)`);
    }
    const eq = arg.indexOf('=');
    const flag = arg.slice(2, eq === -1 ? undefined : eq);
    const option = OPTIONS.find((o) => o.flag === flag);
    if (!option) throw new UsageError(`unknown option --${flag} (see --help)`);
    let value = eq === -1 ? undefined : arg.slice(eq + 1);
    if (option.arg && value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${flag} needs a value: --${flag} ${option.arg}`);
      i++;
    }
    given.set(option, { value: value ?? 'true', label: `--${flag}` });
  }

  const options = {};
  for (const option of OPTIONS) {
    let source = given.get(option);
    if (!source) {
      const name = option.env.find((n) => env[n] !== undefined && env[n] !== '');
      if (name) source = { value: env[name], label: name };
    }
    if (!source) continue;
    try {
      options[option.key] = option.read(source.value, source.label);
    } catch (error) {
      throw new UsageError(error.message);
    }
  }
  return { options: { ...DEFAULTS, ...options } };
}

function readBoolean(value, label) {
  const v = String(value).trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new TypeError(`${label} must be true or false, 1 or 0 (got ${JSON.stringify(value)})`);
}

export function helpText() {
  const rows = OPTIONS.map((o) => [`--${o.flag}${o.arg ? ` ${o.arg}` : ''}`, o.help, `env: ${o.env.join(' or ')}`]);
  rows.push(['-h, --help', 'show this help'], ['-v, --version', 'print the version']);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const pad = ' '.repeat(width + 2);
  return [
    `Usage: ${NAME} [options]`,
    '',
    "Runs a PeerJS broker (PeerServer) for rtc-elements' <rtc-chat> and <rtc-call>.",
    'An environment variable is read when its flag is absent (booleans: 1 or 0).',
    '',
    ...rows.flatMap(([left, right, env]) => [`  ${left.padEnd(width)}${right}`, ...(env ? [`${pad}${env}`] : [])]),
    '',
    'Example:',
    `  ${NAME} --host 127.0.0.1 --port 9000 --path /myapp --key mykey --proxied`,
    `  ${NAME} --host 0.0.0.0 --port 9000 --key mykey --proxied --redis redis://10.0.0.5:6379`,
    '',
    'GET /health (200 or 503) and GET /metrics (Prometheus) are served at the root.',
  ].join('\n');
}

export function version() {
  return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
}

/** Peer ids are whatever a client sent: keep control characters out of the log. */
function printable(id) {
  const text = String(id).replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '?');
  return text.length > 130 ? `${text.slice(0, 128)}…` : text;
}

function attr(value) {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Runs the command; resolves with the broker once it listens (or undefined after --help etc.). */
export async function main(argv, env, { log = console.log, error = console.error, exit = process.exit } = {}) {
  let parsed;
  try {
    parsed = parseCli(argv, env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    error(`${NAME}: ${e.message}`);
    exit(2);
    return undefined;
  }
  if (parsed.help) {
    log(helpText());
    return undefined;
  }
  if (parsed.version) {
    log(version());
    return undefined;
  }

  const { options } = parsed;
  let broker;
  try {
    broker = await startBroker(options);
  } catch (e) {
    const hint =
      e.code === 'EADDRINUSE'
        ? ': pick another with --port (or BROKER_PORT)'
        : e.code === 'REDIS_UNAVAILABLE'
          ? ' (is it running? check --redis or BROKER_REDIS_URL)'
          : '';
    error(`${NAME}: ${e.message}${hint}`);
    exit(1);
    return undefined;
  }

  const keyAttr = options.key !== DEFAULTS.key ? ` server-key="${attr(options.key)}"` : '';
  const banner = [
    `rtc-elements broker (PeerServer) listening on ${broker.url}`,
    `Use it with: <rtc-chat server="${attr(broker.url)}"${keyAttr}> (or <rtc-call ...>)`,
  ];
  if (broker.url.includes('//localhost:') && options.host !== 'localhost') {
    banner.push(`Listening on every interface (${options.host}): other devices use this machine's address instead of localhost.`);
  }
  if (options.proxied) {
    banner.push(
      'Proxied: trusting X-Forwarded-* headers (express "trust proxy"). Pages use the proxy\'s public',
      `https:// address with the same path, e.g. <rtc-chat server="https://broker.example.com${attr(broker.path)}"${keyAttr}>`,
    );
  }
  if (options.redis) banner.push(`Redis mode: instance ${broker.instance} sharing ${redactUrl(options.redis)} with the other instances.`);
  if (options.allowDiscovery) banner.push(`Discovery on: GET ${broker.path === '/' ? '' : broker.path}/${options.key}/peers lists connected ids.`);
  log(banner.join('\n'));
  broker.on('connection', (id) => log(`+ ${printable(id)} (${broker.clients.size} online)`));
  broker.on('disconnect', (id) => log(`- ${printable(id)} (${broker.clients.size} online)`));
  broker.on('error', (e) => log(`! client error: ${printable(e.message)}`));
  broker.on('redis', (state) =>
    log(state.up ? 'redis: reachable again' : `! redis: unreachable (${printable(state.error ?? '')}); peers on other instances cannot be reached`),
  );

  let stopping = false;
  const stop = (signal) => {
    if (stopping) {
      error(`${NAME}: ${signal} again, exiting without waiting`);
      exit(1);
      return;
    }
    stopping = true;
    log(`stopping broker (${signal})`);
    const force = setTimeout(() => {
      error(`${NAME}: did not stop within 5 s, exiting`);
      exit(1);
    }, 5000);
    force.unref();
    broker.close().then(
      () => exit(0),
      (e) => {
        error(`${NAME}: ${e.message}`);
        exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return broker;
}
