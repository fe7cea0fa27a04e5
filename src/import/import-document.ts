/**
 * `baocao nhap` as a library function: one Word document in, the unit's profile (don-vi.yaml)
 * and the period file out, as data plus the notes of what was guessed or could not be mapped.
 * Pure over its inputs: reading and writing files is the caller's (run-import.ts).
 */
import type { DocumentTypeInfo, DocumentTypes } from '../core/document-types.js';
import { PERIOD_PATTERN, parsePeriod } from '../core/period.js';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { readAppendices } from './appendices.js';
import { BodyReader, type Note, type Remark } from './body.js';
import { findClosing, readClosing } from './closing.js';
import { readHeader } from './header.js';
import { fold, roleOf } from './paragraph-text.js';
import { PackageProblem, readWordDocument, type WordDocument } from './read-docx.js';
import { XmlProblem } from '../word/xml-tree.js';
import { figuresFromText, type TypedFigures } from './typed-figures.js';

/** A report is a few dozen pages; past these the file is not one document to import. */
export const MAX_PAGES = 200;
export const MAX_PARAGRAPHS = 8000;

export interface ImportOptions {
  /** Where messages say the problem is (the Word file's path as the user named it). */
  file: string;
  types: DocumentTypes;
  /** The period (`2024-q3`), when the user gives it; else read from the trích yếu. */
  period?: string;
  /** --so-lieu: typed "a/b … đạt x%" become figures and expressions. */
  figures?: boolean;
}

export type Data = Record<string, unknown>;

export interface ImportedDocument {
  /** don-vi.yaml's content. */
  unit: Data;
  /**
   * Profile keys the document only guesses (a speech names no agency): written when the unit has
   * no don-vi.yaml yet, never compared with or put over an existing one.
   */
  unitWhenNew?: Data;
  /** The period file's content. */
  period: Data;
  /** `2024-q3`, `2024-q3.to-trinh`: the period file's stem. */
  documentName: string;
  /** Folder name of the unit, `phuong-bac-ha`. */
  unitFolder: string;
  /** Comments to write in the YAML: at a path of the period file, or (path starting "don-vi") of the profile. */
  remarks: Remark[];
  /** Comments after a value: what was guessed. */
  guesses: Remark[];
}

export interface ImportResult {
  document?: ImportedDocument;
  diagnostics: Diagnostic[];
}

