/**
 * Info-string languages analysed as shell. Session transcripts (`console`,
 * `shell-session`, `terminal`) are left out on purpose: they mix `$ ` prompts
 * with command output, so parsing them as a script would invent commands.
 * `fish` and `powershell` have other grammars.
 */
export const shellLanguages: readonly string[] = ['bash', 'sh', 'shell', 'zsh', 'ksh', 'dash', 'shellscript', 'shell-script'];

const known = new Set(shellLanguages);

export function isShellLanguage(lang: string): boolean {
  return known.has(lang.trim().toLowerCase());
}
