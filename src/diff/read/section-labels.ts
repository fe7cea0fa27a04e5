/**
 * Section labels as printed ("II.", "2.", "2.1.", "b)", "-", "+"): splitting them off recovered
 * text, their depth in the section tree, and the number path a reviewer reads ("II.2.b)").
 */

const LABEL_AT_START: Readonly<Record<'heading' | 'body' | 'bullet', RegExp>> = {
  heading: /^([IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|[-+])\s+/u,
  body: /^(\d+(?:\.\d+)*\.|[a-zđ]\))\s+/u,
  bullet: /^([-+])\s+/u,
};

/** The label at the start of a paragraph's text, and the length it takes (label and spaces). */
export function splitLabel(text: string, kind: 'heading' | 'body' | 'bullet'): { label: string; length: number } {
  const m = LABEL_AT_START[kind].exec(text);
  return m ? { label: m[1]!, length: m[0].length } : { label: '', length: 0 };
}

/** "I." roman, "1." number, "2.1." long (by its number of parts), "a)" letter, "-" and "+" bullets. */
export function labelKind(label: string): string {
  if (/^[IVXLC]+\.$/.test(label)) return 'roman';
  if (/^\d+\.$/.test(label)) return 'number';
  if (/^\d+(\.\d+)+\.$/.test(label)) return `long${label.split('.').length}`;
  if (/^[a-zđ]\)$/u.test(label)) return 'letter';
  return label;
}

/**
 * Depths for recovered labels: a label of a kind already open is a sibling of it, a new kind is
 * one level deeper than the innermost open section.
 */
export class DepthTracker {
  private stack: { kind: string; depth: number }[] = [];

  depthOf(label: string, isTopHeading: boolean): number {
    if (isTopHeading) {
      this.stack = [{ kind: labelKind(label), depth: 1 }];
      return 1;
    }
    const kind = labelKind(label);
    const at = this.stack.findIndex((entry) => entry.kind === kind);
    if (at >= 0) {
      const depth = this.stack[at]!.depth;
      this.stack = this.stack.slice(0, at + 1);
      return depth;
    }
    const depth = (this.stack[this.stack.length - 1]?.depth ?? 0) + 1;
    this.stack.push({ kind, depth });
    return depth;
  }
}

/** "II." + "2." + "b)" → "II.2.b)"; "II." + "2." + "2.1." → "II.2.1." (a long label already holds its parent). */
export function numberPath(labels: readonly string[]): string {
  let path = '';
  let last = '';
  for (const label of labels) {
    const bare = label.replace(/\.$/, '');
    if (last !== '' && bare.startsWith(`${last}.`)) path = path.slice(0, path.length - last.length) + bare;
    else path = path === '' ? bare : `${path}.${bare}`;
    last = bare;
  }
  return /[.)]$/.test(path) || path === '' ? path : `${path}.`;
}
