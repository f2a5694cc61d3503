/** The k items with the highest keys, best first, in one pass (k is a page, the items may be many). */
export function topK(items: readonly number[], k: number, key: (item: number) => number): number[] {
  const top: number[] = [];
  const keys: number[] = [];
  if (k <= 0) return top;
  for (const item of items) {
    const value = key(item);
    if (top.length === k && value <= (keys[k - 1] ?? Number.NEGATIVE_INFINITY)) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] ?? 0) >= value) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, item);
    keys.splice(lo, 0, value);
    if (top.length > k) {
      top.pop();
      keys.pop();
    }
  }
  return top;
}
