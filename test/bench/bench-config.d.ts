/** Knobs of one bench run, served by web-test-runner.bench.config.mjs (set by scripts/bench.mjs). */
declare module '*/__bench-config.js' {
  export interface BenchConfig {
    quick?: boolean;
    /** Sections to run (connect, rtt, memory, throughput, explore); all when absent. */
    only?: string[];
    /** File throughput payload in MiB. */
    fileMB?: number;
    throughputReps?: number;
    connectRuns?: number;
    rttRounds?: number;
    rttWarmup?: number;
    memoryCycles?: number;
    /** Plain-channel settings matrix (slow). */
    explore?: boolean;
    exploreMB?: number;
    exploreReps?: number;
    /** 'focus': only the few best candidates, for more repetitions. */
    exploreSet?: string;
  }
  export const BENCH: BenchConfig;
}
