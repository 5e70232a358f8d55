// @custom-elements-manifest/analyzer config (`npm run analyze`).
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  // Do not rewrite package.json's "customElements" (the check script analyzes into a cache folder).
  packagejson: false,
  plugins: [
    {
      // Our events are typed classes (new RtcErrorEvent(...)); the analyzer records those dispatches
      // as events without a name. The named entries come from the class JSDoc (@event), so drop these.
      name: 'drop-unnamed-events',
      packageLinkPhase({ customElementsManifest }) {
        // The analyzer's file order follows the file system walk; sort for a stable, diffable file.
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (decl.events) decl.events = decl.events.filter((e) => e.name);
            if (decl.events && decl.events.length === 0) delete decl.events;
          }
        }
      },
    },
  ],
};
