/** Builds a small data tree in a temporary folder, for tests that need real files. */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const UNIT_PROFILE = `co_quan:
  chu_quan: UBND THÀNH PHỐ HÀ TĨNH
  ten: [ỦY BAN NHÂN DÂN, PHƯỜNG MẪU]
  ten_day_du: Ủy ban nhân dân phường Mẫu
  viet_tat: UBND
cap: xa
dia_danh: Mẫu
ten_don_vi: phường Mẫu
nguoi_ky:
  quyen_han: TM. ỦY BAN NHÂN DÂN
  chuc_vu: CHỦ TỊCH
  ho_ten: Nguyễn Văn An
kinh_gui:
  - UBND thành phố Hà Tĩnh
noi_nhan:
  - Chủ tịch, các PCT UBND phường
luu: [VT, VP]
`;

export const PERIOD_DOCUMENT = `so: 7
ngay: "2024-09-05"
noi_dung:
  - tieu_de: Công tác chỉ đạo, điều hành
    muc:
      - tieu_de: Kết quả giải quyết hồ sơ
        doan:
          - "Tiếp nhận {{ho_so.tiep_nhan}} hồ sơ, đúng hạn đạt {{ty_le ho_so.dung_han ho_so.da_giai_quyet}}^[Chi tiết: {{ho_so.dung_han}} hồ sơ đúng hạn.]."
          - gach:
              - "Trước hạn: {{hai_so nhiem_vu.truoc_han}} nhiệm vụ;"
      - doan:
          - Đoạn không tiêu đề^[Chú thích thứ hai.].
  - tieu_de: Phương hướng
    doan:
      - "Tiếp tục **đẩy mạnh** *chuyển đổi số*."
ket_thuc:
  - Trên đây là báo cáo của UBND phường Mẫu.
so_lieu:
  nhiem_vu: { tong: 10, truoc_han: 3, dung_han: 6, trong_han: 1, qua_han: 0 }
  ho_so: { tiep_nhan: 1067, da_giai_quyet: 1050, dung_han: 1015, tre_han: 35 }
`;

/** Writes files (path → text) under a fresh temporary folder and returns the folder. */
export async function makeTree(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'baocao-test-'));
  for (const [relative, content] of Object.entries(files)) {
    const full = path.join(root, relative);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  return root;
}

/** A valid one-unit tree: data/mac-dinh.yaml, data/tinh-mau/phuong-mau/{don-vi,2024-q3}.yaml. */
export function validTree(overrides: Record<string, string | Uint8Array> = {}): Promise<string> {
  return makeTree({
    'data/mac-dinh.yaml': 'luu: [VT]\n',
    'data/tinh-mau/phuong-mau/don-vi.yaml': UNIT_PROFILE,
    'data/tinh-mau/phuong-mau/2024-q3.yaml': PERIOD_DOCUMENT,
    ...overrides,
  });
}
