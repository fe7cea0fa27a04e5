/**
 * SOURCE_DATE_EPOCH (reproducible-builds convention): the instant every output is dated with,
 * read once here and passed down. A value that is not a whole number of seconds ≥ 0 is a usage
 * error (exit 2): a date silently ignored would make "reproducible" outputs differ.
 */
import type { CliEnv } from './io.js';
import { UsageError } from './usage-error.js';

export const sourceDateEpochVar = 'SOURCE_DATE_EPOCH';

/** Seconds since 1970, or undefined when unset or empty. Throws a UsageError when malformed. */
export function readSourceDateEpoch(env: CliEnv): number | undefined {
  const text = env[sourceDateEpochVar]?.trim();
  if (!text) return undefined;
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(seconds) || seconds > 253_402_300_799) {
    throw new UsageError(
      `Biến môi trường ${sourceDateEpochVar}="${text}" không hợp lệ: cần một số nguyên giây không âm tính từ 1970-01-01 UTC (ví dụ ${sourceDateEpochVar}=1725494400), hoặc bỏ trống.`,
    );
  }
  return seconds;
}
