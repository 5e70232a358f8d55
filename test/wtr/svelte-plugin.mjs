// Compiles .svelte files for the framework tests with Svelte 5's own compiler.
import { compile } from 'svelte/compiler';

export function sveltePlugin() {
  return {
    name: 'svelte',
    resolveMimeType(context) {
      if (context.path.endsWith('.svelte')) return 'js';
      return undefined;
    },
    transform(context) {
      if (!context.path.endsWith('.svelte')) return undefined;
      const { js } = compile(context.body, { filename: context.path, generate: 'client', dev: false });
      return { body: js.code };
    },
  };
}
