/**
 * One limit on how deep a file's blocks and lists may nest, checked on the parser's token tree
 * without recursion, before anything recursive (the YAML composer, our walk, the schema, the
 * renderers) sees the data. Without it, how deep a file may go depended on the thread's stack:
 * `validate` hit a stack overflow where `batch`'s worker threads did not.
 */
import type { CST } from 'yaml';

/** Sections nested deeper than this are refused by validation (I → 1 → a → - → + … ). */
export const MAX_SECTION_DEPTH = 10;

/**
 * Blocks and lists inside one another, counting the file's top level as 1. A section at depth d
 * sits at 2d + 1 (noi_dung, then muc lists and their items); its doan, a bullet block and its
 * lines add 3. The margin lets validation name the deepest section itself for a few levels more.
 */
export const MAX_NESTING_DEPTH = 2 * MAX_SECTION_DEPTH + 4 + 16;

/** The source offset of the first collection nested deeper than the limit, if any. */
export function firstTooDeep(tokens: readonly CST.Token[], limit = MAX_NESTING_DEPTH): number | undefined {
  const pending: Array<{ token: CST.Token | undefined; depth: number }> = tokens.map((token) => ({ token, depth: 0 }));
  while (pending.length > 0) {
    const { token, depth } = pending.pop()!;
    if (!token) continue;
    switch (token.type) {
      case 'document':
        pending.push({ token: token.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (depth + 1 > limit) return token.offset;
        for (const item of token.items) {
          if ('key' in item) pending.push({ token: item.key ?? undefined, depth: depth + 1 });
          pending.push({ token: item.value, depth: depth + 1 });
        }
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}
