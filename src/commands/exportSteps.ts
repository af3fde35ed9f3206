import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type {
  ExportProfile,
  ExportSource,
  OverLengthMode,
  SelectMode,
  SourceWeight,
} from '../core/export/types';
import type { Shape, UserPrefixMode } from '../core/types';
import { l10n } from '../l10n';
import {
  defaultChoices,
  defaultOutDir,
  type ExportChoices,
  parseIntInput,
  parseValRatioInput,
  parseWeightInput,
} from './exportChoices';
import { BACK, inputStep, pickStep, type StepFrame, type StepResult } from './quickSteps';

const TOTAL_STEPS = 3;

/** What the steps need to show besides the choices. */
export interface StepContext {
  /** `agentfabric.maxLength`, used when no max length was chosen here. */
  maxLengthSetting: number;
  /** True when `agentfabric.tokenizerPath` is set: token counts are exact. */
  exactTokens: boolean;
}

interface Item<K extends string = string> extends vscode.QuickPickItem {
  key: K;
}

/**
 * The export's questions as a three-step input, each step with Back: 1. the sources and their weights,
 * 2. which review statuses go in, 3. every other option in one list with "Export" first — so a user
 * happy with the remembered defaults presses Enter three times. Resolves with the sources and choices,
 * or undefined when dismissed.
 */
export async function askExport(
  initialSources: ExportSource[],
  initialChoices: ExportChoices,
  context: StepContext,
): Promise<{ sources: ExportSource[]; choices: ExportChoices } | undefined> {
  let sources = [...initialSources];
  let choices = { ...initialChoices };
  let step = 1;
  for (;;) {
    if (step === 1) {
      const r = await sourcesStep(sources);
      if (r === undefined) return undefined;
      if (r === BACK) continue;
      sources = r;
      step = 2;
    } else if (step === 2) {
      const r = await selectStep(choices.select);
      if (r === undefined) return undefined;
      if (r === BACK) step = 1;
      else {
        choices = { ...choices, select: r };
        step = 3;
      }
    } else {
      const r = await optionsStep(sources, choices, context);
      if (r === undefined) return undefined;
      if (r === BACK) step = 2;
      else return { sources, choices: r };
    }
  }
}

const title = () => l10n.t('Export Training Dataset');
const frame = (step: number): StepFrame => ({
  title: title(),
  step,
  totalSteps: TOTAL_STEPS,
  back: step > 1,
});

function weightText(w: SourceWeight): string {
  if (w.kind === 'all') return l10n.t('all records');
  if (w.kind === 'count') return l10n.t('{0} records', w.count);
  return l10n.t('ratio {0} to the others', w.ratio);
}

function relative(path: string): string {
  return vscode.workspace.asRelativePath(path, false);
}

// ---- step 1: sources ---------------------------------------------------------------------------

async function sourcesStep(start: ExportSource[]): Promise<StepResult<ExportSource[]>> {
  const sources = [...start];
  let active: string | undefined = 'continue';
  for (;;) {
    const items: Item[] = [
      {
        key: 'continue',
        label: `$(check) ${l10n.t('Continue with these sources')}`,
        description: l10n.t('{0} files', sources.length),
        alwaysShow: true,
      },
      ...sources.map(
        (s, i): Item => ({
          key: `source:${i}`,
          label: `$(file) ${basename(s.path)}`,
          description: weightText(s.weight),
          detail: relative(s.path),
        }),
      ),
      {
        key: 'add',
        label: `$(add) ${l10n.t('Add .jsonl files…')}`,
        description: l10n.t('e.g. additions or general chat data to mix in'),
        alwaysShow: true,
      },
    ];
    const picked = await pickStep(frame(1), items, {
      placeholder: l10n.t('Sources: pick one to change its weight, or continue'),
      active: items.find((i) => i.key === active),
    });
    if (picked === undefined || picked === BACK) return picked;
    active = picked.key;
    if (picked.key === 'continue') return sources;
    if (picked.key === 'add') {
      const uris = await vscode.window.showOpenDialog({
        canSelectMany: true,
        filters: { [l10n.t('JSON Lines datasets')]: ['jsonl'] },
        defaultUri: vscode.Uri.file(dirname(sources[0].path)),
        title: l10n.t('Add sources to the export'),
      });
      for (const uri of uris ?? []) {
        if (!sources.some((s) => s.path === uri.fsPath))
          sources.push({ path: uri.fsPath, weight: { kind: 'all' } });
      }
      active = 'continue';
      continue;
    }
    const index = Number(picked.key.slice('source:'.length));
    const changed = await weightStep(sources[index], sources.length > 1);
    if (changed === 'remove') {
      sources.splice(index, 1);
      active = 'continue';
    } else if (changed && changed !== BACK) sources[index] = { ...sources[index], weight: changed };
  }
}

