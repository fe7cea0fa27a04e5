/**
 * The stages, written once, as data: every command runs a slice of this list over job records.
 *
 *   validate   load → merge → rollup → issuing → validate → compute
 *   render     load → … → compute → render → write                (main thread)
 *   batch      load → … → render (worker formats) on worker threads, then
 *              render (main-thread formats) → write on the main thread, behind the incremental filter
 *
 * A stage runs only when what it needs is in the job (`ready`); `runStages` never throws: an
 * unexpected exception in a stage is that document's `internal-error`, and the run goes on.
 */
import { hasErrors } from '../diagnostics/diagnostic.js';
import { computeReport } from '../compute/compute-report.js';
import type { LayerCache } from './layer-cache.js';
import { mergeLayers } from '../merge/merge-layers.js';
import type { OpenWriter, OutputFormat } from '../render/registry.js';
import { staleFigureDiagnostics } from '../validate/stale-figures.js';
import { validateDocument } from '../validate/validate.js';
import type { Templates } from '../render/open-templates.js';
import { writeFileAtomic } from '../write/write-atomic.js';
import { internalError, outputFailure } from './failures.js';
import { newJob, type Job } from './job.js';
import { gatherIssuingDecision } from '../issuing/gather-issuing-decision.js';
import { gatherRollup, type RollupRunner } from '../rollup/gather-rollup.js';

/** What a slice of stages runs with: the run's opened templates, the executor's layer cache and writers. */
export interface StageEnv {
  /** The templates folder of the run, opened once (its `loai/` declares the document types). */
  templates: Templates;
  layers: LayerCache;
  /** The writers this executor renders with (render stage). */
  writers?: ReadonlyMap<OutputFormat, OpenWriter>;
  /** rollup: the unit paths of the roll-ups being gathered above this job (a cycle's witness). */
  rollupChain?: readonly string[];
}

export interface Stage {
  readonly name: StageName;
  ready(job: Job): boolean;
  run(job: Job, env: StageEnv): Promise<void> | void;
}

export const STAGE_NAMES = ['load', 'merge', 'rollup', 'issuing', 'validate', 'compute', 'render', 'write'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export const STAGES: readonly Stage[] = [
  {
    name: 'load',
    // Refused at discovery (a layer that is a symlink out of the data tree …): never read.
    ready: (job) => !job.source.refused,
    async run(job, env) {
      job.layers.push(...(await Promise.all(job.source.layers.map((file) => env.layers.load(file)))));
      job.diagnostics.push(...job.layers.flatMap((layer) => layer.diagnostics));
    },
  },
  {
    name: 'merge',
    ready: (job) => job.layers.length > 0 && !hasErrors(job.diagnostics),
    run(job) {
      job.merged = mergeLayers(job.layers);
    },
  },
  {
    // tong_hop: the units' own period files run load → … → compute, their figures are summed
    // into the merged data (src/rollup/) before validate sees it.
    name: 'rollup',
    ready: (job) => job.merged !== undefined,
    async run(job, env) {
      await gatherRollup(job, env.rollupChain ?? [], rollupRunner(env.layers, env.templates));
    },
  },
  {
    // A plan issued by a sibling decision (<ky>.quyet-dinh.yaml) takes its "Ban hành kèm theo" line
    // from the decision's so and ngay (src/issuing/), before validate sees it.
    name: 'issuing',
    ready: (job) => job.merged !== undefined,
    async run(job, env) {
      const types = env.templates.types;
      const issued = await gatherIssuingDecision(job.merged!, job.source, types, env.layers);
      job.merged = issued.merged;
      job.diagnostics.push(...issued.diagnostics);
    },
  },
  {
    name: 'validate',
    ready: (job) => job.merged !== undefined,
    run(job, env) {
      const types = env.templates.types;
      const { document, diagnostics } = validateDocument(job.merged!, job.source, types);
      // Figures of the period file still marked and equal to last period's value (baocao ky-moi): warnings only.
      const period = job.layers.find((layer) => layer.file === job.source.file);
      job.diagnostics.push(...(period ? staleFigureDiagnostics(period) : []), ...diagnostics);
      if (document) job.document = document;
    },
  },
  {
    name: 'compute',
    // An error before validate (a roll-up unit missing …) stops the document even when its own data is valid.
    ready: (job) => job.document !== undefined && !hasErrors(job.diagnostics),
    run(job) {
      job.model = computeReport(job.document!, job.source);
    },
  },
  {
    name: 'render',
    ready: (job) => job.model !== undefined,
    async run(job, env) {
      // Formats are independent outputs: one failing leaves the others.
      const writers = [...(env.writers ?? new Map<OutputFormat, OpenWriter>())];
      const outcomes = await Promise.allSettled(writers.map(([, writer]) => writer.render(job.model!)));
      outcomes.forEach((outcome, i) => {
        if (outcome.status === 'fulfilled') job.rendered.push({ format: writers[i]![0], bytes: outcome.value });
        else job.diagnostics.push(...outputFailure(outcome.reason, job.source.file).map(env.templates.shown));
      });
    },
  },
  {
    name: 'write',
    ready: (job) => job.rendered.length > 0,
    async run(job, env) {
      await Promise.all(
        job.rendered.map(async (output) => {
          const planned = job.outputs.find((o) => o.format === output.format);
          if (!planned) return;
          try {
            await writeFileAtomic(planned.target, output.bytes, undefined, env.layers.cwd);
            job.written.push({ ...output, target: planned.target, file: planned.file });
          } catch (error) {
            job.diagnostics.push(...outputFailure(error, job.source.file));
          }
        }),
      );
      job.written.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
    },
  },
];

/**
 * Runs the stages `from` … `to` (inclusive) over one job; never throws. A stage that throws adds
 * an `internal-error` on the document's file and ends the job's run.
 */
export async function runStages(job: Job, env: StageEnv, from: StageName, to: StageName): Promise<Job> {
  const first = STAGE_NAMES.indexOf(from);
  const last = STAGE_NAMES.indexOf(to);
  if (first === 0 && job.source.refused) job.diagnostics.push(...job.source.refused);
  for (const stage of STAGES.slice(first, last + 1)) {
    if (!stage.ready(job)) continue;
    try {
      await stage.run(job, env);
    } catch (error) {
      job.diagnostics.push(internalError(error, job.source.file));
      delete job.model;
      return job;
    }
  }
  return job;
}

/** The stages a roll-up runs on its units' files (src/rollup/gather-rollup.ts), over one layer cache. */
export function rollupRunner(layers: LayerCache, templates: Templates): RollupRunner {
  return {
    cwd: layers.cwd,
    async merge(source) {
      const job = await runStages(newJob(source), { layers, templates }, 'load', 'merge');
      return hasErrors(job.diagnostics) ? undefined : job.merged;
    },
    unit: (source, chain) => runStages(newJob(source), { layers, templates, rollupChain: chain }, 'load', 'compute'),
  };
}
