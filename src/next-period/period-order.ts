/**
 * Which period may follow which: a later period of the same family (reports follow reports, a plan
 * follows a plan), and the usual next one when the user gives none.
 */
import type { Period } from '../core/period.js';
import { parsePeriod } from '../core/period.js';

/** Sorts periods by when they end; a cumulative period (6t, 9t, nam) after the quarter ending with it. */
function rank(period: Period): number {
  const end = { quy: (period.quarter ?? 1) * 3, '6t': 6, '9t': 9, nam: 12, 'ke-hoach': 0 }[period.kind];
  const cumulative = period.kind === 'quy' || period.kind === 'ke-hoach' ? 0 : 1;
  return period.year * 100 + end * 2 + cumulative;
}

/** Why `to` cannot be made from `from` (a Vietnamese sentence), or undefined when it can. */
export function nextPeriodProblem(from: Period, to: Period): string | undefined {
  if ((from.kind === 'ke-hoach') !== (to.kind === 'ke-hoach')) {
    return from.kind === 'ke-hoach'
      ? `Kỳ mới ${to.id} là kỳ báo cáo, còn ${from.id} là kế hoạch: kế hoạch chỉ làm ra kế hoạch năm sau (ví dụ ${from.year + 1}-ke-hoach).`
      : `Kỳ mới ${to.id} là kế hoạch, còn ${from.id} là báo cáo: báo cáo chỉ làm ra báo cáo kỳ sau.`;
  }
  if (rank(to) <= rank(from)) return `Kỳ mới ${to.id} không sau kỳ ${from.id}: hãy chọn một kỳ sau, ví dụ ${followingPeriod(from)}.`;
  return undefined;
}

/** The usual next period: q1→q2, q4→next year's q1, 6t→9t, 9t→nam, nam→next nam, ke-hoach→next ke-hoach. */
export function followingPeriod(period: Period): string {
  switch (period.kind) {
    case 'quy':
      return period.quarter === 4 ? `${period.year + 1}-q1` : `${period.year}-q${(period.quarter ?? 1) + 1}`;
    case '6t':
      return `${period.year}-9t`;
    case '9t':
      return `${period.year}-nam`;
    case 'nam':
      return `${period.year + 1}-nam`;
    case 'ke-hoach':
      return `${period.year + 1}-ke-hoach`;
  }
}

export { parsePeriod };
