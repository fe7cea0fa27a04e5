/**
 * The `baocao` command as a library function: main({ argv, cwd, env, stdout, stderr }) runs one
 * command line and resolves to its exit code. Importing this module does nothing; src/cli/bin.ts
 * owns the process (its signals, its exit code) and tests call main() in-process.
 * Only this layer prints and exits; every outcome becomes an exit code in diagnostics/exit-codes.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { diagnosticAt } from '../diagnostics/diagnostic.js';
import { EXIT_OK, EXIT_USAGE, exitCodeFor, exitCodeForDiff } from '../diagnostics/exit-codes.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { CommandResult } from './command-result.js';
import { vietnameseHelp } from './commander-help.js';
import { commanderMessage } from './commander-messages.js';
import { COMMANDS, requestedCommand, type CommandEntry, type RegisterCommand } from './commands.js';
import type { CliIo } from './io.js';
import { printDiagnostics } from './output.js';
import { UsageError } from './usage-error.js';
import { systemErrorCode, systemFailure } from '../diagnostics/system-errors.js';

export type { CliEnv, CliIo, CliStream, CliWaits } from './io.js';

export interface MainOptions extends CliIo {
  /** The words after `baocao`. */
  readonly argv: readonly string[];
}

const HELP_AFTER = `
Ví dụ:
  baocao validate data                                  kiểm tra mọi tệp dữ liệu
  baocao render data/ha-tinh/phuong-thach-quy/2024-q3.yaml
  baocao render data --format docx,pdf --out out        tạo mọi báo cáo, cả Word và PDF

Mã thoát: 0 khi không có lỗi, 1 khi dữ liệu có lỗi, 2 khi gọi lệnh sai.`;

function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Help and errors go to the run's streams, in Vietnamese; errors are printed by main() as diagnostics. */
function configure(command: Command, io: CliIo): Command {
  return command
    .helpOption('-h, --help', 'hiện trợ giúp')
    .configureHelp(vietnameseHelp)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => {},
      getOutHelpWidth: () => io.stdout.columns ?? 80,
      getErrHelpWidth: () => io.stderr.columns ?? 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .exitOverride();
}

/**
 * The program with every command of the table: the one being run (`loaded`) registered by its
 * module, the others as a name and a summary only (enough for the help and for suggestions).
 */
export function buildProgram(io: CliIo, finish: (result: CommandResult) => void, loaded?: { entry: CommandEntry; register: RegisterCommand }): Command {
  const program = configure(new Command('baocao'), io)
    .description('Tạo báo cáo, kế hoạch cải cách hành chính (DOCX, PDF) từ dữ liệu YAML, đúng thể thức Nghị định 30/2020/NĐ-CP.')
    .version(packageVersion(), '-V, --version', 'in số phiên bản')
    .helpCommand('help [lệnh]', 'hiện trợ giúp của một lệnh')
    .showSuggestionAfterError(true)
    .addHelpText('after', HELP_AFTER);
  for (const entry of COMMANDS) {
    if (loaded?.entry === entry) {
      loaded.register(program, finish, io);
      const command = program.commands.at(-1)!;
      if (!command.description()) command.description(entry.summary);
      if (entry.alias && command.aliases().length === 0) command.alias(entry.alias);
    } else {
      const placeholder = program.command(entry.name).description(entry.summary);
      if (entry.alias) placeholder.alias(entry.alias);
    }
  }
  const configureAll = (command: Command): void => {
    for (const sub of command.commands) {
      configure(sub, io);
      configureAll(sub);
    }
  };
  configureAll(program);
  return program;
}

function usageFailure(io: CliIo, message: string): number {
  printDiagnostics(io, [diagnosticAt({ file: 'baocao', line: 0, column: 0 }, 'usage', message)], { summary: false });
  io.stderr.write('Xem "baocao --help".\n');
  return EXIT_USAGE;
}

/** Runs one command line and resolves to its exit code; never throws, never exits. */
export async function main(options: MainOptions): Promise<number> {
  const { argv, ...io } = options;
  // Every path is read against io.cwd by the command (src/cli/run-context.ts): the process's own
  // folder is never changed, so runs in different folders may go at the same time.
  return run(argv, io);
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let result: CommandResult | undefined;
  try {
    const entry = requestedCommand(argv);
    const loaded = entry ? { entry, register: await entry.load() } : undefined;
    const program = buildProgram(io, (done) => (result = done), loaded);
    await program.parseAsync(argv as string[], { from: 'user' });
    // The one place a command's outcome becomes the exit code.
    if (!result) return EXIT_OK;
    return result.differs !== undefined ? exitCodeForDiff(result.differs, result.diagnostics) : exitCodeFor(result.diagnostics);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
      return usageFailure(io, commanderMessage(error));
    }
    if (error instanceof UsageError) return usageFailure(io, error.message);
    // A system error no command turned into a diagnostic (EMFILE while loading a command): in words.
    const diagnostic = systemErrorCode(error) !== undefined ? systemFailure(error) : diagnosticAt(
      { file: 'baocao', line: 0, column: 0 },
      'internal-error',
      `Lỗi nội bộ: ${error instanceof Error ? error.message : String(error)}. Xin báo lại cho nhóm phát triển (đặt BAOCAO_DEBUG=1 để xem chi tiết).`,
    );
    if (io.env.BAOCAO_DEBUG) io.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    printDiagnostics(io, [diagnostic], { summary: false });
    return exitCodeFor([diagnostic]);
  }
}

/** What a run stopped by a signal says: a command that writes files vouches for the ones written. */
export function stoppedMessage(argv: readonly string[], signal: string): string {
  const entry = requestedCommand(argv);
  return entry?.writes === false ? `\nĐã dừng (${signal}).\n` : `\nĐã dừng (${signal}); các tệp đã ghi xong vẫn nguyên vẹn.\n`;
}
