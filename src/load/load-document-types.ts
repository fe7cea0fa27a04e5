/**
 * Reads the document types a templates folder declares: one file `loai/<ten>.yaml` per type
 * (docs/huong-dan-soan-thao.md "Loại văn bản"), checked key by key with its file:line:column. A declaration with a
 * problem is left out of the types and reported (`type-declaration`); whether its template files
 * exist is checked by src/render/template-files.ts (`type-template-missing`). The writers refuse
 * to start while either is reported, so nothing is written from a broken folder.
 * Read synchronously (a few small files), once per run by `openTemplates`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddresseeForm, ClosingForm, DocumentTypeInfo, DocumentTypes, PlaceDateForm } from '../core/document-types.js';
import { PERIOD_KINDS, type PeriodKind } from '../core/period-kinds.js';
import { diagnosticAt, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.js';
import { closestName } from '../markup/suggest.js';
import { parseYamlText, type LoadedLayer } from './load-yaml.js';

/** The folder of declarations inside a templates folder. */
export const TYPES_FOLDER = 'loai';

const TYPE_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const TEMPLATE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ABBREVIATION = /^[A-ZĐ][A-Za-zĐđ]{0,7}$/u;
const YES_NO = ['co', 'khong'] as const;
const ADDRESSEE_FORMS: readonly AddresseeForm[] = ['kinh_gui', 'kinh_thua', 'khong'];
const CLOSING_FORMS: readonly ClosingForm[] = ['chu_ky', 'dien_gia'];
const PLACE_DATE_FORMS: readonly PlaceDateForm[] = ['co', 'tuy_chon', 'khong'];

/** Every key a declaration may have, with what it says (for messages and the clerk's guide). */
export const DECLARATION_KEYS = {
  ten_loai: 'tên loại in ở dòng tên loại, ví dụ "TỜ TRÌNH" (bỏ trống: không có tên loại, như công văn)',
  viet_tat: 'chữ viết tắt tên loại trong số ký hiệu, ví dụ TTr (bỏ trống: như công văn, Số: 12/UBND-VP)',
  mau: 'tên tệp mẫu, không đuôi: word/<mau>.docx và html/<mau>.hbs (mặc định: tên loại, "_" thành "-")',
  phan_dau: 'co hoặc khong: có phần đầu văn bản (tên cơ quan, Quốc hiệu, Tiêu ngữ, dòng "Số: …") hay không, như bài phát biểu (mặc định co)',
  so_ky_hieu: 'co hoặc khong: có dòng "Số: …" (mặc định co)',
  dia_danh_ngay:
    'co, tuy_chon hoặc khong: dòng "Địa danh, ngày … tháng … năm …" luôn có (ngay bắt buộc), chỉ có khi văn bản ghi ngay (ngay không bắt buộc), hay không có (mặc định co)',
  kinh_gui: 'kinh_gui, kinh_thua hoặc khong: dòng "Kính gửi:", "Kính thưa:" hay không có (mặc định kinh_gui)',
  noi_nhan: 'co hoặc khong: có phần "Nơi nhận:" (mặc định co)',
  phan_cuoi: 'chu_ky (khối chữ ký, mặc định) hoặc dien_gia (họ tên, chức vụ người trình bày cuối bài)',
  ban_hanh_kem_theo:
    'co, khong hoặc tên loại của văn bản ban hành nó (ví dụ quyet_dinh): được có dòng "(Ban hành kèm theo … )"; với tên loại, dòng này lấy từ tệp <ky>.quyet-dinh.yaml bên cạnh (mặc định khong)',
  danh_so_muc: 'co, khong hoặc dieu: các mục lớn đánh số I., II., …, không đánh số, hay là các điều "Điều 1.", "Điều 2." (mặc định co)',
  can_cu: 'co hoặc khong: trước các điều có dòng thẩm quyền ban hành, các dòng căn cứ và "QUYẾT ĐỊNH:" (mặc định khong)',
  trich_yeu: 'trích yếu mặc định; {ky} là kỳ ("quý III năm 2024"), {don_vi} là tên đơn vị',
  mac_dinh_cho_ky: `danh sách loại kỳ mà tệp <ky>.yaml mặc định là loại này: ${PERIOD_KINDS.join(', ')}`,
} as const;
type DeclarationKey = keyof typeof DECLARATION_KEYS;

