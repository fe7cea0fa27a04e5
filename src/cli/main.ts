#!/usr/bin/env node
/**
 * The `baocao` command: a thin table of subcommands over the library. Only this layer prints
 * and exits; every outcome becomes an exit code in diagnostics/exit-codes.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { diagnosticAt } from '../diagnostics/diagnostic.js';
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, exitCodeFor, exitCodeForDiff } from '../diagnostics/exit-codes.js';
import type { CommandResult } from './command-result.js';
import { PACKAGE_ROOT } from '../paths.js';
import { runCleanupsNow } from '../render/cleanup.js';
import { printDiagnostics } from './output.js';
import { registerBatch } from './batch-command.js';
import { registerDiff } from './diff-command.js';
import { registerText } from './text-command.js';
import { registerKyMoi } from './ky-moi-command.js';
import { registerXem } from './xem-command.js';
import { registerNhap } from './nhap-command.js';
import { registerRender } from './render-command.js';
import { registerSchema } from './schema-command.js';
import { registerValidate } from './validate-command.js';
import { commanderMessage } from './commander-messages.js';

const version = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export function buildProgram(finish: (result: CommandResult) => void = () => {}): Command {
  const program = new Command('baocao')
    .description('Tạo báo cáo, kế hoạch cải cách hành chính (DOCX, PDF) từ dữ liệu YAML, đúng thể thức Nghị định 30/2020/NĐ-CP.')
    .version(version, '-V, --version', 'in số phiên bản')
    .helpOption('-h, --help', 'hiện trợ giúp')
    .helpCommand('help [lenh]', 'hiện trợ giúp của một lệnh')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false })
    .configureOutput({ outputError: () => {} })
    .exitOverride();
  program.addHelpText(
    'after',
    `
Ví dụ:
  baocao validate data                                  kiểm tra mọi tệp dữ liệu
  baocao render data/ha-tinh/phuong-thach-quy/2024-q3.yaml
  baocao render data --format docx,pdf --out out        tạo mọi báo cáo, cả Word và PDF

Mã thoát: 0 khi không có lỗi, 1 khi dữ liệu có lỗi, 2 khi gọi lệnh sai.`,
  );
  registerRender(program, finish);
  registerValidate(program, finish);
  registerSchema(program, finish);
  registerBatch(program, finish);
  registerDiff(program, finish);
  registerText(program, finish);
  registerKyMoi(program, finish);
  registerXem(program, finish);
  registerNhap(program, finish);
  for (const command of program.commands) {
    command.helpOption('-h, --help', 'hiện trợ giúp').exitOverride().configureOutput({ outputError: () => {} });
  }
  return program;
}

/** Exit codes of a process ended by a signal, by the shells' convention (128 + its number). */
const signalExitCodes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * The CLI owns the process: on Ctrl-C (or kill, or a closed terminal) it kills the browsers the
 * run started and removes their profiles (synchronously: nothing may outlive us), then exits with
 * the conventional code. Files are written atomically, so a stopped run leaves no half file.
 */
function handleSignals(): void {
  process.on('exit', runCleanupsNow);
  for (const [signal, code] of Object.entries(signalExitCodes)) {
    process.once(signal, () => {
      runCleanupsNow();
      process.stderr.write(`\nĐã dừng (${signal}); các tệp đã ghi xong vẫn nguyên vẹn.\n`);
      process.exit(code);
    });
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  handleSignals();
  let result: CommandResult | undefined;
  const program = buildProgram((done) => (result = done));
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    // The one place a command's outcome becomes the exit code.
    if (!result) return EXIT_OK;
    return result.differs !== undefined ? exitCodeForDiff(result.differs, result.diagnostics) : exitCodeFor(result.diagnostics);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
      const diagnostic = diagnosticAt({ file: 'baocao', line: 0, column: 0 }, 'usage', commanderMessage(error));
      printDiagnostics([diagnostic], { summary: false });
      process.stderr.write('Xem "baocao --help".\n');
      return EXIT_USAGE;
    }
    const diagnostic = diagnosticAt(
      { file: 'baocao', line: 0, column: 0 },
      'internal-error',
      `Lỗi nội bộ: ${error instanceof Error ? error.message : String(error)}. Xin báo lại cho nhóm phát triển (đặt BAOCAO_DEBUG=1 để xem chi tiết).`,
    );
    if (process.env.BAOCAO_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    printDiagnostics([diagnostic], { summary: false });
    return exitCodeFor([diagnostic]);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = EXIT_ERRORS;
  },
);
