import type { KubeconfigSource, KubernetesHealthOptions } from '../../kubernetes/index.ts';
import { ExitCode, UsageError, type CliCommand, type CliContext } from '../command.ts';
import { paint } from '../paint.ts';
import { parseFlags } from '../parse-flags.ts';

const help = `Usage: runbook k8s <subcommand> [options]

Kubernetes checks, through the kubeconfig kubectl would use.

Subcommands:
  health    the investigation script's cluster checks as one report: nodes
            and readiness, pods not running and ready (all namespaces),
            rollout history of the namespace's Deployments, recent Warning
            events, resource usage when the metrics API answers
  context   the context and namespace kubectl would use now

Options:
  -n, --namespace <ns>   namespace of the rollout, event and usage checks
                         (default: the context's namespace)
  --context <name>       a kubeconfig context instead of the current one
  --kubeconfig <file>    a kubeconfig file instead of KUBECONFIG / ~/.kube/config
  --revisions <n>        rollout revisions per Deployment (default: 5)
  --events <n>           recent Warning events (default: 20)
  --format text|json     output format (default: text)
  -h, --help             show this help

Exit codes: 0 healthy, 1 problems found, 2 bad usage, unreadable kubeconfig
or unreachable cluster.
`;

const k8s: CliCommand = {
  name: 'k8s',
  help,
  async run(context) {
    const { values, positionals } = parseFlags(context.argv, {
      namespace: { type: 'string', short: 'n' },
      context: { type: 'string' },
      kubeconfig: { type: 'string' },
      revisions: { type: 'string' },
      events: { type: 'string' },
      format: { type: 'string', default: 'text' },
    });
    const [subcommand, ...extra] = positionals;
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not '${values.format}'`);
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
    const source = {
      env: context.env,
      cwd: context.cwd,
      ...(values.kubeconfig === undefined ? {} : { kubeconfig: values.kubeconfig }),
      ...(values.context === undefined ? {} : { context: values.context }),
    };
    if (subcommand === 'health') {
      return health(
        context,
        {
          ...source,
          ...(values.namespace === undefined ? {} : { namespace: values.namespace }),
          ...count('revisions', values.revisions),
          ...count('events', values.events),
        },
        values.format,
      );
    }
    if (subcommand === 'context') return currentContext(context, source, values.format);
    if (subcommand === undefined) throw new UsageError('missing subcommand: health or context');
    throw new UsageError(`unknown subcommand '${subcommand}': use health or context`);
  },
};

export default k8s;

async function health(context: CliContext, options: KubernetesHealthOptions, format: 'text' | 'json'): Promise<number> {
  const { kubernetesHealth, formatHealthReport } = await import('../../kubernetes/index.ts');
  const report = await kubernetesHealth(options);
  if (format === 'json') context.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (report.status !== 'error') context.stdout.write(formatHealthReport(report, paint(context.color)));
  if (report.status === 'error') {
    context.stderr.write(`runbook k8s health: ${report.failure?.reason ?? report.summary}\n`);
    return ExitCode.usage;
  }
  return report.status === 'healthy' ? ExitCode.ok : ExitCode.failed;
}

async function currentContext(context: CliContext, source: KubeconfigSource & { context?: string }, format: 'text' | 'json'): Promise<number> {
  const { readCurrentKubeContext } = await import('../../kubernetes/index.ts');
  const read = await readCurrentKubeContext(source);
  if (!read.ok) {
    if (format === 'json') context.stdout.write(`${JSON.stringify(read, null, 2)}\n`);
    context.stderr.write(`runbook k8s context: ${read.problem.reason}\n`);
    return ExitCode.usage;
  }
  if (format === 'json') {
    context.stdout.write(`${JSON.stringify(read.current, null, 2)}\n`);
  } else {
    const { current } = read;
    const c = paint(context.color);
    context.stdout.write(`${c.bold(current.context)}  namespace ${current.namespace}${current.server ? `  ${c.dim(current.server)}` : ''}\n`);
  }
  return ExitCode.ok;
}

function count(name: 'revisions' | 'events', text: string | undefined): Partial<Record<'revisions' | 'events', number>> {
  if (text === undefined) return {};
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} must be a positive whole number, not '${text}'`);
  return { [name]: value };
}
