import type { BuildOptions, Plugin } from 'esbuild';

export const separateRanks: Plugin;
export const separateRanksOptions: Pick<BuildOptions, 'plugins' | 'supported'>;
export function copyRanks(dir: string): void;
