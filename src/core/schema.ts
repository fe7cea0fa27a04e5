/**
 * The one schema of a document's merged data. It validates (zod) and it is the source of the
 * committed JSON Schema (`schema/baocao.schema.json`) that editors use for completion.
 * Keys are Vietnamese without diacritics; descriptions are Vietnamese for the editor's hover.
 */
import { z } from 'zod';
import { documentTypes } from './document-types.js';

const text = z.string().min(1, 'không được để trống');

/** A paragraph of running text: inline `**đậm**`, `*nghiêng*`, `^[chú thích]`, `{{biểu thức}}`. */
export const inlineText = text.describe(
  'Đoạn văn. Hỗ trợ **đậm**, *nghiêng*, ^[chú thích cuối trang] và {{biểu thức}} lấy từ so_lieu.',
);

export const numberingStyles = ['la-ma', 'so', 'so-long', 'chu', 'gach', 'cong'] as const;
export type NumberingStyle = (typeof numberingStyles)[number];

const bulletList = z
  .object({
    gach: z.array(inlineText).min(1).optional().describe('Các dòng gạch đầu dòng "- "'),
    cong: z.array(inlineText).min(1).optional().describe('Các dòng gạch đầu dòng "+ "'),
  })
  .strict();

export const paragraphEntry = z.union([inlineText, bulletList]);

export interface SectionData {
  tieu_de?: string;
  doan?: Array<string | { gach?: string[]; cong?: string[] }>;
  danh_so?: NumberingStyle;
  muc?: SectionData[];
}

export const section: z.ZodType<SectionData> = z.lazy(() =>
  z
    .object({
      tieu_de: inlineText.optional().describe('Tiêu đề của mục/khoản/điểm (không gõ số thứ tự: số được đánh tự động)'),
      doan: z.array(paragraphEntry).optional().describe('Các đoạn văn của mục này, theo thứ tự'),
      danh_so: z
        .enum(numberingStyles)
        .optional()
        .describe('Kiểu đánh số các mục con: la-ma (I.), so (1.), so-long (2.1.), chu (a), gach (-), cong (+)'),
      muc: z.array(section).optional().describe('Các mục con'),
    })
    .strict(),
);

const positiveCount = z.number().int('phải là số nguyên').nonnegative('không được âm');

export const taskStats = z
  .object({
    tong: positiveCount.describe('Tổng số nhiệm vụ được giao'),
    truoc_han: positiveCount.optional().describe('Hoàn thành trước hạn'),
    dung_han: positiveCount.optional().describe('Hoàn thành đúng hạn'),
    trong_han: positiveCount.optional().describe('Đang thực hiện, còn trong hạn'),
    qua_han: positiveCount.optional().describe('Quá hạn'),
  })
  .strict();

export const dossierStats = z
  .object({
    tiep_nhan: positiveCount.describe('Số hồ sơ tiếp nhận'),
    da_giai_quyet: positiveCount.optional().describe('Số hồ sơ đã giải quyết'),
    dung_han: positiveCount.optional().describe('Giải quyết trước và đúng hạn'),
    tre_han: positiveCount.optional().describe('Giải quyết trễ hạn'),
    truc_tuyen_toan_trinh: positiveCount.optional().describe('Hồ sơ dịch vụ công trực tuyến toàn trình'),
    truc_tuyen_mot_phan: positiveCount.optional().describe('Hồ sơ dịch vụ công trực tuyến một phần'),
    can_thanh_toan: positiveCount.optional().describe('Hồ sơ có nghĩa vụ tài chính'),
    thanh_toan_truc_tuyen: positiveCount.optional().describe('Hồ sơ thanh toán trực tuyến'),
  })
  .strict();

export const budgetStats = z
  .object({
    thu: z.number().nonnegative().describe('Số thu thực hiện (đơn vị theo don_vi)'),
    ke_hoach: z.number().positive('phải lớn hơn 0').describe('Dự toán/kế hoạch giao'),
    don_vi: text.optional().describe('Đơn vị tính, ví dụ "tỷ đồng"'),
  })
  .strict();

export const statistics = z
  .object({
    nhiem_vu: taskStats.optional().describe('Nhiệm vụ được cấp trên giao'),
    ho_so: dossierStats.optional().describe('Hồ sơ thủ tục hành chính'),
    ngan_sach: budgetStats.optional().describe('Thu ngân sách'),
    khac: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'tên số liệu chỉ gồm chữ thường không dấu, số và _'), z.number())
      .optional()
      .describe('Các số liệu khác, đặt tên tự do: ten_so_lieu: 12'),
  })
  .strict();

const signer = z
  .object({
    quyen_han: z
      .string()
      .regex(/^(TM|KT|Q|TL|TUQ)\. \S/u, 'phải bắt đầu bằng TM., KT., Q., TL. hoặc TUQ. rồi đến tên, ví dụ "TM. ỦY BAN NHÂN DÂN"')
      .optional()
      .describe('Quyền hạn ký: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"… (bỏ trống nếu người đứng đầu ký trực tiếp)'),
    chuc_vu: text.describe('Chức vụ của người ký, ví dụ "CHỦ TỊCH", "PHÓ CHỦ TỊCH"'),
    ho_ten: text.describe('Họ và tên người ký, không kèm học hàm, học vị'),
  })
  .strict();

