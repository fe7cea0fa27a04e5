/**
 * Statistics must add up. Each rule is data: parts that must equal a total (`stats-sum`), or
 * figures that must not exceed another (`stats-order`).
 */
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatNumber } from '../markup/format-vi.js';
import type { Statistics } from '../core/schema.js';
import type { PlaceFinder } from './document-rules.js';

interface SumRule {
  kind: 'sum';
  block: 'nhiem_vu' | 'ho_so';
  parts: string[];
  total: string;
  label: string;
}

interface OrderRule {
  kind: 'order';
  block: 'nhiem_vu' | 'ho_so';
  smaller: string[];
  larger: string;
  label: string;
}

export const STATISTICS_RULES: ReadonlyArray<SumRule | OrderRule> = [
  {
    kind: 'sum',
    block: 'nhiem_vu',
    parts: ['truoc_han', 'dung_han', 'trong_han', 'qua_han'],
    total: 'tong',
    label: 'trước hạn + đúng hạn + trong hạn + quá hạn phải bằng tổng số nhiệm vụ',
  },
  {
    kind: 'order',
    block: 'ho_so',
    smaller: ['da_giai_quyet'],
    larger: 'tiep_nhan',
    label: 'số hồ sơ đã giải quyết không thể lớn hơn số hồ sơ tiếp nhận',
  },
  {
    kind: 'order',
    block: 'ho_so',
    smaller: ['dung_han'],
    larger: 'da_giai_quyet',
    label: 'số hồ sơ giải quyết đúng hạn không thể lớn hơn số hồ sơ đã giải quyết',
  },
  {
    kind: 'sum',
    block: 'ho_so',
    parts: ['dung_han', 'tre_han'],
    total: 'da_giai_quyet',
    label: 'đúng hạn + trễ hạn phải bằng số hồ sơ đã giải quyết',
  },
  {
    kind: 'order',
    block: 'ho_so',
    smaller: ['truc_tuyen_toan_trinh', 'truc_tuyen_mot_phan'],
    larger: 'tiep_nhan',
    label: 'hồ sơ trực tuyến toàn trình + một phần không thể lớn hơn số hồ sơ tiếp nhận',
  },
  {
    kind: 'order',
    block: 'ho_so',
    smaller: ['thanh_toan_truc_tuyen'],
    larger: 'can_thanh_toan',
    label: 'hồ sơ thanh toán trực tuyến không thể lớn hơn số hồ sơ có nghĩa vụ tài chính',
  },
];

export function statisticsDiagnostics(statistics: Statistics | undefined, at: PlaceFinder): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of STATISTICS_RULES) {
    const block = statistics?.[rule.block] as Record<string, number | undefined> | undefined;
    if (!block) continue;
    if (rule.kind === 'sum') {
      const total = block[rule.total];
      const present = rule.parts.filter((p) => block[p] !== undefined);
      if (total === undefined || present.length === 0) continue;
      const sum = present.reduce((s, p) => s + block[p]!, 0);
      const complete = present.length === rule.parts.length;
      if (complete ? sum !== total : sum > total) {
        const expression = present.map((p) => `${p} ${formatNumber(block[p]!)}`).join(' + ');
        diagnostics.push(
          diagnosticAt(
            at(['so_lieu', rule.block, rule.total]),
            'stats-sum',
            `so_lieu.${rule.block}: ${rule.label}: ${expression} = ${formatNumber(sum)}, nhưng ${rule.total} là ${formatNumber(total)}.`,
            { expected: formatNumber(sum), actual: formatNumber(total) },
          ),
        );
      }
    } else {
      const larger = block[rule.larger];
      const present = rule.smaller.filter((p) => block[p] !== undefined);
      if (larger === undefined || present.length === 0) continue;
      const sum = present.reduce((s, p) => s + block[p]!, 0);
      if (sum > larger) {
        diagnostics.push(
          diagnosticAt(
            at(['so_lieu', rule.block, present[0]!]),
            'stats-order',
            `so_lieu.${rule.block}: ${rule.label} (${present.join(' + ')} = ${formatNumber(sum)} > ${rule.larger} = ${formatNumber(larger)}).`,
            { expected: `≤ ${formatNumber(larger)}`, actual: formatNumber(sum) },
          ),
        );
      }
    }
  }
  return diagnostics;
}
