// No bundler: the page loads the package's script-tag build with a <script> tag. "Building" is
// copying the page and the package's script-tag files into dist/, which any static file server can serve.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
// The package's dist/ folder, found through its exports like any import of it.
const dist = path.dirname(fileURLToPath(import.meta.resolve('rtc-elements/rtc-elements.js')));
rmSync(path.join(here, 'dist'), { recursive: true, force: true });
mkdirSync(path.join(here, 'dist'), { recursive: true });
// The script-tag files: rtc-elements.js (both elements) and cdn/ (per-element files and the chunks
// every script-tag file loads), side by side as in the package.
for (const entry of ['rtc-elements.js', 'cdn']) cpSync(path.join(dist, entry), path.join(here, 'dist', 'rtc-elements', entry), { recursive: true });
for (const file of ['index.html', 'app.js']) cpSync(path.join(here, file), path.join(here, 'dist', file));
console.log(`copied ${path.relative(here, dist)} -> dist/rtc-elements/`);
