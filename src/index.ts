/**
 * baocao as a library: `import { validate, render, batch } from 'baocao'`.
 *
 *   const checked = await validate({ inputs: ['data'] });                 // models + diagnostics
 *   const done = await render({ inputs: ['data'], formats: ['docx', 'pdf'], outDir: 'out',
 *                               templatesDir: DEFAULT_TEMPLATES_DIR });
 *   const run = await batch({ dataDir: 'data', period: '2024-q3', formats: ['docx'], outDir: 'out',
 *                             templatesDir: DEFAULT_TEMPLATES_DIR });
 *
 * A program that prints PDF run after run (a server) keeps one browser for all of them:
 *
 *   const browser = new SharedBrowser();          // started by the first PDF, kept running
 *   await render({ ..., formats: ['pdf'], browser });
 *   await browser.close();
 *
 * Nothing here prints, reads the terminal or exits: every problem comes back as a `Diagnostic`
 * (file, line, column, a stable `ruleId` from `rules`, severity, a Vietnamese message). The CLI
 * (`baocao …`) is a thin layer over these same functions; `exitCodeFor` maps diagnostics to its
 * exit codes. Everything not exported here is internal and may change.
 */

// The three commands
export { validateRun as validate } from './run/validate-run.js';
export type { CheckedDocument, ValidateRunOptions, ValidateRunResult } from './run/validate-run.js';
export { renderRun as render } from './run/render-run.js';
export type { DocumentResult, RenderRunOptions, RenderRunResult } from './run/render-run.js';
export { runBatch as batch } from './batch/run-batch.js';
export type { BatchEvent, BatchOptions, BatchResult, OutputStatus, ReportResult } from './batch/run-batch.js';
export type { BatchPlan, PlannedOutput, PlannedReport } from './batch/batch-plan.js';
export type { Shard } from './batch/shard.js';

// What goes in and what comes out
export { DEFAULT_TEMPLATES_DIR } from './paths.js';
export { OUTPUT_FORMATS, type OutputFormat, type PdfWriterOptions, type WriterOptions } from './render/registry.js';
export type { RunContext } from './run/context.js';
export type { DocumentType, DocumentTypeInfo, DocumentTypes } from './core/document-types.js';
export { loadDocumentTypes } from './load/load-document-types.js';
export { openTemplates, type Templates } from './render/open-templates.js';
export { SharedBrowser } from './render/pdf/shared-browser.js';
export type { LaunchOptions } from './render/pdf/launch-browser.js';
export type { DocumentSource } from './load/find-documents.js';
export type { Addressees, Block, BlockStyle, Footnote, FootnoteRef, Inline, ReportModel, TextRun } from './core/model.js';

// Problems as data
export { DiagnosticError, hasErrors, sortDiagnostics, type Diagnostic, type Severity } from './diagnostics/diagnostic.js';
export { rules, type RuleId } from './diagnostics/rules.js';
export { formatDiagnostic, formatSummary } from './diagnostics/report.js';
export { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, exitCodeFor } from './diagnostics/exit-codes.js';
