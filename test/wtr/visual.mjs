// Node side of the visual suite (test/visual.test.ts), used by extra-pages-plugin.mjs:
//  - the screenshot browser's launch flags, with a static fake camera and a silent microphone
//    (Chromium's default fake camera draws a moving pattern and a frame counter; its fake
//    microphone beeps, which would light the rooms' speaking outline at random);
//  - snap(): one picture of a state at a width in a colour scheme, compared with its committed
//    baseline by pixelmatch (per-pixel colour threshold, then a share of the picture and a count
//    per 16×16 square that may differ). UPDATE_SCREENSHOTS=1 rewrites the baselines instead.
//    Pictures with decoded call video are not bit-exact from run to run (the codec), but stay
//    under the per-pixel threshold; the others come out as the very same PNG bytes.
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const BASELINES = 'test/visual/baselines';
/** Actual and diff PNGs of mismatches (gitignored with node_modules). */
export const OUTPUT = 'node_modules/.cache/visual';
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';

/** Viewport widths by name; the height grows to the page's. */
export const WIDTHS = { desktop: 1024, phone: 390, wide: 1280 };
const SCHEMES = ['light', 'dark'];
/** pixelmatch's per-pixel colour distance (0..1) under which two pixels count as equal. */
const THRESHOLD = 0.1;
/** Share of differing pixels a state may have before it fails (a state may ask for more). */
const MAX_RATIO = 0.001;
/**
 * Differing pixels allowed in any SQUARE×SQUARE square: small local changes (a broken icon is
 * about 30 pixels of a 1024×650 picture, 0.005%) fail even under MAX_RATIO.
 */
const SQUARE = 16;
const MAX_IN_SQUARE = 10;

/** Writes the fake camera (one still 320×240 frame, looped) and microphone (silence) files. */
function fakeMedia(dir) {
  mkdirSync(dir, { recursive: true });
  const W = 320;
  const H = 240;
  const luma = Buffer.alloc(W * H);
  const cb = Buffer.alloc((W * H) / 4);
  const cr = Buffer.alloc((W * H) / 4);
  // Flat blocks on the 16-pixel grid of the video codec's macroblocks, so that the picture a call
  // decodes is the same at any bitrate; asymmetric (the corner block), so mirroring shows.
  const block = (x0, y0, x1, y1, [r, g, b]) => {
    const Y = Math.round(0.257 * r + 0.504 * g + 0.098 * b + 16);
    const U = Math.round(-0.148 * r - 0.291 * g + 0.439 * b + 128);
    const V = Math.round(0.439 * r - 0.368 * g - 0.071 * b + 128);
    for (let y = y0; y < y1; y++) {
      luma.fill(Y, y * W + x0, y * W + x1);
      if (y % 2 === 0) {
        cb.fill(U, (y / 2) * (W / 2) + x0 / 2, (y / 2) * (W / 2) + x1 / 2);
        cr.fill(V, (y / 2) * (W / 2) + x0 / 2, (y / 2) * (W / 2) + x1 / 2);
      }
    }
  };
  block(0, 0, W, H, [72, 112, 152]); // wall
  block(16, 16, 64, 64, [236, 196, 64]); // a picture on the wall, top left
  block(128, 48, 192, 128, [230, 190, 160]); // face
  block(96, 144, 224, 240, [40, 60, 90]); // shoulders
  const video = path.join(dir, 'fake-camera.y4m');
  writeFileSync(video, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F15:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, cb, cr]));

  const rate = 48000;
  const bytes = rate * 2; // one second, 16-bit mono
  const wav = Buffer.alloc(44 + bytes);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + bytes, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(bytes, 40);
  const audio = path.join(dir, 'silence.wav');
  writeFileSync(audio, wav);
  return { video: path.resolve(video), audio: path.resolve(audio) };
}

/** Flags of the screenshot browser, on top of the shared ones. */
export function visualArgs() {
  const media = fakeMedia(path.join(OUTPUT, 'media'));
  return [`--use-file-for-fake-video-capture=${media.video}`, `--use-file-for-fake-audio-capture=${media.audio}`, '--lang=en-US', '--force-color-profile=srgb'];
}

const decode = (buffer) => PNG.sync.read(buffer);

/**
 * Compares one screenshot with its baseline (or writes it with UPDATE_SCREENSHOTS=1).
 * Returns { name, ok, ratio, message }.
 */
