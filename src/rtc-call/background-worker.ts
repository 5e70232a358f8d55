/**
 * The background worker (dist/rtc-call/background-worker.js, self-contained): person
 * segmentation with @mediapipe/tasks-vision's ImageSegmenter and the selfie-segmentation model of
 * @mediapipe/selfie_segmentation (both Apache-2.0, served from dist/rtc-call/mediapipe/), then
 * the person composited over a blurred copy of the frame or over an image. Frames come from the
 * camera track's MediaStreamTrackProcessor and go to a MediaStreamTrackGenerator; the processor
 * keeps at most one frame waiting, so a slow frame drops the next ones instead of queueing them.
 */
import { ImageSegmenter } from '@mediapipe/tasks-vision';
import { withInputNormalization } from './tflite-metadata.js';

/** What ./background.ts posts to start. */
export interface StartMessage {
  readable: ReadableStream<VideoFrame>;
  writable: WritableStream<VideoFrame>;
  /** Absolute URLs of the wasm loader, the wasm and the model. */
  assets: { loader: string; wasm: string; model: string };
  image: ImageBitmap | null;
  /** Blur radius in CSS pixels at 640 px width. */
  blur: number;
}
/** What the worker posts back. */
export type WorkerReply = { t: 'ready' } | { t: 'failed'; message: string } | { t: 'stats'; frames: number; ms: number } | { t: 'ended' };

interface Scope {
  onmessage: ((e: MessageEvent<StartMessage | 'stop'>) => void) | null;
  postMessage(message: WorkerReply): void;
}
const scope = self as unknown as Scope;
const post = (m: WorkerReply) => scope.postMessage(m);

let stopped = false;

function canvas(w: number, h: number, old?: OffscreenCanvas): OffscreenCanvas {
  if (old && old.width === w && old.height === h) return old;
  return new OffscreenCanvas(w, h);
}

async function run(m: StartMessage): Promise<void> {
  let segmenter: ImageSegmenter;
  try {
    const model = withInputNormalization(new Uint8Array(await (await fetch(m.assets.model)).arrayBuffer()));
    segmenter = await ImageSegmenter.createFromOptions(
      { wasmLoaderPath: m.assets.loader, wasmBinaryPath: m.assets.wasm },
      { baseOptions: { modelAssetBuffer: model, delegate: 'CPU' }, runningMode: 'VIDEO', outputConfidenceMasks: true, outputCategoryMask: false },
    );
  } catch (error) {
    post({ t: 'failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  post({ t: 'ready' });
  const reader = m.readable.getReader();
  const writer = m.writable.getWriter();
  let out: OffscreenCanvas | undefined;
  let person: OffscreenCanvas | undefined;
  let mask: OffscreenCanvas | undefined;
  let pixels: ImageData | undefined;
  let last = 0;
  let frames = 0;
  let ms = 0;
  let reported = performance.now();
  try {
    while (!stopped) {
      const { value: frame, done } = await reader.read();
      if (done || !frame) break;
      const started = performance.now();
      let next: VideoFrame;
      try {
        const w = frame.displayWidth;
        const h = frame.displayHeight;
        last = Math.max(last + 1, started); // VIDEO mode needs increasing timestamps
        const result = segmenter.segmentForVideo(frame, last);
        const confidence = result.confidenceMasks?.[0];
        if (!confidence) throw new Error('the segmenter returned no mask');
        const values = confidence.getAsFloat32Array();
        mask = canvas(confidence.width, confidence.height, mask);
        if (!pixels || pixels.width !== mask.width || pixels.height !== mask.height) pixels = new ImageData(mask.width, mask.height);
        const data = pixels.data;
        for (let i = 0; i < values.length; i++) data[i * 4 + 3] = values[i] * 255;
        result.close();
        mask.getContext('2d')!.putImageData(pixels, 0, 0);
        person = canvas(w, h, person);
        const p = person.getContext('2d')!;
        p.globalCompositeOperation = 'copy';
        p.drawImage(frame, 0, 0, w, h);
        p.globalCompositeOperation = 'destination-in';
        p.drawImage(mask, 0, 0, w, h);
        out = canvas(w, h, out);
        const o = out.getContext('2d')!;
        if (m.image) {
          // Cover: the image fills the frame, cropped to its aspect ratio.
          const s = Math.max(w / m.image.width, h / m.image.height);
          const iw = m.image.width * s;
          const ih = m.image.height * s;
          o.drawImage(m.image, (w - iw) / 2, (h - ih) / 2, iw, ih);
        } else {
          o.filter = `blur(${Math.max(2, Math.round((m.blur * w) / 640))}px)`;
          o.drawImage(frame, 0, 0, w, h);
          o.filter = 'none';
        }
        o.drawImage(person, 0, 0);
        next = new VideoFrame(out, { timestamp: frame.timestamp });
      } finally {
        frame.close();
      }
      ms += performance.now() - started;
      frames++;
      await writer.write(next);
      if (performance.now() - reported >= 1000) {
        post({ t: 'stats', frames, ms });
        frames = 0;
        ms = 0;
        reported = performance.now();
      }
    }
  } catch (error) {
    if (!stopped) post({ t: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    segmenter.close();
    reader.cancel().catch(() => {});
    writer.close().catch(() => {});
    post({ t: 'ended' });
  }
}

scope.onmessage = (e) => {
  if (e.data === 'stop') stopped = true;
  else void run(e.data);
};
