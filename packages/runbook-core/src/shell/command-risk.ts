import type { Risk } from '../model.ts';
import { parseCommandArguments, type CommandArguments, type CommandOption } from './command-arguments.ts';
import { worseDecision, type RiskDecision } from './risk.ts';
import { argumentSyntax, commandWrappers, riskTable, type CommandWrapper, type RiskRule } from './risk-table.ts';
import type { ShellWord } from './shell-word.ts';
import { sqlRisk } from './sql-risk.ts';
import { ownValue } from './own-value.ts';

/** The risk of one command and the programs it runs. */
export interface CommandRisk extends RiskDecision {
  programs: string[];
  /** The table row that decided, if one did. */
  rule?: RiskRule;
}

/** What deciding a command needs from the block around it. */
export interface CommandRiskScope {
  /** The risk of calling a function the block defines, or undefined if it defines none by that name. */
  functionRisk(name: string): CommandRisk | undefined;
  /** The risk of a script the command runs (`bash -c '…'`). */
  scriptRisk(script: string): CommandRisk;
}

/**
 * Decides a simple command from its words (program first) and the text it
 * reads on standard input when that is in sight (heredocs, here-strings).
 */
export function commandRisk(words: readonly ShellWord[], stdin: readonly string[], scope: CommandRiskScope): CommandRisk {
  const programs: string[] = [];
  let rest = words;
  for (;;) {
    const [first] = rest;
    if (first === undefined) return { risk: 'read', programs };
    if (first.value === undefined) {
      return { risk: 'mutate', reason: `program name only known at run time: ${shorten(first.raw)}`, programs };
    }
    const name = first.value;
    programs.push(name);
    const called = scope.functionRisk(name);
    if (called)
      return withPrograms(
        called.risk === 'read' ? { risk: 'read' } : { risk: called.risk, reason: `function ${name}: ${called.reason ?? ''}` },
        programs,
        called.programs,
      );
    const program = basename(name);
    const wrapper = wrapperFor(program);
    if (!wrapper) return decideByTable(first, program, rest.slice(1), stdin, scope, programs);
    const unwrapped = unwrapCommand(rest.slice(1), wrapper);
    if (unwrapped === 'lookup') return { risk: 'read', programs };
    if (wrapper.runsOneWordAsScript && unwrapped.words.length === 1) {
      const script = scope.scriptRisk(unwrapped.words[0]!.script);
      return withPrograms(script, programs, script.programs);
    }
    rest = unwrapped.words;
  }
}

function decideByTable(
  first: ShellWord,
  program: string,
  args: readonly ShellWord[],
  stdin: readonly string[],
  scope: CommandRiskScope,
  programs: string[],
): CommandRisk {
  const parsed = parseCommandArguments(args, ownValue(argumentSyntax, program) ?? {});
  const match = findRiskRule(program, parsed);
  if (!match) return { risk: 'mutate', reason: `unknown program ${shorten(first.value ?? first.raw)}`, programs };
  const { rule } = match;
  const words = [shorten(first.raw), ...match.words].join(' ');
  let decision: RiskDecision = decided(rule.risk, words);

  if (rule.sql) {
    const sources = sqlSources(rule.sql, parsed, stdin);
    if (sources.length > 0) {
      decision = { risk: 'read' };
      for (const source of sources) {
        const found = sqlRisk(source);
        decision = worseDecision(decision, decided(found.risk, `${words} running SQL ${found.keyword ?? ''}`.trimEnd()));
      }
    }
  }

  const inner = innerRisk(rule, parsed, stdin, scope);
  if (inner) {
    programs.push(...inner.programs);
    if (rule.runs === 'script-on-stdin') decision = inner;
    else decision = worseDecision(decision, inner.risk === 'read' ? inner : { risk: inner.risk, reason: `${words} … ${inner.reason ?? ''}` });
  }
  return { ...decided(decision.risk, decision.reason ?? words), programs, rule };
}

function innerRisk(rule: RiskRule, parsed: CommandArguments, stdin: readonly string[], scope: CommandRiskScope): CommandRisk | undefined {
  switch (rule.runs) {
    case 'command-after-double-dash':
      return parsed.afterDoubleDash?.length ? commandRisk(parsed.afterDoubleDash, stdin, scope) : undefined;
    case 'script-in-first-operand': {
      const [script] = parsed.operands;
      return script ? scope.scriptRisk(script.script) : undefined;
    }
    case 'script-in-operands':
      return parsed.operands.length > 0 ? scope.scriptRisk(parsed.operands.map((word) => word.script).join(' ')) : undefined;
    case 'script-on-stdin':
      return stdin.length > 0 ? scope.scriptRisk(stdin.join('\n')) : undefined;
    case undefined:
      return undefined;
  }
}

function sqlSources(sql: NonNullable<RiskRule['sql']>, parsed: CommandArguments, stdin: readonly string[]): string[] {
  const sources: string[] = [];
  for (const option of parsed.options) {
    if (sql.options?.includes(option.name) && option.hasValue) sources.push(option.value ?? option.raw);
  }
  const operand = sql.operand === undefined ? undefined : parsed.operands[sql.operand];
  if (operand) sources.push(operand.script);
  if (sql.stdin) sources.push(...stdin);
  return sources;
}

interface RuleMatch {
  rule: RiskRule;
  /** The words that made the row hold, as written (after the program). */
  words: string[];
}

