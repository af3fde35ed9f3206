import * as vscode from 'vscode';
import { l10n } from '../l10n';
import type { ReviewCounts } from './model/reviewTable';

/**
 * The review progress of the curator in front, in the status bar: "Reviewed 123/488 · 100 approved ·
 * 20 rejected". Clicking it jumps to the next unreviewed record.
 */
export class ReviewStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'agentfabric.reviewProgress',
    vscode.StatusBarAlignment.Left,
    50,
  );

  constructor() {
    this.item.name = l10n.t('AgentFabric review progress');
    this.item.command = 'agentfabric.curator.nextUnreviewed';
  }

  /** Shows the counts of the curator in front, or hides the item when no curator is. */
  show(counts: ReviewCounts | undefined): void {
    if (!counts) {
      this.item.hide();
      return;
    }
    const parts = [
      l10n.t('Reviewed {0}/{1}', counts.reviewed, counts.records),
      l10n.t('{0} approved', counts.byStatus.approved),
      l10n.t('{0} rejected', counts.byStatus.rejected),
    ];
    if (counts.byStatus['needs-fix'] > 0) parts.push(l10n.t('{0} need a fix', counts.byStatus['needs-fix']));
    this.item.text = `$(checklist) ${parts.join(' · ')}`;
    this.item.tooltip = l10n.t('Review progress of this file. Click to go to the next unreviewed record.');
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
