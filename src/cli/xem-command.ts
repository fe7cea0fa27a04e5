import type { Command } from 'commander';
export function registerXem(_program: Command): void {}