const agency = z
  .object({
    chu_quan: text.optional().describe('Tên cơ quan chủ quản trực tiếp (nếu có), ví dụ "UBND THÀNH PHỐ HÀ TĨNH"'),
    ten: z.array(text).min(1).max(3).describe('Tên cơ quan ban hành, mỗi dòng một phần tử, ví dụ [ỦY BAN NHÂN DÂN, PHƯỜNG THẠCH QUÝ]'),
    ten_day_du: text.describe('Tên cơ quan viết thường trong câu, ví dụ "Ủy ban nhân dân phường Thạch Quý"'),
    viet_tat: z
      .string()
      .regex(/^[A-ZĐ][A-ZĐa-z0-9]*(-[A-ZĐ][A-ZĐa-z0-9]*)*$/u, 'chữ viết tắt như UBND, UBND-VP (không dấu cách)')
      .describe('Chữ viết tắt tên cơ quan dùng trong số ký hiệu, ví dụ "UBND"'),
  })
  .strict();

export const issuedWith = z
  .object({
    loai: text.default('Quyết định').describe('Loại văn bản ban hành kèm, mặc định "Quyết định"'),
    so: z.string().regex(/^\d+\/[A-ZĐ]+-[A-ZĐ0-9-]+$/u, 'số ký hiệu dạng 19/QĐ-UBND').describe('Số, ký hiệu, ví dụ "19/QĐ-UBND"'),
    ngay: z.string().describe('Ngày ký, dạng YYYY-MM-DD'),
  })
  .strict();

export { documentTypes, type DocumentType } from './document-types.js';

export const unitLevels = ['tinh', 'huyen', 'xa'] as const;

export const documentData = z
  .object({
    // --- unit profile (usually don-vi.yaml, or tinh.yaml / mac-dinh.yaml for shared values)
    co_quan: agency.describe('Cơ quan ban hành'),
    cap: z.enum(unitLevels).describe('Cấp chính quyền: tinh, huyen, xa'),
    dia_danh: text.describe('Địa danh ở dòng ngày tháng, ví dụ "Thạch Quý"'),
    ten_don_vi: text.describe('Tên đơn vị hành chính viết thường, ví dụ "phường Thạch Quý"'),
    nguoi_ky: signer.describe('Người ký'),
    kinh_gui: z.array(text).optional().describe('Nơi gửi (Kính gửi) của báo cáo, mỗi dòng một cơ quan; kế hoạch không có Kính gửi'),
    noi_nhan: z.array(text).optional().describe('Nơi nhận, không gồm "Như trên" và "Lưu" (được thêm tự động)'),
    luu: z.array(text).min(1).default(['VT']).describe('Dòng Lưu, ví dụ [VT, VP]'),
    // --- the document of one period (<ky>.yaml)
    loai: z.enum(documentTypes).optional().describe('Loại văn bản: bao_cao hoặc ke_hoach (mặc định theo tên tệp)'),
    so: z
      .union([z.number(), z.string(), z.null()])
      .optional()
      .describe('Số văn bản (chỉ phần số, ví dụ 70). Bỏ trống khi chưa vào sổ'),
    ngay: z.string().describe('Ngày ban hành, dạng YYYY-MM-DD'),
    trich_yeu: inlineText.optional().describe('Trích yếu nội dung (mặc định suy ra từ loại và kỳ)'),
    ban_hanh_kem_theo: issuedWith.optional().describe('Kế hoạch ban hành kèm theo quyết định: số và ngày của quyết định'),
    mo_dau: z.array(paragraphEntry).optional().describe('Các đoạn mở đầu, trước mục I'),
    noi_dung: z.array(section).min(1, 'cần ít nhất một mục').describe('Nội dung: các mục I, II, … lồng nhau'),
    ket_thuc: z.array(inlineText).optional().describe('Đoạn kết; dấu ./. được thêm tự động'),
    so_lieu: statistics.optional().describe('Số liệu thống kê, dùng trong văn bản qua {{biểu thức}}'),
  })
  .strict();

export type DocumentData = z.output<typeof documentData>;
export type Statistics = z.output<typeof statistics>;

/** Keys a layer may use, for "có phải ý bạn là …?" suggestions. */
export function knownKeysAt(path: ReadonlyArray<string | number>): string[] {
  let schema: z.ZodType = documentData;
  for (const key of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject) {
      const next = (schema.shape as Record<string, z.ZodType>)[String(key)];
      if (!next) return [];
      schema = next;
    } else if (schema instanceof z.ZodArray) {
      schema = schema.element as z.ZodType;
    } else if (schema instanceof z.ZodUnion) {
      const obj = (schema.options as z.ZodType[]).map(unwrap).find((o) => o instanceof z.ZodObject);
      if (!obj) return [];
      schema = obj;
      const next = ((schema as z.ZodObject).shape as Record<string, z.ZodType>)[String(key)];
      if (!next) return [];
      schema = next;
    } else return [];
  }
  schema = unwrap(schema);
  if (schema instanceof z.ZodUnion) {
    const obj = (schema.options as z.ZodType[]).map(unwrap).find((o) => o instanceof z.ZodObject);
    if (obj) schema = obj;
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodLazy) {
      current = current.unwrap() as z.ZodType;
    } else return current;
  }
}

export function toJsonSchema(): Record<string, unknown> {
  const json = z.toJSONSchema(documentData, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Record<string, unknown>;
  return {
    ...(withoutRequired(json) as Record<string, unknown>),
    title: 'baocao: dữ liệu một văn bản (đơn vị + kỳ báo cáo)',
    description:
      'Mỗi tệp YAML là một lớp: mac-dinh.yaml, tinh.yaml, don-vi.yaml, <ky>.yaml. Các lớp được gộp lại rồi kiểm tra theo lược đồ này; trong một lớp mọi khóa đều không bắt buộc.',
  };
}

/** Every layer is partial, so the editor schema requires nothing; the merged data is checked in full. */
function withoutRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRequired);
  if (node === null || typeof node !== 'object') return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'required' && Array.isArray(value)) continue;
    result[key] = withoutRequired(value);
  }
  return result;
}
