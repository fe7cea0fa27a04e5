/**
 * A realistic synthetic data tree for load tests and benchmarks (`npm run corpus`):
 *   mac-dinh.yaml
 *   <tinh>/tinh.yaml
 *   <tinh>/<don-vi>/don-vi.yaml      the unit profile
 *   <tinh>/<don-vi>/2024-q3.yaml     a quarterly CCHC report of varied length, 5–20 footnotes,
 *                                    statistics that satisfy the validation rules, {{expressions}}
 * Build-time code (tools/, not in dist/): typed against the input schema, so a key the schema
 * renames or drops fails the typecheck here. Deterministic: the same seed gives the same bytes, and unit i is the same whatever the number
 * of units (each unit draws from its own generator), so a 200-unit tree is part of a 1,000-unit one.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { z } from 'zod';
import type { documentData, SectionData, statistics as statisticsSchema } from '../../src/core/schema.js';

/** One YAML layer as a user writes it: any part of the document's data, before defaults. */
export type Layer = Partial<z.input<typeof documentData>>;
export type Statistics = z.input<typeof statisticsSchema>;
type ParagraphEntry = NonNullable<SectionData['doan']>[number];

export interface CorpusOptions {
  units: number;
  /** Default 1. */
  seed?: number;
}

export const CORPUS_PERIOD = '2024-q3';

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Draw {
  constructor(readonly random: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  /** `count` distinct items in their original order. */
  some<T>(items: readonly T[], count: number): T[] {
    const indexes = items.map((_, i) => i);
    for (let i = indexes.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [indexes[i], indexes[j]] = [indexes[j]!, indexes[i]!];
    }
    return indexes
      .slice(0, Math.min(count, items.length))
      .sort((a, b) => a - b)
      .map((i) => items[i]!);
  }
}

export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const upper = (text: string) => text.toLocaleUpperCase('vi-VN');

const PROVINCES: { name: string; districts: string[] }[] = [
  { name: 'Hà Tĩnh', districts: ['thành phố Hà Tĩnh', 'thị xã Hồng Lĩnh', 'huyện Cẩm Xuyên', 'huyện Thạch Hà', 'huyện Can Lộc'] },
  { name: 'Nghệ An', districts: ['thành phố Vinh', 'thị xã Cửa Lò', 'huyện Nghi Lộc', 'huyện Diễn Châu', 'huyện Yên Thành'] },
  { name: 'Thanh Hóa', districts: ['thành phố Thanh Hóa', 'thành phố Sầm Sơn', 'huyện Quảng Xương', 'huyện Hoằng Hóa'] },
  { name: 'Quảng Bình', districts: ['thành phố Đồng Hới', 'thị xã Ba Đồn', 'huyện Bố Trạch', 'huyện Lệ Thủy'] },
  { name: 'Hải Phòng', districts: ['quận Lê Chân', 'quận Hải An', 'huyện An Dương', 'huyện Thủy Nguyên'] },
  { name: 'Nam Định', districts: ['thành phố Nam Định', 'huyện Hải Hậu', 'huyện Giao Thủy', 'huyện Ý Yên'] },
  { name: 'Thái Bình', districts: ['thành phố Thái Bình', 'huyện Tiền Hải', 'huyện Kiến Xương', 'huyện Vũ Thư'] },
  { name: 'Ninh Bình', districts: ['thành phố Ninh Bình', 'thành phố Tam Điệp', 'huyện Hoa Lư', 'huyện Kim Sơn'] },
];

const PLACE_NAMES = [
  'Thạch Quý', 'Bắc Hà', 'Cẩm Bình', 'Thiên Cầm', 'An Phú', 'Hưng Lộc', 'Đông Vĩnh', 'Bến Thủy', 'Trung Đô', 'Quang Trung',
  'Hồng Sơn', 'Lê Lợi', 'Trần Phú', 'Nghi Phú', 'Hưng Dũng', 'Vinh Tân', 'Cửa Nam', 'Đội Cung', 'Hà Huy Tập', 'Quán Bàu',
  'Nam Hà', 'Tân Giang', 'Văn Yên', 'Thạch Linh', 'Đại Nài', 'Thạch Trung', 'Thạch Hạ', 'Đồng Môn', 'Thạch Hưng', 'Kim Sơn',
  'Đức Thuận', 'Trung Lương', 'Đậu Liêu', 'Thuận Lộc', 'Cẩm Thành', 'Cẩm Quang', 'Cẩm Vịnh', 'Cẩm Thạch', 'Cẩm Duệ', 'Cẩm Nhượng',
  'Phú Lộc', 'Tân Lộc', 'Hòa Bình', 'Tiến Thành', 'Minh Khai', 'Hải Thanh', 'Đông Hải', 'Nam Sơn', 'Bắc Sơn', 'Phúc Lợi',
  'Xuân Hòa', 'Yên Hồ', 'Sơn Kim', 'Hương Trà', 'Thanh Bình', 'Vĩnh Thành', 'Quảng Thọ', 'Quảng Phong', 'Hoằng Quang', 'Hoằng Đạo',
  'Diễn Thành', 'Diễn Hồng', 'Nghi Hương', 'Nghi Thu', 'Phú Hải', 'Bảo Ninh', 'Đức Ninh', 'Lộc Ninh', 'Nghĩa Ninh', 'Bắc Lý',
];

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE = ['Văn', 'Thị', 'Đình', 'Đức', 'Hữu', 'Minh', 'Quang', 'Thanh', 'Xuân', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hùng', 'Hương', 'Lan', 'Long', 'Minh', 'Nam', 'Phúc', 'Sơn', 'Tâm', 'Thắng', 'Trung', 'Tuấn', 'Vinh'];

/** Each template is one sentence; `{{…}}` are expressions over so_lieu, `^[…]` footnotes come separately. */
const SENTENCES: Record<string, string[]> = {
  chiDao: [
    'UBND {don_vi} tiếp tục xác định cải cách hành chính là nhiệm vụ trọng tâm, gắn với phát triển kinh tế - xã hội của địa phương',
    'Ngay từ đầu quý, lãnh đạo UBND đã quán triệt đến từng cán bộ, công chức các nhiệm vụ **trọng tâm** về cải cách hành chính',
    'Công tác chỉ đạo, điều hành được thực hiện thường xuyên thông qua các cuộc họp giao ban hàng tuần, hàng tháng',
    'Các bộ phận chuyên môn đã chủ động tham mưu ban hành kịp thời các văn bản chỉ đạo, kế hoạch thực hiện',
  ],
  keHoach: [
    'Kế hoạch cải cách hành chính năm 2024 xác định {{khac.nhiem_vu_ke_hoach}} nhiệm vụ, đến nay đã hoàn thành {{khac.nhiem_vu_ke_hoach_hoan_thanh}} nhiệm vụ',
    'Còn {{hai_so (hieu khac.nhiem_vu_ke_hoach khac.nhiem_vu_ke_hoach_hoan_thanh)}} nhiệm vụ đang triển khai, dự kiến hoàn thành theo tiến độ đề ra',
    'Các nhiệm vụ được giao cụ thể cho từng bộ phận, có thời hạn hoàn thành và sản phẩm đầu ra rõ ràng',
  ],
  kiemTra: [
    'Trong quý, UBND đã tổ chức {{hai_so khac.kiem_tra}} cuộc kiểm tra việc thực hiện kỷ luật, kỷ cương hành chính',
    'Qua kiểm tra, các tồn tại được chỉ ra đã được khắc phục kịp thời, không để kéo dài',
    'Tổ tự kiểm tra cải cách hành chính được kiện toàn, hoạt động theo kế hoạch năm',
  ],
  tuyenTruyen: [
    'Công tác tuyên truyền được đẩy mạnh với {{khac.tuyen_truyen_phat_thanh}} lượt phát thanh và {{khac.tuyen_truyen_tin_bai}} tin bài trên trang thông tin điện tử',
    'Nội dung tuyên truyền tập trung vào dịch vụ công trực tuyến, thanh toán không dùng tiền mặt và *chuyển đổi số*',
    'Thủ tục hành chính được niêm yết công khai, đầy đủ tại Bộ phận tiếp nhận và trả kết quả',
  ],
  nhiemVu: [
    'Tổng số nhiệm vụ cấp trên giao trong quý là {{nhiem_vu.tong}} nhiệm vụ',
    'Hoàn thành trước hạn {{hai_so nhiem_vu.truoc_han}} nhiệm vụ, đúng hạn {{hai_so nhiem_vu.dung_han}} nhiệm vụ',
    'Đang thực hiện trong hạn {{hai_so nhiem_vu.trong_han}} nhiệm vụ, quá hạn {{hai_so nhiem_vu.qua_han}} nhiệm vụ',
  ],
  theChe: [
    'Việc rà soát, hệ thống hóa văn bản quy phạm pháp luật được thực hiện đúng quy định',
    'Trong quý không phát hiện văn bản có nội dung trái pháp luật hoặc không còn phù hợp với thực tiễn',
    'Quy trình xây dựng, ban hành văn bản được kiểm soát chặt chẽ từ khâu dự thảo đến khâu phát hành',
  ],
  thuTuc: [
    'Trong quý đã tiếp nhận {{ho_so.tiep_nhan}} hồ sơ thủ tục hành chính, giải quyết {{ho_so.da_giai_quyet}} hồ sơ',
    'Tỷ lệ hồ sơ giải quyết trước và đúng hạn đạt {{ty_le ho_so.dung_han ho_so.da_giai_quyet}}',
    'Số hồ sơ trễ hạn là {{hai_so ho_so.tre_han}} hồ sơ, đã xin lỗi người dân theo quy định',
    'Hồ sơ trực tuyến toàn trình {{ho_so.truc_tuyen_toan_trinh}} hồ sơ, trực tuyến một phần {{ho_so.truc_tuyen_mot_phan}} hồ sơ',
    'Hồ sơ thanh toán trực tuyến {{ho_so.thanh_toan_truc_tuyen}}/{{ho_so.can_thanh_toan}}, đạt tỷ lệ {{ty_le ho_so.thanh_toan_truc_tuyen ho_so.can_thanh_toan}}',
  ],
  boMay: [
    'Tổ chức bộ máy được sắp xếp tinh gọn, chức năng, nhiệm vụ của từng bộ phận được quy định rõ',
    'Hiện có {{khac.can_bo_cong_chuc}} cán bộ, công chức và {{hai_so khac.khong_chuyen_trach}} người hoạt động không chuyên trách',
  ],
  congVu: [
    'Số cán bộ, công chức đạt chuẩn là {{khac.cbcc_dat_chuan}} người, chiếm tỷ lệ {{ty_le khac.cbcc_dat_chuan khac.can_bo_cong_chuc}}',
    'Việc đánh giá, xếp loại cán bộ, công chức được thực hiện công khai, dân chủ, đúng quy trình',
    'Kỷ luật, kỷ cương hành chính được siết chặt, không có trường hợp vi phạm phải xử lý',
  ],
  taiChinh: [
    'Quy chế chi tiêu nội bộ được rà soát, bổ sung phù hợp với tình hình thực tế',
    'Tổng thu ngân sách trên địa bàn ước đạt {{so ngan_sach.thu 2}} tỷ đồng, bằng {{ty_le ngan_sach.thu ngan_sach.ke_hoach}} kế hoạch giao',
    'Việc chi trả lương, phụ cấp cho cán bộ, công chức được thực hiện đầy đủ, kịp thời',
  ],
  chinhQuyenSo: [
    'Cơ quan hiện có {{khac.may_tinh}} máy tính kết nối mạng phục vụ công tác chuyên môn',
    '100% văn bản đi, đến được xử lý trên phần mềm quản lý văn bản và ký số theo quy định',
    'Cổng dịch vụ công được khai thác hiệu quả, hướng dẫn người dân nộp hồ sơ trực tuyến tại nhà',
  ],
  tonTai: [
    'Tỷ lệ người dân sử dụng dịch vụ công trực tuyến toàn trình còn thấp so với chỉ tiêu',
    'Cơ sở vật chất tại Bộ phận một cửa còn hạn chế, trang thiết bị đã xuống cấp',
    'Một số cán bộ, công chức chưa chủ động cập nhật kiến thức về chuyển đổi số',
  ],
};

const FOOTNOTES = [
  'Kế hoạch số {n}/KH-UBND ngày {d} về cải cách hành chính năm 2024.',
  'Thông báo số {n}/TB-UBND ngày {d} về khắc phục tồn tại, hạn chế trong công tác cải cách hành chính.',
  'Quyết định số {n}/QĐ-UBND ngày {d} về kiện toàn Tổ tự kiểm tra cải cách hành chính.',
  'Công văn số {n}/UBND ngày {d} về tăng cường kỷ luật, kỷ cương hành chính.',
  'Báo cáo số {n}/BC-UBND ngày {d} về kết quả rà soát thủ tục hành chính.',
  'Trong đó: tư pháp - hộ tịch {{khac.ho_so_tu_phap}} hồ sơ, đất đai {{hai_so khac.ho_so_dat_dai}} hồ sơ.',
  'Số liệu tính đến ngày {d}, theo Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh.',
  'Gồm {{khac.may_tinh}} máy tính, {{hai_so khac.may_in}} máy in, {{hai_so khac.may_scan}} máy scan.',
  'Kế hoạch số {n}/KH-UBND ngày {d} về tuyên truyền cải cách hành chính và chuyển đổi số.',
  'Đạt chuẩn theo Nghị định số 33/2023/NĐ-CP ngày 10/6/2023 của Chính phủ.',
];

const SECTIONS: { title: string; parts: { title: string; topic: string }[] }[] = [
  {
    title: 'Công tác chỉ đạo, điều hành cải cách hành chính',
    parts: [
      { title: 'Công tác ban hành văn bản chỉ đạo', topic: 'chiDao' },
      { title: 'Thực hiện Kế hoạch cải cách hành chính năm 2024', topic: 'keHoach' },
      { title: 'Về kiểm tra cải cách hành chính', topic: 'kiemTra' },
      { title: 'Tuyên truyền cải cách hành chính', topic: 'tuyenTruyen' },
      { title: 'Kết quả thực hiện nhiệm vụ cấp trên giao', topic: 'nhiemVu' },
    ],
  },
  {
    title: 'Kết quả thực hiện các nhiệm vụ cải cách hành chính',
    parts: [
      { title: 'Cải cách thể chế', topic: 'theChe' },
      { title: 'Cải cách thủ tục hành chính', topic: 'thuTuc' },
      { title: 'Cải cách tổ chức bộ máy', topic: 'boMay' },
      { title: 'Cải cách chế độ công vụ', topic: 'congVu' },
      { title: 'Cải cách tài chính công', topic: 'taiChinh' },
      { title: 'Xây dựng chính quyền điện tử, chính quyền số', topic: 'chinhQuyenSo' },
    ],
  },
  { title: 'Tồn tại, hạn chế và nguyên nhân', parts: [{ title: '', topic: 'tonTai' }] },
];

const NEXT_QUARTER = [
  'Tiếp tục rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền;',
  'Nâng cao tỷ lệ hồ sơ trực tuyến toàn trình và thanh toán trực tuyến;',
  'Tăng cường kiểm tra kỷ luật, kỷ cương hành chính;',
  'Đẩy mạnh tuyên truyền về chuyển đổi số đến từng tổ dân phố, thôn xóm;',
  'Hoàn thành các nhiệm vụ còn lại của Kế hoạch cải cách hành chính năm 2024;',
];

interface Unit {
  province: (typeof PROVINCES)[number];
  district: string;
  kind: 'phường' | 'xã' | 'thị trấn';
  name: string;
  folder: string;
}

function statistics(draw: Draw): Statistics {
  const tong = draw.int(8, 60);
  const qua_han = draw.chance(0.7) ? 0 : draw.int(1, 2);
  const trong_han = draw.int(0, Math.min(4, tong - qua_han));
  const truoc_han = draw.int(0, tong - qua_han - trong_han);
  const dung_han = tong - qua_han - trong_han - truoc_han;
  const tiep_nhan = draw.int(120, 3200);
  const da_giai_quyet = draw.int(Math.ceil(tiep_nhan * 0.7), tiep_nhan);
  const tre = draw.chance(0.6) ? 0 : draw.int(1, Math.max(1, Math.floor(da_giai_quyet * 0.03)));
  const toan_trinh = draw.int(0, Math.floor(tiep_nhan * 0.4));
  const mot_phan = draw.int(0, tiep_nhan - toan_trinh);
  const can_thanh_toan = draw.int(20, 400);
  const ke_hoach = draw.int(800, 9000) / 1000;
  const can_bo = draw.int(18, 26);
  const nhiem_vu_ke_hoach = draw.int(20, 50);
  return {
    nhiem_vu: { tong, truoc_han, dung_han, trong_han, qua_han },
    ho_so: {
      tiep_nhan,
      da_giai_quyet,
      dung_han: da_giai_quyet - tre,
      tre_han: tre,
      truc_tuyen_toan_trinh: toan_trinh,
      truc_tuyen_mot_phan: mot_phan,
      can_thanh_toan,
      thanh_toan_truc_tuyen: draw.int(Math.floor(can_thanh_toan * 0.5), can_thanh_toan),
    },
    ngan_sach: { thu: Math.round(ke_hoach * draw.int(40, 120) * 10) / 1000, ke_hoach, don_vi: 'tỷ đồng' },
    khac: {
      nhiem_vu_ke_hoach,
      nhiem_vu_ke_hoach_hoan_thanh: draw.int(Math.floor(nhiem_vu_ke_hoach * 0.6), nhiem_vu_ke_hoach),
      kiem_tra: draw.int(1, 4),
      tuyen_truyen_phat_thanh: draw.int(10, 60),
      tuyen_truyen_tin_bai: draw.int(5, 50),
      can_bo_cong_chuc: can_bo,
      cbcc_dat_chuan: draw.int(can_bo - 3, can_bo),
      khong_chuyen_trach: draw.int(5, 12),
      may_tinh: draw.int(15, 40),
      may_in: draw.int(5, 20),
      may_scan: draw.int(1, 4),
      ho_so_tu_phap: Math.floor(da_giai_quyet * 0.7),
      ho_so_dat_dai: draw.int(5, 40),
    },
  };
}

function personName(draw: Draw): string {
  return `${draw.pick(FAMILY)} ${draw.pick(MIDDLE)} ${draw.pick(GIVEN)}`;
}

function dateIn2024(draw: Draw): string {
  return `${String(draw.int(1, 28)).padStart(2, '0')}/${String(draw.int(1, 8)).padStart(2, '0')}/2024`;
}

function unitProfile(unit: Unit, draw: Draw): Layer {
  const deputy = draw.chance(0.3);
  const unitName = `${unit.kind} ${unit.name}`;
  return {
    co_quan: {
      chu_quan: `UBND ${upper(unit.district)}`,
      ten: ['ỦY BAN NHÂN DÂN', upper(unitName)],
      ten_day_du: `Ủy ban nhân dân ${unitName}`,
      viet_tat: 'UBND',
    },
    cap: 'xa',
    dia_danh: unit.name,
    ten_don_vi: unitName,
    nguoi_ky: deputy
      ? { quyen_han: 'KT. CHỦ TỊCH', chuc_vu: 'PHÓ CHỦ TỊCH', ho_ten: personName(draw) }
      : { quyen_han: 'TM. ỦY BAN NHÂN DÂN', chuc_vu: 'CHỦ TỊCH', ho_ten: personName(draw) },
    kinh_gui: draw.chance(0.5) ? [`UBND ${unit.district}`] : [`UBND ${unit.district}`, `Phòng Nội vụ ${unit.district}`],
    ...(draw.chance(0.4)
      ? { noi_nhan: [`Thường trực Đảng ủy ${unit.kind}`, `Thường trực HĐND ${unit.kind}`, 'Chủ tịch, các PCT UBND', 'Các bộ phận chuyên môn'] }
      : {}),
    luu: draw.chance(0.5) ? ['VT'] : ['VT', 'VP'],
  };
}

function periodDocument(unit: Unit, draw: Draw): Layer {
  const footnoteTarget = draw.int(5, 20);
  const sentencesPerParagraph = () => draw.int(1, 4);
  // Build the body first with footnote slots, then place footnotes into the slots.
  const paragraphs: string[][] = [];
  const newParagraph = (topic: string): string[] => {
    const sentences = draw.some(SENTENCES[topic]!, sentencesPerParagraph()).map((s) => s.replace('{don_vi}', `${unit.kind} ${unit.name}`));
    paragraphs.push(sentences);
    return sentences;
  };
  const sectionTexts: { title: string; parts: { title: string; paragraphs: string[][]; bullets?: string[] }[]; numbering?: string }[] = [];
  const longReport = draw.chance(0.3);
  for (const section of SECTIONS) {
    const parts = section.parts.length === 1 ? section.parts : draw.some(section.parts, draw.int(Math.max(2, section.parts.length - 3), section.parts.length));
    sectionTexts.push({
      title: section.title,
      parts: parts.map((part) => {
        const count = draw.int(1, longReport ? 4 : 2);
        const own = Array.from({ length: count }, () => newParagraph(part.topic));
        return { title: part.title, paragraphs: own, ...(draw.chance(0.2) ? { bullets: draw.some(SENTENCES[part.topic]!, 2) } : {}) };
      }),
    });
  }
  // Footnotes: at sentence ends, spread over the paragraphs.
  const slots = paragraphs.flatMap((p, pi) => p.map((_, si) => [pi, si] as const));
  const chosen = draw.some(slots, footnoteTarget);
  for (const [pi, si] of chosen) {
    const note = draw
      .pick(FOOTNOTES)
      .replace('{n}', String(draw.int(2, 240)))
      .replace('{d}', dateIn2024(draw));
    paragraphs[pi]![si] = `${paragraphs[pi]![si]}^[${note}]`;
  }
  const joinParagraph = (sentences: string[]) => `${sentences.join('. ')}.`;
  const noi_dung = sectionTexts.map((section): SectionData => {
    const muc = section.parts.map((part): SectionData => {
      const doan: ParagraphEntry[] = part.paragraphs.map(joinParagraph);
      if (part.bullets) doan.push({ gach: part.bullets.map((b, i, all) => `${b}${i === all.length - 1 ? '.' : ';'}`) });
      return part.title ? { tieu_de: part.title, doan } : { doan };
    });
    return muc.length === 1 && !('tieu_de' in muc[0]!) ? { tieu_de: section.title, doan: muc[0]!.doan } : { tieu_de: section.title, muc };
  });
  noi_dung.push({
    tieu_de: 'Phương hướng, nhiệm vụ quý IV năm 2024',
    doan: [{ gach: draw.some(NEXT_QUARTER, draw.int(3, NEXT_QUARTER.length)).map((line, i, all) => (i === all.length - 1 ? `${line.slice(0, -1)}.` : line)) }],
  });
  const day = draw.int(10, 30);
  return {
    so: draw.chance(0.15) ? null : draw.int(20, 260),
    ngay: `2024-09-${String(day).padStart(2, '0')}`,
    ...(draw.chance(0.3) ? { mo_dau: [`Thực hiện chỉ đạo của UBND ${unit.district} về việc báo cáo công tác cải cách hành chính quý III năm 2024, UBND ${unit.kind} ${unit.name} báo cáo như sau:`] } : {}),
    noi_dung,
    ket_thuc: [`Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính quý III năm 2024 của UBND ${unit.kind} ${unit.name}`],
    so_lieu: statistics(draw),
  };
}

function units(count: number, seed: number): Unit[] {
  const used = new Set<string>();
  const result: Unit[] = [];
  for (let i = 0; i < count; i++) {
    const draw = new Draw(prng(seed * 1_000_003 + i));
    const province = PROVINCES[i % PROVINCES.length]!;
    const district = draw.pick(province.districts);
    const kind = district.startsWith('huyện') ? draw.pick(['xã', 'xã', 'thị trấn'] as const) : draw.pick(['phường', 'phường', 'xã'] as const);
    let name = draw.pick(PLACE_NAMES);
    let folder = `${slug(province.name)}/${slug(`${kind} ${name}`)}`;
    for (let n = 2; used.has(folder); n++) {
      name = `${draw.pick(PLACE_NAMES)}${n > 3 ? ` ${n}` : ''}`;
      folder = `${slug(province.name)}/${slug(`${kind} ${name}`)}`;
    }
    used.add(folder);
    result.push({ province, district, kind, name, folder });
  }
  return result;
}

export const CORPUS_HEADER = '# Dữ liệu tổng hợp cho kiểm thử và đo tốc độ (npm run corpus): không phải số liệu thật.\n';

const yamlText = (value: Layer) => CORPUS_HEADER + stringify(value, { lineWidth: 0 });

/** The tree as relative path → file text. */
export function generateCorpus(options: CorpusOptions): Map<string, string> {
  const seed = options.seed ?? 1;
  const files = new Map<string, string>();
  files.set('mac-dinh.yaml', yamlText({ luu: ['VT'] }));
  const list = units(options.units, seed);
  for (const province of PROVINCES) {
    if (!list.some((u) => u.province === province)) continue;
    files.set(
      `${slug(province.name)}/tinh.yaml`,
      yamlText({ noi_nhan: ['Thường trực Đảng ủy', 'Thường trực HĐND', 'Chủ tịch, các PCT UBND', `Sở Nội vụ tỉnh ${province.name} (để b/c)`] }),
    );
  }
  list.forEach((unit, i) => {
    // Separate generators for the profile and the report: editing one never shifts the other.
    files.set(`${unit.folder}/don-vi.yaml`, yamlText(unitProfile(unit, new Draw(prng(seed * 7_919 + i * 2)))));
    files.set(`${unit.folder}/${CORPUS_PERIOD}.yaml`, yamlText(periodDocument(unit, new Draw(prng(seed * 7_919 + i * 2 + 1)))));
  });
  return files;
}

export async function writeCorpus(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const folders = new Set([...files.keys()].map((file) => path.dirname(path.join(dir, file))));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  const entries = [...files];
  for (let i = 0; i < entries.length; i += 64) {
    await Promise.all(entries.slice(i, i + 64).map(([file, text]) => writeFile(path.join(dir, file), text)));
  }
}
