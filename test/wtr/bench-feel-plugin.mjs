// Commands for the "what users feel" benchmarks (test/bench/feel.test.ts), used by
// web-test-runner.bench.config.mjs next to its CPU / heap / trace commands:
//
//   bench-rss {action:'start', interval?} / {action:'stop'} -> { processes: [{pid, type, startKiB, peakKiB, endKiB}] }
//       samples the resident set size (VmRSS, /proc/<pid>/status) of every process of the browser
//       every `interval` ms (default 100) between start and stop; per process the first, highest
//       and last value. Processes that start meanwhile are included from their first sample.
//   bench-pids -> { pid: type } of the browser's process tree now (to tell a new tab's renderer).
//   bench-load {url, reps} -> { cold: ms[], warm: ms[], defined: {cold, warm} }: loads `url` in a fresh incognito browser
//       context (empty HTTP cache, no code cache) and reads window.__ready (ms since navigation
//       start, set by the page; window.__defined: when the code had run), then loads it again in the same context (warm cache). Each rep uses
//       its own context.
import { readFileSync, readdirSync } from 'node:fs';

function processTree(rootPid) {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* exited */
    }
  }
  const inTree = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 50; hops++) {
      if (p === rootPid) return true;
      p = parents.get(p) ?? 0;
    }
    return false;
  };
  return [...parents.keys()].filter(inTree);
}

/** A browser process's type from its command line (`renderer`, `gpu-process`, `network.mojom.NetworkService`, ... or `browser`). */
export function processType(pid) {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const sub = args.find((a) => a.startsWith('--utility-sub-type='));
    const t = args.find((a) => a.startsWith('--type='));
    return sub ? sub.slice(19) : t ? t.slice(7) : 'browser';
  } catch {
    return 'gone';
  }
}

function rssKiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

const browserPid = (session) => session.browser.getPage(session.id).browser().process()?.pid;

export function benchFeelPlugin() {
  const samplers = new Map();
  return {
    name: 'bench-feel',
    async executeCommand({ command, payload, session }) {
      if (command === 'bench-pids') {
        const root = browserPid(session);
        return root ? Object.fromEntries(processTree(root).map((pid) => [pid, processType(pid)])) : {};
      }
      if (command === 'bench-rss') {
        const root = browserPid(session);
        if (!root) return { processes: [] };
        if (payload?.action === 'start') {
          const seen = new Map();
          const sample = () => {
            for (const pid of processTree(root)) {
              const kib = rssKiB(pid);
              if (kib === undefined) continue;
              const s = seen.get(pid);
              if (s) {
                s.peakKiB = Math.max(s.peakKiB, kib);
                s.endKiB = kib;
              } else seen.set(pid, { pid, type: processType(pid), startKiB: kib, peakKiB: kib, endKiB: kib });
            }
          };
          sample();
          samplers.get(session.id)?.stop();
          const timer = setInterval(sample, payload.interval ?? 100);
          samplers.set(session.id, { stop: () => clearInterval(timer), sample, seen });
          return true;
        }
        const s = samplers.get(session.id);
        if (!s) return { processes: [] };
        s.sample();
        s.stop();
        samplers.delete(session.id);
        return { processes: [...s.seen.values()] };
      }
      if (command === 'bench-load') {
        const browser = session.browser.getPage(session.id).browser();
        const cold = [];
        const warm = [];
        const defined = { cold: [], warm: [] };
        for (let rep = 0; rep < (payload.reps ?? 1); rep++) {
          const context = await browser.createBrowserContext();
          try {
            const page = await context.newPage();
            page.on('pageerror', (e) => console.log(`[bench-load] pageerror ${e.message}`));
            for (const [list, code] of [
              [cold, defined.cold],
              [warm, defined.warm],
            ]) {
              await page.goto(payload.url, { waitUntil: 'domcontentloaded' });
              await page.waitForFunction(() => typeof window.__ready === 'number' || typeof window.__failed === 'string', { timeout: 30000, polling: 20 });
              const failed = await page.evaluate(() => window.__failed);
              if (failed) throw new Error(`${payload.url}: ${failed}`);
              list.push(await page.evaluate(() => window.__ready));
              code.push(await page.evaluate(() => window.__defined ?? NaN));
            }
            await page.close();
          } finally {
            await context.close().catch(() => {});
          }
        }
        return { cold, warm, defined };
      }
      return undefined;
    },
  };
}
