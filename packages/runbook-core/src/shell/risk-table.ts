import type { Risk } from '../model.ts';
import type { ArgumentSyntax } from './command-arguments.ts';

/**
 * One row of the risk table. A row holds for a command when its program is
 * listed and every condition given holds. Rows are tried in order and the
 * first that holds decides, so for each program the exceptions (dry runs)
 * come first, then destroying, mutating and reading rows, and a catch-all
 * row last. A program with no row that holds is "unknown" and mutates: we
 * cannot prove it harmless.
 *
 * Patterns match one word: `*` matches any word, `a|b` alternatives, and a
 * trailing `*` a prefix (`describe-*`). Operands and option values match
 * case-insensitively; a word only known at run time (`$ACTION`) matches `*`
 * and nothing else.
 */
export interface RiskRule {
  /** Program names (the basename of the command word). */
  programs: readonly string[];
  /** Patterns for the leading operands (arguments that are not options), in order. */
  operands?: readonly string[];
  /** A pattern that some operand matches (for CLIs with command groups of any depth). */
  anyOperand?: string;
  /** One of these options is given (`-r` also matches inside `-rf`). */
  options?: readonly string[];
  /** …with a value matching one of these patterns. */
  optionValues?: readonly string[];
  /** …with a value matching none of these patterns (a run-time value counts as other). */
  optionValuesNot?: readonly string[];
  risk: Risk;
  /** Why, in words for the documentation. */
  reason: string;
  /**
   * What else the command runs, whose risk counts too: the command after `--`
   * (`kubectl exec pod -- rm -rf /data`), or a script in the first operand
   * (`bash -c '…'`), in all operands (`eval`), or on standard input (`bash <<EOF`).
   */
  runs?: 'command-after-double-dash' | 'script-in-first-operand' | 'script-in-operands' | 'script-on-stdin';
  /** Where the command takes SQL from; when SQL is visible, its statements decide the risk instead. */
  sql?: { options?: readonly string[]; operand?: number; stdin?: boolean };
  /** A command this row decides (as words), used by the tests and the documentation. */
  example: readonly string[];
}

/** Programs that run another command given in their arguments; the command's risk is theirs. */
export interface CommandWrapper {
  programs: readonly string[];
  optionsWithValue?: readonly string[];
  /** Operands the wrapper itself takes before the command (`timeout 5s cmd`). */
  ownOperands?: number;
  /** `NAME=value` words before the command set its environment (`env A=b cmd`). */
  takesAssignments?: boolean;
  /** Options that make the wrapper only look the command up (`command -v kubectl`). */
  lookupOptions?: readonly string[];
  /** A single remaining word is a script the wrapper passes to `sh -c` (`watch 'kubectl get pods'`). */
  runsOneWordAsScript?: boolean;
  example: readonly string[];
}

const kubernetesClis = ['kubectl', 'oc'];
const shells = ['bash', 'sh', 'zsh', 'dash', 'ksh'];
const interpreters = ['python', 'python3', 'python2', 'node', 'ruby', 'perl', 'php', 'deno', 'bun'];
const psqlSql = { options: ['-c', '--command'], stdin: true };
const mysqlSql = { options: ['-e', '--execute'], stdin: true };

