/**
 * The kinds of period a data file can be named for, declared once: the file names
 * (`2024-q3`, `2024-6t`, `2024-9t`, `2024-nam`, `2024-ke-hoach`), the types' `mac_dinh_cho_ky`
 * and the messages all read this list.
 */
export const PERIOD_KINDS = ['quy', '6t', '9t', 'nam', 'ke-hoach'] as const;

export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** How a kind is written in a file name: a quarter as `q1`…`q4`, the others as their name. */
const KIND_IN_FILE_NAME: Record<PeriodKind, string> = { quy: 'q[1-4]', '6t': '6t', '9t': '9t', nam: 'nam', 'ke-hoach': 'ke-hoach' };

/** The kind part of a period id as a regular expression source: `q[1-4]|6t|9t|nam|ke-hoach`. */
export const PERIOD_CODE_SOURCE = PERIOD_KINDS.map((kind) => KIND_IN_FILE_NAME[kind]).join('|');

/** The forms of a period id, for messages: `YYYY-q1..q4 | YYYY-6t | …`. */
export const PERIOD_FORMS = PERIOD_KINDS.map((kind) => (kind === 'quy' ? 'YYYY-q1..q4' : `YYYY-${kind}`)).join(' | ');
