/**
 * A fast-check generator of random VALID period files: long and short paragraphs, many and long
 * footnotes, nesting up to five levels, title-only sections, bullet lists, Vietnamese and odd
 * characters (diacritics, NFD input, punctuation, the escapes \* \^ \{), bold and italic runs,
 * and expressions over generated `so_lieu.khac` figures. The YAML is written by the `yaml`
 * library, so quoting is never the generator's problem.
 *
 * Kept away on purpose (they are errors or warnings by design, not rendering cases): typed
 * percentages, control characters, empty sections, words longer than a line.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';

const VIETNAMESE = [
  'cải', 'cách', 'hành', 'chính', 'Ủy', 'ban', 'nhân', 'dân', 'phường', 'xã', 'thủ', 'tục', 'hồ', 'sơ',
  'giải', 'quyết', 'đúng', 'hạn', 'trực', 'tuyến', 'công', 'chức', 'viên', 'Nghị', 'định', 'số', 'ngày',
  'tháng', 'năm', 'đẩy', 'mạnh', 'chuyển', 'đổi', 'tiếp', 'nhận', 'kết', 'quả', 'thực', 'hiện', 'nhiệm',
  'vụ', 'được', 'giao', 'Hà', 'Tĩnh', 'Phù', 'Liễn', 'Thạch', 'Quý', 'người', 'dân', 'doanh', 'nghiệp',
  'ĐẢNG', 'ỦY', 'HĐND', 'UBND', 'TTHC', 'CCHC', 'NĐ-CP', 'QĐ-UBND', 'ưu', 'tiên', 'khắc', 'phục', 'hạn',
  'chế', 'tồn', 'tại', 'đạt', 'tỷ', 'lệ', 'quản', 'lý', 'nhà', 'nước', 'đội', 'ngũ', 'rà', 'soát',
];

/** Punctuation and symbols glued to a word, as real text has them. */
const ODD = [
  '(CCHC)', '“trích', 'dẫn”', '‘đơn’', '–', '—', '…', '§', '№', '°C', '©', '€', '«kép»', 'A&B', '<thẻ>',
  'x>y', "O'Neil", '"ngoặc"', '#1', '@đv', '~', '|', '[a]', '(b)', 'a/b', 'i.e.', '$', '=', '+/-', 'ñ', 'Ø', 'ß',
];

/** Escapes: the model holds the character itself. */
const ESCAPED = ['\\*', '\\^', '\\{', 'sao\\*', '\\^mũ', 'ngoặc\\{'];

const plainWord = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...VIETNAMESE) },
  { weight: 2, arbitrary: fc.constantFrom(...VIETNAMESE).map((w) => w.normalize('NFD')) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: fc.constantFrom(...ESCAPED) },
  { weight: 1, arbitrary: fc.constantFrom(...VIETNAMESE).map((w) => `${w},`) },
  { weight: 1, arbitrary: fc.constantFrom(...VIETNAMESE).map((w) => `${w};`) },
  { weight: 1, arbitrary: fc.constantFrom(...VIETNAMESE).map((w) => `${w}:`) },
);

/** The figures of `so_lieu.khac` that expressions use. */
const figureName = fc.constantFrom('khac.so_a', 'khac.so_b', 'khac.so_c', 'khac.so_d');

const figures = fc.record({
  so_a: fc.integer({ min: 0, max: 2_000_000_000 }),
  so_b: fc.integer({ min: 1, max: 99_999 }),
  so_c: fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((x) => Math.round(x * 100) / 100),
  so_d: fc.integer({ min: 1, max: 1000 }),
});

const expression = fc.oneof(
  figureName.map((f) => `{{${f}}}`),
  figureName.map((f) => `{{hai_so ${f}}}`),
  fc.tuple(figureName, figureName).map(([x, y]) => `{{tong ${x} ${y}}}`),
  figureName.map((f) => `{{so ${f} 2}}`),
  figureName.map((f) => `{{ty_le ${f} khac.so_b}}`),
);

const words = (min: number, max: number) =>
  fc.array(plainWord, { minLength: min, maxLength: max }).map((ws) => ws.join(' '));