async function weightStep(
  source: ExportSource,
  removable: boolean,
): Promise<StepResult<SourceWeight | 'remove'>> {
  const f = { ...frame(1), title: `${title()}: ${basename(source.path)}`, back: true };
  const items: Item<'all' | 'count' | 'ratio' | 'remove'>[] = [
    {
      key: 'all',
      label: l10n.t('All records'),
      description: l10n.t('every selected record of this file'),
    },
    {
      key: 'count',
      label: l10n.t('A number of records…'),
      description: l10n.t('sampled with the seed, e.g. 3000'),
    },
    {
      key: 'ratio',
      label: l10n.t('A ratio to the others…'),
      description: l10n.t('e.g. 2.0: twice as many as the sources without a ratio'),
    },
  ];
  if (removable) items.push({ key: 'remove', label: `$(trash) ${l10n.t('Remove from this export')}` });
  for (;;) {
    const picked = await pickStep(f, items, { active: items.find((i) => i.key === source.weight.kind) });
    if (picked === undefined || picked === BACK) return picked;
    if (picked.key === 'all') return { kind: 'all' };
    if (picked.key === 'remove') return 'remove';
    const kind = picked.key;
    const current =
      source.weight.kind === 'count'
        ? String(source.weight.count)
        : source.weight.kind === 'ratio'
          ? String(source.weight.ratio)
          : '';
    const text = await inputStep(f, {
      value: source.weight.kind === kind ? current : '',
      prompt:
        kind === 'count'
          ? l10n.t('How many records of {0}?', basename(source.path))
          : l10n.t('Ratio of {0} to the sources without a ratio (e.g. 2.0)', basename(source.path)),
      validate: (t) =>
        parseWeightInput(kind, t)
          ? undefined
          : kind === 'count'
            ? l10n.t('A whole number ≥ 0')
            : l10n.t('A number ≥ 0, e.g. 0.5 or 2.0'),
    });
    if (text === undefined) return undefined;
    if (text === BACK) continue;
    return parseWeightInput(kind, text);
  }
}

// ---- step 2: review selection --------------------------------------------------------------------

async function selectStep(current: SelectMode): Promise<StepResult<SelectMode>> {
  const items: Item<SelectMode>[] = [
    {
      key: 'not-rejected',
      label: l10n.t('All but rejected'),
      description: l10n.t('approved, unreviewed and needs-fix records'),
    },
    {
      key: 'approved',
      label: l10n.t('Approved only'),
      description: l10n.t('records you approved'),
    },
    {
      key: 'all',
      label: l10n.t('All records'),
      description: l10n.t('whatever their review status'),
    },
  ];
  const picked = await pickStep(frame(2), items, {
    placeholder: l10n.t('Which records go in, by review status? (remembered for this workspace)'),
    active: items.find((i) => i.key === current),
  });
  return picked === undefined || picked === BACK ? picked : picked.key;
}

// ---- step 3: options and Export ------------------------------------------------------------------

type OptionKey =
  | 'export'
  | 'profile'
  | 'userPrefix'
  | 'shape'
  | 'valRatio'
  | 'seed'
  | 'maxLength'
  | 'overLength'
  | 'forceErrors'
  | 'outDir'
  | 'reset';

