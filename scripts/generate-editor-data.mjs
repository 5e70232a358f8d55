#!/usr/bin/env node
// Generates editor and framework typings from custom-elements.json (run by `npm run analyze`):
//   types/jsx.d.ts                     JSX IntrinsicElements for React 19, Preact, Solid (@wc-toolkit/jsx-types)
//   types/vue.d.ts                     Vue GlobalComponents
//   types/vscode.html-custom-data.json VS Code HTML custom data (settings: "html.customData")
//   web-types.json                     JetBrains web-types
// `node scripts/generate-editor-data.mjs <dir>` writes into <dir> instead (check-manifest uses it).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateJsxTypes } from '@wc-toolkit/jsx-types';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outRoot = path.resolve(process.argv[2] ?? root);
const manifest = JSON.parse(readFileSync(path.join(root, 'custom-elements.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const elements = manifest.modules.flatMap((m) => (m.declarations ?? [])
  .filter((d) => d.customElement && d.tagName)
  .map((d) => ({ ...d, modulePath: m.path })));
const distPath = (modulePath) => `../dist/${modulePath.replace(/^src\//, '').replace(/\.ts$/, '.js')}`;
const publicFields = (el) => (el.members ?? []).filter((m) => m.kind === 'field' && !m.privacy && !m.static && !m.readonly);

mkdirSync(path.join(outRoot, 'types'), { recursive: true });

// JSX (React 19 / Preact / Solid / Stencil)
generateJsxTypes(manifest, {
  outdir: path.join(outRoot, 'types'),
  fileName: 'jsx.d.ts',
  componentTypePath: (_name, _tag, modulePath) => distPath(modulePath ?? ''),
});

// Vue 3
const vue = [
  '// Generated from custom-elements.json by scripts/generate-editor-data.mjs. Do not edit.',
  "import type { DefineComponent } from 'vue';",
  ...elements.map((el) => `import type { ${el.name} } from '${distPath(el.modulePath)}';`),
  '',
  "declare module 'vue' {",
  '  interface GlobalComponents {',
  ...elements.map((el) => {
    const props = publicFields(el).map((f) => `'${f.name}'`).join(' | ') || 'never';
    return `    '${el.tagName}': DefineComponent<Partial<Pick<${el.name}, ${props}>>>;`;
  }),
  '  }',
  '}',
  '',
  'export {};',
  '',
].join('\n');
writeFileSync(path.join(outRoot, 'types', 'vue.d.ts'), vue);

// VS Code HTML custom data
const vscode = {
  version: 1.1,
  tags: elements.map((el) => ({
    name: el.tagName,
    description: [el.summary ?? el.description ?? '', '',
      ...(el.events?.length ? ['Events:', ...el.events.map((e) => `- ${e.name}: ${e.description ?? ''}`)] : []),
      ...(el.slots?.length ? ['', 'Slots:', ...el.slots.map((s) => `- ${s.name || '(default)'}: ${s.description ?? ''}`)] : []),
      ...(el.cssParts?.length ? ['', 'CSS parts:', ...el.cssParts.map((p) => `- ${p.name}: ${p.description ?? ''}`)] : []),
    ].join('\n').trim(),
    attributes: (el.attributes ?? []).map((a) => ({
      name: a.name,
      description: a.description ?? '',
      ...(a.type?.text === 'boolean' ? { valueSet: 'v' } : {}),
    })),
    references: [{ name: 'README', url: `https://www.npmjs.com/package/${pkg.name}` }],
  })),
};
writeFileSync(path.join(outRoot, 'types', 'vscode.html-custom-data.json'), `${JSON.stringify(vscode, null, 2)}\n`);

// JetBrains web-types
const webTypes = {
  $schema: 'https://json.schemastore.org/web-types',
  name: pkg.name,
  version: pkg.version,
  'description-markup': 'markdown',
  contributions: {
    html: {
      elements: elements.map((el) => ({
        name: el.tagName,
        description: el.summary ?? el.description ?? '',
        attributes: (el.attributes ?? []).map((a) => ({ name: a.name, description: a.description ?? '', value: { type: a.type?.text ?? 'string' } })),
        js: {
          properties: publicFields(el).map((f) => ({ name: f.name, description: f.description ?? '', type: f.type?.text ?? 'unknown' })),
          events: (el.events ?? []).map((e) => ({ name: e.name, description: e.description ?? '' })),
        },
        slots: (el.slots ?? []).map((s) => ({ name: s.name, description: s.description ?? '' })),
        css: {
          parts: (el.cssParts ?? []).map((p) => ({ name: p.name, description: p.description ?? '' })),
          properties: (el.cssProperties ?? []).map((p) => ({ name: p.name, description: p.description ?? '' })),
        },
      })),
    },
  },
};
writeFileSync(path.join(outRoot, 'web-types.json'), `${JSON.stringify(webTypes, null, 2)}\n`);
if (!process.argv[2]) console.log(`generate-editor-data: ${elements.map((e) => e.tagName).join(', ')} -> types/jsx.d.ts, types/vue.d.ts, types/vscode.html-custom-data.json, web-types.json`);