const rulesByProgram = new Map<string, RiskRule[]>();
const rulesWithProgramPatterns: RiskRule[] = [];
for (const rule of riskTable) {
  for (const program of rule.programs) {
    if (program.endsWith('*') && program.length > 1) {
      if (!rulesWithProgramPatterns.includes(rule)) rulesWithProgramPatterns.push(rule);
    } else {
      const rules = rulesByProgram.get(program) ?? [];
      rules.push(rule);
      rulesByProgram.set(program, rules);
    }
  }
}

/** The first row of the risk table that holds for a program and its parsed arguments. */
export function findRiskRule(program: string, parsed: CommandArguments): RuleMatch | undefined {
  const rules =
    rulesByProgram.get(program) ?? rulesWithProgramPatterns.filter((rule) => rule.programs.some((pattern) => matchesPattern(program, pattern, false)));
  for (const rule of rules) {
    const words = ruleHolds(rule, parsed);
    if (words) return { rule, words };
  }
  return undefined;
}

function ruleHolds(rule: RiskRule, parsed: CommandArguments): string[] | undefined {
  const words: string[] = [];
  if (rule.operands) {
    for (const [index, pattern] of rule.operands.entries()) {
      const operand = parsed.operands[index];
      if (!operand || !matchesWord(operand, pattern)) return undefined;
      words.push(shorten(operand.raw));
    }
  }
  if (rule.anyOperand !== undefined) {
    const operand = parsed.operands.find((word) => matchesWord(word, rule.anyOperand!));
    if (!operand) return undefined;
    words.push(shorten(operand.raw));
  }
  if (rule.options) {
    const option = parsed.options.find((candidate) => rule.options!.includes(candidate.name) && optionValueHolds(rule, candidate));
    if (!option) return undefined;
    words.push(showOption(option, rule));
  }
  if (!rule.operands && rule.anyOperand === undefined && !rule.options && parsed.operands[0]) {
    // A catch-all row: name what it was given, e.g. `kubectl foo` or `python scripts/x.py`.
    words.push(shorten(parsed.operands[0].raw));
  }
  return words;
}

function optionValueHolds(rule: RiskRule, option: CommandOption): boolean {
  if (rule.optionValues) return option.value !== undefined && rule.optionValues.some((pattern) => matchesPattern(option.value!, pattern, true));
  if (rule.optionValuesNot) return option.value === undefined || !rule.optionValuesNot.some((pattern) => matchesPattern(option.value!, pattern, true));
  return true;
}

function showOption(option: CommandOption, rule: RiskRule): string {
  if (rule.optionValues || rule.optionValuesNot) return shorten(option.raw);
  return option.raw.length <= 16 && !option.raw.includes(' ') ? option.raw : option.name;
}

function matchesWord(word: ShellWord, pattern: string): boolean {
  if (word.value === undefined) return pattern === '*';
  return matchesPattern(word.value, pattern, true);
}

/** `*` any, `a|b` alternatives, `prefix*`. */
export function matchesPattern(value: string, pattern: string, ignoreCase: boolean): boolean {
  const subject = ignoreCase ? value.toLowerCase() : value;
  for (const alternative of patternAlternatives(pattern)) {
    const wanted = ignoreCase ? alternative.toLowerCase() : alternative;
    if (wanted === '*') return true;
    if (wanted.endsWith('*') ? subject.startsWith(wanted.slice(0, -1)) : subject === wanted) return true;
  }
  return false;
}

const alternativesByPattern = new Map<string, readonly string[]>();

function patternAlternatives(pattern: string): readonly string[] {
  let alternatives = alternativesByPattern.get(pattern);
  if (!alternatives) {
    alternatives = pattern.split('|');
    alternativesByPattern.set(pattern, alternatives);
  }
  return alternatives;
}

/** The wrapper row of the risk table for a program (`sudo`, `env`, `timeout`, …), if it is one. */
export function wrapperFor(program: string): CommandWrapper | undefined {
  return commandWrappers.find((wrapper) => wrapper.programs.includes(program));
}

/** What a wrapper runs: the command's words, and the `NAME=value` words it set for it (`env A=b cmd`). */
export interface UnwrappedCommand {
  words: ShellWord[];
  assignments: ShellWord[];
}

/** The wrapped command, or 'lookup' when the wrapper only looks a name up. Options end at the first operand. */
export function unwrapCommand(words: readonly ShellWord[], wrapper: CommandWrapper): UnwrappedCommand | 'lookup' {
  let index = 0;
  let ownOperands = wrapper.ownOperands ?? 0;
  const assignments: ShellWord[] = [];
  while (index < words.length) {
    const text = words[index]!.value;
    if (text === '--') {
      index++;
      break;
    }
    if (text !== undefined && text.length > 1 && text.startsWith('-')) {
      if (wrapper.lookupOptions?.includes(text)) return 'lookup';
      const takesValue = wrapper.optionsWithValue?.includes(text) ?? false;
      index += takesValue ? 2 : 1;
    } else if (wrapper.takesAssignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[index]!.script)) {
      assignments.push(words[index]!);
      index++;
    } else if (ownOperands > 0) {
      ownOperands--;
      index++;
    } else {
      break;
    }
  }
  return { words: words.slice(index), assignments };
}

function decided(risk: Risk, reason: string): RiskDecision {
  return risk === 'read' ? { risk } : { risk, reason };
}

function withPrograms(decision: RiskDecision, programs: string[], more: readonly string[]): CommandRisk {
  programs.push(...more);
  return { ...decision, programs };
}

export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length <= 48 ? oneLine : `${oneLine.slice(0, 47)}…`;
}
