import { loadYamlFile, type LoadedLayer } from '../load/load-yaml.js';

/**
 * The run's data files, read against the run's folder (`cwd`: the CLI's, never the process's when
 * given): layers shared by many documents (mac-dinh.yaml, tinh.yaml, don-vi.yaml) are read once
 * per run. Paths stay as the user writes them (relative to `cwd`); the stages that read or write
 * other files (roll-up units, an issuing decision, the outputs) resolve them against the same `cwd`.
 */
export class LayerCache {
  private readonly layers = new Map<string, Promise<LoadedLayer>>();

  constructor(readonly cwd: string = '.') {}

  load(file: string): Promise<LoadedLayer> {
    let pending = this.layers.get(file);
    if (!pending) {
      pending = loadYamlFile(file, this.cwd);
      this.layers.set(file, pending);
    }
    return pending;
  }
}
