/** Whether `<root>/dist` (tsc's output, without the bundle) is newer than every source it is compiled from. */
export function distIsCurrent(root: string): boolean;
/** Whether `<root>/dist/bundle` is newer than every source and scripts/bundle.mjs. */
export function bundleIsCurrent(root: string): boolean;