export function importWordDocument(bytes: Uint8Array, options: ImportOptions): ImportResult {
  const at = (line = 0) => ({ file: options.file, line, column: 0 });
  let word: WordDocument;
  try {
    word = readWordDocument(bytes);
  } catch (error) {
    if (error instanceof PackageProblem) {
      const rule = error.kind === 'too-large' ? 'import-too-large' : 'import-not-word';
      return { diagnostics: [diagnosticAt(at(), rule, `Không nhập được: ${error.message}.`)] };
    }
    if (error instanceof XmlProblem) return { diagnostics: [diagnosticAt(at(), 'import-not-word', `Không nhập được: ${error.message}.`)] };
    throw error;
  }
  if ((word.pages ?? 0) > MAX_PAGES || word.paragraphCount > MAX_PARAGRAPHS) {
    const size = word.pages !== undefined && word.pages > MAX_PAGES ? `${word.pages} trang` : `${word.paragraphCount} đoạn`;
    return {
      diagnostics: [diagnosticAt(at(), 'import-too-large', `Văn bản quá dài để là một báo cáo (${size}; giới hạn ${MAX_PAGES} trang, ${MAX_PARAGRAPHS} đoạn): tách thành từng văn bản rồi nhập từng tệp.`)],
    };
  }
  forgetForeignStyles(word);
  const notes: Note[] = [];
  const remarks: Remark[] = [];
  const guesses: Remark[] = [];
  const headerNotes: string[] = [];
  const header = readHeader(word.blocks, options.types, headerNotes);
  if (!header) {
    return {
      diagnostics: [
        diagnosticAt(at(), 'import-no-header', 'Không thấy phần đầu văn bản theo Nghị định 30 (tên cơ quan, số ký hiệu, "…, ngày … tháng … năm …"): tệp này không nhập được như một văn bản hành chính.'),
      ],
    };
  }
  for (const n of headerNotes) notes.push({ position: 0, message: n, warning: true });
  const diagnostics: Diagnostic[] = [];
  const type = typeOf(header.typeName, header.subject !== undefined, options.types);
  if (!type) {
    const known = [...options.types.byName.values()].map((t) => (t.typeName ? `${t.typeName} (${t.name})` : `công văn (${t.name})`)).join(', ');
    diagnostics.push(diagnosticAt(at(), 'import-unknown-type', `Tên loại "${header.typeName ?? '(không có)'}" không phải loại văn bản nào đã có: ${known}. Thêm loại mới vào templates/loai/ (README mục 3a) rồi nhập lại.`));
    return { diagnostics };
  }
  const closingAt = findClosing(word.blocks, header.next);
  const closing = closingAt >= 0 ? readClosing(word.blocks, closingAt) : undefined;
  if (!closing) notes.push({ position: 0, message: 'không thấy khối chữ ký (Nơi nhận, người ký): ghi tay nguoi_ky', warning: true });
  const bodyReader = new BodyReader(type, notes, remarks);
  bodyReader.read(word.blocks.slice(header.next, closing ? closing.at : word.blocks.length));
  const body = bodyReader.body;
  const appendices = closing ? readAppendices(word.blocks.slice(closing.next), notes, remarks) : { phuLuc: [] };

  // --- the period
  const periodId = options.period ?? periodFrom(header.trichYeu ?? '', type, header.ngay ?? '');
  if (!periodId || !PERIOD_PATTERN.test(periodId)) {
    diagnostics.push(
      diagnosticAt(at(), options.period ? 'usage' : 'import-period', options.period ? `Kỳ "${options.period}" không đúng dạng (2024-q3, 2024-6t, 2024-9t, 2024-nam, 2024-ke-hoach).` : `Không đoán được kỳ báo cáo từ trích yếu "${header.trichYeu ?? ''}": ghi rõ --ky, ví dụ --ky 2024-q3.`),
    );
    return { diagnostics };
  }
  const period = parsePeriod(periodId)!;
  const documentName = type.defaultFor.includes(period.kind) ? periodId : `${periodId}.${type.name.replace(/_/g, '-')}`;

  // --- the unit's profile
  // A type without the header (a speech) names no agency: the unit is read from the speaker's title
  // ("Chủ tịch UBND phường Thạch Quý"), else the place; its agency is only a guess for a new profile.
  const bare = header.ten.length === 0;
  const unitInTitle = bare ? unitFromTitle(closing?.chucVu ?? '') : undefined;
  if (bare && !unitInTitle && !header.diaDanh) {
    diagnostics.push(diagnosticAt(at(), 'import-no-header', `Văn bản ${type.typeName ?? type.name} không có phần đầu, không ghi chức vụ kèm tên đơn vị (như "Chủ tịch UBND phường …") và không có dòng địa danh, ngày: không biết của đơn vị nào. Nhập văn bản có phần đầu của đơn vị trước, hoặc thêm dòng "…, ngày … tháng … năm …" rồi nhập lại.`));
    return { diagnostics };
  }
  const ten = bare ? ['ỦY BAN NHÂN DÂN', (unitInTitle ?? header.diaDanh!).toLocaleUpperCase('vi')] : header.ten;
  const tenDonVi = bare ? (unitInTitle ?? header.diaDanh!) : unitName(header.ten[header.ten.length - 1] ?? '');
  const agencyInSentence = appendices.agencyInSentence ?? (header.issuedWith?.agency || undefined);
  const co_quan: Data = {};
  if (header.chuQuan) co_quan.chu_quan = header.chuQuan;
  co_quan.ten = ten;
  co_quan.ten_day_du = agencyInSentence ?? `${sentenceCase(ten.slice(0, -1).join(' ') || 'Ủy ban nhân dân')} ${tenDonVi}`.trim();
  if (!agencyInSentence) guesses.push({ path: ['don-vi', 'co_quan', 'ten_day_du'], comment: 'đoán từ tên cơ quan: kiểm tra lại' });
  co_quan.viet_tat = header.agencyAbbreviation ?? initials(ten);
  if (!header.agencyAbbreviation) guesses.push({ path: ['don-vi', 'co_quan', 'viet_tat'], comment: 'đoán: văn bản không có số ký hiệu' });
  if (bare) guesses.push({ path: ['don-vi', 'co_quan', 'ten'], comment: `đoán: ${type.typeName ?? type.name} không có phần đầu văn bản` });
  const diaDanh = header.diaDanh ?? placeOf(tenDonVi);
  const unit: Data = { ...(bare ? {} : { co_quan }), cap: levelOf(ten, header.chuQuan), dia_danh: diaDanh, ten_don_vi: tenDonVi };
  if (!header.diaDanh) guesses.push({ path: ['don-vi', 'dia_danh'], comment: 'đoán từ tên đơn vị' });
  guesses.push({ path: ['don-vi', 'cap'], comment: 'đoán từ tên cơ quan' });
  guesses.push({ path: ['don-vi', 'ten_don_vi'], comment: bare ? 'đoán từ chức vụ người trình bày' : 'đoán từ tên cơ quan' });
  const periodData: Data = {};
  const signer: Data = {};
  if (closing) {
    if (closing.quyenHan.length > 0) signer.quyen_han = closing.quyenHan.length === 1 ? closing.quyenHan[0] : closing.quyenHan;
    else if (!closing.presenter) signer.quyen_han = null;
    if (closing.chucVu) signer.chuc_vu = closing.chucVu;
    if (closing.chucVuKhac) signer.chuc_vu_khac = closing.chucVuKhac;
    if (closing.hoTen) signer.ho_ten = closing.hoTen;
    if (closing.presenter) {
      signer.quyen_han = null;
      periodData.nguoi_ky = signer;
    } else unit.nguoi_ky = signer;
    if (header.kinhGui) unit.kinh_gui = header.kinhGui;
    if (closing.noiNhan && type.recipients) unit.noi_nhan = closing.noiNhan;
    if (closing.luu) unit.luu = closing.luu;
    if (closing.droppedAsTheTool.length > 0) {
      notes.push({ position: 0, message: `bỏ dòng ${closing.droppedAsTheTool.map((d) => `"${d}"`).join(', ')} của Nơi nhận: chương trình tự thêm (dòng Lưu lấy từ luu)`, warning: false });
    }
  } else if (header.kinhGui) unit.kinh_gui = header.kinhGui;

  if (header.so !== undefined && type.numberLine) periodData.so = header.so;
  if (header.ngay) periodData.ngay = header.ngay;
  if (documentName === periodId && !type.defaultFor.includes(period.kind)) periodData.loai = type.name;
  if (header.draftingAbbreviation) periodData.ky_hieu_soan_thao = header.draftingAbbreviation;
  if (header.trichYeu) periodData.trich_yeu = header.trichYeu;
  if (header.issuedWith) {
    periodData.ban_hanh_kem_theo = { ...(header.issuedWith.loai !== 'Quyết định' ? { loai: header.issuedWith.loai } : {}), so: header.issuedWith.so, ngay: header.issuedWith.ngay };
  }
  if (header.kinhThua) periodData.kinh_thua = header.kinhThua;
  if (body.thamQuyen) periodData.tham_quyen = body.thamQuyen;
  if (body.canCu.length > 0) periodData.can_cu = body.canCu;
  if (body.theoDeNghi) periodData.theo_de_nghi = body.theoDeNghi;
  if (body.noiDung.length === 0 && body.moDau.length > 0) {
    // No numbered section (a công văn, a short report): the text is one section without a number.
    periodData.noi_dung = [{ ...(type.numberedSections ? { danh_so: 'khong' } : {}), doan: body.moDau }];
    for (const remark of remarks) if (remark.path[0] === 'mo_dau') remark.path = ['noi_dung', 0, 'doan', ...remark.path.slice(1)];
  } else {
    if (body.moDau.length > 0) periodData.mo_dau = body.moDau;
    periodData.noi_dung = body.noiDung.length > 0 ? body.noiDung : [{ doan: ['(chưa có nội dung)'] }];
    if (body.noiDung.length === 0) notes.push({ position: 0, message: 'văn bản không có nội dung: noi_dung tạm một đoạn "(chưa có nội dung)"', warning: true });
  }
  if (body.ketThuc.length > 0) periodData.ket_thuc = body.ketThuc;
  if (appendices.phuLuc.length > 0) {
    periodData.phu_luc = appendices.phuLuc;
    // "chi tiết tại Phụ lục II" → {{phu_luc 2}}: the reference follows the phụ lục's number.
    for (const key of ['mo_dau', 'noi_dung', 'ket_thuc'] as const) if (periodData[key]) periodData[key] = appendixReferences(periodData[key], appendices.phuLuc.length);
  }
  if (options.figures) {
    const found: TypedFigures = { figures: {} };
    for (const key of ['mo_dau', 'noi_dung', 'ket_thuc'] as const) if (periodData[key]) periodData[key] = figuresFromText(periodData[key], found, notes);
    if (Object.keys(found.figures).length > 0) {
      periodData.so_lieu = { khac: found.figures };
      guesses.push({ path: ['so_lieu', 'khac'], comment: 'số liệu lấy từ các tỷ lệ gõ tay (--so-lieu): nên đặt lại tên cho dễ hiểu' });
    }
  }
  if (!options.period) guesses.push({ path: ['ngay'], comment: `kỳ ${periodId} đoán từ ${type.defaultFor.length === 0 ? 'ngày ban hành' : 'trích yếu'}` });

  for (const note of notes) {
    diagnostics.push(diagnosticAt(at(note.position), note.warning ? 'import-unmapped' : 'import-guess', note.position > 0 ? `Đoạn ${note.position}: ${note.message}.` : `${capitalize(note.message)}.`, { severity: 'warning' }));
  }
  return {
    document: { unit, ...(bare ? { unitWhenNew: { co_quan } } : {}), period: periodData, documentName, unitFolder: slug(tenDonVi), remarks, guesses },
    diagnostics,
  };
}

