/**
 * Variables a shell or a login session sets, and widely used tool settings.
 * A runbook may read them without declaring them.
 */
const wellKnown = new Set([
  // Set by bash itself.
  'BASH', 'BASHPID', 'BASH_ARGC', 'BASH_ARGV', 'BASH_COMMAND', 'BASH_LINENO', 'BASH_REMATCH', 'BASH_SOURCE',
  'BASH_SUBSHELL', 'BASH_VERSINFO', 'BASH_VERSION', 'COLUMNS', 'DIRSTACK', 'EPOCHREALTIME', 'EPOCHSECONDS', 'EUID',
  'FUNCNAME', 'GROUPS', 'HISTFILE', 'HOSTNAME', 'HOSTTYPE', 'IFS', 'LINENO', 'LINES', 'MACHTYPE', 'OLDPWD',
  'OPTARG', 'OPTERR', 'OPTIND', 'OSTYPE', 'PIPESTATUS', 'PPID', 'PS1', 'PS2', 'PS3', 'PS4', 'PWD', 'RANDOM',
  'REPLY', 'SECONDS', 'SHELL', 'SHELLOPTS', 'SHLVL', 'SRANDOM', 'TMOUT', 'UID',
  // The login session.
  'HOME', 'PATH', 'USER', 'LOGNAME', 'LANG', 'LANGUAGE', 'TERM', 'TMPDIR', 'TZ', 'EDITOR', 'VISUAL', 'PAGER',
  'DISPLAY', 'MAIL', 'SSH_AUTH_SOCK', 'SSH_CONNECTION', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME',
  'XDG_RUNTIME_DIR', 'CI',
  // Proxies and tool settings.
  'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'KUBECONFIG',
  'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'GOPATH', 'GOROOT', 'JAVA_HOME', 'PYTHONPATH', 'VIRTUAL_ENV',
]);

export function isWellKnownEnvironment(name: string): boolean {
  return wellKnown.has(name) || name.startsWith('LC_');
}
