/**
 * The run context: only src/cli/ reads the environment or owns the process (signals, exit codes).
 * Everything below gets what it needs in the context the CLI builds once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRunContext } from '../src/cli/run-context.js';
import { STAGE_NAMES } from '../src/run/stages.js';

const ROOT = path.join(import.meta.dirname, '..');

function belowCli(): string[] {
  return readdirSync(path.join(ROOT, 'src'), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((file) => !file.startsWith('src/cli/'));
}

describe('the run context', () => {
  it('nothing below src/cli reads process.env, handles signals, sets an exit code or exits', () => {
    const found: string[] = [];
    for (const file of belowCli()) {
      readFileSync(path.join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\*|\/\/)/.test(line)) return;
          if (/process\.(env\b|on\(|once\(|addListener\(|exitCode|exit\()/.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('bin.ts is the one place in the CLI that sets the exit code: the commands hand their results back to main()', () => {
    const setters = readdirSync(path.join(ROOT, 'src', 'cli'))
      .filter((f) => f.endsWith('.ts') && f !== 'bin.ts')
      .filter((f) => /process\.(exitCode|exit\()/.test(readFileSync(path.join(ROOT, 'src', 'cli', f), 'utf8')));
    expect(setters).toEqual([]);
  });

  it('in src/cli, only bin.ts reads the process: main() gets cwd, env and the two streams as arguments', () => {
    const readers = readdirSync(path.join(ROOT, 'src', 'cli'))
      .filter((f) => f.endsWith('.ts') && f !== 'bin.ts')
      .filter((f) => /process\.(env\b|stdout|stderr|stdin|cwd\(|chdir\(|argv|on\(|once\()/.test(readFileSync(path.join(ROOT, 'src', 'cli', f), 'utf8')));
    expect(readers).toEqual([]);
  });

  it('is built from the environment once: SOURCE_DATE_EPOCH as a number, the browser variables, the templates and jobs', () => {
    const context = buildRunContext(
      { templates: 'mau', jobs: 3 },
      { cwd: '/srv/so-noi-vu', env: { SOURCE_DATE_EPOCH: '1700000000', BAOCAO_BROWSER: '/opt/chrome', HOME: '/home/a', UNRELATED: 'x' } },
    );
    // Paths stay as typed (what messages show); they are read against the run's folder, `cwd`.
    expect(context).toEqual({
      cwd: '/srv/so-noi-vu',
      templatesDir: 'mau',
      jobs: 3,
      sourceDateEpoch: 1_700_000_000,
      browserEnv: { BAOCAO_BROWSER: '/opt/chrome', HOME: '/home/a' },
    });
    expect(() => buildRunContext({ templates: 'mau' }, { cwd: '/', env: { SOURCE_DATE_EPOCH: 'soon' } })).toThrow(/SOURCE_DATE_EPOCH="soon" không hợp lệ/);
  });
});

describe('the run engine', () => {
  it('has one stage list, in the order of the pipeline', () => {
    expect(STAGE_NAMES).toEqual(['load', 'merge', 'rollup', 'issuing', 'validate', 'compute', 'render', 'write']);
  });

  it('no driver wires the stages itself: of the drivers (run, batch, cli), only src/run/stages.ts imports a stage entry', () => {
    const drivers = belowCli()
      .concat(readdirSync(path.join(ROOT, 'src', 'cli')).map((f) => `src/cli/${f}`))
      .filter((file) => /^src\/(run|batch|cli)\/|^src\/(index|pipeline)\.ts$/.test(file));
    expect(drivers.length).toBeGreaterThan(10);
    const importers = drivers
      .filter((file) => file !== 'src/run/stages.ts')
      .filter((file) => /^import (?!type )[^;]*from '[^']*\/(merge-layers|compute-report|validate\/validate)\.js'/m.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(importers).toEqual([]);
  });
});
