/**
 * The `yaml` package, as every part of baocao that parses or edits YAML imports it: its ES-module
 * build (`browser/dist`), the same code as its Node build (`dist`) but for one thing — the Node
 * build's parser reads `process.env.LOG_TOKENS` for every token it is given (a debugging hook).
 * On the Thạch Quý sample (24 kB, ~1,000 tokens) that lookup made the parse 1.3 → 1.9 ms, about
 * a third of it, measured in one process, both builds alternating (issue 12). It was also the
 * library reading the environment on every report of a batch, where only the CLI should.
 *
 * The package's `exports` map names this build only for non-Node conditions, so it is imported by
 * its file path, resolved from the installed package (the same version as the Node build, whose
 * typings describe it). test/yaml-library.test.ts checks that parsing reads no environment.
 */
import type * as Yaml from 'yaml';

const esmBuild = new URL('browser/dist/index.js', import.meta.resolve('yaml/package.json'));
const yaml = (await import(esmBuild.href)) as typeof Yaml;

export const { Composer, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser, parseDocument, Scalar, visit } = yaml;
// The classes are types too, as when imported from 'yaml'.
export type Composer = Yaml.Composer;
export type LineCounter = Yaml.LineCounter;
export type Parser = Yaml.Parser;
export type Scalar<T = unknown> = Yaml.Scalar<T>;
export type { CST, Document, Node } from 'yaml';
