/**
 * The table of `baocao`'s commands. main() lists them all in the top-level help from this table
 * alone, and loads the module of the one command being run, so `baocao --version` loads no
 * command and `baocao validate` never loads the DOCX, PDF or diff libraries.
 *
 * Adding a command is one row: its name, summary (the line in `baocao --help`), whether it writes
 * files (what Ctrl-C says) and `load`, which imports its module and returns its register function.
 */
import type { Command } from 'commander';
import type { Finish } from './command-result.js';
import type { CliIo } from './io.js';

/** Adds one command (its arguments, options, help and action) to the program. */
export type RegisterCommand = (program: Command, finish: Finish, io: CliIo) => void;

export interface CommandEntry {
  readonly name: string;
  readonly alias?: string;
  /** Its line in `baocao --help`, and its description when its module does not set one. */
  readonly summary: string;
  /** Writes files: a stopped run says the files already written are whole. */
  readonly writes: boolean;
  readonly load: () => Promise<RegisterCommand>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'render',
    summary: 'Tạo văn bản từ các tệp dữ liệu kỳ báo cáo (hoặc mọi tệp trong các thư mục đã cho).',
    writes: true,
    load: async () => (await import('./render-command.js')).registerRender,
  },
  {
    name: 'validate',
    summary: 'Kiểm tra dữ liệu mà không tạo văn bản: cú pháp, khóa, kiểu, ngày, số liệu, biểu thức.',
    writes: false,
    load: async () => (await import('./validate-command.js')).registerValidate,
  },
  {
    name: 'schema',
    summary: 'Ghi lược đồ JSON Schema của dữ liệu (để trình soạn thảo gợi ý và báo lỗi khi gõ).',
    writes: true,
    load: async () => (await import('./schema-command.js')).registerSchema,
  },
  {
    name: 'batch',
    summary: 'Tạo báo cáo một kỳ cho mọi đơn vị trong thư mục dữ liệu: song song, chỉ làm lại văn bản đã thay đổi.',
    writes: true,
    load: async () => (await import('./batch-command.js')).registerBatch,
  },
  {
    name: 'manifest',
    summary: 'Tệp kê khai (manifest.json) của lệnh batch: gộp các phần chạy trên nhiều máy.',
    writes: true,
    load: async () => (await import('./manifest-command.js')).registerManifest,
  },
  {
    name: 'diff',
    alias: 'so-sanh',
    summary: 'So sánh hai văn bản (hoặc hai thư mục): thay đổi theo từng mục, số liệu, chú thích.',
    writes: true,
    load: async () => (await import('./diff-command.js')).registerDiff,
  },
  {
    name: 'text',
    summary: 'In chữ của một văn bản (.docx, .pdf, .yaml) theo cấu trúc, dùng cho git diff (textconv).',
    writes: false,
    load: async () => (await import('./text-command.js')).registerText,
  },
  {
    name: 'ky-moi',
    summary: 'Tạo tệp dữ liệu kỳ sau từ tệp kỳ này: giữ cấu trúc, lời văn, chú thích; đổi tên kỳ; đánh dấu số liệu cần cập nhật.',
    writes: true,
    load: async () => (await import('./ky-moi-command.js')).registerKyMoi,
  },
  {
    name: 'xem',
    summary: 'Xem trước văn bản trong trình duyệt, tự cập nhật mỗi khi lưu tệp dữ liệu hoặc mẫu.',
    writes: false,
    load: async () => (await import('./xem-command.js')).registerXem,
  },
  {
    name: 'nhap',
    summary: 'Nhập văn bản Word (.docx, .doc, .odt) đã có thành dữ liệu YAML (don-vi.yaml và tệp kỳ).',
    writes: true,
    load: async () => (await import('./nhap-command.js')).registerNhap,
  },
];

/**
 * The command an argument list runs (`baocao render …`, `baocao help render`), or undefined for
 * the program itself (`--version`, `--help`, nothing) and for names that are not commands.
 * The program's own options take no value, so the first word that is not an option is the command.
 */
export function requestedCommand(argv: readonly string[]): CommandEntry | undefined {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  if (name === undefined) return undefined;
  return COMMANDS.find((entry) => entry.name === name || entry.alias === name);
}
