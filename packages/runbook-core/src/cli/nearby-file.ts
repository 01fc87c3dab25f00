import { readdir } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { closestMatch } from './did-you-mean.ts';

/**
 * For a runbook path that does not exist: the Markdown file in the same folder
 * (or in `runbooks/` under it) whose name is closest, as the user would type it.
 */
export async function nearbyRunbookFile(path: string, cwd: string): Promise<string | undefined> {
  const file = resolve(cwd, path);
  const folder = dirname(file);
  const candidates: string[] = [];
  for (const dir of [folder, join(folder, 'runbooks')]) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) if (/\.(md|markdown)$/i.test(name)) candidates.push(join(dir, name));
  }
  const byName = new Map(candidates.map((candidate) => [basename(candidate), candidate]));
  const wanted = basename(file);
  const match =
    closestMatch(wanted, byName.keys()) ??
    closestMatch(
      wanted.replace(/\.(md|markdown)$/i, ''),
      [...byName.keys()].map((name) => name.replace(/\.(md|markdown)$/i, '')),
    );
  const found = match === undefined ? undefined : (byName.get(match) ?? byName.get(`${match}.md`) ?? byName.get(`${match}.markdown`));
  return found === undefined ? undefined : relative(cwd, found) || found;
}
