/**
 * Registers a custom element unless the name is taken, so loading the bundle twice (or two
 * copies of the library) does not throw "already been used with this registry".
 */
export function define(name: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, constructor);
}
