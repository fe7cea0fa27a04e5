import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { diagnosticAt } from '../diagnostics/diagnostic.js';
import { exitCodeFor } from '../diagnostics/exit-codes.js';
import { nextPeriodForFile, nextPeriodForFolder, type NextPeriodResult, type WrittenFile } from '../next-period/run-next-period.js';
import type { Finish } from './command-result.js';
import type { CliIo } from './io.js';
import { note, printDiagnostics, say } from './output.js';

interface KyMoiOptions {
  ky?: string;
  tu?: string;
  ghiDe?: boolean;
}

function describe(file: WrittenFile, detailed: boolean): string[] {
  const cells = file.cells.length > 0 ? `, ${file.cells.length} ô bảng cần cập nhật` : '';
  const percents = file.percents.length > 0 ? `, ${file.percents.length} tỷ lệ gõ tay cần cập nhật` : '';
  const dates = file.dates.length > 0 ? `, ${file.dates.length} ngày thuộc kỳ cũ cần xem lại` : '';
  const lines = [`✔ ${file.file} (từ ${file.from}): ${file.words.length} chỗ đổi tên kỳ, ${file.figures} số liệu cần cập nhật${cells}${percents}${dates}.`];
  if (detailed) {
    for (const word of file.words) lines.push(`    dòng ${word.line}: «${word.before}» → «${word.after}»`);
    for (const cell of file.cells) lines.push(`    dòng ${cell.line}: ô bảng ${String(cell.value)} — kỳ trước, cập nhật`);
    for (const percent of file.percents) lines.push(`    dòng ${percent.line}: tỷ lệ gõ tay ${percent.text} — kỳ trước, cập nhật`);
    for (const date of file.dates) lines.push(`    dòng ${date.line}: ngày «${date.text}» thuộc kỳ cũ — xem lại`);
  }
  return lines;
}

export function registerKyMoi(program: Command, finish: Finish, io: CliIo): void {
  program
    .command('ky-moi')
    .argument('<tệp-hoặc-thư-mục>', 'tệp kỳ báo cáo (2024-q3.yaml), hoặc thư mục dữ liệu khi dùng --tu')
    .option('-k, --ky <kỳ-mới>', 'kỳ mới (bắt buộc), ví dụ 2024-q4, 2025-q1, 2024-9t, 2025-nam, 2025-ke-hoach')
    .option('--tu <kỳ>', 'với một thư mục: kỳ nguồn, ví dụ 2024-q3 (làm mọi đơn vị có tệp kỳ này mà chưa có tệp kỳ mới)')
    .option('--ghi-de', 'ghi đè tệp kỳ mới nếu đã có')
    .addHelpText(
      'after',
      `
Tệp mới nằm cạnh tệp cũ (2024-q3.yaml → 2024-q4.yaml), giống tệp cũ trừ:
  - so để trống (chưa vào sổ), bỏ ngay (cả trong ban_hanh_kem_theo);
  - các cụm từ gọi tên kỳ cũ ("quý III năm 2024", "Trong quý III") đổi thành kỳ mới;
  - mỗi số trong so_lieu giữ nguyên nhưng có chú thích "# kỳ trước: 537 — cập nhật";
  - số gõ tay trong cột số liệu của bảng và tỷ lệ gõ tay trong câu ("đạt 96,67%") cũng vậy.
"baocao validate" cảnh báo [stale-figure] mỗi số còn chú thích ấy mà chưa đổi giá trị.

Ví dụ:
  baocao ky-moi data/ha-tinh/phuong-thach-quy/2024-q3.yaml --ky 2024-q4
  baocao ky-moi data/ha-tinh/phuong-thach-quy/2024-q4.yaml --ky 2025-q1
  baocao ky-moi data --tu 2024-q3 --ky 2024-q4             mọi đơn vị có 2024-q3, chưa có 2024-q4

Mã thoát: 0 khi đã tạo xong, 1 khi có tệp lỗi hoặc đã có (không ghi đè), 2 khi gọi lệnh sai.`,
    )
    .action(async (input: string, options: KyMoiOptions) => {
      const usage = (message: string) => diagnosticAt({ file: 'baocao', line: 0, column: 0 }, 'usage', message);
      const isFolder = (await stat(path.resolve(io.cwd, input)).catch(() => undefined))?.isDirectory() === true;
      let result: NextPeriodResult;
      if (!options.ky) {
        result = { written: [], existing: [], diagnostics: [usage('Thiếu kỳ mới: thêm --ky, ví dụ --ky 2024-q4.')] };
      } else if (isFolder && !options.tu) {
        result = { written: [], existing: [], diagnostics: [usage(`"${input}" là thư mục: thêm --tu <kỳ nguồn>, ví dụ --tu 2024-q3.`)] };
      } else if (isFolder) {
        result = await nextPeriodForFolder(input, options.tu!, { to: options.ky, overwrite: options.ghiDe === true, cwd: io.cwd });
      } else if (options.tu) {
        result = { written: [], existing: [], diagnostics: [usage('--tu chỉ dùng với một thư mục; với một tệp, kỳ nguồn là tên tệp.')] };
      } else {
        result = await nextPeriodForFile(input, { to: options.ky, overwrite: options.ghiDe === true, cwd: io.cwd });
      }
      const usageError = exitCodeFor(result.diagnostics) === 2;
      printDiagnostics(io, result.diagnostics, { summary: result.diagnostics.length > 0 && !usageError });
      if (usageError) note(io, 'Xem "baocao ky-moi --help".');
      for (const file of result.written) for (const line of describe(file, !isFolder)) say(io, line);
      if (isFolder && options.ky && options.tu && !usageError) {
        const failed = new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file)).size;
        say(
          io,
          `${failed === 0 ? '✔' : '✖'} Kỳ ${options.ky} từ ${options.tu}: đã tạo ${result.written.length} tệp, ` +
            `bỏ qua ${result.existing.length} đơn vị đã có tệp ${options.ky}, ${failed} lỗi.`,
        );
      }
      if (result.written.length > 0) say(io, 'Hãy cập nhật các số liệu có chú thích "kỳ trước", điền so và ngay khi ban hành; "baocao validate" chỉ ra chỗ còn sót.');
      finish({ diagnostics: result.diagnostics });
    });
}