const ROMAN_NUMBERS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

function appendixReferences(value: unknown, count: number): unknown {
  if (typeof value === 'string') {
    if (count === 1) return value.replace(/(?<!\p{L})Phụ lục(?!\s*[IVX\d])(?!\p{L})/gu, '{{phu_luc 1}}');
    return value.replace(/(?<!\p{L})Phụ lục ([IVX]+)(?![\p{L}\d])/gu, (whole, roman: string) => {
      const n = ROMAN_NUMBERS.indexOf(roman) + 1;
      return n >= 1 && n <= count ? `{{phu_luc ${n}}}` : whole;
    });
  }
  if (Array.isArray(value)) return value.map((v) => appendixReferences(v, count));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = key === 'bang' ? v : appendixReferences(v, count);
    return out;
  }
  return value;
}

/**
 * Our paragraph styles say what a paragraph is only in a file baocao wrote (or one re-saved from
 * it): a foreign file may use the same names ("Body Text") for everything. Without our header
 * styles the file is foreign, and its styles are not read as roles.
 */
function forgetForeignStyles(word: WordDocument): void {
  const paragraphs = word.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b] : b.rows.flat().flatMap((c) => c.paragraphs)));
  const ours = paragraphs.some((p) => {
    const role = roleOf(p);
    return role === 'chuQuan' || role === 'banHanh' || role === 'soKyHieu' || role === 'diaDanh' || role === 'tenLoai';
  });
  if (ours) return;
  for (const p of paragraphs) {
    delete p.styleId;
    delete p.styleName;
  }
}

