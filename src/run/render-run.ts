/**
 * One render run: plan every document and output, refuse conflicting outputs, then run the
 * stages load → … → write over each document (src/run/stages.ts), a bounded number at once.
 * A document with errors writes nothing; the others go on. Formats are independent outputs: a
 * format whose writer cannot open (no browser) or that fails for one document (a PDF that times
 * out) is a diagnostic, and the document's other formats are still written.
 */
import { availableParallelism } from 'node:os';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { findInputDocuments, stopsRun, type DocumentSource } from '../load/find-documents.js';
import { openWriter, type OpenWriter, type OutputFormat, type WriterOptions } from '../render/registry.js';
import { openTemplates, type Templates } from '../render/open-templates.js';
import { checkOutputFolder } from '../write/check-output-folder.js';
import type { RunContext } from './context.js';
import { diagnosticsOf } from './failures.js';
import { newJob } from './job.js';
import { removeLeftoversBeside } from './leftovers.js';
import { mapLimited } from './map-limited.js';
import { planOutputs } from './output-plan.js';
import { LayerCache } from './layer-cache.js';
import { runStages } from './stages.js';
import { staleOutputs } from './stale-outputs.js';


export interface RenderRunOptions extends RunContext {
  inputs: readonly string[];
  formats: readonly OutputFormat[];
  outDir: string;
  /** Each format's own options (`{ pdf: { pages, timeoutFor } }`). */
  writerOptions?: WriterOptions;
  /** Called as each document finishes, for progress output. */
  onDocument?: (result: DocumentResult) => void;
}

export interface DocumentResult {
  source: DocumentSource;
  outputs: string[];
  diagnostics: Diagnostic[];
}

export interface RenderRunResult {
  documents: DocumentResult[];
  /** Problems not tied to one document (no input, a conflict, a missing browser). */
  diagnostics: Diagnostic[];
}

/** Opens each format on its own: no browser still leaves the DOCX, broken Word templates the PDF. */
async function openWriters(
  formats: readonly OutputFormat[],
  context: RunContext,
  templates: Templates,
  options: WriterOptions | undefined,
  diagnostics: Diagnostic[],
): Promise<Map<OutputFormat, OpenWriter>> {
  const writers = new Map<OutputFormat, OpenWriter>();
  const opened = await Promise.allSettled(formats.map((format) => openWriter(format, context, templates, options)));
  opened.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') writers.set(formats[i]!, outcome.value);
    else diagnostics.push(...diagnosticsOf(outcome.reason, context.templatesDir).map(templates.shown));
  });
  return writers;
}

export async function renderRun(renderOptions: RenderRunOptions): Promise<RenderRunResult> {
  const cwd = renderOptions.cwd ?? '.';
  const options = renderOptions;
  const { documents: sources, diagnostics } = await findInputDocuments(options.inputs, { cwd });
  const plan = planOutputs(sources, options.formats, options.outDir);
  diagnostics.push(...plan.diagnostics);
  if (stopsRun(diagnostics)) return { documents: [], diagnostics };
  // A file for --out, or a folder that cannot be written: say so before rendering anything.
  diagnostics.push(...(await checkOutputFolder(options.outDir, cwd)));
  if (stopsRun(diagnostics)) return { documents: [], diagnostics };
  // What a killed run left half-written where this one writes (as batch does).
  await removeLeftoversBeside(plan.documents.flatMap((d) => d.outputs.map((o) => o.target)), [], cwd);

  const templates = openTemplates(options.templatesDir, { cwd });
  const layers = new LayerCache(cwd);
  const jobs = await mapLimited(plan.documents, 64, (planned) => runStages(newJob(planned.source, planned.outputs), { layers, templates }, 'load', 'compute'));
  const documents: DocumentResult[] = [];
  let writers = new Map<OutputFormat, OpenWriter>();
  try {
    const documentCount = jobs.filter((job) => job.model).length;
    if (documentCount > 0) writers = await openWriters(options.formats, { ...options, documents: documentCount }, templates, options.writerOptions, diagnostics);
    // Enough documents in flight to keep every writer busy, few enough to bound memory.
    const capacity = [...writers.values()].reduce((sum, w) => sum + w.capacity, 0);
    const limit = Math.max(options.jobs ?? availableParallelism(), capacity) * 2;
    await mapLimited(jobs, limit, async (job) => {
      await runStages(job, { templates, layers, writers }, 'render', 'write');
      const result: DocumentResult = { source: job.source, outputs: job.written.map((w) => w.target), diagnostics: job.diagnostics };
      if (hasErrors(result.diagnostics)) {
        const left = job.outputs.filter((o) => !result.outputs.includes(o.target)).map((o) => ({ target: o.target, file: o.target }));
        result.diagnostics.push(...(await staleOutputs(left, 'lỗi', cwd)).diagnostics);
      }
      // The job's bytes are no longer needed: do not keep every document's outputs until the end.
      job.rendered = [];
      job.written = [];
      documents.push(result);
      options.onDocument?.(result);
    });
  } finally {
    await Promise.all([...writers.values()].map((w) => w.close()));
  }
  documents.sort((a, b) => (a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : 0));
  return { documents, diagnostics };
}
