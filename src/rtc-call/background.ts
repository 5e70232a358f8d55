/**
 * Background blur / replace for <rtc-call>'s camera (`background` attribute), loaded on first use
 * with the worker (./background-worker.ts) and its model. The camera track stays the element's
 * own (preview, camera off, device switching work on it as before); what the calls send is the
 * processed track, swapped in and out with replaceTrack (no renegotiation). Where the browser
 * lacks MediaStreamTrackProcessor / MediaStreamTrackGenerator, OffscreenCanvas or module
 * workers, `rtc-error` `unsupported` and the plain camera.
 */
import { RtcError, toRtcError } from '../core/errors.js';
import type { LocalMedia } from './local-media.js';
import { replaceOutgoing } from './media.js';
import type { StartMessage, WorkerReply } from './background-worker.js';

/** What the page asked for: `none`, `blur`, or an image URL. */
export type BackgroundMode = 'none' | 'blur' | 'image';

interface ProcessorCtor {
  new (init: { track: MediaStreamTrack; maxBufferSize?: number }): { readable: ReadableStream<VideoFrame> };
}
interface GeneratorCtor {
  new (init: { kind: 'video' }): MediaStreamTrack & { writable: WritableStream<VideoFrame> };
}
const globals = globalThis as unknown as { MediaStreamTrackProcessor?: ProcessorCtor; MediaStreamTrackGenerator?: GeneratorCtor };

/** Largest background image side kept (it is scaled down to this). */
const MAX_IMAGE_SIDE = 1920;
/** How long the model may take to load before the background counts as failed. */
const READY_TIMEOUT = 20000;

/** Why this browser cannot process the camera, or undefined when it can. */
export function unsupportedReason(): string | undefined {
  if (!globals.MediaStreamTrackProcessor || !globals.MediaStreamTrackGenerator) return 'MediaStreamTrackProcessor / MediaStreamTrackGenerator';
  if (typeof OffscreenCanvas === 'undefined' || typeof Worker === 'undefined' || typeof VideoFrame === 'undefined') return 'OffscreenCanvas / VideoFrame';
  return undefined;
}

/** Parses the attribute: `none`/empty, `blur`, or a URL (http(s), blob or data, relative to the page). */
export function parseBackground(value: string | undefined | null): { mode: BackgroundMode; url?: string } {
  const text = (value ?? '').trim();
  if (!text || text === 'none') return { mode: 'none' };
  if (text === 'blur') return { mode: 'blur' };
  let url: URL;
  try {
    url = new URL(text, document.baseURI);
  } catch {
    throw new RtcError('invalid-attribute', `background must be "none", "blur" or an image URL; "${text.slice(0, 80)}" is none of them.`);
  }
  if (!['http:', 'https:', 'blob:', 'data:'].includes(url.protocol)) {
    throw new RtcError('invalid-attribute', `background: an image URL must be http(s), blob or data; "${url.protocol}" is not allowed.`);
  }
  return { mode: 'image', url: url.href };
}

/** Loads the background image (CORS: the frames are sent, so the image must not taint the canvas). */
async function loadImage(url: string): Promise<ImageBitmap> {
  const img = new Image();
  img.crossOrigin = 'anonymous';
  img.src = url;
  try {
    await img.decode();
  } catch {
    throw new RtcError(
      'background-failed',
      `The background image "${url.slice(0, 200)}" could not be loaded (missing, not an image, or refused by CORS or the page's CSP); the camera is sent as it is.`,
    );
  }
  const s = Math.min(1, MAX_IMAGE_SIDE / Math.max(img.naturalWidth, img.naturalHeight, 1));
  return createImageBitmap(img, { resizeWidth: Math.max(1, Math.round(img.naturalWidth * s)), resizeHeight: Math.max(1, Math.round(img.naturalHeight * s)) });
}

/** One running pipeline: camera → worker → generator track. */
class Pipe {
  readonly track: MediaStreamTrack & { writable: WritableStream<VideoFrame> };
  private worker: Worker;
  /** Frames processed and milliseconds spent on them in the last reported second (benchmarks read these). */
  stats = { frames: 0, ms: 0 };
  ended = false;

