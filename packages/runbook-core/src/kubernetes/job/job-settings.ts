import type { RunbookMeta, Step } from '../../model.ts';

/** How a `runsOn=job` step runs in the cluster. */
export interface JobSettings {
  image: string;
  /** Undefined: the context's namespace. */
  namespace?: string;
  serviceAccount?: string;
  timeoutMs?: number;
  /** The program and its arguments before the script path. */
  interpreter: string[];
  /** File name of the script inside the ConfigMap. */
  scriptName: string;
}

/** Values given to the runner, taking precedence over the runbook. */
export interface JobSettingsOverrides {
  image?: string;
  namespace?: string;
  serviceAccount?: string;
  timeoutMs?: number;
}

export type JobSettingsResult = { ok: true; settings: JobSettings } | { ok: false; reason: string };

const interpreters: Record<string, { interpreter: string[]; extension: string }> = {
  sh: { interpreter: ['sh'], extension: 'sh' },
  shell: { interpreter: ['sh'], extension: 'sh' },
  bash: { interpreter: ['bash'], extension: 'sh' },
  zsh: { interpreter: ['zsh'], extension: 'sh' },
  python: { interpreter: ['python3'], extension: 'py' },
  python3: { interpreter: ['python3'], extension: 'py' },
  py: { interpreter: ['python3'], extension: 'py' },
  node: { interpreter: ['node'], extension: 'js' },
  js: { interpreter: ['node'], extension: 'js' },
  javascript: { interpreter: ['node'], extension: 'js' },
};

/**
 * Reads the job settings of a step: the step's attributes (`image=`,
 * `serviceAccount=`, `namespace=`, `timeout=`) win over the frontmatter's
 * `kubernetes.job` (`image`, `serviceAccount`, `namespace`, `timeout`), and
 * the runner's overrides win over both.
 */
export function resolveJobSettings(
  step: Step,
  meta: Pick<RunbookMeta, 'kubernetes' | 'raw'> | undefined,
  overrides: JobSettingsOverrides = {},
): JobSettingsResult {
  const job = frontmatterJob(meta);
  const attributes = step.attributes;
  const image = overrides.image ?? attributes.image ?? job.image;
  if (image === undefined || image.trim() === '') {
    return {
      ok: false,
      reason: `step '${step.name ?? step.id}' runs as a Job but names no image: add image=… to its info string or kubernetes.job.image to the frontmatter`,
    };
  }
  const language = (step.options.shell ?? step.lang).toLowerCase();
  const known = interpreters[language];
  const custom = step.options.interpreter
    ?.trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (!known && !custom)
    return {
      ok: false,
      reason: `step '${step.name ?? step.id}' runs as a Job, but '${language}' is not a language it can run (use sh, bash, python or node, or set interpreter=…)`,
    };
  const settings: JobSettings = {
    image: image.trim(),
    interpreter: custom && custom.length > 0 ? custom : known!.interpreter,
    scriptName: `step.${known?.extension ?? 'txt'}`,
  };
  const namespace = overrides.namespace ?? step.options.namespace ?? job.namespace ?? meta?.kubernetes?.namespace;
  if (namespace !== undefined) settings.namespace = namespace;
  const serviceAccount = overrides.serviceAccount ?? attributes.serviceAccount ?? attributes['service-account'] ?? job.serviceAccount;
  if (serviceAccount !== undefined) settings.serviceAccount = serviceAccount;
  const timeoutMs = overrides.timeoutMs ?? step.options.timeoutMs ?? job.timeoutMs;
  if (timeoutMs !== undefined) settings.timeoutMs = timeoutMs;
  return { ok: true, settings };
}

function frontmatterJob(meta: Pick<RunbookMeta, 'raw'> | undefined): { image?: string; namespace?: string; serviceAccount?: string; timeoutMs?: number } {
  const kubernetes = meta?.raw.kubernetes;
  const job = isRecord(kubernetes) && isRecord(kubernetes.job) ? kubernetes.job : {};
  const result: { image?: string; namespace?: string; serviceAccount?: string; timeoutMs?: number } = {};
  if (typeof job.image === 'string') result.image = job.image;
  if (typeof job.namespace === 'string') result.namespace = job.namespace;
  const serviceAccount = job.serviceAccount ?? job['service-account'];
  if (typeof serviceAccount === 'string') result.serviceAccount = serviceAccount;
  const timeoutMs = typeof job.timeout === 'number' ? job.timeout * 1000 : typeof job.timeout === 'string' ? durationMs(job.timeout) : undefined;
  if (timeoutMs !== undefined) result.timeoutMs = timeoutMs;
  return result;
}

/** `90`, `30s`, `5m`, `1h30m` in milliseconds; undefined when malformed. */
function durationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = trimmed;
  while (rest !== '') {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * units[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return trimmed === '' ? undefined : Math.round(total);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
