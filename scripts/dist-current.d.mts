/** Whether `<root>/dist` is newer than every source it is compiled from (scripts/dist-current.mjs). */
export function distIsCurrent(root: string): boolean;
