/**
 * The one schema of a document's merged data. It validates (zod) and it is the source of the
 * committed JSON Schema (`schema/baocao.schema.json`) that editors use for completion.
 * Keys are Vietnamese without diacritics; descriptions are Vietnamese for the editor's hover.
 */
import * as z from 'zod';

const text = z.string().min(1, 'không được để trống');
/** A name of a figure, a column or a group: lowercase without diacritics, digits and _. */
const figureName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'chỉ gồm chữ thường không dấu, số và _, bắt đầu bằng chữ');

/** A paragraph of running text: inline `**đậm**`, `*nghiêng*`, `^[chú thích]`, `{{biểu thức}}`. */
export const inlineText = text.describe(
  'Đoạn văn. Hỗ trợ **đậm**, *nghiêng*, ^[chú thích cuối trang] và {{biểu thức}} lấy từ so_lieu.',
);

export const numberingStyles = ['la-ma', 'so', 'so-long', 'chu', 'gach', 'cong'] as const;
export type NumberingStyle = (typeof numberingStyles)[number];
/** `danh_so: khong` on a section: the section itself takes no number (its siblings' numbers skip it). */
export const UNNUMBERED = 'khong' as const;

const bulletList = z
  .object({
    gach: z.array(inlineText).min(1).optional().describe('Các dòng gạch đầu dòng "- "'),
    cong: z.array(inlineText).min(1).optional().describe('Các dòng gạch đầu dòng "+ "'),
  })
  .strict();

export const columnAlignments = ['trai', 'giua', 'phai'] as const;
export const columnKinds = ['chu', 'so'] as const;

const tableColumn = z
  .object({
    ten: text.describe('Tiêu đề cột'),
    nhom: text.optional().describe('Tiêu đề nhóm: các cột liền nhau cùng nhóm có chung một ô tiêu đề ở dòng trên (tiêu đề hai dòng)'),
    kieu: z.enum(columnKinds).optional().describe('chu (mặc định): chữ, số hoặc {{biểu thức}}; so: chỉ số liệu, được cộng vào dòng tổng'),
    can: z.enum(columnAlignments).optional().describe('Căn lề: trai, giua, phai (mặc định: cột số căn phải, cột chữ căn trái)'),
    rong: z.number().positive('phải lớn hơn 0').optional().describe('Độ rộng cột, tính bằng cm; các cột không ghi chia đều phần còn lại'),
    ma: figureName
      .optional()
      .describe('Tên ngắn của cột (chữ thường không dấu): để cột tinh gọi tới, để đặt tên số liệu tổng (ten_so_lieu), và với tu_so_lieu là tên số liệu của mỗi dòng (stt: số thứ tự, ten: tên dòng)'),
    tinh: z
      .string()
      .regex(/^\s*(ty_le|hieu|tong)(\s+[a-z][a-z0-9_]*){2,20}\s*$/, 'ghi ty_le <cột tử số> <cột mẫu số>, hieu <cột> <cột> hoặc tong <cột> <cột> …, với tên cột là ma của cột')
      .optional()
      .describe('Cột tính từ các cột khác của cùng dòng (theo ma): ty_le dung_han tiep_nhan (tỷ lệ %), hieu a b, tong a b c; các dòng không ghi ô cho cột này'),
    so_le: z.number().int('phải là số nguyên').min(0).max(6).optional().describe('Số chữ số thập phân khi in số của cột (tỷ lệ mặc định 2)'),
    ty_le_cua: z
      .array(figureName)
      .length(2, 'ghi đúng 2 cột: [cột tử số, cột mẫu số], ví dụ [dung_han, tiep_nhan]')
      .optional()
      .describe('Cột tỷ lệ gõ tay: mỗi ô (97,1%) được đối chiếu với tỷ lệ của hai cột số cùng dòng [tử số, mẫu số] (theo ma), đúng đến số chữ số đã gõ'),
  })
  .strict()
  .superRefine((column, ctx) => {
    if (column.ty_le_cua !== undefined && (column.kieu === 'so' || column.tinh !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['ty_le_cua'], message: 'cột ty_le_cua là cột chữ ghi tỷ lệ gõ tay: bỏ kieu: so và tinh (hoặc bỏ ty_le_cua và dùng tinh: ty_le … để tỷ lệ được tính)' });
    }
  });

/** One cell: a number (printed 1.086; 8,46) or a text with markup and {{biểu thức}}. */
export const tableCell = z.union([z.number(), z.string().describe('Ô chữ (được để trống ""), có thể có **đậm**, {{biểu thức}}')]);