export interface LoadedDocumentTypes {
  types: DocumentTypes;
  diagnostics: Diagnostic[];
}

/**
 * The types declared in `<templatesDir>/loai/`, read now. A run reads them once, when it opens its
 * templates folder (src/render/open-templates.ts), and passes them down.
 */
export function loadDocumentTypes(templatesDir: string): LoadedDocumentTypes {
  return readDocumentTypes(templatesDir);
}

/** The declarations (the template builder makes their templates); throws when one has a problem. */
export function readDeclaredTypes(templatesDir: string): DocumentTypeInfo[] {
  const { types, diagnostics } = readDocumentTypes(templatesDir);
  if (diagnostics.length > 0) throw new Error(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`).join('\n'));
  return [...types.byName.values()];
}

function readDocumentTypes(templatesDir: string): LoadedDocumentTypes {
  const folder = join(templatesDir, TYPES_FOLDER);
  const diagnostics: Diagnostic[] = [];
  let files: string[];
  try {
    files = readdirSync(folder).filter((name) => name.endsWith('.yaml')).sort();
  } catch {
    files = [];
  }
  const byName = new Map<string, DocumentTypeInfo>();
  const claimedBy = new Map<PeriodKind, string>();
  for (const name of files) {
    const file = join(folder, name);
    const layer = parseYamlText(file, new Uint8Array(readFileSync(file)));
    const checked = checkDeclaration(layer, name.slice(0, -'.yaml'.length));
    diagnostics.push(...layer.diagnostics, ...checked.diagnostics);
    const type = checked.type;
    if (!type || checked.diagnostics.length > 0 || layer.diagnostics.some((d) => d.severity === 'error')) continue;
    for (const kind of type.defaultFor) {
      const other = claimedBy.get(kind);
      if (other) {
        diagnostics.push(
          diagnosticAt(
            placeOf(layer, 'mac_dinh_cho_ky'),
            'type-declaration',
            `Kỳ "${kind}" đã là kỳ mặc định của loại "${other}": mỗi loại kỳ chỉ mặc định cho một loại văn bản.`,
          ),
        );
      } else claimedBy.set(kind, type.name);
    }
    byName.set(type.name, type);
  }
  if (files.length === 0) {
    diagnostics.push(
      diagnosticAt(
        { file: folder, line: 0, column: 0 },
        'type-declaration',
        `Thư mục mẫu không khai báo loại văn bản nào: cần các tệp ${TYPES_FOLDER}/<ten>.yaml (ví dụ ${TYPES_FOLDER}/bao_cao.yaml).`,
      ),
    );
  }
  return { types: { folder, byName }, diagnostics };
}

function placeOf(layer: LoadedLayer, key: string, part: 'key' | 'value' = 'value'): SourcePosition {
  const place = layer.places.get(key);
  return (part === 'key' ? place?.key : place?.value) ?? { file: layer.file, line: 1, column: 1 };
}

function checkDeclaration(layer: LoadedLayer, name: string): { type?: DocumentTypeInfo; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const problem = (key: string, message: string, part: 'key' | 'value' = 'value') =>
    diagnostics.push(diagnosticAt(placeOf(layer, key, part), 'type-declaration', message));
  if (!TYPE_NAME.test(name)) {
    diagnostics.push(
      diagnosticAt(
        { file: layer.file, line: 0, column: 0 },
        'type-declaration',
        `Tên tệp khai báo "${name}.yaml" không dùng được làm loai: chỉ chữ thường không dấu, số và "_", ví dụ to_trinh.yaml.`,
      ),
    );
    return { diagnostics };
  }
  const value = layer.value;
  const known = Object.keys(DECLARATION_KEYS);
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const guess = closestName(key, known);
    problem(key, `Khóa "${key}" không có trong khai báo loại văn bản.${guess ? ` Có phải ý bạn là "${guess}"?` : ''} Các khóa: ${known.join(', ')}.`, 'key');
  }
  const text = (key: DeclarationKey, pattern?: RegExp, hint?: string): string | undefined => {
    const v = value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v.trim() === '' || (pattern && !pattern.test(v))) {
      problem(key, `Giá trị của ${key} không hợp lệ: ${hint ?? DECLARATION_KEYS[key]}.`);
      return undefined;
    }
    return v;
  };
  const choice = <T extends string>(key: DeclarationKey, choices: readonly T[], fallback: T): T => {
    const v = value[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'string' && (choices as readonly string[]).includes(v)) return v as T;
    problem(key, `Giá trị của ${key} phải là một trong: ${choices.join(', ')} (${DECLARATION_KEYS[key]}).`);
    return fallback;
  };
  const yes = (key: DeclarationKey, fallback: boolean) => choice(key, YES_NO, fallback ? 'co' : 'khong') === 'co';

  const typeName = text('ten_loai');
  const abbreviation = text('viet_tat', ABBREVIATION, 'chữ viết tắt như BC, KH, TTr, QĐ');
  const template = text('mau', TEMPLATE_NAME, 'chữ thường không dấu nối bằng "-", ví dụ to-trinh') ?? name.replaceAll('_', '-');
  const header = yes('phan_dau', true);
  const numberLine = yes('so_ky_hieu', header);
  const placeDate = choice('dia_danh_ngay', PLACE_DATE_FORMS, 'co');
  const addressees = choice('kinh_gui', ADDRESSEE_FORMS, 'kinh_gui');
  const recipients = yes('noi_nhan', true);
  const closing = choice('phan_cuoi', CLOSING_FORMS, 'chu_ky');
  const issued = value.ban_hanh_kem_theo;
  const issuedBy = typeof issued === 'string' && !(YES_NO as readonly string[]).includes(issued) && TYPE_NAME.test(issued) ? issued : undefined;
  const issuedWith = issuedBy !== undefined || yes('ban_hanh_kem_theo', false);
  if (issuedBy === name) problem('ban_hanh_kem_theo', `Loại "${name}" không thể ban hành kèm theo chính nó: ghi tên loại của quyết định, ví dụ quyet_dinh.`);
  const numbering = choice('danh_so_muc', [...YES_NO, 'dieu'] as const, 'co');
  const numberedSections = numbering !== 'khong';
  const articles = numbering === 'dieu';
  const grounds = yes('can_cu', false);
  const summary = text('trich_yeu');
  if (summary === undefined && value.trich_yeu === undefined) {
    diagnostics.push(
      diagnosticAt({ file: layer.file, line: 1, column: 1 }, 'type-declaration', `Khai báo loại "${name}" thiếu trich_yeu: ${DECLARATION_KEYS.trich_yeu}.`),
    );
  }
  const defaultFor: PeriodKind[] = [];
  const kinds = value.mac_dinh_cho_ky;
  if (kinds !== undefined && kinds !== null) {
    if (!Array.isArray(kinds)) problem('mac_dinh_cho_ky', `mac_dinh_cho_ky phải là một danh sách, ví dụ [quy, 6t, 9t, nam].`);
    else
      kinds.forEach((kind, i) => {
        if (typeof kind === 'string' && (PERIOD_KINDS as readonly string[]).includes(kind)) defaultFor.push(kind as PeriodKind);
        else problem(`mac_dinh_cho_ky.${i}`, `Loại kỳ "${String(kind)}" không có: dùng ${PERIOD_KINDS.join(', ')}.`);
      });
  }
  if (recipients && closing === 'dien_gia') {
    problem('noi_nhan', 'Văn bản kết thúc bằng người trình bày (phan_cuoi: dien_gia) không có Nơi nhận: ghi noi_nhan: khong.');
  }
  if (!header && value.so_ky_hieu === 'co') problem('so_ky_hieu', 'Dòng "Số: …" nằm trong phần đầu văn bản: loại không có phần đầu (phan_dau: khong) thì ghi so_ky_hieu: khong.');
  if (abbreviation && !numberLine) problem('viet_tat', 'Loại không có dòng số ký hiệu (so_ky_hieu: khong) thì không cần viet_tat.');
  if (diagnostics.length > 0 || summary === undefined) return { diagnostics };
  return {
    type: {
      name,
      ...(typeName ? { typeName } : {}),
      ...(abbreviation ? { abbreviation } : {}),
      template,
      header,
      numberLine,
      placeDate,
      addressees,
      recipients,
      closing,
      issuedWith,
      ...(issuedBy ? { issuedBy } : {}),
      numberedSections,
      articles,
      grounds,
      summary,
      defaultFor,
      templateAt: value.mau !== undefined ? placeOf(layer, 'mau') : { file: layer.file, line: 0, column: 0 },
    },
    diagnostics,
  };
}
