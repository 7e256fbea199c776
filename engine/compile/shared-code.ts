/**
 * Generated functions shared by source text. A thousand townships that extend the same pack
 * differ only in parameter values, so their generated code is the same text: compiling it once
 * means V8 warms up and optimises one function per decision structure, not one per pack (with
 * thousands of them, each stays cold and every call site that sees them goes megamorphic).
 *
 * An entry lives as long as something holds the function (the packs compiled with it), so a
 * long-running server that compiles draft after draft does not keep every structure it ever saw.
 */
export class SharedCode<T extends object> {
  readonly #bySource = new Map<string, WeakRef<T>>();
  readonly #forget = new FinalizationRegistry<string>((source) => {
    // the same text may have been compiled again since: drop the entry only if it is dead
    if (this.#bySource.get(source)?.deref() === undefined) this.#bySource.delete(source);
  });

  /** The function compiled from `source`, built by `build` the first time it is asked for. */
  get(source: string, build: (source: string) => T): T {
    const known = this.#bySource.get(source)?.deref();
    if (known) return known;
    const built = build(source);
    this.#bySource.set(source, new WeakRef(built));
    this.#forget.register(built, source);
    return built;
  }

  /** How many distinct functions are alive (for benchmarks and tests). */
  get size(): number {
    let alive = 0;
    for (const ref of this.#bySource.values()) if (ref.deref() !== undefined) alive += 1;
    return alive;
  }
}
