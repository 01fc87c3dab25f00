/**
 * A glob as a test on a `/`-separated relative path: `*` and `?` stay within
 * one segment, `**` spans segments, `{a,b}` is either. A pattern without a
 * `/` matches the file name in any folder, as in `.gitignore`. Letters match
 * either case: `RUNBOOK.md` is as much a runbook as `runbook.md`.
 */
export function globMatcher(pattern: string): (path: string) => boolean {
  const expression = new RegExp(`^${globSource(pattern)}$`, 'i');
  if (pattern.includes('/')) return (path) => expression.test(path);
  return (path) => expression.test(path.slice(path.lastIndexOf('/') + 1));
}

function globSource(pattern: string): string {
  let source = '';
  let braces = 0;
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index] as string;
    if (character === '*' && pattern[index + 1] === '*') {
      const slash = pattern[index + 2] === '/';
      // `**/` is zero or more folders; a trailing `**` is anything.
      source += slash ? '(?:[^/]*/)*' : '.*';
      index += slash ? 2 : 1;
    } else if (character === '*') source += '[^/]*';
    else if (character === '?') source += '[^/]';
    else if (character === '{') {
      braces++;
      source += '(?:';
    } else if (character === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (character === ',' && braces > 0) source += '|';
    else source += character.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return source + ')'.repeat(braces);
}
