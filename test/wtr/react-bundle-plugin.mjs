// React ships CommonJS only. The dev server converts CommonJS file by file, which cannot link
// react-dom to React's internals; instead bundle React once with rollup when the test server
// starts and serve it as the ES module /__react.js, together with our @lit/react wrappers
// (src/react/) for React 18 users.
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import { transform } from 'esbuild';
import path from 'node:path';

const ENTRY = '\0react-entry';

export function reactBundlePlugin() {
  let code = '';
  return {
    name: 'react-bundle',
    async serverStart() {
      const bundle = await rollup({
        input: ENTRY,
        onwarn() {},
        plugins: [
          {
            name: 'entry',
            resolveId: (id) => (id === ENTRY ? ENTRY : null),
            load: (id) =>
              id === ENTRY
                ? "import React from 'react'; import ReactDOM from 'react-dom'; import { createRoot } from 'react-dom/client';\n" +
                  'export const createElement = React.createElement; export const flushSync = ReactDOM.flushSync; export { createRoot };\n' +
                  `export * as wrappers from ${JSON.stringify(path.resolve('src/react/index.ts'))};`
                : null,
          },
          {
            // Our React wrappers import the elements; keep those as the dev server's modules so
            // the page has one copy of each element class.
            name: 'elements-external',
            resolveId(id, importer) {
              if (!importer || !importer.includes('/src/react/')) return null;
              if (id.startsWith('../rtc-')) return { id: `/src/${id.slice(3).replace(/\.js$/, '.ts')}`, external: true };
              return null;
            },
          },
          {
            name: 'ts',
            async transform(src, id) {
              if (!id.endsWith('.ts')) return null;
              return { code: (await transform(src, { loader: 'ts', format: 'esm', target: 'es2021' })).code, map: null };
            },
          },
          { name: 'node-env', transform: (src) => (src.includes('process.env.NODE_ENV') ? src.replaceAll('process.env.NODE_ENV', '"production"') : null) },
          resolve({ browser: true }),
          commonjs(),
        ],
      });
      const { output } = await bundle.generate({ format: 'es' });
      code = output[0].code;
      await bundle.close();
    },
    serve(context) {
      if (context.path === '/__react.js') return { body: code, type: 'js' };
      return undefined;
    },
  };
}
