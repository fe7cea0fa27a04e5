/**
 * `baocao nhap <tệp.docx|thư-mục>`: an office's existing Word report becomes baocao data —
 * the unit's don-vi.yaml and the period file — that renders back to the same document.
 * A thin layer over src/import/run-import.ts: it prints and hands the diagnostics back.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { loadDocumentTypes } from '../load/load-document-types.js';
import { DEFAULT_TEMPLATES_DIR, PACKAGE_ROOT } from '../paths.js';
import { runImport } from '../import/run-import.js';
import type { Finish } from './command-result.js';
import type { CliIo } from './io.js';
import { printDiagnostics, say } from './output.js';

interface NhapOptions {
  vao: string;
  ky?: string;
  ghiDe?: boolean;
  soLieu?: boolean;
  templates: string;
}

const HELP_AFTER = `
Mỗi tệp Word cho hai tệp dữ liệu trong <vao>/<đơn-vị>/: don-vi.yaml (tên cơ quan, người ký, Kính
gửi, Nơi nhận) và tệp kỳ (2024-q3.yaml: số, ngày, trích yếu, nội dung, phụ lục). Số thứ tự gõ tay
(I., 1., a), -, +) hay tự động của Word thành các mục lồng nhau; chú thích cuối trang thành ^[…];
bảng thành bang. Điều đoán được có chú thích "# đoán"; phần không chuyển được (hình, khung chữ…)
được báo và giữ thành chú thích trong tệp YAML.

Không ghi đè tệp kỳ đã có, không thay don-vi.yaml khác văn bản khi không có --ghi-de (các khác
biệt được in ra). Tệp .doc, .odt được chuyển bằng LibreOffice (cần cài).

Ví dụ:
  baocao nhap bao-cao-quy-3.docx --vao data/ha-tinh
  baocao nhap luu-tru/2024/ --vao data/ha-tinh --ky 2024-q3
  baocao xem data/ha-tinh/phuong-bac-ha/2024-q3.yaml           xem lại văn bản vừa nhập

Mã thoát: 0 khi đã nhập xong, 1 khi có tệp không nhập được, 2 khi gọi lệnh sai.`;

export function registerNhap(program: Command, finish: Finish, io: CliIo): void {
  program
    .command('nhap')
    .argument('<tệp-hoặc-thư-mục>', 'tệp Word, hoặc thư mục chứa các tệp Word')
    .option('--vao <thư-mục>', 'thư mục tỉnh để ghi dữ liệu, ví dụ data/ha-tinh (mặc định: thư mục hiện tại)', '.')
    .option('-k, --ky <kỳ>', 'kỳ báo cáo, ví dụ 2024-q3 (mặc định: đoán từ trích yếu)')
    .option('--so-lieu', 'đổi các "a/b … đạt x%" gõ tay thành số liệu và {{ty_le …}} (tỷ lệ sai được báo)')
    .option('--ghi-de', 'ghi đè tệp kỳ đã có và thay don-vi.yaml khác văn bản')
    .option('--templates <thư-mục>', 'thư mục mẫu văn bản (các loại văn bản trong loai/)', DEFAULT_TEMPLATES_DIR)
    .addHelpText('after', HELP_AFTER)
    .action(async (input: string, options: NhapOptions) => {
      const loaded = loadDocumentTypes(path.resolve(io.cwd, options.templates));
      if (loaded.diagnostics.length > 0) {
        printDiagnostics(io, loaded.diagnostics, { summary: true });
        finish({ diagnostics: loaded.diagnostics });
        return;
      }
      // The import reads and writes full paths (resolved against the CLI's folder) and names them relative to it.
      const cwd = io.cwd;
      const display = (file: string) => {
        const relative = path.relative(cwd, path.resolve(cwd, file));
        return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
      };
      const result = await runImport(path.resolve(cwd, input), {
        into: path.resolve(cwd, options.vao),
        ...(options.ky ? { period: options.ky } : {}),
        overwrite: options.ghiDe === true,
        figures: options.soLieu === true,
        types: loaded.types,
        schemaFile: path.join(PACKAGE_ROOT, 'schema', 'baocao.schema.json'),
        display,
        env: io.env,
      });
      printDiagnostics(io, result.diagnostics, { summary: result.diagnostics.length > 0 });
      for (const file of result.written) say(io, `✔ ${display(file)}`);
      if (result.written.length > 0) say(io, `Đã ghi ${result.written.length} tệp. Kiểm tra bằng "baocao validate" và "baocao xem <tệp kỳ>".`);
      finish({ diagnostics: result.diagnostics });
    });
}
