// Table rows of the "what users feel" benchmarks (issue 18; test/bench/feel.test.ts), in
// bench.mjs's shape { metric, ours, base, ratio, target, verdict }. Kept apart from bench.mjs so
// the runner's own sections and these merge independently.

export const feelSections = [
  'call-setup',
  'call-cpu',
  'paint',
  'page-load',
  'bigfile',
  'history',
  'network-audio',
  'reactions',
  'recording',
  'lobby-cpu',
  'lobby-setup',
  'layout-pin',
  'layout-speaker',
  'blur-cpu',
];

const fmt = (x, unit, digits = 1) => (Number.isFinite(x) ? `${x.toFixed(digits)} ${unit}` : 'n/a');
const ratioText = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : '-');
const verdict = (ok) => (ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS');
const finite = (...xs) => xs.every(Number.isFinite);

export function feelRows(results) {
  const rows = [];
  const find = (kind, variant) => results.find((r) => r.kind === kind && r.variant === variant);
  const row = (metric, ours, base, ratio, target, v) => rows.push({ metric, ours, base, ratio: ratioText(ratio), target, verdict: v });

  // 1. call setup
  const se = find('call-setup', 'element');
  const sb = find('call-setup', 'peerjs');
  if (se && sb) {
    const r = se.bothMs.median / sb.bothMs.median;
    row(
      `call setup: call() -> first remote frame on both sides (rVFC), auto-answer, vs bare PeerJS call/answer + <video>, median of ${se.bothMs.n}`,
      fmt(se.bothMs.median, 'ms', 0),
      fmt(sb.bothMs.median, 'ms', 0),
      r,
      '<= 1.10x',
      verdict(finite(r) ? r <= 1.1 : undefined),
    );
    row('  same, p95', fmt(se.bothMs.p95, 'ms', 0), fmt(sb.bothMs.p95, 'ms', 0), se.bothMs.p95 / sb.bothMs.p95, 'info', '-');
    row(
      '  caller side only (first frame on the caller)',
      fmt(se.callerMs.median, 'ms', 0),
      fmt(sb.callerMs.median, 'ms', 0),
      se.callerMs.median / sb.callerMs.median,
      'info',
      '-',
    );
  }

  // 2. CPU in a call
  for (const [label, ours, base] of [
    ['1:1 video call', 'element', 'peerjs'],
    ['4-member room vs bare PeerJS mesh', 'room', 'mesh'],
  ]) {
    const e = find('call-cpu', ours);
    const b = find('call-cpu', base);
    if (!e || !b) continue;
    const rAll = e.allMsPerS.median / b.allMsPerS.median;
    const rRen = e.rendererMsPerS.median / b.rendererMsPerS.median;
    row(
      `CPU in a ${label} (fake devices, ${e.windows} x ${e.seconds} s): browser CPU ms/s, all processes`,
      fmt(e.allMsPerS.median, 'ms/s', 0),
      fmt(b.allMsPerS.median, 'ms/s', 0),
      rAll,
      '<= 1.10x',
      verdict(finite(rAll) ? rAll <= 1.1 : undefined),
    );
    row(
      '  renderer alone (page + WebRTC threads: decode, encode, stats polls)',
      fmt(e.rendererMsPerS.median, 'ms/s', 0),
      fmt(b.rendererMsPerS.median, 'ms/s', 0),
      rRen,
      '<= 1.10x',
      verdict(finite(rRen) ? rRen <= 1.1 : undefined),
    );
    // where the CPU goes: median per process type over the windows
    const split = (r) => {
      const types = ['renderer', 'gpu-process', 'browser', 'network.mojom.NetworkService'];
      const med = (k) => {
        const xs = (r.byProcess ?? []).map((p) => p[k] ?? 0).sort((x, y) => x - y);
        return xs.length ? xs[xs.length >> 1] : NaN;
      };
      return types.map((k) => (Number.isFinite(med(k)) ? String(med(k)) : '-')).join(' / ');
    };
    row('  ms/s by process: renderer / gpu / browser / network service', split(e), split(b), NaN, 'info', '-');
    const selfView = ours === 'element' ? find('call-cpu', 'peerjs-self-view') : undefined;
    if (selfView)
      row(
        '  diagnostic: vs bare PeerJS that also shows both own cameras (4 <video>, as the elements), all / renderer / gpu',
        `${fmt(e.allMsPerS.median, 'ms/s', 0)} / ${fmt(e.rendererMsPerS.median, 'ms/s', 0)} / ${split(e).split(' / ')[1]} ms/s`,
        `${fmt(selfView.allMsPerS.median, 'ms/s', 0)} / ${fmt(selfView.rendererMsPerS.median, 'ms/s', 0)} / ${split(selfView).split(' / ')[1]} ms/s`,
        e.allMsPerS.median / selfView.allMsPerS.median,
        'info',
        '-',
      );
    const noStats = ours === 'element' ? find('call-cpu', 'element-no-stats') : undefined;
    if (noStats)
      row(
        '  diagnostic: elements with stats-interval="0" (no getStats polling, no quality indicator), all / renderer',
        `${fmt(noStats.allMsPerS.median, 'ms/s', 0)} / ${fmt(noStats.rendererMsPerS.median, 'ms/s', 0)}`,
        `${fmt(b.allMsPerS.median, 'ms/s', 0)} / ${fmt(b.rendererMsPerS.median, 'ms/s', 0)}`,
        noStats.allMsPerS.median / b.allMsPerS.median,
        'info',
        '-',
      );
  }

  // 3. message to pixels
  const pe = find('paint', 'element');
  const pp = find('paint', 'plain');
  if (pe && pp) {
    const frame = pe.frameMs;
    for (const [label, key] of [
      ['p50', 'median'],
      ['p95', 'p95'],
    ]) {
      const ok = pe.ms[key] <= pp.ms[key] + frame;
      row(
        `message to pixels ${label} (n=${pe.ms.n}): send() -> frame showing it on the receiver vs hand-written plain-channel chat`,
        fmt(pe.ms[key], 'ms', 1),
        fmt(pp.ms[key], 'ms', 1),
        pe.ms[key] / pp.ms[key],
        `<= base + 1 frame (${frame.toFixed(1)} ms)`,
        verdict(finite(pe.ms[key], pp.ms[key], frame) ? ok : undefined),
      );
    }
  }
  const fe = find('flood', 'element');
  const fp = find('flood', 'plain');
  if (fe && fp) {
    row(
      `flood ${fe.sent / fe.seconds} msg/s for ${fe.seconds} s: delivered messages/s (first send -> last shown)`,
      fmt(fe.deliveredPerS, 'msg/s', 0),
      fmt(fp.deliveredPerS, 'msg/s', 0),
      fe.deliveredPerS / fp.deliveredPerS,
      '>= 0.95x',
      verdict(finite(fe.deliveredPerS, fp.deliveredPerS) ? fe.deliveredPerS >= 0.95 * fp.deliveredPerS : undefined),
    );
    row(
      '  longest main-thread stall (Long Tasks; sender and receiver share the page)',
      fmt(fe.longestTaskMs, 'ms', 0),
      fmt(fp.longestTaskMs, 'ms', 0),
      fe.longestTaskMs / fp.longestTaskMs,
      '<= 50 ms',
      verdict(Number.isFinite(fe.longestTaskMs) ? fe.longestTaskMs <= 50 : undefined),
    );
    row(
      '  longest frame / frame p95 (rAF intervals)',
      `${fmt(fe.longestFrameMs, 'ms', 0)} / ${fmt(fe.frameP95Ms, 'ms', 0)}`,
      `${fmt(fp.longestFrameMs, 'ms', 0)} / ${fmt(fp.frameP95Ms, 'ms', 0)}`,
      fe.frameP95Ms / fp.frameP95Ms,
      'info',
      '-',
    );
  }

  // 4. page to ready
  const le = find('page-load', 'element');
  const lb = find('page-load', 'peerjs');
  if (le && lb) {
    for (const [label, key] of [
      ['cold cache (new incognito context)', 'coldMs'],
      ['warm cache (second load)', 'warmMs'],
    ]) {
      const r = le[key].median / lb[key].median;
      row(
        `page to ready, ${label}: script tag (dist/rtc-elements.js) -> rtc-open vs peerjs.min.js -> open, median of ${le[key].n}`,
        fmt(le[key].median, 'ms', 0),
        fmt(lb[key].median, 'ms', 0),
        r,
        '<= 1.20x',
        verdict(finite(r) ? r <= 1.2 : undefined),
      );
    }
    if (le.codeColdMs && lb.codeColdMs)
      row(
        '  of which until the code had run (element defined / PeerJS loaded), cold / warm',
        `${fmt(le.codeColdMs.median, 'ms', 0)} / ${fmt(le.codeWarmMs.median, 'ms', 0)}`,
        `${fmt(lb.codeColdMs.median, 'ms', 0)} / ${fmt(lb.codeWarmMs.median, 'ms', 0)}`,
        le.codeColdMs.median / lb.codeColdMs.median,
        'info',
        '-',
      );
  }

  // 5. big files
  const big = find('bigfile', 'big');
  const ref = find('bigfile', 'reference');
  if (big?.error) row('big file', `error: ${big.error}`, '-', NaN, '-', 'n/a');
  else if (big && ref) {
    const r = big.mibps / ref.mibps;
    row(
      `big file ${big.mib} MiB (generated) end to end vs the ${ref.mib} MiB run, same pages: throughput`,
      fmt(big.mibps, 'MiB/s', 2),
      fmt(ref.mibps, 'MiB/s', 2),
      r,
      '>= 0.90x',
      verdict(finite(r) ? r >= 0.9 : undefined),
    );
    row(`  total time`, fmt(big.seconds, 's', 1), fmt(ref.seconds, 's', 1), NaN, 'info', '-');
    for (const [label, key] of [
      ['sender renderer (this page)', 'senderPeakGrowthMB'],
      ['receiver renderer (second tab, script-tag build)', 'receiverPeakGrowthMB'],
    ])
      row(
        `  peak RSS growth, ${label}`,
        fmt(big[key], 'MB', 0),
        fmt(ref[key], 'MB', 0),
        NaN,
        '< 150 MB',
        verdict(Number.isFinite(big[key]) ? big[key] < 150 : undefined),
      );
    row(
      '  peak RSS growth, browser process (holds Blob data, spills to disk)',
      fmt(big.browserPeakGrowthMB, 'MB', 0),
      fmt(ref.browserPeakGrowthMB, 'MB', 0),
      NaN,
      'info',
      '-',
    );
  }

  // 6. long history
  const he = find('history', 'element');
  const hb = find('history', 'plain');
  if (he && hb) {
    row(
      `long history: max-messages=${he.count} filled, to the top (Show earlier) and back: frame p95 vs hand-written list`,
      fmt(he.frameP95Ms, 'ms', 1),
      fmt(hb.frameP95Ms, 'ms', 1),
      he.frameP95Ms / hb.frameP95Ms,
      'info',
      '-',
    );
    row(
      '  longest frame',
      fmt(he.frameMaxMs, 'ms', 1),
      fmt(hb.frameMaxMs, 'ms', 1),
      he.frameMaxMs / hb.frameMaxMs,
      '<= 50 ms',
      verdict(Number.isFinite(he.frameMaxMs) ? he.frameMaxMs <= 50 : undefined),
    );
    row(
      '  JS heap growth (all shown) / DOM nodes',
      `${fmt(he.heapGrowthMB, 'MB', 1)} / ${he.domNodes}`,
      `${fmt(hb.heapGrowthMB, 'MB', 1)} / ${hb.domNodes}`,
      he.heapGrowthMB / hb.heapGrowthMB,
      'info',
      '-',
    );
    row('  time to first render of the full history', fmt(he.readyMs, 'ms', 0), fmt(hb.readyMs, 'ms', 0), he.readyMs / hb.readyMs, 'info', '-');
  }

  // network adaptation (issue 19): audio on a capped relay, adapted vs the same call without adaptation
  const na = find('network-audio', 'adapted');
  const nf = find('network-audio', 'fixed');
  if (na && nf && !na.error && !nf.error) {
    row(
      `audio over a 64 kbit/s relay: received packet loss, auto-audio-only vs no adaptation, ${na.windowS} s window, median of ${na.runs}`,
      fmt(na.lossPct, '%'),
      fmt(nf.lossPct, '%'),
      na.lossPct / nf.lossPct,
      '< 1.00x',
      verdict(finite(na.lossPct, nf.lossPct) ? na.lossPct < nf.lossPct : undefined),
    );
    row('  concealed share of the played audio', fmt(na.concealedPct, '%'), fmt(nf.concealedPct, '%'), na.concealedPct / nf.concealedPct, 'info', '-');
  }
  // reactions and recording (test/bench/reactrec.test.ts)
  const rr = find('reactions', 'reaction');
  const rm = find('reactions', 'mute');
  if (rr && rm) {
    const r = rr.ms.median / rm.ms.median;
    row(
      `reaction: react() -> emoji on the other side's tile, vs setMuted() -> remote rtc-media-state (same call), median of ${rr.ms.n}`,
      fmt(rr.ms.median, 'ms'),
      fmt(rm.ms.median, 'ms'),
      r,
      '<= 1.50x',
      verdict(finite(r) ? r <= 1.5 : undefined),
    );
    row('  same, p95', fmt(rr.ms.p95, 'ms'), fmt(rm.ms.p95, 'ms'), rr.ms.p95 / rm.ms.p95, 'info', '-');
  }
  const rec = results.find((x) => x.kind === 'recording');
  if (rec) {
    const r = rec.recordingCpu / rec.idleCpu;
    row(
      `recording: browser CPU ms/s while recording a 1:1 call (${rec.seconds} s), vs the same call not recording`,
      fmt(rec.recordingCpu, 'ms/s', 0),
      fmt(rec.idleCpu, 'ms/s', 0),
      r,
      '<= 1.30x',
      verdict(finite(r) ? r <= 1.3 : undefined),
    );
    row(
      `  startRecording() -> the other side's notice; recording rate (${rec.mimeType ?? '?'})`,
      `${fmt(rec.noticeMs, 'ms', 0)}; ${fmt(rec.kibPerS, 'KiB/s')}`,
      '-',
      NaN,
      'info',
      '-',
    );
  }
  // 7. the pre-join lobby (test/bench/lobby.test.ts)
  const lc = find('lobby-cpu', 'lobby');
  const li = find('lobby-cpu', 'idle');
  if (lc && li) {
    row(
      `CPU with the lobby open (camera preview + microphone meter, ${lc.windows} x ${lc.seconds} s): browser CPU ms/s vs the same element idle`,
      fmt(lc.allMsPerS.median, 'ms/s', 0),
      fmt(li.allMsPerS.median, 'ms/s', 0),
      lc.allMsPerS.median / li.allMsPerS.median,
      'info',
      '-',
    );
    row(
      '  renderer alone',
      fmt(lc.rendererMsPerS.median, 'ms/s', 0),
      fmt(li.rendererMsPerS.median, 'ms/s', 0),
      lc.rendererMsPerS.median / li.rendererMsPerS.median,
      'info',
      '-',
    );
    const bare = find('lobby-cpu', 'bare-preview');
    if (bare)
      row(
        '  diagnostic: vs a bare getUserMedia preview in a <video> (camera + microphone, no meter, no element)',
        fmt(lc.allMsPerS.median, 'ms/s', 0),
        fmt(bare.allMsPerS.median, 'ms/s', 0),
        lc.allMsPerS.median / bare.allMsPerS.median,
        'info',
        '-',
      );
  }
  const ls = find('lobby-setup', 'lobby');
  const lp = find('lobby-setup', 'plain');
  if (ls && lp) {
    const r = ls.bothMs.median / lp.bothMs.median;
    row(
      `first call with the lobby: click on Join -> first remote frame on both sides, vs call() without a lobby, median of ${ls.bothMs.n}`,
      fmt(ls.bothMs.median, 'ms', 0),
      fmt(lp.bothMs.median, 'ms', 0),
      r,
      '<= 1.05x',
      verdict(finite(r) ? r <= 1.05 : undefined),
    );
    row('  caller side only', fmt(ls.callerMs.median, 'ms', 0), fmt(lp.callerMs.median, 'ms', 0), ls.callerMs.median / lp.callerMs.median, 'info', '-');
  }
  {
    // (a block of its own: the lobby rows above use the same short names)
    // Speaker layout (test/bench/layout.test.ts)
    const lp = find('layout-pin', 'pin');
    const lg = find('layout-pin', 'grid');
    if (lp && lg) {
      const extra = lp.ms.median - lg.ms.median;
      row(
        `speaker layout: pin() -> large tile painted, room of 3, vs a plain re-render of the grid -> painted, median of ${lp.ms.n}`,
        fmt(lp.ms.median, 'ms'),
        fmt(lg.ms.median, 'ms'),
        lp.ms.median / lg.ms.median,
        '<= +1 frame (16.7 ms)',
        verdict(finite(extra) ? extra <= 16.7 : undefined),
      );
      row('  same, p95', fmt(lp.ms.p95, 'ms'), fmt(lg.ms.p95, 'ms'), lp.ms.p95 / lg.ms.p95, 'info', '-');
    }
    const ll = find('layout-speaker', 'large-tile');
    const ls = find('layout-speaker', 'speaking');
    if (ll && ls) {
      const extra = ll.ms.median - ls.ms.median;
      row(
        `speaker layout: a member unmutes (steady tone) -> large tile (rtc-active-speaker), vs -> its rtc-speaking, median of ${ll.ms.n}`,
        fmt(ll.ms.median, 'ms', 0),
        fmt(ls.ms.median, 'ms', 0),
        ll.ms.median / ls.ms.median,
        '<= +1000 ms (600 ms hysteresis by design)',
        verdict(finite(extra) ? extra <= 1000 : undefined),
      );
    }
  }
  {
    // background blur: the same call with blur on the caller vs none
    const bo = find('blur-cpu', 'blur');
    const bn = find('blur-cpu', 'off');
    if (bo && bn) {
      const r = bo.allMsPerS.median / bn.allMsPerS.median;
      row(
        `CPU in a 1:1 call with background="blur" on one side vs none, same call (fake camera 320x240, ${bo.windows} x ${bo.seconds} s): browser CPU ms/s`,
        fmt(bo.allMsPerS.median, 'ms/s', 0),
        fmt(bn.allMsPerS.median, 'ms/s', 0),
        r,
        'info',
        '-',
      );
      row('  processed frames per second (worker, median of 1 s samples) / camera rate asked', fmt(bo.fps, 'fps', 1), '15 fps', bo.fps / 15, 'info', '-');
      row('  worker time per processed frame (segmentation + compositing)', fmt(bo.frameMs, 'ms', 1), '-', NaN, 'info', '-');
    }
  }
  return rows;
}

/** One progress line for a result of these sections, or undefined. */
export function feelProgress(r) {
  switch (r.kind) {
    case 'reactions':
      return `p50 ${r.ms?.median} ms, p95 ${r.ms?.p95} ms`;
    case 'recording':
      return `notice ${r.noticeMs} ms, CPU ${r.recordingCpu} vs ${r.idleCpu} ms/s`;
    case 'call-setup':
      return `both ${r.bothMs?.median} ms (p95 ${r.bothMs?.p95}), caller ${r.callerMs?.median} ms`;
    case 'call-cpu':
      return `${r.allMsPerS?.median} ms/s all, ${r.rendererMsPerS?.median} ms/s renderer`;
    case 'paint':
      return `p50 ${r.ms?.median} ms, p95 ${r.ms?.p95} ms (frame ${r.frameMs} ms)`;
    case 'flood':
      return `${r.deliveredPerS} msg/s delivered, longest task ${r.longestTaskMs} ms, longest frame ${r.longestFrameMs} ms`;
    case 'page-load':
      return `cold ${r.coldMs?.median} ms, warm ${r.warmMs?.median} ms`;
    case 'bigfile':
      return r.error
        ? `error ${r.error}`
        : `${r.mib} MiB: ${r.mibps} MiB/s, peak RSS growth sender ${r.senderPeakGrowthMB} MB, receiver ${r.receiverPeakGrowthMB} MB`;
    case 'lobby-cpu':
      return `${r.variant}: ${r.allMsPerS?.median} ms/s all, ${r.rendererMsPerS?.median} ms/s renderer`;
    case 'lobby-setup':
      return `${r.variant}: both ${r.bothMs?.median} ms, caller ${r.callerMs?.median} ms`;
    case 'blur-cpu':
      return `${r.variant}: ${r.allMsPerS?.median} ms/s, ${r.fps} fps, ${r.frameMs} ms/frame`;
    case 'history':
      return `${r.count}: frame p95 ${r.frameP95Ms} ms, max ${r.frameMaxMs} ms, heap ${r.heapGrowthMB} MB, ${r.domNodes} nodes`;
    default:
      return undefined;
  }
}