/** Options that take a value, per program, so operands (subcommands) are found where they are. */
export const argumentSyntax: Readonly<Record<string, ArgumentSyntax>> = {
  ...Object.fromEntries(kubernetesClis.map((name) => [name, { optionsWithValue: ['-n', '--namespace', '--context', '--cluster', '--user', '--kubeconfig', '-s', '--server', '--token', '--as', '--as-group', '-o', '--output', '-l', '--selector', '-c', '--container', '-f', '--filename', '--field-selector', '--sort-by', '--type', '-p', '--patch', '--patch-file', '--replicas', '--image', '--since', '--tail', '--timeout', '-k', '--kustomize', '--template', '--for', '--grace-period', '--to-revision'] }])),
  curl: { optionsWithValue: ['-X', '--request', '-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--data-ascii', '--json', '-F', '--form', '--form-string', '-T', '--upload-file', '-H', '--header', '-o', '--output', '-w', '--write-out', '-u', '--user', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-c', '--cookie-jar', '-m', '--max-time', '--connect-timeout', '-x', '--proxy', '-K', '--config', '-E', '--cert', '--key', '--cacert', '-r', '--range', '-Y', '-y', '-z', '-C', '-D', '--dump-header', '-U', '--retry', '--retry-delay', '--resolve', '--url', '--interface', '--limit-rate', '--oauth2-bearer', '--aws-sigv4'] },
  wget: { optionsWithValue: ['-O', '--output-document', '-o', '--output-file', '-P', '--directory-prefix', '--header', '--post-data', '--post-file', '--method', '--body-data', '-U', '--user-agent', '-t', '--tries', '-T', '--timeout', '--user', '--password'] },
  aws: { optionsWithValue: ['--region', '--profile', '--output', '--endpoint-url', '--query', '--color', '--cli-read-timeout', '--cli-connect-timeout', '--ca-bundle'] },
  terraform: { singleDashLong: true, optionsWithValue: ['-var', '-var-file', '-target', '-out', '-state', '-state-out', '-backup', '-lock-timeout', '-parallelism', '-replace'] },
  helm: { optionsWithValue: ['-n', '--namespace', '--kube-context', '--kubeconfig', '-f', '--values', '--set', '--set-string', '--set-file', '--version', '-o', '--output', '--timeout', '--revision', '--repo'] },
  systemctl: { optionsWithValue: ['-H', '--host', '-M', '--machine', '-p', '--property', '-t', '--type', '--state', '-n', '--lines', '-o', '--output', '-s', '--signal'] },
  journalctl: { optionsWithValue: ['-u', '--unit', '-n', '--lines', '-p', '--priority', '-S', '--since', '-U', '--until', '-o', '--output', '-b', '--boot', '-t', '--identifier', '-g', '--grep', '--vacuum-size', '--vacuum-time', '--vacuum-files'] },
  git: { optionsWithValue: ['-C', '-c', '--git-dir', '--work-tree'] },
  docker: { optionsWithValue: ['-H', '--host', '--context', '--config', '-l', '--log-level'] },
  podman: { optionsWithValue: ['--url', '--connection', '--log-level'] },
  kill: { singleDashLong: true, optionsWithValue: ['-s', '--signal', '-n'] },
  pkill: { singleDashLong: true, optionsWithValue: ['-s', '--signal', '-u', '-U', '-g', '-G', '-P', '-t'] },
  killall: { singleDashLong: true, optionsWithValue: ['-s', '--signal', '-u', '--user'] },
  find: { singleDashLong: true },
  sed: { optionsWithValue: ['-e', '--expression', '-f', '--file', '-l', '--line-length'] },
  yq: { optionsWithValue: ['-o', '--output-format', '-p', '--input-format', '--indent'] },
  tar: { optionsWithValue: ['-f', '--file', '-C', '--directory', '-T', '--files-from', '-X', '--exclude-from'] },
  psql: { optionsWithValue: ['-c', '--command', '-d', '--dbname', '-h', '--host', '-p', '--port', '-U', '--username', '-f', '--file', '-v', '--set', '--variable', '-o', '--output', '-F', '--field-separator', '-P', '--pset', '-R', '--record-separator', '-L', '--log-file'] },
  mysql: { optionsWithValue: ['-e', '--execute', '-h', '--host', '-P', '--port', '-u', '--user', '-D', '--database', '-S', '--socket', '--default-character-set'] },
  mariadb: { optionsWithValue: ['-e', '--execute', '-h', '--host', '-P', '--port', '-u', '--user', '-D', '--database', '-S', '--socket'] },
  sqlite3: { optionsWithValue: ['-cmd', '-separator', '-newline', '-nullvalue'], singleDashLong: true },
  'clickhouse-client': { optionsWithValue: ['-q', '--query', '-h', '--host', '--port', '-u', '--user', '-d', '--database', '-f', '--format'] },
  'redis-cli': { optionsWithValue: ['-h', '-p', '-a', '-n', '-u', '-s', '--user', '--pass', '-r', '-i'] },
  vault: { singleDashLong: true, optionsWithValue: ['-address', '-namespace', '-field', '-format', '-mount'] },
  gcloud: { optionsWithValue: ['--project', '--zone', '--region', '--format', '--filter', '--account', '--configuration', '--limit'] },
  az: { optionsWithValue: ['-g', '--resource-group', '-n', '--name', '--subscription', '-o', '--output', '--query'] },
  argocd: { optionsWithValue: ['--server', '--auth-token', '-o', '--output', '--grpc-web-root-path', '--revision'] },
  flux: { optionsWithValue: ['-n', '--namespace', '--context', '--kubeconfig'] },
  velero: { optionsWithValue: ['-n', '--namespace', '--kubecontext', '--kubeconfig', '--from-backup', '-o', '--output'] },
  etcdctl: { optionsWithValue: ['--endpoints', '--cacert', '--cert', '--key', '-w', '--write-out'] },
  ...Object.fromEntries(interpreters.map((name) => [name, { optionsWithValue: ['-m', '-c', '-e', '--eval', '-W', '-X', '-r', '--require'] }])),
};

/** Output redirected here writes no file. */
export const harmlessOutputFiles: readonly string[] = ['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty', '/dev/fd/*'];

export const commandWrappers: readonly CommandWrapper[] = [
  { programs: ['sudo', 'doas'], optionsWithValue: ['-u', '--user', '-g', '--group', '-h', '--host', '-p', '--prompt', '-C', '--close-from', '-r', '--role', '-t', '--type', '-U', '--other-user', '-D', '--chdir', '-T', '--command-timeout'], example: ['sudo', '-u', 'postgres', 'rm', '-rf', '/var/lib/data'] },
  { programs: ['env'], optionsWithValue: ['-u', '--unset', '-C', '--chdir'], takesAssignments: true, example: ['env', 'KUBECONFIG=prod.yaml', 'kubectl', 'delete', 'pod', 'api-0'] },
  { programs: ['time'], optionsWithValue: ['-f', '--format', '-o', '--output'], example: ['time', 'kubectl', 'drain', 'node-1'] },
  { programs: ['timeout'], optionsWithValue: ['-s', '--signal', '-k', '--kill-after'], ownOperands: 1, example: ['timeout', '30s', 'kubectl', 'rollout', 'undo', 'deployment/api'] },
  { programs: ['nohup', 'setsid', 'unbuffer', 'chronic', 'builtin'], example: ['nohup', 'kubectl', 'port-forward', 'svc/api', '8080:80'] },
  { programs: ['nice'], optionsWithValue: ['-n', '--adjustment'], example: ['nice', '-n', '10', 'rm', '-r', 'build'] },
  { programs: ['ionice'], optionsWithValue: ['-c', '--class', '-n', '--classdata', '-p', '--pid'], example: ['ionice', '-c', '3', 'rm', '-rf', 'cache'] },
  { programs: ['stdbuf'], optionsWithValue: ['-i', '-o', '-e', '--input', '--output', '--error'], example: ['stdbuf', '-oL', 'rm', '-rf', 'cache'] },
  { programs: ['xargs'], optionsWithValue: ['-I', '-n', '--max-args', '-P', '--max-procs', '-L', '--max-lines', '-d', '--delimiter', '-E', '-s', '--max-chars', '-a', '--arg-file'], example: ['xargs', '-n', '1', 'kubectl', 'delete', 'pod'] },
  { programs: ['flock'], optionsWithValue: ['-w', '--timeout', '-E', '--conflict-exit-code'], ownOperands: 1, example: ['flock', '/tmp/deploy.lock', 'helm', 'upgrade', 'api', './chart'] },
  { programs: ['watch'], optionsWithValue: ['-n', '--interval', '-d'], runsOneWordAsScript: true, example: ['watch', '-n', '60', 'kubectl delete pods --field-selector=status.phase=Failed'] },
  { programs: ['command', 'exec'], lookupOptions: ['-v', '-V'], example: ['exec', 'kubectl', 'delete', 'namespace', 'staging'] },
];

const readOnlyTools = [
  'jq', 'yq', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'echo', 'printf', 'cat', 'tac', 'head', 'tail', 'sort', 'uniq', 'wc', 'awk', 'gawk', 'mawk',
  'cut', 'paste', 'join', 'tr', 'column', 'fold', 'rev', 'nl', 'seq', 'expr', 'bc', 'less', 'more', 'ls', 'tree', 'ps', 'pgrep', 'df', 'du',
  'free', 'uptime', 'top', 'htop', 'vmstat', 'iostat', 'mpstat', 'sar', 'nproc', 'lscpu', 'lsblk', 'lsof', 'netstat', 'ss', 'ip', 'ifconfig',
  'dig', 'nslookup', 'host', 'ping', 'ping6', 'traceroute', 'tracepath', 'mtr', 'whois', 'test', '[', 'true', 'false', ':', 'sleep', 'wait',
  'pwd', 'cd', 'pushd', 'popd', 'dirs', 'whoami', 'id', 'groups', 'uname', 'which', 'type', 'hash', 'stat', 'file', 'realpath', 'readlink',
  'dirname', 'basename', 'base64', 'md5sum', 'sha1sum', 'sha256sum', 'sha512sum', 'cksum', 'diff', 'cmp', 'comm', 'xxd', 'od', 'hexdump',
  'strings', 'printenv', 'set', 'shopt', 'read', 'mapfile', 'readarray', 'getopts', 'shift', 'exit', 'return', 'break', 'continue', 'alias',
  'unalias', 'let', 'local', 'ulimit', 'umask', 'tput', 'clear', 'stern', 'dmesg', 'last', 'w', 'who', 'env', 'openssl', 'nc', 'telnet', 'tee',
  'date', 'hostname', 'journalctl', 'sed',
];

export const riskTable: readonly RiskRule[] = [
  // Kubernetes (`oc` is kubectl for OpenShift).
  { programs: kubernetesClis, options: ['--dry-run'], optionValues: ['client', 'server'], risk: 'read', reason: 'a client or server dry run changes nothing', example: ['kubectl', 'delete', 'pod', 'api-0', '--dry-run=server'] },
  { programs: kubernetesClis, operands: ['delete'], risk: 'destroy', reason: 'deletes cluster resources', example: ['kubectl', 'delete', 'pod', 'api-0', '-n', 'prod'] },
  { programs: kubernetesClis, operands: ['drain'], risk: 'destroy', reason: 'evicts every pod from a node', example: ['kubectl', 'drain', 'node-1', '--ignore-daemonsets'] },
  { programs: kubernetesClis, operands: ['rollout', 'undo'], risk: 'destroy', reason: 'rolls a workload back to an earlier revision', example: ['kubectl', 'rollout', 'undo', 'deployment/api', '-n', 'prod'] },
  { programs: kubernetesClis, operands: ['replace'], options: ['--force'], risk: 'destroy', reason: 'deletes and re-creates resources', example: ['kubectl', 'replace', '--force', '-f', 'api.yaml'] },
  { programs: kubernetesClis, operands: ['apply'], options: ['--prune'], risk: 'destroy', reason: 'deletes resources missing from the manifests', example: ['kubectl', 'apply', '--prune', '-l', 'app=api', '-f', 'k8s/'] },
  { programs: kubernetesClis, operands: ['rollout', 'history|status'], risk: 'read', reason: 'shows the state of a rollout', example: ['kubectl', 'rollout', 'history', 'deployment/api'] },
  { programs: kubernetesClis, operands: ['rollout', 'restart|pause|resume'], risk: 'mutate', reason: 'restarts, pauses or resumes a rollout', example: ['kubectl', 'rollout', 'restart', 'deployment/api', '-n', 'prod'] },
  { programs: kubernetesClis, operands: ['config', 'view|get-contexts|current-context|get-clusters|get-users'], risk: 'read', reason: 'shows the kubeconfig', example: ['kubectl', 'config', 'current-context'] },
  { programs: kubernetesClis, operands: ['config', '*'], risk: 'mutate', reason: 'changes the kubeconfig, and so which cluster later commands hit', example: ['kubectl', 'config', 'use-context', 'prod'] },
  { programs: kubernetesClis, operands: ['auth', 'can-i|whoami'], risk: 'read', reason: 'asks the API server about permissions', example: ['kubectl', 'auth', 'can-i', 'delete', 'pods'] },
  { programs: kubernetesClis, operands: ['get|describe|logs|top|explain|version|api-resources|api-versions|cluster-info|events|diff|wait|kustomize|completion|plugin|options|help'], risk: 'read', reason: 'only reads cluster state', example: ['kubectl', 'get', 'pods', '--all-namespaces'] },
  { programs: kubernetesClis, operands: ['exec|debug'], risk: 'mutate', runs: 'command-after-double-dash', reason: 'runs arbitrary code inside the cluster (the command after -- counts too)', example: ['kubectl', 'exec', '-it', 'deployment/api', '--', 'python', 'manage.py', 'shell'] },
  { programs: kubernetesClis, operands: ['run'], risk: 'mutate', reason: 'starts a pod that runs arbitrary code inside the cluster', example: ['kubectl', 'run', 'debug', '--rm', '-it', '--image=busybox', '--', 'sh'] },
  { programs: kubernetesClis, operands: ['cp|attach'], risk: 'mutate', reason: 'copies files into containers or attaches to their input', example: ['kubectl', 'cp', 'fix.sql', 'db-0:/tmp/fix.sql'] },
  { programs: kubernetesClis, operands: ['port-forward|proxy'], risk: 'mutate', reason: 'opens network access into the cluster until stopped', example: ['kubectl', 'port-forward', 'svc/api', '8080:80'] },
  { programs: kubernetesClis, operands: ['scale|patch|apply|create|edit|label|annotate|set|cordon|uncordon|taint|autoscale|expose|replace|certificate'], risk: 'mutate', reason: 'changes cluster resources', example: ['kubectl', 'scale', 'deployment', 'api', '--replicas=10'] },
  { programs: kubernetesClis, risk: 'mutate', reason: 'a subcommand not known to be read-only', example: ['kubectl', 'foo', 'bar'] },

  // HTTP.
  { programs: ['curl'], options: ['-X', '--request'], optionValues: ['DELETE'], risk: 'destroy', reason: 'an HTTP DELETE removes a remote resource', example: ['curl', '-X', 'DELETE', 'https://api.example.com/v1/items/42'] },
  { programs: ['curl'], options: ['-X', '--request'], optionValuesNot: ['GET', 'HEAD', 'OPTIONS'], risk: 'mutate', reason: 'an HTTP method that changes remote state', example: ['curl', '-X', 'POST', 'https://events.pagerduty.com/v2/enqueue'] },
  { programs: ['curl'], options: ['-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--data-ascii', '--json', '-F', '--form', '--form-string', '-T', '--upload-file'], risk: 'mutate', reason: 'sends data (a POST unless told otherwise)', example: ['curl', 'https://hooks.slack.com/services/T/B/X', '-d', '{"text":"hi"}'] },
  { programs: ['curl'], options: ['-o', '--output'], optionValuesNot: ['/dev/null', '-'], risk: 'mutate', reason: 'writes the response to a file', example: ['curl', '-o', 'backup.tar.gz', 'https://example.com/backup.tar.gz'] },
  { programs: ['curl'], options: ['-O', '--remote-name', '--remote-name-all'], risk: 'mutate', reason: 'writes the response to a file', example: ['curl', '-O', 'https://example.com/tool.tar.gz'] },
  { programs: ['curl'], risk: 'read', reason: 'an HTTP GET', example: ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'https://api.example.com/health'] },
  { programs: ['wget'], options: ['--post-data', '--post-file', '--body-data', '--method'], risk: 'mutate', reason: 'sends data', example: ['wget', '--post-data', 'a=1', 'https://example.com/hook'] },
  { programs: ['wget'], options: ['-O', '--output-document'], optionValues: ['-', '/dev/null'], risk: 'read', reason: 'downloads to standard output', example: ['wget', '-qO-', 'https://example.com/health'] },
  { programs: ['wget'], options: ['--spider'], risk: 'read', reason: 'only checks that the URL exists', example: ['wget', '--spider', 'https://example.com/'] },
  { programs: ['wget'], risk: 'mutate', reason: 'downloads a file', example: ['wget', 'https://example.com/tool.tar.gz'] },

  // Cloud providers.
  { programs: ['aws'], operands: ['rds', 'failover-*'], risk: 'destroy', reason: 'fails a database over to a replica', example: ['aws', 'rds', 'failover-db-cluster', '--db-cluster-identifier', 'prod'] },
  { programs: ['aws'], operands: ['rds', 'restore-*'], risk: 'destroy', reason: 'restores a database from a snapshot or a point in time', example: ['aws', 'rds', 'restore-db-instance-from-db-snapshot', '--db-instance-identifier', 'dr'] },
  { programs: ['aws'], operands: ['route53', 'change-resource-record-sets'], risk: 'destroy', reason: 'changes DNS records', example: ['aws', 'route53', 'change-resource-record-sets', '--hosted-zone-id', 'Z1', '--change-batch', 'file://dns.json'] },
  { programs: ['aws'], operands: ['*', 'delete-*|terminate-*'], risk: 'destroy', reason: 'deletes or terminates cloud resources', example: ['aws', 'ec2', 'terminate-instances', '--instance-ids', 'i-123'] },
  { programs: ['aws'], operands: ['s3', 'rm|rb'], risk: 'destroy', reason: 'deletes S3 objects or buckets', example: ['aws', 's3', 'rm', 's3://bucket/logs', '--recursive'] },
  { programs: ['aws'], operands: ['s3', 'sync'], options: ['--delete'], risk: 'destroy', reason: 'deletes objects missing from the source', example: ['aws', 's3', 'sync', 'build/', 's3://bucket', '--delete'] },
  { programs: ['aws'], operands: ['*', 'describe-*|list-*|get-*'], risk: 'read', reason: 'describes or lists cloud resources', example: ['aws', 'rds', 'describe-db-clusters', '--db-cluster-identifier', 'prod'] },
  { programs: ['aws'], operands: ['s3', 'ls'], risk: 'read', reason: 'lists S3 objects', example: ['aws', 's3', 'ls', 's3://bucket/'] },
  { programs: ['aws'], operands: ['logs', 'tail|filter-log-events'], risk: 'read', reason: 'reads logs', example: ['aws', 'logs', 'tail', '/ecs/api', '--since', '10m'] },
  { programs: ['aws'], options: ['--version'], risk: 'read', reason: 'prints its version', example: ['aws', '--version'] },
  { programs: ['aws'], risk: 'mutate', reason: 'an operation not known to be read-only', example: ['aws', 'ecs', 'update-service', '--service', 'api', '--desired-count', '4'] },
  { programs: ['gcloud', 'az'], anyOperand: 'delete', risk: 'destroy', reason: 'deletes cloud resources', example: ['gcloud', 'compute', 'instances', 'delete', 'vm-1', '--zone', 'europe-west1-b'] },
  { programs: ['gcloud', 'az'], anyOperand: 'list|describe|show|get-iam-policy|get-value|read|version', risk: 'read', reason: 'describes or lists cloud resources', example: ['gcloud', 'container', 'clusters', 'list'] },
  { programs: ['gcloud', 'az'], risk: 'mutate', reason: 'an operation not known to be read-only', example: ['az', 'aks', 'scale', '-g', 'rg', '-n', 'prod', '--node-count', '5'] },

  // Infrastructure as code and deployment tools.
  { programs: ['terraform', 'tofu'], operands: ['destroy'], risk: 'destroy', reason: 'destroys managed infrastructure', example: ['terraform', 'destroy', '-auto-approve'] },
  { programs: ['terraform', 'tofu'], operands: ['apply'], options: ['-auto-approve', '-destroy'], risk: 'destroy', reason: 'applies changes (which may replace or delete infrastructure) without review', example: ['terraform', 'apply', '-var-file=dr.tfvars', '-auto-approve'] },
  { programs: ['terraform', 'tofu'], operands: ['state', 'rm|push'], risk: 'destroy', reason: 'makes Terraform forget or overwrite its state', example: ['terraform', 'state', 'rm', 'aws_instance.api'] },
  { programs: ['terraform', 'tofu'], operands: ['apply'], risk: 'mutate', reason: 'applies changes after an interactive confirmation', example: ['terraform', 'apply', '-var-file=dr.tfvars'] },
  { programs: ['terraform', 'tofu'], operands: ['plan|show|output|validate|version|providers|graph'], risk: 'read', reason: 'only reads configuration and state', example: ['terraform', 'plan', '-out=tfplan'] },
  { programs: ['terraform', 'tofu'], operands: ['fmt'], options: ['-check'], risk: 'read', reason: 'only checks formatting', example: ['terraform', 'fmt', '-check'] },
  { programs: ['terraform', 'tofu'], operands: ['state|workspace', 'list|show|pull'], risk: 'read', reason: 'shows state or workspaces', example: ['terraform', 'workspace', 'show'] },
  { programs: ['terraform', 'tofu'], operands: ['workspace', '*'], risk: 'mutate', reason: 'switches or changes workspaces, and so the environment later commands change', example: ['terraform', 'workspace', 'select', 'disaster-recovery'] },
  { programs: ['terraform', 'tofu'], risk: 'mutate', reason: 'a subcommand not known to be read-only', example: ['terraform', 'init', '-upgrade'] },
  { programs: ['helm'], options: ['--dry-run'], risk: 'read', reason: 'a dry run changes nothing', example: ['helm', 'upgrade', 'api', './chart', '--dry-run'] },
  { programs: ['helm'], operands: ['uninstall|delete|del|un|rollback'], risk: 'destroy', reason: 'removes a release or rolls it back', example: ['helm', 'rollback', 'api', '3', '-n', 'prod'] },
  { programs: ['helm'], operands: ['install|upgrade'], risk: 'mutate', reason: 'installs or upgrades a release', example: ['helm', 'upgrade', '--install', 'api', './chart'] },
  { programs: ['helm'], operands: ['list|ls|status|history|hist|get|show|inspect|search|template|lint|version|env|diff|verify'], risk: 'read', reason: 'only reads releases and charts', example: ['helm', 'history', 'api', '-n', 'prod'] },
  { programs: ['helm'], operands: ['repo', 'list|ls'], risk: 'read', reason: 'lists chart repositories', example: ['helm', 'repo', 'list'] },
  { programs: ['helm'], risk: 'mutate', reason: 'a subcommand not known to be read-only', example: ['helm', 'repo', 'update'] },
  { programs: ['argocd'], operands: ['app', 'delete|rollback'], risk: 'destroy', reason: 'deletes an application or rolls it back', example: ['argocd', 'app', 'rollback', 'api', '12'] },
  { programs: ['argocd'], operands: ['app', 'get|list|history|diff|logs|manifests|resources'], risk: 'read', reason: 'only reads applications', example: ['argocd', 'app', 'get', 'api'] },
  { programs: ['argocd'], operands: ['version|context'], risk: 'read', reason: 'prints its version or contexts', example: ['argocd', 'version'] },
  { programs: ['argocd'], risk: 'mutate', reason: 'a subcommand not known to be read-only', example: ['argocd', 'app', 'sync', 'api'] },
  { programs: ['flux'], operands: ['delete|uninstall'], risk: 'destroy', reason: 'deletes Flux resources', example: ['flux', 'delete', 'kustomization', 'apps'] },
  { programs: ['flux'], operands: ['get|logs|check|version|tree|stats|events|diff|export'], risk: 'read', reason: 'only reads Flux resources', example: ['flux', 'get', 'kustomizations'] },
  { programs: ['flux'], risk: 'mutate', reason: 'a subcommand not known to be read-only', example: ['flux', 'reconcile', 'kustomization', 'apps'] },
  { programs: ['velero'], operands: ['*', 'delete'], risk: 'destroy', reason: 'deletes backups or restores', example: ['velero', 'backup', 'delete', 'nightly'] },
  { programs: ['velero'], operands: ['*', 'get|describe|logs'], risk: 'read', reason: 'only reads backups', example: ['velero', 'backup', 'get'] },
  { programs: ['velero'], risk: 'mutate', reason: 'a subcommand not known to be read-only', example: ['velero', 'restore', 'create', '--from-backup', 'nightly'] },
  { programs: ['kubectx', 'kubens'], operands: ['*'], risk: 'mutate', reason: 'switches the current context or namespace for later commands', example: ['kubectx', 'prod'] },
  { programs: ['kubectx', 'kubens'], risk: 'read', reason: 'lists contexts or namespaces', example: ['kubens'] },

  // Services and processes.
  { programs: ['systemctl'], operands: ['stop|kill|poweroff|reboot|halt|isolate|emergency|rescue'], risk: 'destroy', reason: 'stops services or the machine', example: ['systemctl', 'stop', 'nginx'] },
  { programs: ['systemctl'], operands: ['status|show|cat|is-active|is-enabled|is-failed|list-units|list-unit-files|list-timers|list-sockets|list-dependencies|list-jobs|get-default|help'], risk: 'read', reason: 'only reads unit state', example: ['systemctl', 'status', 'nginx', '--no-pager'] },
  { programs: ['systemctl'], risk: 'mutate', reason: 'starts, restarts, reloads or reconfigures units', example: ['systemctl', 'restart', 'nginx'] },
  { programs: ['service'], operands: ['*', 'stop'], risk: 'destroy', reason: 'stops a service', example: ['service', 'nginx', 'stop'] },
  { programs: ['service'], operands: ['*', 'status'], risk: 'read', reason: 'shows a service', example: ['service', 'nginx', 'status'] },
  { programs: ['service'], options: ['--status-all'], risk: 'read', reason: 'lists services', example: ['service', '--status-all'] },
  { programs: ['service'], risk: 'mutate', reason: 'starts, restarts or reloads a service', example: ['service', 'nginx', 'reload'] },
  { programs: ['journalctl'], options: ['--vacuum-size', '--vacuum-time', '--vacuum-files', '--rotate', '--flush'], risk: 'mutate', reason: 'rotates or deletes journal files', example: ['journalctl', '--vacuum-time=2d'] },
  { programs: ['kill', 'pkill', 'killall'], options: ['-l', '-L', '--list'], risk: 'read', reason: 'lists signal names', example: ['kill', '-l'] },
  { programs: ['kill', 'pkill', 'killall'], options: ['-9', '-KILL', '-SIGKILL'], risk: 'destroy', reason: 'kills processes without letting them shut down', example: ['kill', '-9', '1234'] },
  { programs: ['kill', 'pkill', 'killall'], options: ['-s', '--signal'], optionValues: ['9', 'KILL', 'SIGKILL'], risk: 'destroy', reason: 'kills processes without letting them shut down', example: ['pkill', '-s', 'KILL', 'gunicorn'] },
  { programs: ['kill', 'pkill', 'killall'], risk: 'mutate', reason: 'signals processes', example: ['kill', '-HUP', '1234'] },
  { programs: ['shutdown', 'reboot', 'halt', 'poweroff'], risk: 'destroy', reason: 'stops or restarts the machine', example: ['shutdown', '-r', 'now'] },
  { programs: ['docker', 'podman'], operands: ['rm|rmi|kill|stop'], risk: 'destroy', reason: 'removes or stops containers or images', example: ['docker', 'rm', '-f', 'api'] },
  { programs: ['docker', 'podman'], operands: ['system|container|image|volume|network|builder', 'prune|rm'], risk: 'destroy', reason: 'deletes containers, images, volumes or networks', example: ['docker', 'system', 'prune', '-af'] },
  { programs: ['docker', 'podman'], operands: ['ps|images|logs|inspect|version|info|stats|top|events|history|port|diff|search'], risk: 'read', reason: 'only reads container state', example: ['docker', 'ps', '-a'] },
  { programs: ['docker', 'podman'], operands: ['container|image|volume|network', 'ls|list|inspect|logs'], risk: 'read', reason: 'only reads container state', example: ['docker', 'volume', 'ls'] },
  { programs: ['docker', 'podman'], risk: 'mutate', reason: 'runs or changes containers', example: ['docker', 'run', '--rm', 'alpine', 'true'] },

  // Databases. With SQL in sight (`-c`, `-e`, a heredoc), the SQL decides instead.
  { programs: ['psql'], options: ['-l', '--list', '-V', '--version', '--help'], risk: 'read', reason: 'lists databases or prints its version', example: ['psql', '-l'] },
  { programs: ['psql'], sql: psqlSql, risk: 'mutate', reason: 'runs SQL we cannot see (a file or an interactive session)', example: ['psql', '-h', 'db', '-f', 'fix.sql'] },
  { programs: ['mysql', 'mariadb'], options: ['-V', '--version', '--help'], risk: 'read', reason: 'prints its version', example: ['mysql', '--version'] },
  { programs: ['mysql', 'mariadb'], sql: mysqlSql, risk: 'mutate', reason: 'runs SQL we cannot see (a file or an interactive session)', example: ['mysql', '-h', 'db', 'app'] },
  { programs: ['sqlite3'], sql: { operand: 1, stdin: true }, risk: 'mutate', reason: 'runs SQL we cannot see (an interactive session)', example: ['sqlite3', 'app.db'] },
  { programs: ['clickhouse-client'], sql: { options: ['-q', '--query'], stdin: true }, risk: 'mutate', reason: 'runs SQL we cannot see (an interactive session)', example: ['clickhouse-client', '--host', 'ch'] },
  { programs: ['redis-cli'], operands: ['flushall|flushdb|del|unlink|shutdown'], risk: 'destroy', reason: 'deletes keys or stops the server', example: ['redis-cli', '-h', 'cache', 'FLUSHALL'] },
  { programs: ['redis-cli'], operands: ['config', 'get'], risk: 'read', reason: 'reads configuration', example: ['redis-cli', 'CONFIG', 'GET', 'maxmemory'] },
  { programs: ['redis-cli'], operands: ['get|mget|info|ping|keys|scan|ttl|pttl|exists|type|strlen|llen|lrange|hget|hgetall|hkeys|hlen|smembers|scard|zrange|zcard|dbsize|memory|slowlog|latency|--stat|--bigkeys'], risk: 'read', reason: 'only reads keys or server state', example: ['redis-cli', '-h', 'cache', 'INFO', 'memory'] },
  { programs: ['redis-cli'], risk: 'mutate', reason: 'a command not known to be read-only (or an interactive session)', example: ['redis-cli', '-h', 'cache', 'SET', 'flag', '1'] },
  { programs: ['etcdctl'], operands: ['del'], risk: 'destroy', reason: 'deletes keys', example: ['etcdctl', 'del', '/registry/pods/x'] },
  { programs: ['etcdctl'], operands: ['get|endpoint|version|check'], risk: 'read', reason: 'only reads keys or cluster health', example: ['etcdctl', 'endpoint', 'health'] },
  { programs: ['etcdctl'], operands: ['member|alarm', 'list'], risk: 'read', reason: 'lists members or alarms', example: ['etcdctl', 'member', 'list'] },
  { programs: ['etcdctl'], risk: 'mutate', reason: 'a command not known to be read-only', example: ['etcdctl', 'put', 'key', 'value'] },
  { programs: ['vault'], operands: ['delete'], risk: 'destroy', reason: 'deletes secrets', example: ['vault', 'delete', 'secret/api'] },
  { programs: ['vault'], operands: ['kv', 'delete|destroy|metadata'], risk: 'destroy', reason: 'deletes secrets or their versions', example: ['vault', 'kv', 'destroy', '-versions=3', 'secret/api'] },
  { programs: ['vault'], operands: ['read|list|status|version|print'], risk: 'read', reason: 'only reads', example: ['vault', 'status'] },
  { programs: ['vault'], operands: ['kv|token', 'get|list|lookup'], risk: 'read', reason: 'only reads', example: ['vault', 'kv', 'get', 'secret/api'] },
  { programs: ['vault'], risk: 'mutate', reason: 'a command not known to be read-only', example: ['vault', 'kv', 'put', 'secret/api', 'key=value'] },

  // Version control.
  { programs: ['git'], operands: ['push'], options: ['-f', '--force', '--force-with-lease', '--delete', '-d', '--mirror', '--prune'], risk: 'destroy', reason: 'overwrites or deletes remote history', example: ['git', 'push', '--force', 'origin', 'main'] },
  { programs: ['git'], operands: ['reset'], options: ['--hard'], risk: 'destroy', reason: 'discards local changes', example: ['git', 'reset', '--hard', 'origin/main'] },
  { programs: ['git'], operands: ['clean'], options: ['-f', '--force'], risk: 'destroy', reason: 'deletes untracked files', example: ['git', 'clean', '-fdx'] },
  { programs: ['git'], operands: ['status|log|diff|show|rev-parse|ls-files|ls-remote|blame|grep|describe|shortlog|reflog|version'], risk: 'read', reason: 'only reads the repository', example: ['git', 'log', '--oneline', '-n', '20'] },
  { programs: ['git'], risk: 'mutate', reason: 'changes the repository or a remote', example: ['git', 'pull', '--rebase'] },

  // Files.
  { programs: ['rm'], options: ['-r', '-R', '--recursive'], risk: 'destroy', reason: 'deletes directories and everything in them', example: ['rm', '-rf', '/var/cache/app'] },
  { programs: ['rm'], risk: 'mutate', reason: 'deletes files', example: ['rm', 'app.pid'] },
  { programs: ['dd', 'shred', 'wipefs', 'fdisk', 'sfdisk', 'sgdisk', 'parted', 'mkfs', 'mkfs.*', 'mkswap', 'truncate'], risk: 'destroy', reason: 'overwrites or truncates data on disk', example: ['dd', 'if=/dev/zero', 'of=/dev/sdb', 'bs=1M'] },
  { programs: ['rsync'], options: ['--delete', '--delete-after', '--delete-before', '--delete-during', '--remove-source-files'], risk: 'destroy', reason: 'deletes files missing from the source', example: ['rsync', '-a', '--delete', 'build/', 'web:/srv/www/'] },
  { programs: ['find'], options: ['-delete'], risk: 'destroy', reason: 'deletes every file found', example: ['find', '/tmp/app', '-mtime', '+7', '-delete'] },
  { programs: ['find'], options: ['-exec', '-execdir', '-ok', '-okdir', '-fprint', '-fprintf', '-fls'], risk: 'mutate', reason: 'runs a command on, or writes, every file found', example: ['find', '.', '-name', '*.log', '-exec', 'gzip', '{}', ';'] },
  { programs: ['find'], risk: 'read', reason: 'only lists files', example: ['find', '/var/log', '-name', '*.log'] },
  { programs: ['sed', 'yq'], options: ['-i', '--in-place', '--inplace'], risk: 'mutate', reason: 'edits files in place', example: ['sed', '-i', 's/a/b/', 'config.yaml'] },
  { programs: ['tee'], operands: ['/dev/null|/dev/stdout|/dev/stderr|/dev/tty'], risk: 'read', reason: 'copies input to the terminal only', example: ['tee', '/dev/stderr'] },
  { programs: ['tee'], operands: ['*'], risk: 'mutate', reason: 'writes files', example: ['tee', '-a', 'incident.log'] },
  { programs: ['tar'], options: ['-t', '--list'], risk: 'read', reason: 'lists an archive', example: ['tar', '-tzf', 'backup.tgz'] },
  { programs: ['tar', 'unzip', 'gzip', 'gunzip', 'zip', 'mkdir', 'rmdir', 'cp', 'mv', 'touch', 'ln', 'chmod', 'chown', 'chgrp', 'install', 'scp', 'rsync', 'patch', 'crontab', 'mount', 'umount'], risk: 'mutate', reason: 'creates, changes, moves or removes files', example: ['cp', 'app.conf', 'app.conf.bak'] },
  { programs: ['date'], options: ['-s', '--set'], risk: 'mutate', reason: 'sets the system clock', example: ['date', '-s', '2024-01-01 00:00'] },
  { programs: ['hostname'], operands: ['*'], risk: 'mutate', reason: 'renames the machine', example: ['hostname', 'api-1'] },

  // Interpreters and scripts.
  { programs: shells, options: ['-c'], runs: 'script-in-first-operand', risk: 'read', reason: 'runs the script given with -c (its commands decide)', example: ['bash', '-c', 'kubectl get pods | grep -v Running'] },
  { programs: shells, operands: ['*'], risk: 'mutate', reason: 'runs a script file we cannot inspect', example: ['bash', './scripts/dr_verification.sh'] },
  { programs: shells, runs: 'script-on-stdin', risk: 'mutate', reason: 'runs the script on its standard input; when that is in sight (a heredoc), its commands decide', example: ['bash', '-s'] },
  { programs: ['eval'], runs: 'script-in-operands', risk: 'read', reason: 'runs its arguments as a script (its commands decide)', example: ['eval', 'kubectl get pods'] },
  { programs: ['trap'], runs: 'script-in-first-operand', risk: 'read', reason: 'sets a handler whose commands decide', example: ['trap', 'echo done', 'EXIT'] },
  { programs: ['source', '.'], risk: 'mutate', reason: 'runs a file we cannot inspect in this shell', example: ['source', './env.sh'] },
  { programs: interpreters, options: ['-m'], optionValues: ['json.tool'], risk: 'read', reason: 'only formats JSON', example: ['python3', '-m', 'json.tool'] },
  { programs: interpreters, risk: 'mutate', reason: 'runs code we cannot inspect', example: ['python', 'scripts/incident_metrics.py', '--month', '2024-01'] },

  // Everything else known to only read (output redirection still counts on its own).
  { programs: readOnlyTools, risk: 'read', reason: 'only reads or prints', example: ['grep', '-i', 'error', 'app.log'] },
];
