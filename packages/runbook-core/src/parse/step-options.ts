import type { Severity, StepOptions } from '../model.ts';
import { parseDuration } from './duration.ts';

export interface AttributeProblem {
  key: string;
  severity: Severity;
  reason: string;
}

type Reader = (value: string, options: StepOptions) => string | undefined;

function nonEmpty(store: (value: string, options: StepOptions) => void): Reader {
  return (value, options) => {
    if (value.trim() === '') return 'must not be empty';
    store(value, options);
    return undefined;
  };
}

// Each reader stores the typed value and returns a reason when the value is invalid.
const readers: Record<string, Reader> = {
  name: nonEmpty((value, options) => (options.name = value)),
  confirm: (value, options) => readBoolean(value, (flag) => (options.confirm = flag)),
  timeout: (value, options) => {
    const milliseconds = parseDuration(value);
    if (milliseconds === undefined) return `'${value}' is not a duration with a unit, e.g. 30s, 5m or 1h30m`;
    options.timeoutMs = milliseconds;
    return undefined;
  },
  cwd: nonEmpty((value, options) => (options.cwd = value)),
  shell: nonEmpty((value, options) => (options.shell = value)),
  interpreter: nonEmpty((value, options) => (options.interpreter = value)),
  interactive: (value, options) => readBoolean(value, (flag) => (options.interactive = flag)),
  skip: (value, options) => readBoolean(value, (flag) => (options.skip = flag)),
  tags: (value, options) => {
    options.tags = value
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== '');
    return undefined;
  },
  context: nonEmpty((value, options) => (options.context = value)),
  namespace: (value, options) => {
    if (!kubernetesName.test(value) && !value.includes('$')) {
      return `'${value}' is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63)`;
    }
    options.namespace = value;
    return undefined;
  },
  errexit: (value, options) => readBoolean(value, (flag) => (options.errexit = flag)),
  image: nonEmpty((value, options) => (options.image = value)),
  serviceAccount: (value, options) => {
    if (!kubernetesName.test(value) && !value.includes('$')) return `'${value}' is not a Kubernetes service account name`;
    options.serviceAccount = value;
    return undefined;
  },
  runsOn: (value, options) => {
    if (value !== 'local' && value !== 'job') return `'${value}' must be 'local' or 'job'`;
    options.runsOn = value;
    return undefined;
  },
};

const kubernetesName = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

// Runme's own attributes: accepted as written, with no meaning here.
const runmeAttributes = new Set(['id', 'background', 'closeTerminalOnSuccess', 'excludeFromRunAll', 'mimeType', 'terminalRows', 'promptEnv', 'category']);
// Read by the Kubernetes context guard from `step.attributes` (`guard=pinned`).
const guardAttributes = new Set(['guard']);
// Read by the run session's approval rule from `step.attributes` (`approve=1`); checked here so lint knows it.
const checkedAttributes: Record<string, (value: string) => string | undefined> = {
  approve: (value) => (approvalCount(value) === undefined ? `'${value}' must be how many other responders approve, 1 to 9` : undefined),
};

/** `approve=<n>`: how many responders other than the runner must approve the step (1 to 9); `undefined` when invalid. */
export function approvalCount(value: string): number | undefined {
  const trimmed = value.trim();
  return /^[1-9]$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** Types the known attributes; unknown and invalid ones become problems, never errors. */
export function readStepOptions(attributes: Record<string, string>): { options: StepOptions; problems: AttributeProblem[] } {
  const options: StepOptions = {};
  const problems: AttributeProblem[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    const reader = Object.hasOwn(readers, key) ? readers[key] : undefined;
    const check = Object.hasOwn(checkedAttributes, key) ? checkedAttributes[key] : undefined;
    if (check !== undefined) {
      const reason = check(value);
      if (reason !== undefined) problems.push({ key, severity: 'error', reason: `attribute '${key}': ${reason}` });
      continue;
    }
    if (reader === undefined) {
      if (!runmeAttributes.has(key) && !guardAttributes.has(key)) problems.push({ key, severity: 'warning', reason: `unknown attribute '${key}'` });
      continue;
    }
    const reason = reader(value, options);
    if (reason !== undefined) problems.push({ key, severity: 'error', reason: `attribute '${key}': ${reason}` });
  }
  return { options, problems };
}

// A bare flag (`{ confirm }`, value '') means true.
function readBoolean(value: string, store: (flag: boolean) => void): string | undefined {
  const normalized = value.trim().toLowerCase();
  if (normalized === 'true' || normalized === '') store(true);
  else if (normalized === 'false') store(false);
  else return `'${value}' must be true or false`;
  return undefined;
}
