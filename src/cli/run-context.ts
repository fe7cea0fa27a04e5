/**
 * The run context, built once per command from the environment and the options, and passed down
 * as one object (src/run/context.ts). This is the only place that reads the variables a run
 * depends on: SOURCE_DATE_EPOCH (a bad value is a usage error, exit 2), BAOCAO_BROWSER and the
 * folders the standard browser install places depend on. The run's folder is the CLI's `cwd`:
 * paths stay as typed (what messages show) and are read against it. Nothing changes the process's folder.
 */
import { browserEnvVars } from '../render/pdf/find-browser.js';
import type { SharedBrowser } from '../render/pdf/shared-browser.js';
import { FORMAT_LIST, parseFormats, type OutputFormat } from '../render/registry.js';
import type { RunContext } from '../run/context.js';
import type { CliEnv, CliWaits } from './io.js';
import { readSourceDateEpoch } from './source-date-epoch.js';
import { UsageError } from './usage-error.js';

export function buildRunContext(options: { templates: string; jobs?: number }, { cwd, env, waits = {}, browser }: { cwd: string; env: CliEnv; waits?: CliWaits | undefined; browser?: SharedBrowser | undefined }): RunContext & { cwd: string } {
  const sourceDateEpoch = readSourceDateEpoch(env);
  const browserEnv = Object.fromEntries(browserEnvVars.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]));
  return {
    cwd,
    templatesDir: options.templates,
    browserEnv,
    ...(sourceDateEpoch !== undefined ? { sourceDateEpoch } : {}),
    ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
    ...(waits.browserLaunchMs !== undefined ? { browserLaunchMs: waits.browserLaunchMs } : {}),
    ...(browser ? { browser } : {}),
  };
}

/** `--format`: one or more of the writers' names, comma-separated. */
export function formatsOption(value: string): OutputFormat[] {
  const formats = parseFormats(value);
  if (!formats) throw new UsageError(`Định dạng "${value}" không hợp lệ: dùng một hoặc nhiều trong ${FORMAT_LIST}, cách nhau bởi dấu phẩy (ví dụ docx,pdf).`);
  return formats;
}

export const FORMAT_HELP = `${FORMAT_LIST}, hoặc nhiều định dạng cách nhau bởi dấu phẩy (docx,pdf)`;
