/** The lobby's microphone level: Web Audio's analyser on the microphone track, read ten times a second (not per frame: cheap). */

/** An RMS amplitude (0..1) as 0..100 on a -60..0 dB scale (a quiet room near 0, speech around 50-80). */
export function levelOf(rms: number): number {
  if (!(rms > 0)) return 0;
  return Math.max(0, Math.min(100, Math.round(((20 * Math.log10(rms) + 60) * 100) / 60)));
}

export class LevelMeter {
  private context: AudioContext | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private track: MediaStreamTrack | undefined;

  /** Measures `track`, calling `show` with each new level; without Web Audio there is no meter (level 0). */
  start(track: MediaStreamTrack, show: (level: number) => void): void {
    if (this.track === track) return;
    this.stop();
    this.track = track;
    const Context = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Context) return;
    try {
      const context = new Context();
      this.context = context;
      const analyser = context.createAnalyser();
      analyser.fftSize = 1024;
      context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      let last = -1;
      this.timer = setInterval(() => {
        analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const x of samples) sum += x * x;
        const level = track.enabled ? levelOf(Math.sqrt(sum / samples.length)) : 0;
        if (level !== last) show((last = level));
      }, 100);
      this.resume();
    } catch {
      this.stop();
    }
  }

  /** A context made without a click may start suspended; a click in the lobby resumes it. */
  resume(): void {
    void this.context?.resume().catch(() => {});
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.track = undefined;
    void this.context?.close().catch(() => {});
    this.context = undefined;
  }
}
