export { parseRunbook } from './parse-runbook.ts';
export { RunbookDocument, type TextEdit } from './runbook-document.ts';
export { githubSlug, GithubSlugger } from './github-slug.ts';
export { LineIndex } from './line-index.ts';
