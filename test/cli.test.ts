import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliProcess } from './helpers/cli.js';
import { PERIOD_DOCUMENT, validTree } from './helpers/data-tree.js';

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;
const COMMAND_NAMES = ['render', 'validate', 'schema', 'batch', 'manifest', 'diff', 'text', 'ky-moi', 'xem'];

async function filesBelow(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

describe('baocao CLI', () => {
  it('prints its version and a Vietnamese help with examples', async () => {
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Ví dụ:');
    expect(help.stdout).toContain('render');
    expect(help.stdout).toContain('hiện trợ giúp');
    const renderHelp = await runCli(['help', 'render']);
    expect(renderHelp.stdout).toContain('--format <định-dạng>');
  });

  it('the built program, as a process, prints its version and exits 0, and exits 2 on a usage error', async () => {
    const version = await runCliProcess(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const usage = await runCliProcess(['render']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Thiếu tham số <đường-dẫn>.');
  });

  it('every help is in Vietnamese: no heading, usage word or "(default: …)" of commander in English', async () => {
    const helps = [['--help'], ...COMMAND_NAMES.map((name) => [name, '--help']), ['manifest', 'merge', '--help'], ['help', 'diff']];
    const english = /Usage:|Options:|Commands:|Arguments:|Global Options:|\(default:|\[options\]|\[command\]|display help/;
    for (const args of helps) {
      const help = await runCli(args);
      expect(help.code, args.join(' ')).toBe(0);
      expect(help.stdout, args.join(' ')).toContain('Cách dùng: baocao');
      expect(help.stdout, args.join(' ')).not.toMatch(english);
    }
    const top = await runCli(['--help']);
    // Every command is listed with its summary, though none is loaded for the top-level help.
    for (const name of COMMAND_NAMES) expect(top.stdout).toMatch(new RegExp(`^  ${name}(\\|so-sanh)? +\\S`, 'm'));
    const render = await runCli(['render', '--help']);
    expect(render.stdout).toContain('Tham số:');
    expect(render.stdout).toContain('Tùy chọn:');
    expect(render.stdout).toContain('(mặc định: out)');
    expect(render.stdout).toContain('Cách dùng: baocao render [tùy-chọn] <đường-dẫn...>');
    expect(top.stdout).toContain('Lệnh:');
  });


  it('validates the sample data cleanly', async () => {
    const result = await runCli(['validate', 'data']);
    expect(result.stderr).toContain('Không có lỗi');
    expect(result.stdout).toMatch(/(\d+)\/\1 văn bản hợp lệ/);
    expect(result.code).toBe(0);
  });

  it('renders a DOCX to <out>/<tinh>/<don-vi>/<ky>.docx', async () => {
    const root = await validTree();
    const result = await runCli(['render', 'data', '--out', 'out'], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(path.join('out', 'tinh-mau', 'phuong-mau', '2024-q3.docx'));
    expect(await filesBelow(path.join(root, 'out'))).toEqual([path.join('tinh-mau', 'phuong-mau', '2024-q3.docx')]);
  });

  it('reports an unknown key with file:line:column, exits 1 and writes nothing for that file', async () => {
    const root = await validTree({
      'data/tinh-mau/phuong-mau/2024-q3.yaml': PERIOD_DOCUMENT.replace('ket_thuc:', 'ket_thuch:'),
    });
    const result = await runCli(['render', 'data/tinh-mau/phuong-mau/2024-q3.yaml', '--out', 'out'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join('data', 'tinh-mau', 'phuong-mau', '2024-q3.yaml')}:16:1  lỗi  Khóa "ket_thuch"`);
    expect(result.stderr).toContain('Có phải ý bạn là "ket_thuc"?');
    expect(result.stderr).toContain('[unknown-key]');
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(await filesBelow(path.join(root, 'out'))).toEqual([]);
  });

  it('reports a YAML syntax error with its position and exits 1', async () => {
    const root = await validTree({
      'data/tinh-mau/phuong-mau/2024-q3.yaml': PERIOD_DOCUMENT.replace('so: 7\n', 'so: 7\n  sai_thut_le: 1\n'),
    });
    const result = await runCli(['validate', 'data'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/2024-q3\.yaml:[12]:\d+ {2}lỗi {2}.+\[yaml-syntax\]/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('reports all problems of all files together, and renders the good files', async () => {
    const root = await validTree({
      'data/tinh-mau/phuong-khac/don-vi.yaml': 'co_quan: 5\n',
      'data/tinh-mau/phuong-khac/2024-q3.yaml': PERIOD_DOCUMENT.replace('"2024-09-05"', '"2024-02-30"'),
    });
    const result = await runCli(['render', 'data', '--out', 'out'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[wrong-type]');
    expect(result.stderr).toContain('[missing-field]');
    expect(result.stderr).toContain('[invalid-date]');
    expect(result.stdout).toContain('Đã tạo 1 văn bản, 1 văn bản lỗi không được ghi.');
    expect(await filesBelow(path.join(root, 'out'))).toEqual([path.join('tinh-mau', 'phuong-mau', '2024-q3.docx')]);
  });

  it('rejects oversized, non-UTF-8 and alias-bomb files like any other mistake', async () => {
    const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n';
    const root = await validTree({
      'data/tinh-mau/phuong-mau/2024-q3.yaml': bomb,
      'data/tinh-mau/phuong-lon/don-vi.yaml': 'x: 1\n',
      'data/tinh-mau/phuong-lon/2024-q3.yaml': `# ${'x'.repeat(1024 * 1024 + 10)}\n`,
      'data/tinh-mau/phuong-latin/2024-q3.yaml': Uint8Array.from([0x73, 0x6f, 0x3a, 0x20, 0xe0, 0x0a]),
    });
    const result = await runCli(['validate', 'data'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[yaml-alias]');
    expect(result.stderr).toContain('[file-too-large]');
    expect(result.stderr).toMatch(/phuong-latin.2024-q3\.yaml:1:5 {2}lỗi .+\[file-not-utf8\]/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('exits 2 on usage errors, with a Vietnamese message', async () => {
    const missing = await runCli(['render']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Thiếu tham số <đường-dẫn>.');
    const format = await runCli(['render', 'data', '--format', 'odt']);
    expect(format.code).toBe(2);
    // The parser's own message only: no "option '-f, --format <…>' argument 'odt' is invalid."
    expect(format.stderr).toBe(
      'baocao  lỗi  Định dạng "odt" không hợp lệ: dùng một hoặc nhiều trong docx, pdf, html, json, cách nhau bởi dấu phẩy (ví dụ docx,pdf).  [usage]\nXem "baocao --help".\n',
    );
    const jobs = await runCli(['batch', 'data', '--ky', '2024-q3', '--jobs', 'nhieu']);
    expect(jobs.code).toBe(2);
    expect(jobs.stderr).not.toMatch(/option|argument|invalid/);
    expect(jobs.stderr).toContain('--jobs "nhieu" không hợp lệ');
    const unknown = await runCli(['rendr']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Có phải ý bạn là');
    const option = await runCli(['validate', '--nhanh']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('Không có tùy chọn "--nhanh"');
  });

  it('keeps the committed JSON Schema in step (baocao schema --check)', async () => {
    const result = await runCli(['schema', '--check']);
    expect(result.code).toBe(0);
    const root = await validTree();
    const stale = path.join(root, 'schema.json');
    await writeFile(stale, '{}\n');
    const check = await runCli(['schema', '--check', '--out', stale]);
    expect(check.code).toBe(1);
  });
});