/** A roll-up table's column source: the row number, the unit's name, or a figure of its so_lieu. */
export const ROLLUP_ROW_NUMBER = 'stt';
export const ROLLUP_UNIT_NAME = 'ten_don_vi';
const rollupColumn = z
  .string()
  .regex(/^(stt|ten_don_vi|[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)$/, 'ghi stt, ten_don_vi hoặc tên số liệu như ho_so.tiep_nhan')
  .describe('stt: số thứ tự; ten_don_vi: tên đơn vị; hoặc tên số liệu của đơn vị, ví dụ ho_so.tiep_nhan');

/** `tong_hop`: the units whose figures of the same period this report sums. */
export const ROLLUP_ALL = 'tat_ca';
export const rollupSpec = z
  .object({
    don_vi: z
      .union([
        z.literal(ROLLUP_ALL),
        z.array(z.string().regex(/^[^/\\.][^/\\]*$/, 'tên thư mục của đơn vị, cùng thư mục tỉnh, ví dụ xa-cam-binh')).min(1, 'cần ít nhất một đơn vị'),
      ])
      .describe('Danh sách thư mục đơn vị cùng tỉnh [xa-cam-binh, xa-cam-quan], hoặc tat_ca: mọi đơn vị cấp dưới trực tiếp trong thư mục tỉnh'),
  })
  .strict();

export const table = z
  .object({
    cot: z.array(tableColumn).min(1, 'cần ít nhất một cột').describe('Các cột của bảng, theo thứ tự'),
    dong: z.array(z.array(tableCell)).min(1, 'cần ít nhất một dòng').optional().describe('Các dòng số liệu, mỗi dòng một danh sách ô, đủ số cột (trừ các cột tinh); ô số liệu có thể là "{{ho_so.tiep_nhan}}"'),
    tu_so_lieu: figureName
      .optional()
      .describe('Thay cho dong: lấy các dòng từ một nhóm số liệu theo dòng trong so_lieu (mỗi dòng một lĩnh vực/đơn vị); mỗi cột lấy số liệu theo ma'),
    ten_so_lieu: figureName
      .optional()
      .describe('Đặt tên cho các tổng của bảng để đoạn văn dùng: ten_so_lieu: linh_vuc → {{linh_vuc.tong.tiep_nhan}} (tổng cột có ma tiep_nhan)'),
    tu_tong_hop: z
      .array(rollupColumn)
      .min(1, 'cần ít nhất một cột')
      .optional()
      .describe('Thay cho dong, trong văn bản có tong_hop: mỗi đơn vị một dòng; mỗi cột ghi stt, ten_don_vi hoặc tên số liệu (ho_so.tiep_nhan)'),
    tong: z
      .union([z.literal(true), z.array(tableCell)])
      .optional()
      .describe('Dòng tổng cộng: true để tính tự động các cột kieu: so; hoặc một dòng gõ sẵn (được đối chiếu với số liệu), ô có thể là "{{ho_so.tiep_nhan}}"'),
  })
  .strict()
  .superRefine((table, ctx) => {
    const sources = (['dong', 'tu_so_lieu', 'tu_tong_hop'] as const).filter((key) => table[key] !== undefined);
    if (sources.length === 0) ctx.addIssue({ code: 'custom', path: ['dong'], message: 'bảng cần dong (các dòng gõ trong bảng), tu_so_lieu (tên nhóm số liệu) hoặc tu_tong_hop' });
    if (sources.length > 1) ctx.addIssue({ code: 'custom', path: [sources[1]!], message: `chọn một nguồn dòng: ${sources.join(' hoặc ')}` });
  });

const tableEntry = z.object({ bang: table.describe('Bảng số liệu trong nội dung') }).strict();

export const paragraphEntry = z.union([inlineText, bulletList, tableEntry]);

export type TableData = z.output<typeof table>;
export type TableCellData = z.output<typeof tableCell>;

export interface SectionData {
  tieu_de?: string;
  doan?: Array<string | { gach?: string[]; cong?: string[] } | { bang: TableData }>;
  danh_so?: NumberingStyle | typeof UNNUMBERED;
  muc?: SectionData[];
}

export const section: z.ZodType<SectionData> = z.lazy(() =>
  z
    .object({
      tieu_de: inlineText.optional().describe('Tiêu đề của mục/khoản/điểm (không gõ số thứ tự: số được đánh tự động)'),
      doan: z.array(paragraphEntry).optional().describe('Các đoạn văn của mục này, theo thứ tự'),
      danh_so: z
        .enum([...numberingStyles, UNNUMBERED])
        .optional()
        .describe(
          'Kiểu đánh số các mục con: la-ma (I.), so (1.), so-long (2.1.), chu (a), gach (-), cong (+); khong: chính mục này không đánh số (các mục cùng cấp vẫn đánh số liền nhau)',
        ),
      muc: z.array(section).optional().describe('Các mục con'),
    })
    .strict(),
);

/** `huong` of a phụ lục: doc (portrait) or ngang (landscape); without it, landscape when a table needs it. */
export const orientations = ['doc', 'ngang'] as const;

/** A phụ lục (Mẫu 2.1): printed after the signature, on its own pages, numbered I, II … when there are two or more. */
export const appendix = z
  .object({
    ten: inlineText.describe('Tên phụ lục, in hoa đậm dưới dòng "Phụ lục I", ví dụ "Kết quả giải quyết hồ sơ theo lĩnh vực"'),
    huong: z
      .enum(orientations)
      .optional()
      .describe('Hướng trang: doc (dọc) hoặc ngang; mặc định dọc, tự sang ngang khi có bảng rộng hơn 16,5 cm'),
    doan: z.array(paragraphEntry).optional().describe('Nội dung phụ lục: đoạn văn, gạch đầu dòng, bảng (như doan của một mục)'),
  })
  .strict();

export type AppendixData = z.output<typeof appendix>;

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

/** One row of a group of figures by row: its name (`ten`) and its figures (and notes as text). */
const rowOf = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z
    .object({ ten: text.describe('Tên dòng, in ở cột có ma: ten, ví dụ "Đất đai"'), ...shape })
    .catchall(z.union([z.number(), z.string()]))
    .superRefine((row, ctx) => {
      for (const key of Object.keys(row)) {
        if (!/^[a-z][a-z0-9_]*$/.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'tên số liệu chỉ gồm chữ thường không dấu, số và _' });
      }
    });
