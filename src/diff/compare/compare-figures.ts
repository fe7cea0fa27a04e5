/**
 * The figures table, when both sides are period files: every figure of `so_lieu` whose value
 * differs (key, old, new, difference) and every sentence where it is printed. The text comparison
 * then runs against the new text computed with the old figures, so a changed figure is reported
 * once, here, and not again as a changed paragraph.
 */
import { diffWordsVi, hasChanges } from './word-diff.js';
import { documentFromModel } from '../read/from-model.js';
import { footnotesCited, paraText, type ComparableDocument } from '../comparable-document.js';
import type { PreparedYaml } from '../read/pipeline-adapter.js';
import type { Change, FigureSentence } from '../diff-result.js';
import { mapSections } from './section-map.js';

export interface FigureComparison {
  /** The new document with the old values of the changed figures (compare the old one with it). */
  newWithOldFigures: ComparableDocument | undefined;
  changes: Change[];
  /** Figures whose variant could not be computed (it breaks a rule of the data, or a roll-up): their sentences are found from the text. */
  unplaced: Set<string>;
}

export function compareFigures(before: PreparedYaml, after: PreparedYaml, newFile: string): FigureComparison {
  const keys = [...new Set([...before.figures.keys(), ...after.figures.keys()])].sort();
  const changed = keys.filter((k) => before.figures.get(k) !== after.figures.get(k));
  if (changed.length === 0) return { newWithOldFigures: undefined, changes: [], unplaced: new Set() };
  const unplaced = new Set<string>();
  const oldValues = new Map<string, number>();
  for (const k of changed) {
    const v = before.figures.get(k);
    if (v !== undefined && after.figures.has(k)) oldValues.set(k, v);
  }
  const hybridModel = after.withFigures(oldValues);
  const hybrid = hybridModel ? documentFromModel(hybridModel, newFile) : undefined;
  const sections = hybrid ? mapSections(hybrid) : undefined;
  const changes: Change[] = changed.map((key) => {
    const old = before.figures.get(key);
    const now = after.figures.get(key);
    const sentences: FigureSentence[] = [];
    if (hybrid && sections && oldValues.has(key)) {
      const only = new Map(oldValues);
      only.delete(key);
      const model = after.withFigures(only);
      const withKey = model ? documentFromModel(model, newFile) : undefined;
      if (!withKey || withKey.paragraphs.length !== hybrid.paragraphs.length) unplaced.add(key);
      else {
        withKey.paragraphs.forEach((para, i) => {
          const before = paraText(hybrid.paragraphs[i]!);
          const after = paraText(para);
          if (before === after) return;
          const words = diffWordsVi(before, after);
          const cell = para.cell ? { table: para.cell.table, row: para.cell.row, column: para.cell.column } : undefined;
          if (hasChanges(words)) sentences.push({ section: sectionOf(sections, i), ...(cell ? { cell } : {}), words });
        });
        withKey.footnotes.forEach((note, i) => {
          if ((hybrid.footnotes[i]?.text ?? '') === note.text) return;
          const words = diffWordsVi(hybrid.footnotes[i]?.text ?? '', note.text);
          if (!hasChanges(words)) return;
          const cite = withKey.paragraphs.findIndex((p) => footnotesCited(p).includes(i));
          sentences.push({ section: cite >= 0 ? sectionOf(sections, cite) : { path: '', title: '' }, footnote: i + 1, words });
        });
      }
    } else unplaced.add(key);
    return {
      kind: 'figure-changed',
      key,
      ...(old !== undefined ? { old } : {}),
      ...(now !== undefined ? { new: now } : {}),
      ...(old !== undefined && now !== undefined ? { difference: roundDifference(now - old) } : {}),
      sentences,
    };
  });
  return { newWithOldFigures: hybrid, changes, unplaced };
}

function sectionOf(sections: ReturnType<typeof mapSections>, index: number) {
  const head = sections.sectionOf[index] ?? -1;
  return head >= 0 ? { ...sections.info.get(head)! } : { path: '', title: '' };
}

/** 2.15 − 2.814 in floating point is −0.6639999…; figures carry at most a few decimals. */
function roundDifference(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
