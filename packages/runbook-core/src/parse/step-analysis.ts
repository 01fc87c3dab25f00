import type { Risk } from '../model.ts';
import { analyzeShell, type ShellAnalysis, type ShellAnalysisCommand } from '../shell/index.ts';
import type { CodeSourceMap } from './code-source-map.ts';
import type { MessageFact } from './message-fact.ts';

/** A command with source offsets relative to its block (see block-facts.ts) instead of code offsets. */
export type CommandFact = ShellAnalysisCommand;

export interface StepAnalysis {
  commands: CommandFact[];
  reads: string[];
  writes: string[];
  exports: string[];
  risk: Risk;
  messages: MessageFact[];
}

/** Shell analyses by code, so an edited document re-analyses only changed blocks. */
export type ShellAnalysisCache = Map<string, ShellAnalysis>;

/**
 * What a step's code does. Shell code goes through tree-sitter-bash. Code in
 * any other language cannot be analysed, so it is one command covering the
 * whole code with risk `mutate`: the runner's confirmation gate then asks
 * before running it, which is the only safe default for a script nobody has
 * read. Blank code has no commands and risk `read`.
 */
export function analyseStep(
  code: string,
  lang: string,
  isShell: boolean,
  map: CodeSourceMap,
  toLocal: (offset: number) => number,
  cache: ShellAnalysisCache,
): StepAnalysis {
  if (code.trim() === '') return { commands: [], reads: [], writes: [], exports: [], risk: 'read', messages: [] };
  const at = (offset: number): number => toLocal(map.toSource(offset));
  if (!isShell) return unanalysed(code, `unanalysed ${lang === '' ? 'untagged' : lang} code`, at);
  let analysis = cache.get(code);
  if (analysis === undefined) {
    try {
      analysis = analyzeShell(code);
    } catch (error) {
      const result = unanalysed(code, 'shell analysis failed', at);
      result.messages.push({
        ruleId: 'shell-analysis',
        severity: 'warning',
        reason: `the shell code could not be analysed: ${(error as Error).message}`,
        start: at(0),
        end: at(code.length),
      });
      return result;
    }
    cache.set(code, analysis);
  }
  return {
    commands: analysis.commands.map((command) => ({
      ...command,
      start: at(command.start),
      end: at(command.end),
      programs: [...command.programs],
    })),
    reads: [...analysis.reads],
    writes: [...analysis.writes],
    exports: [...analysis.exports],
    risk: analysis.risk,
    messages: analysis.syntaxErrors.map((error) => ({
      ruleId: 'shell-syntax',
      severity: 'warning',
      reason: error.reason,
      start: at(error.start),
      end: at(error.end),
    })),
  };
}

function unanalysed(code: string, reason: string, at: (offset: number) => number): StepAnalysis {
  const command: CommandFact = { index: 0, text: code, start: at(0), end: at(code.length), risk: 'mutate', riskReason: reason, programs: [] };
  return { commands: [command], reads: [], writes: [], exports: [], risk: 'mutate', messages: [] };
}
