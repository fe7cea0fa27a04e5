/**
 * Step 1 of a batch, pure planning (as Eleventy's TemplateMap): every unit below the data folder
 * that has a `<ky>.yaml`, and every file it will write. Conflicting outputs are found here, for
 * the whole plan, before anything is rendered; then the plan is cut to this machine's shard.
 */
import path from 'node:path';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parsePeriod } from '../core/period.js';
import { compareCodePoints, findDocuments, isLayerFile, stopsRun, suggestedPeriodName } from '../load/find-documents.js';
import type { OutputFormat } from '../render/registry.js';
import { planOutputs, type PlannedDocument, type PlannedOutput } from '../run/output-plan.js';
import { manifestFile } from './manifest.js';
import { takeShard, type Shard } from './shard.js';

export interface PlanOptions {
  dataDir: string;
  /** The period: `2024-q3`. */
  period: string;
  formats: readonly OutputFormat[];
  outDir: string;
  shard?: Shard;
}

export type { PlannedOutput };
/** A unit's report: its period file and its outputs, keyed by the unit's folder (the manifest key). */
export type PlannedReport = PlannedDocument;

export interface BatchPlan {
  options: PlanOptions;
  /** This shard's reports (all of them without `--shard`), sorted by key. */
  reports: PlannedReport[];
  /** How many reports the whole plan has, before the shard cut. */
  total: number;
  /** `<out>/<ky>/manifest.json`, or `manifest.shard-i-of-n.json` for a shard. */
  manifest: string;
  /** Problems that stop the batch before it renders anything. */
  diagnostics: Diagnostic[];
}

/** `cwd`: the run's folder, that `dataDir` is read against (paths in the plan stay as the user writes them). */
export async function planBatch(options: PlanOptions, cwd = '.'): Promise<BatchPlan> {
  const empty = (diagnostics: Diagnostic[]): BatchPlan => ({
    options,
    reports: [],
    total: 0,
    manifest: manifestFile(options.outDir, options.period, options.shard),
    diagnostics,
  });
  if (!parsePeriod(options.period)) {
    return empty([
      diagnosticAt(
        { file: 'baocao', line: 0, column: 0 },
        'usage',
        `Kỳ báo cáo "${options.period}" không đúng dạng: dùng 2024-q3, 2024-6t, 2024-9t, 2024-nam hoặc 2024-ke-hoach.`,
      ),
    ]);
  }
  const found = await findDocuments([options.dataDir], { cwd });
  const diagnostics = [...found.diagnostics];
  // Every document of the period: 2024-q3.yaml and its siblings 2024-q3.<ten>.yaml.
  const sources = found.documents.filter((d) => d.name?.period.id === options.period);
  // Files that validate would call a wrong period name are left out of every batch: say so.
  for (const document of found.documents) {
    if (document.name || isLayerFile(document.file)) continue;
    const guess = suggestedPeriodName(document.period);
    diagnostics.push(
      diagnosticAt(
        { file: document.file, line: 0, column: 0 },
        'input-skipped',
        `"${path.basename(document.file)}" không phải tên kỳ báo cáo (2024-q3, 2024-6t, 2024-9t, 2024-nam, 2024-ke-hoach): bị bỏ qua.` +
          (guess ? ` Có phải ý bạn là "${guess}.yaml"?` : ''),
        { severity: 'warning' },
      ),
    );
  }
  if (sources.length === 0 && !stopsRun(diagnostics)) {
    diagnostics.push(
      diagnosticAt(
        { file: options.dataDir, line: 0, column: 0 },
        'no-input',
        `Không có đơn vị nào có tệp ${options.period}.yaml trong "${options.dataDir}".`,
      ),
    );
  }
  const sorted = [...sources].sort((a, b) => compareCodePoints(a.unitPath, b.unitPath) || compareCodePoints(a.file, b.file));
  const { documents: reports, diagnostics: conflicts } = planOutputs(sorted, options.formats, options.outDir);
  diagnostics.push(...conflicts);
  // A symlink out of the data tree is refused and reported, but does not stop the other units.
  if (stopsRun(diagnostics)) return empty(diagnostics);
  return {
    options,
    reports: takeShard(reports, options.shard),
    total: reports.length,
    manifest: manifestFile(options.outDir, options.period, options.shard),
    diagnostics,
  };
}
