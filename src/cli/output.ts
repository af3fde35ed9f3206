import type { Diagnostic } from '../core/diagnostics/types';
import type { TextSink } from '../core/pipeline/convertFile';
import type { ProblemTally } from '../core/pipeline/scanFile';

export type Lang = 'en' | 'zh';

/** Chinese when the user's locale says so (LANG=zh_CN.UTF-8 …), unless --lang says otherwise. */
export function defaultLang(): Lang {
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return env.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function messageOf(d: Diagnostic, lang: Lang): string {
  return lang === 'zh' ? d.messageZh : d.message;
}

/** `file:line:col: severity CODE: message`, the form terminals and VS Code's terminal make clickable. */
export function formatDiagnostic(file: string, d: Diagnostic, lang: Lang): string {
  return `${file}:${d.line}:${d.column ?? 1}: ${d.severity} ${d.code}: ${messageOf(d, lang)}`;
}

export function tallyLine(t: ProblemTally): string {
  const top = Object.entries(t.byCode)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([c, n]) => `${c}×${n}`)
    .join(' ');
  return `${t.bySeverity.error} errors, ${t.bySeverity.warning} warnings, ${t.bySeverity.info} info${top ? ` (${top})` : ''}`;
}

/** stdout as a sink that waits when the pipe is full, so piping into `head` or a slow consumer is safe. */
export const stdoutSink: TextSink = {
  write(chunk) {
    return new Promise((resolve, reject) => {
      if (process.stdout.write(chunk)) return resolve();
      // Whichever fires first removes the other, so waiting many times does not pile up listeners.
      const onDrain = () => {
        process.stdout.off('error', onError);
        resolve();
      };
      const onError = (e: Error) => {
        process.stdout.off('drain', onDrain);
        reject(e);
      };
      process.stdout.once('drain', onDrain);
      process.stdout.once('error', onError);
    });
  },
};