  constructor(
    readonly source: MediaStreamTrack,
    readonly key: string,
    image: ImageBitmap | null,
    onEnd: () => void,
  ) {
    const Processor = globals.MediaStreamTrackProcessor!;
    const Generator = globals.MediaStreamTrackGenerator!;
    const processor = new Processor({ track: source, maxBufferSize: 1 });
    this.track = new Generator({ kind: 'video' });
    this.worker = new Worker(new URL('./background-worker.js', import.meta.url), { type: 'module' });
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new RtcError('background-failed', 'The background model did not load in time; the camera is sent as it is.')),
        READY_TIMEOUT,
      );
      this.worker.onerror = (e) => {
        clearTimeout(timer);
        reject(new RtcError('background-failed', `The background worker could not start (${e.message || 'worker error'}); the camera is sent as it is.`));
      };
      this.worker.onmessage = ({ data }: MessageEvent<WorkerReply>) => {
        if (data.t === 'ready') {
          clearTimeout(timer);
          resolve();
        } else if (data.t === 'stats') this.stats = { frames: data.frames, ms: data.ms };
        else {
          clearTimeout(timer);
          const message = data.t === 'failed' ? data.message : 'ended';
          reject(new RtcError('background-failed', `The background processing stopped (${message.slice(0, 200)}); the camera is sent as it is.`));
          if (!this.ended) {
            this.stop();
            onEnd();
          }
        }
      };
    });
    const message: StartMessage = {
      readable: processor.readable,
      writable: this.track.writable,
      assets: {
        loader: new URL('./mediapipe/vision_wasm_module_internal.js', import.meta.url).href,
        wasm: new URL('./mediapipe/vision_wasm_module_internal.wasm', import.meta.url).href,
        model: new URL('./mediapipe/selfie_segmentation.tflite', import.meta.url).href,
      },
      image,
      blur: 10,
    };
    const transfer: Transferable[] = [processor.readable as unknown as Transferable, this.track.writable as unknown as Transferable];
    if (image) transfer.push(image);
    this.worker.postMessage(message, transfer);
  }

  readonly ready: Promise<void>;

  stop(): void {
    this.ended = true;
    this.worker.terminate();
    this.track.stop();
  }
}

/** The element's background state; LocalMedia holds it as `bg` once `background` was set. */
export class Background {
  mode: BackgroundMode = 'none';
  pipe: Pipe | undefined;
  /** The setting last reported as failed (not reported again until it changes). */
  private failed: string | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly media: LocalMedia) {}

  /** The track to send for `camera`: the processed one when it is running for this camera. */
  out(camera: MediaStreamTrack): MediaStreamTrack {
    if (this.pipe && !this.pipe.ended && this.pipe.source === camera) return this.pipe.track;
    if (this.pipe || (this.media.el.background ?? 'none') !== 'none') this.apply();
    return camera;
  }

  /** Follows the attribute and the camera (in order: each run waits for the one before). */
  apply(): void {
    this.queue = this.queue.then(() => this.run()).catch(() => {});
  }

  private async run(): Promise<void> {
    const { media } = this;
    let want: ReturnType<typeof parseBackground>;
    try {
      want = parseBackground(media.el.background);
    } catch (error) {
      want = { mode: 'none' };
      this.report(String(media.el.background), error);
    }
    const key = want.mode === 'image' ? want.url! : want.mode;
    const camera = media.local?.video;
    if (this.pipe && (this.pipe.ended || this.pipe.source !== camera || this.pipe.key !== key || want.mode === 'none')) {
      this.pipe.stop();
      this.pipe = undefined;
      await this.send(camera);
    }
    if (want.mode === 'none') this.failed = undefined;
    if (want.mode === 'none' || !camera || this.pipe || this.failed === key) return this.set(this.pipe ? want.mode : 'none');
    try {
      const missing = unsupportedReason();
      if (missing)
        throw new RtcError(
          'unsupported',
          `This browser cannot process the camera (${missing} missing), so the background cannot be blurred or replaced; the camera is sent as it is.`,
        );
      const image = want.url ? await loadImage(want.url) : null;
      const pipe = new Pipe(camera, key, image, () => {
        if (this.pipe === pipe) this.apply();
      });
      try {
        await pipe.ready;
      } catch (error) {
        pipe.stop();
        throw error;
      }
      if (media.local?.video !== camera || parseBackground(media.el.background).mode === 'none') {
        pipe.stop();
        return this.apply();
      }
      this.pipe = pipe;
      this.failed = undefined;
      await this.send(camera);
      this.set(want.mode);
    } catch (error) {
      this.report(key, error);
      this.set('none');
    }
  }

  private report(key: string, error: unknown): void {
    if (this.failed === key) return;
    this.failed = key;
    const rtcError = toRtcError(error, 'background-failed');
    this.media.host.error(rtcError.type, rtcError.message, this.media.host.call()?.peer);
  }

  /** Sends the processed track (or the camera) on every connection, unless the screen or nothing is sent. */
  private async send(camera: MediaStreamTrack | undefined): Promise<void> {
    const { media } = this;
    if (media.screenTrack || media.el.cameraOff || !camera) return;
    const track = this.pipe ? this.pipe.track : camera;
    await Promise.all(media.host.connections().map((pc) => replaceOutgoing(pc, 'video', track).catch(() => false)));
  }

  private set(mode: BackgroundMode): void {
    if (this.mode === mode) return;
    this.mode = mode;
    this.media.host.changed();
    this.media.emit();
  }
}

/** Follows `background` for this element's media (its Background made on first use). */
export function follow(media: LocalMedia): void {
  (media.bg ??= new Background(media)).apply();
}
