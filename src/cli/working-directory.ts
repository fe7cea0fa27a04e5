/**
 * main() runs a command line in the folder it is given. The library below still reads and writes
 * relative paths against the process's folder (paths are not yet resolved against a cwd carried
 * down), so a run in another folder changes the process's folder for its duration and puts it
 * back after; such runs take turns. A run in the process's own folder while no other run has moved
 * it (every run of bin.ts) changes nothing and waits for nothing.
 */
import path from 'node:path';

let turns: Promise<unknown> = Promise.resolve();
let moved = 0;

export async function inWorkingDirectory<T>(cwd: string, run: () => Promise<T>): Promise<T> {
  if (moved === 0 && path.resolve(cwd) === process.cwd()) return run();
  moved++;
  const turn = turns.then(async () => {
    const previous = process.cwd();
    process.chdir(cwd);
    try {
      return await run();
    } finally {
      process.chdir(previous);
      moved--;
    }
  });
  turns = turn.catch(() => undefined);
  return turn;
}
