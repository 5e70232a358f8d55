/**
 * Registers a custom element unless the name is taken, so loading the bundle twice (or two
 * copies of the library) does not throw "already been used with this registry". Where there is
 * no registry at all (a server without Lit's DOM shim), importing still works and defines nothing.
 */
export function define(name: string, constructor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  if (!customElements.get(name)) customElements.define(name, constructor);
}
