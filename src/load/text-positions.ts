/**
 * Where each character of a string value sits in the file. The YAML parser gives only the whole
 * scalar's range; its value differs from the source by quotes, escapes (`\u00e0`, `\"`, `''`),
 * folded line breaks, indentation and block-scalar headers. The value's characters are, in
 * order, a subsequence of the source once those are accounted for, so one forward walk aligns
 * them. Computed only when a diagnostic needs a position inside the text.
 */

export type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

/** Returns offset in `value` → offset in `source`. */
export function valueToSource(source: string, range: readonly [number, number], style: ScalarStyle, value: string): (index: number) => number {
  let table: Int32Array | undefined;
  return (index) => {
    table ??= align(source, range, style, value);
    if (value.length === 0) return contentStart(source, range, style);
    if (index >= value.length) return Math.min(table[value.length - 1]! + 1, range[1]);
    return table[Math.max(0, index)]!;
  };
}

function contentStart(source: string, [start, end]: readonly [number, number], style: ScalarStyle): number {
  if (style === 'QUOTE_DOUBLE' || style === 'QUOTE_SINGLE') return Math.min(start + 1, end);
  if (style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED') {
    const newline = source.indexOf('\n', start);
    return newline < 0 || newline >= end ? end : newline + 1;
  }
  return start;
}

function align(source: string, range: readonly [number, number], style: ScalarStyle, value: string): Int32Array {
  const table = new Int32Array(value.length);
  const end = range[1];
  let s = contentStart(source, range, style);
  let i = 0;
  while (i < value.length) {
    if (s >= end) {
      table.fill(Math.max(range[0], end - 1), i);
      break;
    }
    const c = source[s]!;
    if (style === 'QUOTE_DOUBLE' && c === '\\') {
      const next = source[s + 1];
      if (next === '\n' || next === '\r') {
        // An escaped line break: it and the next line's indentation are not in the value.
        s += next === '\r' && source[s + 2] === '\n' ? 3 : 2;
        while (s < end && (source[s] === ' ' || source[s] === '\t')) s++;
        continue;
      }
      const length = next === 'x' ? 4 : next === 'u' ? 6 : next === 'U' ? 10 : 2;
      const units = next === 'U' && parseInt(source.slice(s + 2, s + 10), 16) > 0xffff ? 2 : 1;
      for (let k = 0; k < units && i < value.length; k++) table[i++] = s;
      s += length;
      continue;
    }
    if (style === 'QUOTE_SINGLE' && c === "'" && source[s + 1] === "'") {
      table[i++] = s;
      s += 2;
      continue;
    }
    const wanted = value[i]!;
    if (c === wanted || ((wanted === ' ' || wanted === '\n') && (c === '\n' || c === '\r'))) {
      table[i++] = s;
    }
    s++;
  }
  return table;
}