function typeOf(typeName: string | undefined, hasSubjectLine: boolean, types: DocumentTypes): DocumentTypeInfo | undefined {
  const all = [...types.byName.values()];
  if (typeName) return all.find((t) => t.typeName !== undefined && fold(t.typeName) === fold(typeName));
  return hasSubjectLine ? all.find((t) => t.typeName === undefined && t.numberLine) : undefined;
}

const ROMAN_QUARTER: Readonly<Record<string, number>> = { I: 1, II: 2, III: 3, IV: 4 };

/** "quý III năm 2024" → 2024-q3, "6 tháng đầu năm 2024" → 2024-6t, a plan's "năm 2024" → 2024-ke-hoach. */
export function periodFrom(summary: string, type: DocumentTypeInfo, date: string): string | undefined {
  const plan = type.defaultFor.includes('ke-hoach') || /kế hoạch/iu.test(summary);
  const planYear = /năm\s+(\d{4})/u.exec(summary);
  // A decision issuing a plan goes beside the plan (2024-ke-hoach.quyet-dinh.yaml).
  if (type.defaultFor.length === 0 && plan && planYear && /ban hành/iu.test(summary)) return `${planYear[1]}-ke-hoach`;
  // A tờ trình, công văn or speech belongs to the quarter it is dated in.
  if (type.defaultFor.length === 0) {
    const month = Number(date.slice(5, 7));
    return month >= 1 && month <= 12 ? `${date.slice(0, 4)}-q${Math.ceil(month / 3)}` : undefined;
  }
  const quarter = /quý\s+(I{1,3}|IV|[1-4])\s+(?:năm\s+)?(\d{4})/iu.exec(summary);
  if (quarter) return `${quarter[2]}-q${ROMAN_QUARTER[quarter[1]!.toUpperCase()] ?? quarter[1]}`;
  const months = /(?<![\p{L}\d])(6|9|sáu|chín)\s+tháng(?:\s+đầu)?(?:\s+năm)?\s+(\d{4})/iu.exec(summary);
  if (months) return `${months[2]}-${/^(6|sáu)$/iu.test(months[1]!) ? '6t' : '9t'}`;
  const year = planYear;
  if (year) return `${year[1]}-${plan ? 'ke-hoach' : 'nam'}`;
  return undefined;
}

