/**
 * The run context: what a run takes from its surroundings (the environment, the options that
 * apply to every stage), built once by the CLI (src/cli/run-context.ts) or given by a library
 * caller, and passed down as one object. Nothing below src/cli reads process.env.
 */
export type { WriterContext as RunContext } from '../render/registry.js';
