/** Where the bundle is written: dist/bundle/. */
export const BUNDLE_DIR: string;
/** Package files the bundle holds with a few words changed (see scripts/bundle.mjs). */
export const PATCHED: { module: RegExp; edits: [from: string, to: string][] }[];
/** A package file's source with its edits made; throws when one no longer applies exactly once. */
export function patchedSource(file: string, contents: string, edits: readonly (readonly [string, string])[]): string;
/** Bundles the CLI and the batch's worker into dist/bundle/. */
export function bundle(): Promise<unknown>;