async function optionsStep(
  sources: ExportSource[],
  start: ExportChoices,
  context: StepContext,
): Promise<StepResult<ExportChoices>> {
  let choices = { ...start };
  let active: OptionKey = 'export';
  for (;;) {
    const outDir = choices.outDir ?? defaultOutDir(sources);
    const maxLength = choices.maxLength ?? context.maxLengthSetting;
    const files =
      choices.valRatio > 0 ? 'train.jsonl, val.jsonl, export-report.json' : 'train.jsonl, export-report.json';
    const option = (key: OptionKey, label: string, value: string, detail?: string): Item<OptionKey> => ({
      key,
      label,
      description: value,
      detail,
    });
    const items: Item<OptionKey>[] = [
      {
        key: 'export',
        label: `$(export) ${l10n.t('Export')}`,
        description: relative(outDir),
        detail: files,
        alwaysShow: true,
      },
      { key: 'profile', label: l10n.t('Options'), kind: vscode.QuickPickItemKind.Separator },
      option('profile', l10n.t('Profile'), choices.profile),
      option('userPrefix', l10n.t('User prefix'), choices.userPrefix),
      option('shape', l10n.t('Output shape'), choices.shape),
      option('valRatio', l10n.t('Validation split'), `${+(choices.valRatio * 100).toFixed(4)}%`),
      option('seed', l10n.t('Seed'), String(choices.seed)),
      option(
        'maxLength',
        l10n.t('Max length'),
        `${maxLength} ${context.exactTokens ? l10n.t('tokens (exact)') : l10n.t('tokens (estimate)')}`,
      ),
      option(
        'overLength',
        l10n.t('Longer records'),
        choices.overLength === 'drop' ? l10n.t('left out') : l10n.t('kept and reported'),
      ),
      option(
        'forceErrors',
        l10n.t('Records with errors'),
        choices.forceErrors ? l10n.t('kept') : l10n.t('left out and reported'),
      ),
      option('outDir', l10n.t('Output folder'), relative(outDir)),
      { key: 'reset', label: `$(discard) ${l10n.t('Reset these options to their defaults')}` },
    ];
    const picked = await pickStep(frame(3), items, {
      placeholder: l10n.t('Press Enter to export, or pick an option to change it'),
      active: items.find((i) => i.key === active && i.kind !== vscode.QuickPickItemKind.Separator),
    });
    if (picked === undefined || picked === BACK) return picked;
    if (picked.key === 'export') return choices;
    active = picked.key;
    const changed = await changeOption(picked.key, choices, context);
    if (changed === undefined) return undefined;
    if (changed !== BACK) choices = changed;
  }
}

async function chooseOne<T extends string>(
  label: string,
  values: readonly { value: T; description?: string }[],
  current: T,
): Promise<StepResult<T>> {
  const items: Item<T>[] = values.map((v) => ({
    key: v.value,
    label: v.value,
    description: v.description,
    picked: v.value === current,
  }));
  const picked = await pickStep({ ...frame(3), title: `${title()}: ${label}`, back: true }, items, {
    active: items.find((i) => i.key === current),
  });
  return picked === undefined || picked === BACK ? picked : picked.key;
}

async function typeValue<T>(
  label: string,
  value: string,
  prompt: string,
  parse: (text: string) => T | undefined,
  invalid: string,
): Promise<StepResult<T>> {
  const text = await inputStep(
    { ...frame(3), title: `${title()}: ${label}`, back: true },
    { value, prompt, validate: (t) => (parse(t) === undefined ? invalid : undefined) },
  );
  return text === undefined || text === BACK ? text : parse(text);
}

