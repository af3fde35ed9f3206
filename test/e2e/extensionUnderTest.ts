// Which .vsix the suite installs. The real extension whenever its source exists (packed by
// scripts/e2e/package.mjs, or given as AFC_E2E_VSIX by `npm run test:e2e`); the generated stand-in only
// before that, so a broken real build fails the suite instead of falling back.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { REPO_ROOT } from './harness';
import { buildStandinVsix } from './standinExtension';

export interface ExtensionUnderTest {
  kind: 'real' | 'standin';
  vsix: string;
}

export function realExtensionExists(): boolean {
  return existsSync(join(REPO_ROOT, 'src', 'extension.ts'));
}

export function extensionUnderTest(tempDir: string): ExtensionUnderTest {
  const mode = process.env.AFC_E2E_EXTENSION ?? 'auto';
  if (mode !== 'auto' && mode !== 'real' && mode !== 'standin') {
    throw new Error(`AFC_E2E_EXTENSION must be auto, real or standin, not "${mode}"`);
  }
  if (mode === 'standin' || (mode === 'auto' && !realExtensionExists())) {
    const vsix = buildStandinVsix(tempDir);
    console.error(
      `e2e: the real extension does not exist yet; testing the harness with a STAND-IN (${vsix})`,
    );
    return { kind: 'standin', vsix };
  }
  const given = process.env.AFC_E2E_VSIX;
  if (given) return { kind: 'real', vsix: given };
  const packed = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'e2e', 'package.mjs')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const vsix = packed.stdout.trim().split('\n').pop() ?? '';
  if (packed.status !== 0 || !existsSync(vsix)) {
    throw new Error(`packaging the extension failed (exit ${packed.status}); see the output above`);
  }
  return { kind: 'real', vsix };
}

/** What {@link useExtensionUnderTest} makes ready before a describe block's tests. */
export interface PreparedExtension {
  readonly extension: ExtensionUnderTest;
  /** A scratch folder of the block's own (the .vsix may be packed there), removed after its tests. */
  readonly scratch: string;
}

/**
 * Called in a describe block: the extension its tests install, made ready before them in a scratch
 * folder that is removed after them. Read `.extension` and `.scratch` inside the tests.
 */
export function useExtensionUnderTest(prefix = 'afc-e2e-vsix-'): PreparedExtension {
  let ready: { extension: ExtensionUnderTest; scratch: string } | undefined;
  before(() => {
    const scratch = mkdtempSync(join(tmpdir(), prefix));
    ready = { extension: extensionUnderTest(scratch), scratch };
  });
  after(() => {
    if (ready) rmSync(ready.scratch, { recursive: true, force: true });
  });
  const get = () => {
    if (!ready) throw new Error('the extension under test is made ready in before(), not yet run');
    return ready;
  };
  return {
    get extension() {
      return get().extension;
    },
    get scratch() {
      return get().scratch;
    },
  };
}