/** A stretch of running text: words, with an expression or a bold/italic phrase now and then. */
const segment = fc.oneof(
  { weight: 6, arbitrary: words(1, 12) },
  { weight: 1, arbitrary: expression },
  { weight: 1, arbitrary: words(1, 5).map((w) => `**${w}**`) },
  { weight: 1, arbitrary: words(1, 5).map((w) => `*${w}*`) },
  { weight: 1, arbitrary: words(1, 3).map((w) => `***${w}***`) },
);

const footnoteText = fc.oneof(
  { weight: 30, arbitrary: fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join(' ')) },
  // long notes now and then: up to a page and a half of footnote text
  { weight: 1, arbitrary: fc.array(words(20, 40), { minLength: 3, maxLength: 20 }).map((s) => s.join(' ')) },
);

/** A paragraph: segments, some followed directly by a footnote marker. */
function paragraph(maxSegments: number): fc.Arbitrary<string> {
  const piece = fc.tuple(segment, fc.option(footnoteText, { freq: 4 })).map(([s, note]) => (note === null ? s : `${s}^[${note}]`));
  return fc.array(piece, { minLength: 1, maxLength: maxSegments }).map((p) => p.join(' '));
}

const shortParagraph = paragraph(6);
/** 200 to 1,200 words: up to three pages for one paragraph. */
const longParagraph = fc.array(words(20, 40), { minLength: 10, maxLength: 30 }).map((s) => s.join(' '));

const paragraphEntry = fc.oneof(
  { weight: 20, arbitrary: shortParagraph },
  { weight: 1, arbitrary: longParagraph },
  { weight: 4, arbitrary: fc.array(shortParagraph, { minLength: 1, maxLength: 3 }).map((gach) => ({ gach })) },
);

const title = fc.oneof(words(1, 8), fc.tuple(words(1, 4), expression).map(([w, e]) => `${w} ${e}`));

interface Section {
  tieu_de?: string;
  doan?: unknown[];
  muc?: Section[];
  danh_so?: string;
}

const numbering = fc.constantFrom('la-ma', 'so', 'so-long', 'chu', 'gach', 'cong');

const sectionTree = fc.letrec<{ section: Section }>((tie) => ({
  section: fc
    .record(
      {
        tieu_de: title,
        doan: fc.array(paragraphEntry, { minLength: 1, maxLength: 2 }),
        muc: fc.array(tie('section'), { minLength: 1, maxLength: 2, depthIdentifier: 'muc' }),
        danh_so: numbering,
      },
      { requiredKeys: [] },
    )
    // never an empty section (an error by design): a title at least
    .map((s) => (s.tieu_de === undefined && s.doan === undefined && s.muc === undefined ? { ...s, tieu_de: 'Tiêu đề' } : s)),
}));

/** Sections up to five levels deep (fast-check's depth bias keeps most trees small). */
const section = sectionTree.section.filter((s) => depth(s) <= 5);

function depth(s: Section): number {
  return 1 + Math.max(0, ...(s.muc ?? []).map(depth));
}

/** Title-only sections in a row, as in a table of contents. */
const titleOnly = fc.array(title.map((tieu_de) => ({ tieu_de })), { minLength: 1, maxLength: 6 });

export interface GeneratedDocument {
  /** The period file's text. */
  yaml: string;
}

export const periodDocument: fc.Arbitrary<GeneratedDocument> = fc
  .record(
    {
      mo_dau: fc.array(paragraphEntry, { minLength: 1, maxLength: 2 }),
      noi_dung: fc.tuple(fc.array(section, { minLength: 1, maxLength: 3 }), fc.option(titleOnly, { freq: 3 })),
      ket_thuc: fc.array(shortParagraph, { minLength: 1, maxLength: 2 }),
      khac: figures,
      so: fc.option(fc.integer({ min: 1, max: 999 }), { freq: 4 }),
    },
    { requiredKeys: ['noi_dung', 'khac'] },
  )
  .map(({ mo_dau, noi_dung, ket_thuc, khac, so }) => {
    const data: Record<string, unknown> = {
      ...(so !== undefined && so !== null ? { so } : {}),
      ngay: '2024-09-05',
      ...(mo_dau ? { mo_dau } : {}),
      noi_dung: [...noi_dung[0], ...(noi_dung[1] ?? [])],
      ...(ket_thuc ? { ket_thuc } : {}),
      so_lieu: { khac },
    };
    return { yaml: stringify(data, { lineWidth: 0 }) };
  });
