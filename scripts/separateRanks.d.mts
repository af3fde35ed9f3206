import type { BuildOptions } from 'esbuild';

export const separateRanksOptions: Pick<BuildOptions, 'plugins' | 'supported'>;
export function copyRanks(dir: string): void;
