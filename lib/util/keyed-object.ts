/**
 * An empty plain object for many id keys (request bodies keyed by uuid, per-item results).
 * Adding uuid keys one by one to `{}` makes V8 build a new hidden class per key — none of
 * them ever reused, since every object has other keys — which made building config bodies
 * one of the larger costs of planning a big rack. Deleting a property that is not the last
 * one added switches the object to dictionary mode first, so the keys go into a hash table.
 * Nothing observable changes: the prototype is Object.prototype, and keys enumerate in
 * insertion order (integer-like keys first), as for any object.
 */
export function keyedObject<T>(): Record<string, T> {
  const out: Record<string, unknown> = { dictionaryModeA: 0, dictionaryModeB: 0 };
  delete out.dictionaryModeA;
  delete out.dictionaryModeB;
  return out as Record<string, T>;
}
