// PeerServer (npm "peer" 1.0.2) starts two self-rescheduling setTimeout loops when it is mounted
// (expiring queued messages, sweeping dead connections) and has no way to stop them, so a closed
// broker would keep ticking and keep Node's event loop alive forever. This finds those loops
// without changing PeerServer:
//
// - run(fn) runs fn (the mount) while watching setTimeout: every timer made then starts a loop.
// - When a loop's timer fires, its tick is watched the same way, and the LAST timer the tick makes
//   is the loop's next tick (PeerServer reschedules at the very end of a tick). Other timers made
//   during a tick (ws's close timeout when the sweep closes a socket) are left alone.
// - stop() clears the pending tick of every loop; a tick that still fires does nothing.
//
// setTimeout is replaced only for the synchronous duration of fn or of one tick, and what it
// returns is Node's own Timeout, so clearTimeout, refresh() and unref() work as usual.

export function createTimerLoops() {
  /** The pending next tick of each loop. */
  const pending = new Set();
  let stopped = false;

  function watch(fn, allAreLoops) {
    const made = [];
    const saved = globalThis.setTimeout;
    globalThis.setTimeout = function setTimeout(callback, delay, ...args) {
      const cell = { timer: undefined };
      const wrapped = typeof callback === 'function' ? tick(callback, cell) : callback;
      cell.timer = saved(wrapped, delay, ...args);
      made.push(cell.timer);
      return cell.timer;
    };
    try {
      fn();
    } finally {
      globalThis.setTimeout = saved;
    }
    for (const timer of allAreLoops ? made : made.slice(-1)) {
      if (stopped) clearTimeout(timer);
      else pending.add(timer);
    }
  }

  function tick(callback, cell) {
    return function loopTick(...args) {
      if (!pending.delete(cell.timer)) return callback.apply(this, args);
      if (stopped) return undefined;
      watch(() => callback.apply(this, args), false);
      return undefined;
    };
  }

  return {
    run(fn) {
      watch(fn, true);
    },
    stop() {
      stopped = true;
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    },
    /** How many loops have a tick pending (for tests). */
    get size() {
      return pending.size;
    },
  };
}