const figureRow = rowOf({});

/** A group of figures by row (`so_lieu.linh_vuc.dat_dai.tiep_nhan`): the rows of a table, of a roll-up. */
export const ROW_GROUP_TOTAL = 'tong';
const figureRowMap = z
  .record(figureName, figureRow)
  .superRefine((rows, ctx) => {
    if (Object.keys(rows).length === 0) ctx.addIssue({ code: 'custom', path: [], message: 'nhóm cần ít nhất một dòng' });
    if (Object.hasOwn(rows, ROW_GROUP_TOTAL)) ctx.addIssue({ code: 'custom', path: [ROW_GROUP_TOTAL], message: '"tong" là tên dành cho dòng tổng của bảng: đặt tên khác cho dòng này' });
  });

/** The key that names a row in the list form of a group (`- { ma: dat_dai, ten: Đất đai, … }`). */
export const ROW_KEY = 'ma';

/**
 * The list form of a group: the same rows in order, each naming itself with `ma`
 * (`- { ma: dat_dai, ten: Đất đai, tiep_nhan: 402 }`), read as the map form
 * (`dat_dai: { ten: Đất đai, tiep_nhan: 402 }`), so the figures are `linh_vuc.dat_dai.tiep_nhan` either way.
 */
const figureRowList = z
  .array(rowOf({ [ROW_KEY]: figureName.describe('Tên ngắn của dòng (chữ thường không dấu): số liệu của dòng là <nhóm>.<ma>.<tên số liệu>, ví dụ linh_vuc.dat_dai.tiep_nhan') }))
  .min(1, 'nhóm cần ít nhất một dòng')
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      const name = row[ROW_KEY] as string;
      if (name === ROW_GROUP_TOTAL) ctx.addIssue({ code: 'custom', path: [i, ROW_KEY], message: '"tong" là tên dành cho dòng tổng của bảng: đặt ma khác cho dòng này' });
      else if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [i, ROW_KEY], message: `hai dòng cùng ma "${name}": mỗi dòng một ma riêng` });
      seen.add(name);
    });
  })
  .transform((rows) => Object.fromEntries(rows.map(({ [ROW_KEY]: name, ...row }) => [name as string, row])) as z.output<typeof figureRowMap>);

export const figureRows = z
  .union([figureRowMap, figureRowList])
  .describe(
    'Nhóm số liệu theo dòng: mỗi dòng một khóa, ví dụ dat_dai: { ten: Đất đai, tiep_nhan: 402, dung_han: 377 }; hoặc danh sách, mỗi dòng có ma: - { ma: dat_dai, ten: Đất đai, tiep_nhan: 402 }',
  );

