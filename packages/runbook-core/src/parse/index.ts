export { parseRunbook } from './parse-runbook.ts';
export { RunbookDocument, type TextEdit } from './runbook-document.ts';
// GitHub's heading anchors: `githubSlug('1. Team (IRT) 👥')` is `1-team-irt-`; a `GithubSlugger` makes them unique (`a`, `a-1`).
export { default as GithubSlugger, slug as githubSlug } from 'github-slugger';
export { LineIndex } from './line-index.ts';
