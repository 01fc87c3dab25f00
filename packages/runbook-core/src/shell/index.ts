export { analyzeShell, type ShellAnalysis, type ShellAnalysisCommand } from './analyze-shell.ts';
export { isShellGrammarLoaded, loadShellGrammar } from './grammar.ts';
export { isShellLanguage, shellLanguages } from './shell-languages.ts';
export { argumentSyntax, commandWrappers, harmlessOutputFiles, riskTable, type CommandWrapper, type RiskRule } from './risk-table.ts';
export { sqlStatementRisk, sqlWordsInsideQueries } from './sql-risk.ts';
export type { ShellSyntaxError } from './syntax-errors.ts';