export type FigureRows = z.output<typeof figureRows>;

const statisticBlocks = z
  .object({
    nhiem_vu: taskStats.optional().describe('Nhiệm vụ được cấp trên giao'),
    ho_so: dossierStats.optional().describe('Hồ sơ thủ tục hành chính'),
    ngan_sach: budgetStats.optional().describe('Thu ngân sách'),
    khac: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'tên số liệu chỉ gồm chữ thường không dấu, số và _'), z.number())
      .optional()
      .describe('Các số liệu khác, đặt tên tự do: ten_so_lieu: 12'),
  })
  .strict();

/**
 * `so_lieu`: the fixed blocks, and any other key is a group of figures by row
 * (`linh_vuc: { dat_dai: { ten: Đất đai, tiep_nhan: 402 } }`). Typed as the blocks alone (an
 * index signature would swallow them); `rowGroups` reads the groups.
 */
export const statistics = statisticBlocks.catchall(figureRows) as unknown as typeof statisticBlocks;

/** The groups of figures by row of a validated `so_lieu`, by name. */
export function rowGroups(figures: Statistics | undefined): Map<string, FigureRows> {
  const known = new Set(Object.keys(statisticBlocks.shape));
  const groups = new Map<string, FigureRows>();
  for (const [name, value] of Object.entries(figures ?? {})) if (!known.has(name)) groups.set(name, value as unknown as FigureRows);
  return groups;
}

const AUTHORITY_LINE = /^(TM|KT|Q|TL|TUQ)\. \S/u;
const authorityLine = z
  .string()
  .regex(AUTHORITY_LINE, 'phải bắt đầu bằng TM., KT., Q., TL. hoặc TUQ. rồi đến tên, ví dụ "TM. ỦY BAN NHÂN DÂN"')
  .refine((line) => !/[\r\n]/.test(line), {
    message: 'quyền hạn nhiều dòng ghi thành danh sách, mỗi dòng một phần tử: [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]',
  });

/**
 * Quyền hạn: one line, or a list of lines printed one per line (Phụ lục I, mục 7b). "TM." names
 * the collective the whole signature speaks for, so it can only be the first line.
 */
const authority = z.union([
  authorityLine,
  z
    .array(authorityLine)
    .min(1, 'cần ít nhất một dòng')
    .max(3, 'tối đa 3 dòng quyền hạn')
    .superRefine((lines, ctx) => {
      lines.forEach((line, i) => {
        if (i > 0 && line.startsWith('TM.')) {
          ctx.addIssue({ code: 'custom', path: [i], message: '"TM." (thay mặt tập thể) chỉ đứng ở dòng đầu, ví dụ [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]' });
        }
        if (lines.indexOf(line) !== i) ctx.addIssue({ code: 'custom', path: [i], message: 'dòng quyền hạn bị lặp lại' });
      });
    }),
]);

