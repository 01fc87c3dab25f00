import type { Runbook } from '../model.ts';
import { findTemplateByName } from '../template/find-template-by-name.ts';
import type { IncidentState } from './incident-state.ts';
import { type PostIncidentReview, postIncidentReview } from './post-incident-review.ts';

export interface ReviewWithRunbook extends PostIncidentReview {
  /** The runbook template used; absent: the built-in layout. */
  templateId?: string;
}

/**
 * The review as every front-end writes it: from the runbook's
 * `post-incident-review` template when it has one, else the built-in layout.
 */
export function reviewWithRunbook(state: IncidentState, runbook?: { runbook: Runbook; source: string }, now?: Date): ReviewWithRunbook {
  const found = runbook === undefined ? undefined : findTemplateByName(runbook.runbook, 'post-incident-review', runbook.source);
  const template = found?.kind === 'found' ? found.template : undefined;
  const review = postIncidentReview(state, { ...(template === undefined ? {} : { template: template.text }), ...(now === undefined ? {} : { now }) });
  return template === undefined ? review : { ...review, templateId: template.id };
}
