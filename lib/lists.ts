/** Appends every item to `target`: unlike `target.push(...items)`, any number of items (a spread of 100,000 overflows the stack). */
export function pushAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
