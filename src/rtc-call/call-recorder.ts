/**
 * <rtc-call>'s local recording, loaded by the first `startRecording()`: every remote stream's audio
 * and the own microphone mixed with Web Audio into one track, plus one chosen video track, into a
 * MediaRecorder. The recording stays in this page (a Blob in `rtc-recording`); nothing is uploaded.
 */
import type { CallRecord } from './call-record.js';
import type { LocalMedia } from './local-media.js';
import type { RtcRecordingDetail } from './call-acts.events.js';

/** `startRecording()`'s options. */
export interface RecordingOptions {
  /**
   * Which video goes into the recording: `remote` (default: the one-to-one call's other side; in a
   * room the first member's), `local` (own camera or screen) or `none` (audio only).
   */
  video?: 'remote' | 'local' | 'none';
  /** Recording stops by itself at this many bytes (default 256 MiB); `rtc-recording-state` says `reason: 'limit'`. */
  maxBytes?: number;
  /** Recording stops by itself after this many seconds (default 3600). */
  maxDuration?: number;
  /** A container/codec string to use when the browser supports it (else the best of WebM VP8/Opus, WebM, MP4, Ogg). */
  mimeType?: string;
}

export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
export const DEFAULT_MAX_DURATION = 3600;

const VIDEO_TYPES = ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'];
const AUDIO_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];

/** The first of `candidates` the browser records ('' lets it choose). */
function chooseType(candidates: string[], wanted?: string): string {
  const supported = (type: string): boolean => {
    try {
      return MediaRecorder.isTypeSupported(type);
    } catch {
      return false;
    }
  };
  if (wanted && supported(wanted)) return wanted;
  return candidates.find(supported) ?? '';
}

const positive = (value: unknown, fallback: number): number => (typeof value === 'number' && value > 0 && Number.isFinite(value) ? value : fallback);

/**
 * An AudioContext for the mix, resumed if the browser allows it (without a user gesture it may
 * stay suspended; a short wait, not forever).
 */
export async function mixingContext(): Promise<AudioContext> {
  const context = new AudioContext();
  if (context.state !== 'running') await Promise.race([context.resume().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 500))]);
  return context;
}

export class Recorder {
  readonly startedAt = Date.now();
  private readonly started = performance.now();
  /** The mixer; absent where Web Audio stays suspended (no user gesture yet): then one audio track is recorded as it is. */
  private readonly mix: MediaStreamAudioDestinationNode | undefined;
  private unmixed: MediaStreamTrack | undefined;
  private readonly recorder: MediaRecorder;
  private readonly chunks: Blob[] = [];
  private readonly mixed = new Set<MediaStream>();
  private bytes = 0;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly stopped: Promise<void>;
  private readonly type: string;

  /** Starts recording `calls` (connected) and own media; throws (an Error) when there is nothing to record or the recorder refuses. */
  constructor(
    calls: CallRecord[],
    media: LocalMedia,
    options: RecordingOptions,
    limit: () => void,
    private readonly context: AudioContext,
  ) {
    // A suspended context's mix is silence, and some recorders then write nothing at all.
    this.mix = context.state === 'running' ? context.createMediaStreamDestination() : undefined;
    try {
      for (const rec of calls) if (rec.remoteStream) this.add(rec.remoteStream);
      if (media.local?.audio) this.add(new MediaStream([media.local.audio]));
      const which = options.video ?? 'remote';
      const video =
        which === 'none'
          ? undefined
          : which === 'local'
            ? (media.screenTrack ?? media.local?.video)
            : calls.find((rec) => rec.remoteStream?.getVideoTracks().length)?.remoteStream?.getVideoTracks()[0];
      if (!this.mixed.size && !video) throw new Error('There is nothing to record: no audio and no video in the call.');
      const audio = this.mix ? this.mix.stream.getAudioTracks() : this.unmixed ? [this.unmixed] : [];
      const tracks = [...audio, ...(video ? [video] : [])];
      this.type = chooseType(video ? VIDEO_TYPES : AUDIO_TYPES, options.mimeType);
      this.recorder = new MediaRecorder(new MediaStream(tracks), this.type ? { mimeType: this.type } : undefined);
      const maxBytes = positive(options.maxBytes, DEFAULT_MAX_BYTES);
      this.recorder.ondataavailable = (event) => {
        if (!event.data.size) return;
        this.chunks.push(event.data);
        this.bytes += event.data.size;
        if (this.bytes >= maxBytes) limit();
      };
      this.stopped = new Promise((resolve) => this.recorder.addEventListener('stop', () => resolve(), { once: true }));
      this.recorder.start(1000);
      this.timer = setTimeout(limit, positive(options.maxDuration, DEFAULT_MAX_DURATION) * 1000);
    } catch (error) {
      void this.context.close().catch(() => {});
      throw error;
    }
  }

  /** Mixes a stream's audio in (a room member who joined during the recording). */
  add(stream: MediaStream): void {
    if (this.mixed.has(stream) || !stream.getAudioTracks().length) return;
    this.mixed.add(stream);
    if (this.mix) this.context.createMediaStreamSource(stream).connect(this.mix);
    else this.unmixed ??= stream.getAudioTracks()[0];
  }

  /** Stops and hands over what was recorded. */
  async stop(): Promise<RtcRecordingDetail> {
    clearTimeout(this.timer);
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    await this.stopped;
    void this.context.close().catch(() => {});
    const mimeType = this.recorder.mimeType || this.type || this.chunks[0]?.type || '';
    return { blob: new Blob(this.chunks, { type: mimeType }), mimeType, duration: Math.round(performance.now() - this.started), startedAt: this.startedAt };
  }
}
