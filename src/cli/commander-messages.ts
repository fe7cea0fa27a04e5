/**
 * Commander's usage errors, in Vietnamese. Argument names are written with their diacritics
 * (<đường-dẫn...>), so the name quoted here is the one the user reads in the help. A wrong option
 * value never reaches this table: the option parsers throw a UsageError (src/cli/usage-error.ts).
 */
import type { CommanderError } from 'commander';

export function commanderMessage(error: CommanderError): string {
  const quoted = [...error.message.matchAll(/'([^']+)'/g)].map((match) => match[1]);
  const suggestion = /Did you mean (.+)\?/.exec(error.message)?.[1];
  const hint = suggestion ? ` Có phải ý bạn là ${suggestion}?` : '';
  const [first = '', second = ''] = quoted;
  switch (error.code) {
    case 'commander.unknownCommand':
      return `Không có lệnh "${first}".${hint}`;
    case 'commander.unknownOption':
      return `Không có tùy chọn "${first}".${hint}`;
    case 'commander.missingArgument':
      return `Thiếu tham số <${first}>.`;
    case 'commander.optionMissingArgument':
      return `Tùy chọn ${first} cần một giá trị.`;
    case 'commander.missingMandatoryOptionValue':
      return `Thiếu tùy chọn bắt buộc ${first}.`;
    case 'commander.conflictingOption':
      return `Không dùng ${first} cùng với ${second}.`;
    case 'commander.excessArguments':
      return 'Thừa tham số.';
    case 'commander.invalidArgument':
      // Commander's own checks (choices): "argument 'x' is invalid" said without the English.
      return `Giá trị "${second || first}" không hợp lệ cho ${first}.`;
    default:
      return 'Lệnh gọi sai.';
  }
}
