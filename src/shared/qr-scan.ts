/**
 * Scanning a pairing code with the camera, where the browser has `BarcodeDetector` with QR codes
 * (Chromium on Android and macOS, for instance; elsewhere the panel offers pasting only). The
 * decoded text goes to the same place as pasted text, so it meets the same checks.
 */
import { RtcError } from '../core/errors.js';

/** The parts of the Barcode Detection API used here (not in TypeScript's DOM types). */
interface Detector {
  detect(source: HTMLVideoElement): Promise<unknown>;
}
interface DetectorClass {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats?(): Promise<unknown>;
}

/** Detection runs this often, not every frame: it is costly and a code is held still for seconds. */
export const SCAN_INTERVAL_MS = 200;

const detectorClass = (): DetectorClass | undefined => (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;

/** Whether this browser can read QR codes from the camera; never throws. */
export async function canScanQr(): Promise<boolean> {
  try {
    const formats = await detectorClass()?.getSupportedFormats?.();
    return Array.isArray(formats) && formats.includes('qr_code');
  } catch {
    return false;
  }
}

/** What the scanner tells its panel. */
export interface ScanHost {
  /** A code was read (the camera is already off). */
  found(text: string): void;
  /** The camera could not be opened. */
  failed(error: RtcError): void;
  /** Scanning started or stopped: re-render. */
  changed(): void;
}

function cameraError(error: unknown): RtcError {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return new RtcError('media-denied', 'The camera is not allowed, so the code cannot be scanned: allow the camera, or paste the code instead.');
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return new RtcError('media-not-found', 'There is no camera to scan the code with: paste the code instead.');
  return new RtcError('media-failed', `The camera could not be opened to scan the code (${String(error)}): paste the code instead.`);
}

export class QrScanner {
  /** The camera preview while scanning (the panel shows it); undefined otherwise. */
  video: HTMLVideoElement | undefined;
  private stream: MediaStream | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Bumped by every start and stop, so a late camera or detection of an old run is dropped. */
  private run = 0;
  private detecting = false;

  constructor(private readonly host: ScanHost) {}

  get active(): boolean {
    return !!this.video;
  }

  async start(label: string): Promise<void> {
    this.stop();
    const run = this.run;
    let stream: MediaStream;
    try {
      const Detector = detectorClass();
      if (!Detector) throw new Error('this browser has no BarcodeDetector');
      // The camera on the back of a phone if there is one; any camera otherwise.
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
      if (run !== this.run) {
        stream.getTracks().forEach((track) => track.stop()); // cancelled (or disconnected) meanwhile
        return;
      }
      const detector = new Detector({ formats: ['qr_code'] });
      const video = document.createElement('video');
      video.setAttribute('part', 'pairing-scan-video');
      video.setAttribute('aria-label', label);
      video.muted = true;
      video.playsInline = true;
      video.srcObject = stream;
      this.stream = stream;
      this.video = video;
      void video.play().catch(() => {});
      this.timer = setInterval(() => void this.detect(detector, video, run), SCAN_INTERVAL_MS);
    } catch (error) {
      if (run !== this.run) return;
      this.stop();
      this.host.failed(cameraError(error));
      return;
    }
    this.host.changed();
  }

  private async detect(detector: Detector, video: HTMLVideoElement, run: number): Promise<void> {
    if (this.detecting || video.readyState < 2) return;
    this.detecting = true;
    let text: string | undefined;
    try {
      const found = await detector.detect(video);
      // What the detector returns is treated like pasted text: a string, checked by the pairing.
      const first: unknown = Array.isArray(found) ? found.find((code) => typeof (code as { rawValue?: unknown })?.rawValue === 'string') : undefined;
      text = (first as { rawValue: string } | undefined)?.rawValue;
    } catch {
      // A frame the detector could not read: the next one may do.
    } finally {
      this.detecting = false;
    }
    if (run !== this.run || !text?.trim()) return;
    this.stop();
    this.host.found(text);
  }

  /** Turns the camera off (after a code, on cancel, when the element leaves the page). */
  stop(): void {
    this.run++;
    clearInterval(this.timer);
    this.timer = undefined;
    this.stream?.getTracks().forEach((track) => track.stop());
    const wasActive = this.active;
    if (this.video) this.video.srcObject = null;
    this.stream = undefined;
    this.video = undefined;
    if (wasActive) this.host.changed();
  }
}
