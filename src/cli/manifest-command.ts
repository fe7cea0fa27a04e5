import type { Command } from 'commander';
import { mergeShardManifests } from '../batch/manifest.js';
import type { Finish } from './command-result.js';
import type { CliIo } from './io.js';
import { printDiagnostics, say } from './output.js';

export function registerManifest(program: Command, finish: Finish, io: CliIo): void {
  const manifest = program.command('manifest');
  manifest
    .command('merge')
    .description('Gộp manifest.shard-1-of-n.json … manifest.shard-n-of-n.json thành manifest.json.')
    .argument('<thư-mục>', 'thư mục <out>/<kỳ> chứa các tệp kê khai của các phần')
    .addHelpText(
      'after',
      `
Chỉ gộp khi đủ n phần, cùng kỳ, cùng phiên bản và không báo cáo nào nằm trong hai phần;
nếu không, không ghi gì và thoát với mã 1.

Ví dụ:
  baocao batch data --ky 2024-q3 --shard 1/2     (máy 1)
  baocao batch data --ky 2024-q3 --shard 2/2     (máy 2)
  baocao manifest merge out/2024-q3              (sau khi gom thư mục out/ của hai máy)`,
    )
    .action(async (dir: string) => {
      const result = await mergeShardManifests(dir, io.cwd);
      printDiagnostics(io, result.diagnostics, { summary: result.diagnostics.length > 0 });
      if (result.manifest) say(io, `✔ ${result.file}: ${Object.keys(result.manifest.reports).length} báo cáo từ ${result.shards} phần.`);
      finish({ diagnostics: result.diagnostics });
    });
}
