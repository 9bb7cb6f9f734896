// Reading a plain object by a key a contributor chose (a capability id, a driver id): only
// the object's own properties count, so a capability named `constructor` never finds
// Object.prototype.constructor.

/** The value stored under `key` in `obj` itself, or undefined. */
export function own<T>(obj: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
}