const LEVEL_WORDS = ['thị trấn', 'thị xã', 'thành phố', 'phường', 'xã', 'quận', 'huyện', 'tỉnh', 'đặc khu'];

/** "PHƯỜNG BẮC HÀ" → "phường Bắc Hà". */
export function unitName(line: string): string {
  const lower = line.toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
  const level = LEVEL_WORDS.find((w) => lower.startsWith(`${w} `));
  const rest = level ? lower.slice(level.length + 1) : lower;
  const name = rest
    .split(' ')
    .map((w) => (w === '' ? w : w[0]!.toLocaleUpperCase('vi') + w.slice(1)))
    .join(' ');
  return level ? `${level} ${name}` : name;
}

const UNIT_IN_TITLE = new RegExp(`(?:^|\\s)((?:${LEVEL_WORDS.join('|')})\\s+\\p{Lu}.*)$`, 'u');

/** "Chủ tịch UBND phường Thạch Quý" → "phường Thạch Quý". */
function unitFromTitle(title: string): string | undefined {
  return UNIT_IN_TITLE.exec(title.replace(/\s+/g, ' ').trim())?.[1];
}

/** "phường Thạch Quý" → "Thạch Quý". */
function placeOf(unit: string): string {
  const level = LEVEL_WORDS.find((w) => unit.toLocaleLowerCase('vi').startsWith(`${w} `));
  return level ? unit.slice(level.length + 1) : unit;
}

function sentenceCase(text: string): string {
  const lower = text.toLocaleLowerCase('vi').replace(/uỷ/g, 'ủy');
  return lower === '' ? lower : lower[0]!.toLocaleUpperCase('vi') + lower.slice(1);
}

function capitalize(text: string): string {
  return text === '' ? text : text[0]!.toLocaleUpperCase('vi') + text.slice(1);
}

function initials(ten: string[]): string {
  if (/^(ỦY|UỶ) BAN NHÂN DÂN$/u.test(ten[0] ?? '')) return 'UBND';
  const letters = (ten[0] ?? 'CQ')
    .split(/\s+/)
    .map((w) => fold(w)[0]?.toUpperCase() ?? '')
    .join('');
  return letters || 'CQ';
}

function levelOf(ten: string[], chuQuan: string | undefined): 'tinh' | 'huyen' | 'xa' {
  const last = (ten[ten.length - 1] ?? '').toLocaleLowerCase('vi');
  if (/^(phường|xã|thị trấn|đặc khu)(\s|$)/u.test(last)) return 'xa';
  if (/^(huyện|quận|thị xã)(\s|$)/u.test(last)) return 'huyen';
  if (/^thành phố(\s|$)/u.test(last)) return chuQuan && /TỈNH/u.test(chuQuan) ? 'huyen' : 'tinh';
  return 'tinh';
}

/** "phường Bắc Hà" → "phuong-bac-ha". */
export function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/gi, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'don-vi'
  );
}
