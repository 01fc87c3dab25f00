import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Link } from '../../model.ts';
import type { LintFix } from '../lint-message.ts';
import type { LintRule } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';
import { closestName } from '../source/closest-name.ts';
import type { LineIndex } from '../source/line-index.ts';

const htmlAnchor = /<a\s[^<>]*\bname\s*=\s*["']?([^"'\s>]+)|\bid\s*=\s*["']([^"']+)["']/gi;
const scheme = /^[a-z][a-z0-9+.-]*:/i;

/**
 * In-page links (`#slug`) reach a heading or an HTML anchor; relative links
 * reach a file that exists, resolved from the runbook's folder. GitHub
 * matches fragments without regard to case, and so does this rule.
 */
export const brokenAnchor: LintRule = {
  id: 'broken-anchor',
  description: 'In-page anchors match a heading and relative links reach an existing file',
  url: ruleDocsUrl('broken-anchor'),
  defaultSeverity: 'warning',
  fixable: true,
  tags: ['links'],
  check({ runbook, lines, path, report }) {
    const anchors = new Set(runbook.sections.map((section) => section.slug));
    for (const match of lines.source.matchAll(htmlAnchor)) anchors.add((match[1] ?? match[2])!);
    const lowerCase = new Set([...anchors].map((anchor) => anchor.toLowerCase()));
    const folder = path === undefined ? undefined : dirname(path);
    for (const link of runbook.links) {
      const url = link.url.trim();
      if (url.startsWith('#')) {
        const anchor = decode(link.anchor ?? url.slice(1));
        if (anchor === '' || anchor.toLowerCase() === 'top' || lowerCase.has(anchor.toLowerCase())) continue;
        const suggestion = closestName(anchor.toLowerCase(), anchors);
        const fix = suggestion === undefined ? undefined : replaceFragment(lines, link, url.slice(1), suggestion);
        report({
          reason: `Link to '#${anchor}' matches no heading in this file${suggestion ? `; did you mean '#${suggestion}'?` : ''}`,
          position: link.position,
          ...(fix ? { fix } : {}),
        });
        continue;
      }
      if (folder === undefined || url === '' || scheme.test(url) || url.startsWith('/') || /\$\{|\{\{|<|>/.test(url)) continue;
      const file = url.replace(/[?#].*$/s, '');
      if (file === '') continue;
      if (existsSync(resolve(folder, file)) || existsSync(resolve(folder, decode(file)))) continue;
      report({ reason: `Link to '${file}' reaches no file (resolved from this file's folder)`, position: link.position });
    }
  },
};

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function replaceFragment(lines: LineIndex, link: Link, fragment: string, slug: string): LintFix | undefined {
  const start = link.position.start.offset;
  const written = lines.source.slice(start, link.position.end.offset);
  const at = written.indexOf(`#${fragment}`);
  if (at === -1 || written.indexOf(`#${fragment}`, at + 1) !== -1) return undefined;
  const from = start + at + 1;
  return { range: lines.position(from, from + fragment.length), insertText: slug, title: `Link to #${slug}` };
}
