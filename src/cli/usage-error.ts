/**
 * A wrong value on the command line (an option's or an environment variable's), in Vietnamese.
 * Thrown by the option parsers: it is not commander's InvalidArgumentError, so commander passes it
 * through untouched instead of prefixing its English "option '…' argument '…' is invalid.";
 * main() prints it as a `usage` diagnostic (exit 2).
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
