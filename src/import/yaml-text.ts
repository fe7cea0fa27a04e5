/**
 * The imported data as YAML a clerk edits: the schema modeline first, block style, plain scalars
 * where YAML allows them (the library quotes only what needs it), dates quoted as the README
 * writes them, table columns and rows one per line in flow style, lines folded near 100
 * characters, comments before what could not be mapped and after what was guessed.
 */
import { Document, isMap, isScalar, isSeq, Scalar, visit, YAMLMap, type Node } from 'yaml';
import type { Remark, YamlPath } from './body.js';

export function yamlText(data: Record<string, unknown>, header: string[], remarks: readonly Remark[], guesses: readonly Remark[]): string {
  const doc = new Document(data);
  doc.commentBefore = header.map((line) => (line === '' ? '' : ` ${line}`)).join('\n');
  for (const date of ['ngay']) {
    const node = doc.get(date, true);
    if (isScalar(node)) node.type = Scalar.QUOTE_DOUBLE;
  }
  const issued = doc.getIn(['ban_hanh_kem_theo', 'ngay'], true);
  if (isScalar(issued)) issued.type = Scalar.QUOTE_DOUBLE;
  flowTables(doc.contents as Node);
  // A paragraph with line breaks is a `|` block: each line of the block is a line in the paragraph.
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && node.value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
    },
  });
  for (const remark of remarks) commentBefore(doc, remark.path, remark.comment);
  for (const guess of guesses) commentAfter(doc, guess.path, guess.comment);
  return doc.toString({ lineWidth: 100, minContentWidth: 40 });
}

/** `cot` entries and `dong` rows, each on one line: `- { ten: STT, rong: 1.4, can: giua }`. */
function flowTables(node: Node | null | undefined): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      const value = pair.value as Node;
      if (key === 'bang' && isMap(value)) {
        for (const inner of value.items) {
          const innerKey = isScalar(inner.key) ? inner.key.value : inner.key;
          if ((innerKey === 'cot' || innerKey === 'dong') && isSeq(inner.value)) for (const item of inner.value.items) if (isMap(item) || isSeq(item)) item.flow = true;
          if (innerKey === 'tong' && isSeq(inner.value)) inner.value.flow = true;
        }
      } else flowTables(value);
    }
  } else if (isSeq(node)) for (const item of node.items) flowTables(item as Node);
}

function nodeAt(doc: Document, path: YamlPath): { node?: Node; keyNode?: Node } {
  if (path.length === 0) return {};
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1]!;
  if (isMap(parent)) {
    const pair = (parent as YAMLMap).items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === last);
    return pair ? { node: pair.value as Node, keyNode: pair.key as Node } : {};
  }
  if (isSeq(parent)) return { node: parent.items[Number(last)] as Node };
  return {};
}

function commentBefore(doc: Document, path: YamlPath, comment: string): void {
  let { node, keyNode } = nodeAt(doc, path);
  // Nothing there (a comment at the end): on the closest existing parent.
  for (let cut = path.length - 1; !node && cut > 0; cut--) ({ node, keyNode } = nodeAt(doc, path.slice(0, cut)));
  const target = keyNode ?? node;
  if (!target) {
    doc.comment = [doc.comment, ` ${comment}`].filter(Boolean).join('\n');
    return;
  }
  target.commentBefore = [target.commentBefore, ` ${comment}`].filter(Boolean).join('\n');
}

function commentAfter(doc: Document, path: YamlPath, comment: string): void {
  const { node } = nodeAt(doc, path);
  if (!node) return;
  if (isScalar(node)) node.comment = [node.comment, ` ${comment}`].filter(Boolean).join(';');
  else node.commentBefore = [node.commentBefore, ` ${comment}`].filter(Boolean).join('\n');
}