function check(name, png, baseline, maxRatio) {
  const actualPath = path.join(OUTPUT, `${name}.actual.png`);
  const diffPath = path.join(OUTPUT, `${name}.diff.png`);
  rmSync(actualPath, { force: true });
  rmSync(diffPath, { force: true });
  if (UPDATE) {
    mkdirSync(path.dirname(baseline), { recursive: true });
    writeFileSync(baseline, png);
    return { name, ok: true, ratio: 0, message: `${name}: written to ${baseline}` };
  }
  mkdirSync(OUTPUT, { recursive: true });
  if (!existsSync(baseline)) {
    writeFileSync(actualPath, png);
    return { name, ok: false, ratio: 1, message: `${name}: no baseline ${baseline} (actual: ${actualPath}; UPDATE_SCREENSHOTS=1 writes it)` };
  }
  // The same pixels come out as the same PNG bytes: no need to decode.
  const expectedBytes = readFileSync(baseline);
  if (expectedBytes.equals(png)) return { name, ok: true, ratio: 0, message: `${name}: identical` };
  const actual = decode(png);
  const expected = decode(expectedBytes);
  if (actual.width !== expected.width || actual.height !== expected.height) {
    writeFileSync(actualPath, png);
    return {
      name,
      ok: false,
      ratio: 1,
      message: `${name}: size ${actual.width}×${actual.height} differs from the baseline's ${expected.width}×${expected.height} (actual: ${actualPath})`,
    };
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const { width, height } = actual;
  const count = pixelmatch(expected.data, actual.data, diff.data, width, height, { threshold: THRESHOLD });
  const local = count ? pixelmatch(expected.data, actual.data, null, width, height, { threshold: THRESHOLD, windowSize: SQUARE }) : 0;
  const ratio = count / (width * height);
  const what = `${(ratio * 100).toFixed(3)}% of pixels differ (${count}), at most ${local} in one ${SQUARE}×${SQUARE} square`;
  if (ratio <= maxRatio && local <= MAX_IN_SQUARE) return { name, ok: true, ratio, message: `${name}: ${what}` };
  writeFileSync(actualPath, png);
  writeFileSync(diffPath, PNG.sync.write(diff));
  return {
    name,
    ok: false,
    ratio,
    message: `${name}: ${what} (allowed: ${(maxRatio * 100).toFixed(3)}%, ${MAX_IN_SQUARE} in a square); actual: ${actualPath}, diff: ${diffPath}`,
  };
}

/**
 * In the page: resolves once every video showing in `selector` (its shadow trees included) has
 * presented a frame since now (after a resize a video is blank until its next frame), and two
 * animation frames have passed (styles and layout of the new width or scheme painted).
 */
const painted = (selector, waitForVideo) => {
  const videos = [];
  const visit = (node) => {
    if (node instanceof HTMLVideoElement) videos.push(node);
    for (const child of [...(node.shadowRoot?.children ?? []), ...node.children]) visit(child);
  };
  const el = document.querySelector(selector);
  if (el) visit(el);
  const showing = waitForVideo ? videos.filter((v) => v.readyState >= 2 && !v.paused && v.checkVisibility({ visibilityProperty: true })) : [];
  const frame = (v) =>
    new Promise((resolve) => {
      v.requestVideoFrameCallback(resolve);
      // A loaded machine may deliver a remote frame only seconds after a resize.
      setTimeout(resolve, 8000);
    });
  return Promise.all(showing.map(frame)).then(
    () =>
      new Promise((resolve) => {
        requestAnimationFrame(() => requestAnimationFrame(resolve));
      }),
  );
};

/** Each page's viewport width and colour scheme (changed only when a picture needs another). */
const shown = new WeakMap();

/**
 * { name, selector, width, scheme, maxRatio?, baseline? }: screenshots the element `selector`
 * of `page` at the named width in the colour scheme, and checks it against
 * test/visual/baselines/<name>.<width>-<scheme>.png (or `baseline`, e.g. a README picture).
 * One picture per command: a slow machine stays within the command timeout.
 */
export async function snap(page, { name, selector, width: widthName, scheme, maxRatio = MAX_RATIO, baseline }) {
  const started = Date.now();
  const width = WIDTHS[widthName];
  if (!width) throw new Error(`visual-snap: unknown width ${widthName}`);
  if (!SCHEMES.includes(scheme)) throw new Error(`visual-snap: unknown scheme ${scheme}`);
  const last = shown.get(page) ?? {};
  let viewport = last.width === width ? page.viewport() : null;
  // A new width or a new state: the videos must show a frame drawn since (a scheme switch needs none).
  const resized = !viewport || last.name !== name;
  if (!viewport) {
    viewport = { width, height: 800 };
    await page.setViewport(viewport);
  }
  // The whole page in view (its height, never less): nothing scrolls, and the clip is plain.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (height > viewport.height) await page.setViewport({ width, height });
  if (last.scheme !== scheme) {
    await page.emulateMediaFeatures([
      { name: 'prefers-color-scheme', value: scheme },
      { name: 'prefers-reduced-motion', value: 'reduce' },
    ]);
  }
  shown.set(page, { width, scheme, name });
  await page.evaluate(painted, selector, resized);
  const clip = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const x = Math.floor(r.left);
    const y = Math.floor(r.top);
    return { x, y, width: Math.ceil(r.right) - x, height: Math.ceil(r.bottom) - y };
  }, selector);
  if (!clip || clip.width === 0 || clip.height === 0) throw new Error(`visual-snap ${name}: nothing to see at ${selector}`);
  const state = `${name}.${widthName}-${scheme}`;
  const take = async () =>
    check(
      state,
      Buffer.from(await page.screenshot({ clip, captureBeyondViewport: false, optimizeForSpeed: false })),
      baseline ?? path.join(BASELINES, `${state}.png`),
      maxRatio,
    );
  let result = await take();
  // One retake after every video has presented another frame: a remote video that had not yet
  // drawn its first frame after the resize passes then, while a broken icon or layout fails twice.
  if (!result.ok) {
    await page.evaluate(painted, selector, true);
    result = await take();
  }
  if (process.env.VISUAL_LOG === '1') console.log(`[visual] ${result.message} (${Date.now() - started} ms)`);
  return result;
}
