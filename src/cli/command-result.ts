/**
 * What a command hands back to main.ts: every diagnostic of its run. main.ts turns it into the
 * exit code, once, with exitCodeFor (src/diagnostics/exit-codes.ts); no command sets one.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface CommandResult {
  diagnostics: readonly Diagnostic[];
  /** Set by the commands that follow diff(1)'s convention (diff, text): 0 same, 1 different, 2 trouble. */
  differs?: boolean;
}

export type Finish = (result: CommandResult) => void;
