import type { Risk } from '../model.ts';
import { BlockRisk } from './block-risk.ts';
import { shellParser } from './grammar.ts';
import { worseDecision, type RiskDecision } from './risk.ts';
import { shellVariables } from './shell-variables.ts';
import { shellSyntaxErrors, type ShellSyntaxError } from './syntax-errors.ts';
import { rememberSyntaxTree } from './recent-syntax-trees.ts';
import { copySyntaxTree } from './syntax-node.ts';
import { topLevelStatements } from './top-level-statements.ts';

/** One top-level command of a shell block. */
export interface ShellAnalysisCommand {
  /** 0-based index within the block. */
  index: number;
  /** `code.slice(start, end)`. */
  text: string;
  /** UTF-16 offsets into the analysed code, end exclusive. */
  start: number;
  end: number;
  /** The comment line(s) heading it, without `#`, trimmed (see `topLevelStatements`). */
  heading?: string;
  risk: Risk;
  /** The words that decided a `mutate` or `destroy` risk, e.g. `kubectl rollout undo`; absent for `read`. */
  riskReason?: string;
  /** Programs it runs, in order, through wrappers, pipelines and substitutions. */
  programs: string[];
}

export interface ShellAnalysis {
  /** Top-level commands: simple commands, pipelines, `&&`/`||` lists and compound commands. */
  commands: ShellAnalysisCommand[];
  /** See `ShellVariables.reads`. */
  reads: string[];
  writes: string[];
  exports: string[];
  /** The worst risk of the commands; `read` for an empty block. */
  risk: Risk;
  syntaxErrors: ShellSyntaxError[];
}

/**
 * Analyses shell code with tree-sitter-bash: commands, headings, variables,
 * risk. Synchronous; never throws on any code, but needs `loadShellGrammar()`
 * to have finished (a misuse that throws).
 */
export function analyzeShell(code: string): ShellAnalysis {
  const parser = shellParser();
  const tree = parser.parse(code);
  if (!tree) {
    return {
      commands: [],
      reads: [],
      writes: [],
      exports: [],
      risk: 'read',
      syntaxErrors: [{ start: 0, end: code.length, reason: 'the shell parser gave no tree' }],
    };
  }
  let root: ReturnType<typeof copySyntaxTree>;
  try {
    root = copySyntaxTree(tree);
  } finally {
    tree.delete();
  }
  rememberSyntaxTree(code, root);

  const blockRisk = new BlockRisk(code, root);
  const treeErrors = shellSyntaxErrors(root, code);
  const { statements, errors } = topLevelStatements(root, code, treeErrors);
  let worst: RiskDecision = { risk: 'read' };
  const commands = statements.map((statement, index): ShellAnalysisCommand => {
    let decision: RiskDecision = { risk: 'read' };
    const programs: string[] = [];
    for (const node of statement.nodes) {
      const found = blockRisk.statementRisk(node);
      decision = worseDecision(decision, found);
      for (const program of found.programs) if (!programs.includes(program)) programs.push(program);
    }
    worst = worseDecision(worst, decision);
    const command: ShellAnalysisCommand = {
      index,
      text: code.slice(statement.start, statement.end),
      start: statement.start,
      end: statement.end,
      risk: decision.risk,
      programs,
    };
    if (statement.heading !== undefined) command.heading = statement.heading;
    if (decision.reason !== undefined) command.riskReason = decision.reason;
    return command;
  });

  const variables = shellVariables(root, code);
  const syntaxErrors = [...treeErrors, ...errors].sort((a, b) => a.start - b.start || a.end - b.end);
  return { commands, ...variables, risk: worst.risk, syntaxErrors };
}
