import { RtcError } from './errors.js';

/**
 * Features a basic page does not use (file transfer, rooms, copy-paste pairing, local signaling,
 * German strings; for calls also statistics, group calls, the device settings panel and media
 * capture) are loaded with `import()` on first use. In the script-tag
 * build each is a chunk next to the entry (dist/cdn/chunks/); in the library build a module that
 * the page's bundler splits off or inlines.
 */

/** Loads a module once; after a failure (e.g. the chunk is missing: 404) the next call tries again. */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

/** A lazily loaded module: call it to load (once), read `loaded` for the module once it is there. */
export interface LazyModule<T> {
  (): Promise<T>;
  /** The module after the first successful load; undefined before. */
  readonly loaded: T | undefined;
}

/** `lazy()` that also keeps the module, for code that must run synchronously once it is loaded. */
export function lazyModule<T>(load: () => Promise<T>): LazyModule<T> {
  let module: T | undefined;
  const loader = lazy(() => load().then((value) => (module = value)));
  return Object.defineProperty(loader, 'loaded', { get: () => module }) as LazyModule<T>;
}

/** The `rtc-error` for a feature whose code could not be loaded. */
export function loadFailed(feature: string, error: unknown): RtcError {
  const reason = error instanceof Error ? error.message : String(error);
  return new RtcError(
    'load-failed',
    `The ${feature} code could not be loaded (${reason}). In the script-tag build it is a separate file next to the script (dist/cdn/chunks/); serve the files of dist/ together.`,
  );
}
