import type { RunbookMeta, Step } from '../../model.ts';

/**
 * `guard=pinned` on a step (or `kubernetes: {guard: pinned}` in the
 * frontmatter): run what the guard cannot read (`$k get pods`, `bash <<EOF`,
 * a python step using a cluster) with a kubeconfig holding only the expected
 * context, instead of refusing it. The value is the one documented word, so a
 * typo never loosens the guard.
 */
export const pinnedGuardValue = 'pinned';

export function acceptsPinnedKubeconfig(step: Pick<Step, 'attributes'>, meta: Partial<Pick<RunbookMeta, 'raw'>> | undefined): boolean {
  if (step.attributes.guard === pinnedGuardValue) return true;
  const kubernetes = meta?.raw?.kubernetes;
  return typeof kubernetes === 'object' && kubernetes !== null && (kubernetes as Record<string, unknown>).guard === pinnedGuardValue;
}
