/**
 * One limit on how deep a file's blocks and lists may nest, checked on the parser's token tree
 * without recursion, before anything recursive (the YAML composer, our walk, the schema, the
 * renderers) sees the data. Without it, how deep a file may go depended on the thread's stack:
 * `validate` hit a stack overflow where `batch`'s worker threads did not.
 */
import type { CST } from './yaml-library.js';

/** Sections nested deeper than this are refused by validation (I → 1 → a → - → + … ). */
export const MAX_SECTION_DEPTH = 10;

/**
 * Blocks and lists inside one another, counting the file's top level as 1. A section at depth d
 * sits at 2d + 1 (noi_dung, then muc lists and their items); its doan, a bullet block and its
 * lines add 3. The margin lets validation name the deepest section itself for a few levels more.
 */
export const MAX_NESTING_DEPTH = 2 * MAX_SECTION_DEPTH + 4 + 16;

/**
 * Deeper than this, the composer is not even tried (its recursion would exhaust the stack);
 * between the limit and this, it runs so that a syntax error (which can look like nesting to the
 * token tree: `a: b: c` on many lines) is reported as what it is.
 */
export const MAX_COMPOSED_DEPTH = 300;

export interface Nesting {
  /** How deep the deepest collection sits. */
  deepest: number;
  /** The source offset of the first collection past `limit`, if any. */
  firstTooDeep?: number;
}

export function measureNesting(tokens: readonly CST.Token[], limit = MAX_NESTING_DEPTH): Nesting {
  const result: Nesting = { deepest: 0 };
  const pending: Array<{ token: CST.Token | undefined; depth: number }> = tokens.map((token) => ({ token, depth: 0 }));
  while (pending.length > 0) {
    const { token, depth } = pending.pop()!;
    if (!token) continue;
    if (token.type === 'document') pending.push({ token: token.value, depth });
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      const here = depth + 1;
      if (here > result.deepest) result.deepest = here;
      if (here > limit && (result.firstTooDeep === undefined || token.offset < result.firstTooDeep)) result.firstTooDeep = token.offset;
      for (const item of token.items) {
        if ('key' in item) pending.push({ token: item.key ?? undefined, depth: here });
        pending.push({ token: item.value, depth: here });
      }
    }
  }
  return result;
}
