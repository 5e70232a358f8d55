// A few Prometheus metrics (text exposition format 0.0.4) without a dependency: counters and
// histograms with a fixed, small set of label values, and gauges read when scraped.

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export const REFUSAL_REASONS = Object.freeze(['ip_limit', 'concurrent_limit', 'id_taken', 'invalid_key', 'invalid_params', 'draining', 'redis_unavailable']);

function labelText(labels) {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}

function number(n) {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  return String(n);
}

export function createMetrics({ mode, instance: firstInstance }) {
  let instance = firstInstance;
  const counters = new Map();
  const histograms = new Map();
  const gauges = [];
  const help = new Map();

  function counter(name, text, labelSets) {
    help.set(name, { type: 'counter', text });
    const values = new Map(labelSets.map((labels) => [labelText(labels), 0]));
    counters.set(name, values);
    return {
      inc(labels = {}, by = 1) {
        const key = labelText(labels);
        if (values.has(key)) values.set(key, values.get(key) + by);
      },
      get(labels = {}) {
        return values.get(labelText(labels)) ?? 0;
      },
      /** inc() for one label set, its key computed once (for hot paths). */
      bind(labels = {}) {
        const key = labelText(labels);
        if (!values.has(key)) return () => {};
        return (by = 1) => values.set(key, values.get(key) + by);
      },
    };
  }

  function histogram(name, text, labelSets, buckets = LATENCY_BUCKETS) {
    help.set(name, { type: 'histogram', text });
    const series = new Map(labelSets.map((labels) => [labelText(labels), { labels, counts: buckets.map(() => 0), sum: 0, count: 0 }]));
    histograms.set(name, { buckets, series });
    const record = (s, seconds) => {
      if (!s || !Number.isFinite(seconds) || seconds < 0) return;
      for (let i = 0; i < buckets.length; i++) if (seconds <= buckets[i]) s.counts[i]++;
      s.sum += seconds;
      s.count++;
    };
    return {
      observe(labels, seconds) {
        record(series.get(labelText(labels)), seconds);
      },
      /** observe() for one label set, looked up once (for hot paths). */
      bind(labels) {
        const s = series.get(labelText(labels));
        return (seconds) => record(s, seconds);
      },
    };
  }

  function gauge(name, text, read, type = 'gauge') {
    help.set(name, { type, text });
    gauges.push({ name, read });
  }

  const scopes = mode === 'redis' ? [{ scope: 'local' }, { scope: 'remote' }] : [{ scope: 'local' }];
  const metrics = {
    registrations: counter('rtc_broker_registrations_total', 'Peers that registered (OPEN sent), reconnections with a token included.', [{}]),
    relayed: counter(
      'rtc_broker_messages_relayed_total',
      'OFFER/ANSWER/CANDIDATE/LEAVE/EXPIRE messages delivered to a peer (scope: same instance or through Redis).',
      scopes,
    ),
    expired: counter('rtc_broker_messages_expired_total', 'Queued messages whose peer never connected (the sender got EXPIRE).', [{}]),
    dropped: counter('rtc_broker_messages_dropped_total', 'Client frames dropped: over the rate limit, not JSON, or not a PeerJS message.', [
      { reason: 'rate' },
      { reason: 'invalid' },
    ]),
    refused: counter(
      'rtc_broker_connections_refused_total',
      'WebSocket connections refused, by reason.',
      REFUSAL_REASONS.map((reason) => ({ reason })),
    ),
    closedByLimit: counter('rtc_broker_connections_closed_total', 'Connections the broker closed: message rate or size over the limit.', [
      { reason: 'rate' },
      { reason: 'size' },
    ]),
    latency: histogram(
      'rtc_broker_relay_latency_seconds',
      'Time from a message arriving at the broker to its delivery to the destination socket (remote: across instances, through Redis).',
      scopes,
    ),
    gauge,
    setInstance(id) {
      instance = id;
    },
    /** The Prometheus text of every metric. */
    text() {
      const lines = [];
      const head = (name) => {
        const h = help.get(name);
        lines.push(`# HELP ${name} ${h.text}`, `# TYPE ${name} ${h.type}`);
      };
      for (const { name, read } of gauges) {
        head(name);
        const value = read();
        if (typeof value === 'number') lines.push(`${name} ${number(value)}`);
        else for (const [labels, v] of value) lines.push(`${name}${labelText(labels)} ${number(v)}`);
      }
      for (const [name, values] of counters) {
        head(name);
        for (const [labels, v] of values) lines.push(`${name}${labels} ${number(v)}`);
      }
      for (const [name, { buckets, series }] of histograms) {
        head(name);
        for (const s of series.values()) {
          buckets.forEach((le, i) => lines.push(`${name}_bucket${labelText({ ...s.labels, le: number(le) })} ${s.counts[i]}`));
          lines.push(`${name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`);
          lines.push(`${name}_sum${labelText(s.labels)} ${number(s.sum)}`);
          lines.push(`${name}_count${labelText(s.labels)} ${s.count}`);
        }
      }
      return `${lines.join('\n')}\n`;
    },
  };
  gauge('rtc_broker_info', 'This broker instance: its id and mode (single or redis).', () => [[{ instance, mode }, 1]]);
  gauge(
    'process_cpu_seconds_total',
    'CPU time (user and system) this process used.',
    () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1e6;
    },
    'counter',
  );
  gauge('process_resident_memory_bytes', 'Resident memory of this process.', () => process.memoryUsage.rss());
  gauge('nodejs_heap_used_bytes', 'V8 heap in use.', () => process.memoryUsage().heapUsed);
  return metrics;
}
