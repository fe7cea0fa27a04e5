/**
 * How a phụ lục is named (Nghị định 30, Phụ lục I, III.1.a): "Phụ lục I", "Phụ lục II" … in Roman
 * numerals when a document has two or more; a lone one is just "Phụ lục". The heading above a
 * phụ lục and every reference to it in the text (`{{phu_luc 1}}`) use this one function.
 */
import { toRoman } from './format-vi.js';

export const APPENDIX_WORD = 'Phụ lục';

/** `position` is 1-based; `count` the number of phụ lục of the document. */
export function appendixLabel(position: number, count: number): string {
  return count <= 1 ? APPENDIX_WORD : `${APPENDIX_WORD} ${toRoman(position)}`;
}