const signer = z
  .object({
    quyen_han: authority
      .nullable()
      .optional()
      .describe(
        'Quyền hạn ký, một dòng "KT. CHỦ TỊCH" hoặc danh sách nhiều dòng [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH] (bỏ trống nếu người đứng đầu ký trực tiếp; null bỏ quyền hạn ghi ở don-vi.yaml, như quyết định của Chủ tịch)',
      ),
    chuc_vu: text.describe('Chức vụ của người ký, ví dụ "CHỦ TỊCH", "PHÓ CHỦ TỊCH"'),
    chuc_vu_khac: text.optional().describe('Chức vụ khác của người ký (ô 7b), in phía trên họ tên, ví dụ "TRƯỞNG BAN CHỈ ĐẠO"'),
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

export type { DocumentType } from './document-types.js';

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
    loai: z
      .string()
      .regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, 'tên loại văn bản viết thường không dấu, ví dụ to_trinh')
      .optional()
      .describe('Loại văn bản, một tệp templates/loai/<loai>.yaml: bao_cao, ke_hoach, to_trinh, cong_van, bai_tham_luan … (mặc định theo tên tệp)'),
    kinh_thua: z.array(text).optional().describe('Dòng "Kính thưa:" của bài tham luận (loại có kinh_gui: kinh_thua), mỗi dòng một người/đoàn'),
    ky_hieu_soan_thao: z
      .string()
      .regex(/^[A-ZĐ][A-ZĐa-z0-9]*$/u, 'chữ viết tắt như VP, NV (không dấu cách)')
      .optional()
      .describe('Chữ viết tắt đơn vị soạn thảo trong số ký hiệu công văn: Số: 12/UBND-VP'),
    so: z
      .union([z.number(), z.string(), z.null()])
      .optional()
      .describe('Số văn bản (chỉ phần số, ví dụ 70). Bỏ trống khi chưa vào sổ'),
    ngay: z
      .string()
      .optional()
      .describe('Ngày ban hành, dạng YYYY-MM-DD (bắt buộc, trừ loại khai báo dia_danh_ngay: tuy_chon hoặc khong, như bài tham luận)'),
    trich_yeu: inlineText.optional().describe('Trích yếu nội dung (mặc định suy ra từ loại và kỳ)'),
    ban_hanh_kem_theo: issuedWith.optional().describe('Kế hoạch ban hành kèm theo quyết định: số và ngày của quyết định'),
    tham_quyen: text
      .optional()
      .describe('Thẩm quyền ban hành của quyết định (loại có can_cu: co), ví dụ "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN"'),
    can_cu: z
      .array(text)
      .min(1, 'cần ít nhất một căn cứ')
      .optional()
      .describe('Các căn cứ ban hành quyết định, mỗi dòng một căn cứ, ví dụ "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015" (dấu ; được thêm tự động)'),
    theo_de_nghi: text.optional().describe('Dòng cuối phần căn cứ: "Theo đề nghị của …", ghi phần sau "của", ví dụ "Công chức Văn phòng - Thống kê phường"'),
    mo_dau: z.array(paragraphEntry).optional().describe('Các đoạn mở đầu, trước mục I'),
    noi_dung: z.array(section).min(1, 'cần ít nhất một mục').describe('Nội dung: các mục I, II, … lồng nhau'),
    ket_thuc: z.array(inlineText).optional().describe('Đoạn kết; dấu ./. được thêm tự động'),
    so_lieu: statistics.optional().describe('Số liệu thống kê, dùng trong văn bản qua {{biểu thức}}'),
    tong_hop: rollupSpec
      .optional()
      .describe('Tổng hợp: cộng so_lieu cùng kỳ của các đơn vị cấp dưới vào so_lieu của văn bản này'),
    phu_luc: z.array(appendix).optional().describe('Các phụ lục kèm theo văn bản, in sau phần chữ ký; trong nội dung gọi bằng {{phu_luc 1}}'),
  })
  .strict();

export type DocumentData = z.output<typeof documentData>;
export type Statistics = z.output<typeof statistics>;

/** The schema of the value at `path` of a layer (a union's object that has the key), or undefined. */
export function schemaAt(path: ReadonlyArray<string | number>): z.ZodType | undefined {
  let schema: z.ZodType = documentData;
  for (const key of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject) {
      const next = (schema.shape as Record<string, z.ZodType>)[String(key)];
      if (!next) return undefined;
      schema = next;
    } else if (schema instanceof z.ZodArray) {
      schema = schema.element as z.ZodType;
    } else if (schema instanceof z.ZodUnion) {
      // a paragraph is a text, a bullet list or a table: the object that has this key
      const next = unionObjects(schema)
        .map((o) => (o.shape as Record<string, z.ZodType>)[String(key)])
        .find((s) => s !== undefined);
      if (!next) return undefined;
      schema = next;
    } else return undefined;
  }
  return schema;
}

/** Keys a layer may use, for "có phải ý bạn là …?" suggestions. */
export function knownKeysAt(path: ReadonlyArray<string | number>): string[] {
  const found = schemaAt(path);
  if (!found) return [];
  const schema = unwrap(found);
  if (schema instanceof z.ZodUnion) return unionObjects(schema).flatMap((o) => Object.keys(o.shape));
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unionObjects(union: z.ZodUnion): z.ZodObject[] {
  return (union.options as z.ZodType[]).map(unwrap).filter((o): o is z.ZodObject => o instanceof z.ZodObject);
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

/**
 * The editor schema. `loai` stays an open string (a templates folder may declare more types);
 * `typeExamples`, the types shipped with the package, are its `examples` for completion.
 */
export function toJsonSchema(typeExamples: readonly string[] = []): Record<string, unknown> {
  const json = z.toJSONSchema(documentData, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Record<string, unknown>;
  const loai = (json.properties as Record<string, Record<string, unknown>> | undefined)?.loai;
  if (loai && typeExamples.length > 0) loai.examples = [...typeExamples];
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
