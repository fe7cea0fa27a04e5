/** Commander's usage errors, in Vietnamese. */
import type { CommanderError } from 'commander';

export function commanderMessage(error: CommanderError): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  const suggestion = /Did you mean (.+)\?/.exec(error.message)?.[1];
  const hint = suggestion ? ` Có phải ý bạn là ${suggestion}?` : '';
  switch (error.code) {
    case 'commander.unknownCommand':
      return `Không có lệnh "${quoted ?? ''}".${hint}`;
    case 'commander.unknownOption':
      return `Không có tùy chọn "${quoted ?? ''}".${hint}`;
    case 'commander.missingArgument':
      return `Thiếu tham số ${quoted ?? ''}.`;
    case 'commander.optionMissingArgument':
      return `Tùy chọn ${quoted ?? ''} cần một giá trị.`;
    case 'commander.excessArguments':
      return 'Thừa tham số.';
    case 'commander.invalidArgument':
      return error.message.replace(/^error: /, '');
    default:
      return `Lệnh gọi sai: ${error.message.replace(/^error: /, '')}`;
  }
}
