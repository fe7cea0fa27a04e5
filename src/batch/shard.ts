/**
 * `--shard i/n`: which share of the plan one machine renders. The plan is sorted by unit path
 * (code-point order, the same on every machine), and report k (0-based) belongs to shard
 * 1 + (k mod n): shards differ in size by at most one report, and they cover the plan exactly once.
 * Every machine must see the same data tree (the same checkout), as a CI matrix or an indexed Job does.
 */
export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

const SHARD_PATTERN = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/;

/** "2/4" → { index: 2, count: 4 }; undefined unless 1 ≤ i ≤ n. */
export function parseShard(text: string): Shard | undefined {
  const match = SHARD_PATTERN.exec(text);
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) return undefined;
  return { index, count };
}

/** The reports of the sorted plan that belong to `shard` (all of them without one). */
export function takeShard<T>(sorted: readonly T[], shard: Shard | undefined): T[] {
  return shard ? sorted.filter((_, k) => k % shard.count === shard.index - 1) : [...sorted];
}

/** `1-of-2`, as used in file names. */
export function shardLabel(shard: Shard): string {
  return `${shard.index}-of-${shard.count}`;
}
