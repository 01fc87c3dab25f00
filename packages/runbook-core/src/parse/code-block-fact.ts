import { slug as githubSlug } from 'github-slugger';
import type { Risk, StepOptions } from '../model.ts';
import { isShellLanguage } from '../shell/index.ts';
import { CodeSourceMap } from './code-source-map.ts';
import { parseInfoString } from './info-string.ts';
import type { MessageFact } from './message-fact.ts';
import { codeHash } from './stable-id.ts';
import { analyseStep, type CommandFact, type ShellAnalysisCache } from './step-analysis.ts';
import { readStepOptions } from './step-options.ts';
import { findSlots, isTemplateLanguage, type SlotFact } from './template-slots.ts';

/** A fenced block, classified; offsets relative to its top-level block. */
export interface CodeBlockFact {
  role: 'step' | 'template' | 'diagram';
  lang: string;
  attributes: Record<string, string>;
  options: StepOptions;
  code: string;
  hash: string;
  /** The `name` attribute slugged, when it gives one: the block's id. */
  namedId?: string;
  start: number;
  end: number;
  codeStart: number;
  codeEnd: number;
  /** Headings of the same top-level block before this one (for its section). */
  headingsBefore: number;
  isShell: boolean;
  commands: CommandFact[];
  reads: string[];
  writes: string[];
  exports: string[];
  risk: Risk;
  slots: SlotFact[];
}

export interface CodeBlockInput {
  source: string;
  /** The block's content, container indentation removed. */
  value: string;
  /** The fence's language as CommonMark reads it (mdast's `lang`: escapes and references decoded); '' for none. */
  language: string;
  /** Absolute offsets of the node. */
  start: number;
  end: number;
  blockStart: number;
  headingsBefore: number;
  shellCache: ShellAnalysisCache;
}

/**
 * Reads one fenced code block: `mermaid` is a diagram; an untagged, text or
 * Markdown block holding slots is a template; everything else is a step.
 * Indented code is not a step: `undefined`.
 */
export function readCodeBlock(input: CodeBlockInput, messages: MessageFact[]): CodeBlockFact | undefined {
  const { source, value, start, end, blockStart } = input;
  const fence = source[start];
  if (fence !== '`' && fence !== '~') return undefined;
  const toLocal = (offset: number): number => offset - blockStart;
  let fenceEnd = start;
  while (source[fenceEnd] === fence) fenceEnd++;
  let infoEnd = fenceEnd;
  while (infoEnd < source.length && source[infoEnd] !== '\n' && source[infoEnd] !== '\r') infoEnd++;
  const info = parseInfoString(source.slice(fenceEnd, infoEnd));
  for (const problem of info.problems) {
    messages.push(attributeMessage('error', problem.reason, toLocal(fenceEnd + problem.start), toLocal(fenceEnd + problem.end)));
  }
  const code = value;
  const map = new CodeSourceMap(source, start, code);
  const codeStart = code === '' ? map.contentLineStart : map.toSource(0);
  const codeEnd = code === '' ? map.contentLineStart : map.toSource(code.length);
  if (!isClosed(source, start, end, fence, fenceEnd - start)) {
    messages.push({
      ruleId: 'unclosed-fence',
      severity: 'error',
      reason: `this ${fence.repeat(fenceEnd - start)} fence is never closed, so the block runs to the end of ${end >= source.length ? 'the file' : 'its container'}`,
      start: toLocal(start),
      end: toLocal(fenceEnd),
    });
  }
  const lang = runmeLanguage(input.language);
  const slots = isTemplateLanguage(lang) ? findSlots(code) : [];
  const role = lang.toLowerCase() === 'mermaid' ? 'diagram' : slots.length > 0 ? 'template' : 'step';
  const { options, problems } = role === 'diagram' ? { options: {}, problems: [] } : readStepOptions(info.attributes);
  for (const problem of problems) {
    const span = info.attributeSpans.get(problem.key) ?? { start: 0, end: infoEnd - fenceEnd };
    messages.push(attributeMessage(problem.severity, problem.reason, toLocal(fenceEnd + span.start), toLocal(fenceEnd + span.end)));
  }
  const isShell = role === 'step' && isShellLanguage(lang.toLowerCase());
  const fact: CodeBlockFact = {
    role,
    lang,
    attributes: info.attributes,
    options,
    code,
    hash: codeHash(code),
    start: toLocal(start),
    end: toLocal(end),
    codeStart: toLocal(codeStart),
    codeEnd: toLocal(codeEnd),
    headingsBefore: input.headingsBefore,
    isShell,
    commands: [],
    reads: [],
    writes: [],
    exports: [],
    risk: 'read',
    slots: slots.map((slot) => ({ ...slot, start: toLocal(map.toSource(slot.start)), end: toLocal(map.toSource(slot.end)) })),
  };
  const namedId = options.name === undefined ? '' : githubSlug(options.name);
  if (namedId !== '') fact.namedId = namedId;
  if (role === 'step') {
    const analysis = analyseStep(code, lang, isShell, map, toLocal, input.shellCache);
    fact.commands = analysis.commands;
    fact.reads = analysis.reads;
    fact.writes = analysis.writes;
    fact.exports = analysis.exports;
    fact.risk = analysis.risk;
    messages.push(...analysis.messages);
  }
  return fact;
}

// Runme lets the attribute block touch the language: `bash{name=x}` is bash. The
// attributes are Runme's syntax, not CommonMark's: read as written (see parseInfoString).
function runmeLanguage(language: string): string {
  const brace = language.indexOf('{');
  return brace === -1 ? language : language.slice(0, brace);
}

function attributeMessage(severity: MessageFact['severity'], reason: string, start: number, end: number): MessageFact {
  return { ruleId: 'invalid-attribute', severity, reason, start, end };
}

// Closed when the node's last line is a fence of the same character, at least as long.
function isClosed(source: string, start: number, end: number, fence: string, length: number): boolean {
  let lineStart = end;
  while (lineStart > start && source[lineStart - 1] !== '\n' && source[lineStart - 1] !== '\r') lineStart--;
  if (lineStart === start) return false;
  const last = source
    .slice(lineStart, end)
    .replace(/^[ \t>]*/, '')
    .trimEnd();
  return last.length >= length && [...last].every((character) => character === fence);
}