async function changeOption(
  key: Exclude<OptionKey, 'export'>,
  c: ExportChoices,
  context: StepContext,
): Promise<StepResult<ExportChoices>> {
  const wrap = <V>(r: StepResult<V>, set: (v: V) => ExportChoices): StepResult<ExportChoices> => {
    if (r === undefined) return undefined;
    if (r === BACK) return BACK;
    return set(r);
  };
  switch (key) {
    case 'profile':
      return wrap(
        await chooseOne<ExportProfile>(
          l10n.t('Profile'),
          [
            {
              value: 'agentfabric',
              description: l10n.t('what the AgentFabric runtime sends (recommended)'),
            },
            { value: 'seed', description: l10n.t('what the seed script writes, artefacts included') },
            { value: 'asis', description: l10n.t('each conversation as it is') },
          ],
          c.profile,
        ),
        (profile) => ({ ...c, profile }),
      );
    case 'userPrefix':
      return wrap(
        await chooseOne<UserPrefixMode>(
          l10n.t('User prefix'),
          [
            { value: 'last', description: l10n.t('on the last user turn, as the runtime does') },
            { value: 'none', description: l10n.t('never') },
            { value: 'all', description: l10n.t('on every user turn') },
          ],
          c.userPrefix,
        ),
        (userPrefix) => ({ ...c, userPrefix }),
      );
    case 'shape':
      return wrap(
        await chooseOne<Shape>(
          l10n.t('Output shape'),
          [
            {
              value: 'conversations',
              description: l10n.t('from/value, like the seed new_ms_agent.jsonl'),
            },
            { value: 'messages', description: l10n.t('role/content') },
            { value: 'query-response', description: l10n.t('query/response/history') },
          ],
          c.shape,
        ),
        (shape) => ({ ...c, shape }),
      );
    case 'overLength':
      return wrap(
        await chooseOne<OverLengthMode>(
          l10n.t('Longer records'),
          [
            { value: 'report', description: l10n.t('keep them and list them in the report') },
            { value: 'drop', description: l10n.t('leave them out') },
          ],
          c.overLength,
        ),
        (overLength) => ({ ...c, overLength }),
      );
    case 'forceErrors':
      return wrap(
        await chooseOne<'leave-out' | 'keep'>(
          l10n.t('Records with errors'),
          [
            { value: 'leave-out', description: l10n.t('leave them out and list them in the report') },
            {
              value: 'keep',
              description: l10n.t('keep them (role-rule violations are always left out)'),
            },
          ],
          c.forceErrors ? 'keep' : 'leave-out',
        ),
        (v) => ({ ...c, forceErrors: v === 'keep' }),
      );
    case 'valRatio':
      return wrap(
        await typeValue(
          l10n.t('Validation split'),
          String(c.valRatio),
          l10n.t('Share of the records written to val.jsonl: 0 (none) up to below 1, e.g. 0.01 or 1%'),
          parseValRatioInput,
          l10n.t('A number from 0 up to below 1, e.g. 0.01 or 1%'),
        ),
        (valRatio) => ({ ...c, valRatio }),
      );
    case 'seed':
      return wrap(
        await typeValue(
          l10n.t('Seed'),
          String(c.seed),
          l10n.t('Seed of the shuffle and the sampling: the same inputs and seed give the same files'),
          (text) => parseIntInput(text, 0),
          l10n.t('A whole number ≥ 0'),
        ),
        (seed) => ({ ...c, seed }),
      );
    case 'maxLength':
      return wrap(
        await typeValue(
          l10n.t('Max length'),
          String(c.maxLength ?? context.maxLengthSetting),
          l10n.t('Token limit of a record (ms-swift --max_length)'),
          (text) => parseIntInput(text, 1),
          l10n.t('A whole number ≥ 1'),
        ),
        (maxLength) => ({ ...c, maxLength }),
      );
    case 'outDir': {
      const uris = await vscode.window.showOpenDialog({
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        defaultUri: c.outDir ? vscode.Uri.file(c.outDir) : undefined,
        openLabel: l10n.t('Export Here'),
        title: l10n.t('Output folder of the export'),
      });
      return uris?.[0] ? { ...c, outDir: uris[0].fsPath } : BACK;
    }
    case 'reset':
      return { ...defaultChoices(), sources: c.sources, select: c.select };
  }
}
