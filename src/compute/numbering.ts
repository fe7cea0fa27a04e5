/**
 * Section numbering, computed, never typed: I., II. → 1., 2. → a), b) … đ) → - → +.
 * A parent may choose its children's style (`danh_so`), e.g. `so-long` for 2.1., 2.2.
 */
import type { NumberingStyle } from '../core/schema.js';
import { toRoman, toVietnameseLetter } from '../markup/format-vi.js';

/** The style used at each depth when the parent does not choose: mục, khoản, điểm, then bullets. */
const DEFAULT_STYLES: readonly NumberingStyle[] = ['la-ma', 'so', 'chu', 'gach', 'cong'];

export function defaultStyleAt(depth: number): NumberingStyle {
  return DEFAULT_STYLES[Math.min(depth, DEFAULT_STYLES.length) - 1] ?? 'cong';
}

/**
 * The label of the `position`-th (1-based) child in `style`. `parentNumber` is the parent's
 * number without punctuation ("2" or "2.1"), used by `so-long`.
 */
export function sectionLabel(style: NumberingStyle, position: number, parentNumber: string): { label: string; number: string } {
  switch (style) {
    case 'la-ma': {
      const number = toRoman(position);
      return { label: `${number}.`, number };
    }
    case 'so':
      return { label: `${position}.`, number: String(position) };
    case 'so-long': {
      const number = parentNumber ? `${parentNumber}.${position}` : String(position);
      return { label: `${number}.`, number };
    }
    case 'chu': {
      const number = toVietnameseLetter(position);
      return { label: `${number})`, number };
    }
    case 'gach':
      return { label: '-', number: '' };
    case 'cong':
      return { label: '+', number: '' };
  }
}
