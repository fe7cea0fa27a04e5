/**
 * Commander's help, in Vietnamese: its headings, the usage line's "[options] [command]" and the
 * "(default: …)" of options and arguments, set through configureHelp (the formatters commander
 * lets a program replace), never by rewriting the text it prints.
 */
import type { Argument, Command, Help, HelpConfiguration, Option } from 'commander';

const HEADINGS: Readonly<Record<string, string>> = {
  'Usage:': 'Cách dùng:',
  'Arguments:': 'Tham số:',
  'Options:': 'Tùy chọn:',
  'Global Options:': 'Tùy chọn chung:',
  'Commands:': 'Lệnh:',
};

function defaultText(value: unknown, description: string | undefined): string {
  if (description !== undefined) return description;
  if (Array.isArray(value)) return value.join(',');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "mô tả (một trong: a, b; mặc định: a)": what commander appends in English, said in Vietnamese. */
function describe(description: string, choices: readonly string[] | undefined, defaultValue: unknown, defaultDescription: string | undefined): string {
  const extra = [
    ...(choices ? [`một trong: ${choices.join(', ')}`] : []),
    ...(defaultValue !== undefined ? [`mặc định: ${defaultText(defaultValue, defaultDescription)}`] : []),
  ];
  if (extra.length === 0) return description;
  return description ? `${description} (${extra.join('; ')})` : `(${extra.join('; ')})`;
}

function argumentUsage(argument: Argument): string {
  const name = `${argument.name()}${argument.variadic ? '...' : ''}`;
  return argument.required ? `<${name}>` : `[${name}]`;
}

export const vietnameseHelp: HelpConfiguration = {
  sortSubcommands: false,
  styleTitle: (title: string) => HEADINGS[title] ?? title,
  commandUsage(this: Help, command: Command): string {
    const ancestors: string[] = [];
    for (let parent = command.parent; parent; parent = parent.parent) ancestors.unshift(parent.name());
    const alias = command.aliases()[0];
    const parts = [
      ...ancestors,
      alias ? `${command.name()}|${alias}` : command.name(),
      ...(this.visibleOptions(command).length > 0 ? ['[tùy-chọn]'] : []),
      ...(this.visibleCommands(command).length > 0 ? ['[lệnh]'] : []),
      ...command.registeredArguments.map(argumentUsage),
    ];
    return parts.join(' ');
  },
  subcommandTerm(command: Command): string {
    const alias = command.aliases()[0];
    const options = command.options.length > 0 ? ['[tùy-chọn]'] : [];
    return [alias ? `${command.name()}|${alias}` : command.name(), ...options, ...command.registeredArguments.map(argumentUsage)].join(' ');
  },
  optionDescription(option: Option): string {
    // As commander does: a default is shown for options that take a value, not for flags.
    const shown = option.required || option.optional;
    return describe(option.description, option.argChoices, shown ? option.defaultValue : undefined, option.defaultValueDescription);
  },
  argumentDescription(argument: Argument): string {
    return describe(argument.description, argument.argChoices, argument.defaultValue, argument.defaultValueDescription);
  },
};
