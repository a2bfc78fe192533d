// Assertions that cannot pass vacuously. `assert.ok(list.every(p))` holds for an empty list, so a
// regression that empties the list goes unseen; `assertEvery` first asserts the list is non-empty
// (or exactly `count` long) and names the first item that fails. test/unit/testHygiene.test.ts
// keeps bare `assert.ok(….every(` from coming back.
import assert from 'node:assert/strict';

export function assertEvery<T>(
  list: readonly T[],
  pred: (item: T, index: number) => boolean,
  what: string,
  opts: { count?: number } = {},
): void {
  if (opts.count !== undefined) assert.equal(list.length, opts.count, `${what}: expected ${opts.count} items, got ${list.length}`);
  else assert.ok(list.length > 0, `${what}: the list is empty, so "every" would hold vacuously`);
  const bad = list.findIndex((item, i) => !pred(item, i));
  assert.ok(bad === -1, `${what}: item ${bad} fails: ${JSON.stringify(list[bad])}`);
}
