#!/usr/bin/env node
// Generates editor and framework typings from custom-elements.json (run by `npm run analyze`):
//   types/elements.d.ts                the elements' attributes, properties and events as plain types
//   types/jsx.d.ts                     React 19 JSX IntrinsicElements (`rtc-elements/jsx`)
//   types/preact.d.ts                  Preact JSX IntrinsicElements (`rtc-elements/preact`)
//   types/vue.d.ts                     Vue GlobalComponents (`rtc-elements/vue`)
//   types/svelte.d.ts                  Svelte's svelte/elements (`rtc-elements/svelte`)
//   types/vscode.html-custom-data.json VS Code HTML custom data (settings: "html.customData")
//   web-types.json                     JetBrains web-types
// Event handler props are typed with the event classes named in each element's JSDoc
// (`@event {RtcMessageEvent} rtc-message - ...`), so `e.detail` is typed in every framework.
// `node scripts/generate-editor-data.mjs <dir>` writes into <dir> instead (check-manifest uses it).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outRoot = path.resolve(process.argv[2] ?? root);
const manifest = JSON.parse(readFileSync(path.join(root, 'custom-elements.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ ...d, modulePath: m.path })));
// The analyzer writes `privacy: 'public'` for fields declared next to `static properties`, and no
// privacy for others: both are public.
const isPublic = (m) => !m.privacy || m.privacy === 'public';
const publicFields = (el) => (el.members ?? []).filter((m) => m.kind === 'field' && isPublic(m) && !m.static && !m.readonly);

mkdirSync(path.join(outRoot, 'types'), { recursive: true });
const HEADER = '// Generated from custom-elements.json by scripts/generate-editor-data.mjs. Do not edit.';
/** Writes types/<name>: the header line, then `lines`. */
const writeTypes = (name, lines) => writeFileSync(path.join(outRoot, 'types', name), [HEADER, ...lines].join('\n'));
const camel = (name) => name.replace(/-([a-z])/g, (_m, c) => c.toUpperCase());
const pascal = (name) => camel(name).replace(/^[a-z]/, (c) => c.toUpperCase());
const doc = (text, indent = '  ') => (text ? `${indent}/** ${String(text).replace(/\*\//g, '*\\/').replace(/\n/g, `\n${indent} * `)} */\n` : '');
const problems = [];

/** Per element: the keys a template may set, and its events with their classes. */
const shapes = elements.map((el) => {
  const fields = publicFields(el);
  const fieldNames = new Set(fields.map((f) => f.name));
  const readonly = new Set((el.members ?? []).filter((m) => m.kind === 'field' && m.readonly).map((m) => m.name));
  const attributes = (el.attributes ?? []).filter((a) => {
    if (a.fieldName) return fieldNames.has(a.fieldName);
    // An attribute without a field is one the element writes itself (call-state reflects the
    // read-only callState): documented in the manifest, not something a template sets.
    if (readonly.has(camel(a.name))) return false;
    problems.push(`<${el.tagName}> attribute ${a.name} has no field; give it one or make it reflect a read-only property`);
    return false;
  });
  const events = (el.events ?? []).map((e) => {
    const type = e.type?.text;
    if (!type || !/^Rtc\w+Event$/.test(type))
      problems.push(`<${el.tagName}> event ${e.name} has no event class: write \`@event {RtcSomethingEvent} ${e.name} - ...\` in its JSDoc`);
    return { name: e.name, type: type ?? 'CustomEvent', description: e.description };
  });
  return { el, name: el.name, tag: el.tagName, fields, attributes, events };
});
if (problems.length) {
  console.error(`generate-editor-data:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
const eventClasses = [...new Set(shapes.flatMap((s) => s.events.map((e) => e.type)))].sort();

// types/elements.d.ts: framework-neutral types the framework files below build on.
writeTypes('elements.d.ts', [
  '// The attributes, properties and event handler props of each element, as framework templates set them.',
  `import type { ${[...shapes.map((s) => s.name), ...eventClasses].join(', ')} } from '../dist/index.js';`,
  '',
  '/**',
  " * What an attribute accepts in a template, from its property's type: booleans (present / absent),",
  " * numbers (or their text), the property's own string values, and JSON text for object properties.",
  ' */',
  'export type AttributeValue<T> = [NonNullable<T>] extends [boolean] ? boolean',
  '  : [NonNullable<T>] extends [number] ? number | string',
  '    : [NonNullable<T>] extends [string] ? NonNullable<T>',
  '      : string;',
  '',
  ...shapes.flatMap((s) => {
    const attrs = s.attributes.filter((a) => a.name !== a.fieldName);
    return [
      `/** \`<${s.tag}>\`'s attributes under their HTML names (for names that differ from the property). */`,
      `export interface ${s.name}Attributes {`,
      ...attrs.map((a) => `${doc(a.description)}  '${a.name}'?: AttributeValue<${s.name}['${a.fieldName}']>;`),
      '}',
      '',
      `/** \`<${s.tag}>\`'s writable properties (templates set these as properties, so objects pass as they are). */`,
      `export interface ${s.name}Properties {`,
      ...s.fields.map((f) => `${doc(f.description)}  ${f.name}?: ${s.name}['${f.name}'];`),
      '}',
      '',
      `/** \`<${s.tag}>\`'s events, by name. */`,
      `export interface ${s.name}EventMap {`,
      ...s.events.map((e) => `${doc(e.description)}  '${e.name}': ${e.type};`),
      '}',
      '',
      `/** Event handler props as React 19, Preact and Svelte 5 take them for custom elements: \`on\` + the event name. */`,
      `export interface ${s.name}EventProps {`,
      ...s.events.map((e) => `${doc(e.description)}  'on${e.name}'?: (event: ${e.type}) => void;`),
      '}',
      '',
      `/** Everything a JSX or Svelte template may set on \`<${s.tag}>\` besides the global HTML attributes. */`,
      `export type ${s.name}TemplateProps = ${s.name}Attributes & ${s.name}Properties & ${s.name}EventProps;`,
      '',
    ];
  }),
]);

const imports = (extra = []) => `import type { ${[...shapes.map((s) => s.name), ...extra].join(', ')} } from '../dist/index.js';`;
const templateImports = `import type { ${shapes.map((s) => `${s.name}TemplateProps`).join(', ')} } from './elements.js';`;

/**
 * The imports and the `JSX.IntrinsicElements` augmentation of `module` (React and Preact read the
 * same shape): each tag gets the framework's own HTML props (`htmlProps`) and our template props.
 */
const jsxNamespace = (module, htmlProps) => [
  imports(),
  templateImports,
  "export type * from './elements.js';",
  '',
  `declare module '${module}' {`,
  '  namespace JSX {',
  '    interface IntrinsicElements {',
  ...shapes.map((s) => `      '${s.tag}': ${htmlProps(s)} & ${s.name}TemplateProps;`),
  '    }',
  '  }',
  '}',
  '',
];

// One file per framework, each augmenting only its own framework and naming that framework's
// types: a declaration file that names a package the app does not have fails to compile under
// `skipLibCheck: false`, so React apps must not need Preact's types, nor the other way round.

// types/jsx.d.ts: React 19 (react/jsx-runtime reads React.JSX).
writeTypes('jsx.d.ts', [
  "// React 19 JSX types for <rtc-chat> and <rtc-call>: `import type {} from 'rtc-elements/jsx';` once in the app.",
  '// Attributes by their HTML names (peer-id), properties by theirs (iceServers), events as',
  '// `onrtc-message` (React 19 adds a listener for `on` + the event name), each handler typed with',
  "// its event class, so `e.detail` is typed. `ref`, `className`, `style` and `key` are React's own.",
  ...jsxNamespace('react', (s) => `import('react').DetailedHTMLProps<import('react').HTMLAttributes<${s.name}>, ${s.name}>`),
]);

// types/preact.d.ts: Preact 11 (its jsx-runtime reads the JSX namespace that 'preact' exports).
// HTMLAttributes comes from preact's `export * from './dom'`, which is not in scope inside the
// augmentation: hence the import() type.
writeTypes('preact.d.ts', [
  "// Preact JSX types for <rtc-chat> and <rtc-call>: `import type {} from 'rtc-elements/preact';` once in the app.",
  '// Same names as for React: peer-id, iceServers, onrtc-message (Preact adds a listener for `on` + the',
  '// event name as written); each handler typed with its event class.',
  ...jsxNamespace('preact', (s) => `import('preact').HTMLAttributes<${s.name}>`),
]);

// types/svelte.d.ts: Svelte 5 sets known properties as properties and `on…` attributes as listeners.
writeTypes('svelte.d.ts', [
  "// Svelte 5 template types for <rtc-chat> and <rtc-call>: `import type {} from 'rtc-elements/svelte';` once",
  '// (e.g. in src/app.d.ts or any .ts file the project checks). `onrtc-message={(e) => e.detail.data}` is typed.',
  imports(),
  templateImports,
  '',
  "declare module 'svelte/elements' {",
  '  interface SvelteHTMLElements {',
  ...shapes.map((s) => `    '${s.tag}': import('svelte/elements').HTMLAttributes<${s.name}> & ${s.name}TemplateProps;`),
  '  }',
  '}',
  '',
  'export {};',
  '',
]);

// types/vue.d.ts: Vue 3 checks a custom element's bindings against GlobalComponents when one is
// declared: props by their camelCase names (`peer-id="x"` checks `peerId`), `@rtc-message`
// against `onRtcMessage`. At run time Vue sets a property only when `key in element` for the key
// as written (so `:iceServers`, not `:ice-servers`, passes an array).
writeTypes('vue.d.ts', [
  "// Vue 3 template types for <rtc-chat> and <rtc-call>: `import type {} from 'rtc-elements/vue';` once.",
  '// Bindings are checked against the properties\' types (`peer-id="alice"` as peerId), `@rtc-message` handlers get the',
  '// event class. Bind objects in camelCase (`:iceServers="ice"`): Vue sets a property only under its exact name.',
  "import type { DefineComponent } from 'vue';",
  imports(eventClasses),
  `import type { ${shapes.map((s) => `${s.name}Properties`).join(', ')} } from './elements.js';`,
  '',
  ...shapes.flatMap((s) => [
    `/** \`<${s.tag}>\`'s events as Vue listener props (\`@${s.events[0]?.name ?? 'rtc-open'}\` checks \`on${pascal(s.events[0]?.name ?? 'rtc-open')}\`). */`,
    `export interface ${s.name}VueEvents {`,
    ...s.events.map((e) => `${doc(e.description)}  on${pascal(e.name)}?: (event: ${e.type}) => void;`),
    '}',
    '',
  ]),
  "declare module 'vue' {",
  '  interface GlobalComponents {',
  ...shapes.map((s) => `    '${s.tag}': DefineComponent<${s.name}Properties & ${s.name}VueEvents>;`),
  '  }',
  '}',
  '',
  'export {};',
  '',
]);

// VS Code HTML custom data
const vscode = {
  version: 1.1,
  tags: elements.map((el) => ({
    name: el.tagName,
    description: [
      el.summary ?? el.description ?? '',
      '',
      ...(el.events?.length ? ['Events:', ...el.events.map((e) => `- ${e.name}: ${e.description ?? ''}`)] : []),
      ...(el.slots?.length ? ['', 'Slots:', ...el.slots.map((s) => `- ${s.name || '(default)'}: ${s.description ?? ''}`)] : []),
      ...(el.cssParts?.length ? ['', 'CSS parts:', ...el.cssParts.map((p) => `- ${p.name}: ${p.description ?? ''}`)] : []),
    ]
      .join('\n')
      .trim(),
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
if (!process.argv[2])
  console.log(
    `generate-editor-data: ${elements.map((e) => e.tagName).join(', ')} -> types/elements.d.ts, types/jsx.d.ts, types/preact.d.ts, types/vue.d.ts, types/svelte.d.ts, types/vscode.html-custom-data.json, web-types.json`,
  );
