import type { Position, ShellCommand, Step, StepOptions } from '../../src/model.ts';

const start: Position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/**
 * A shell step for guard and job tests: one command per paragraph of code
 * (blank lines separate commands), programs as the shell analysis would list
 * them unless given.
 */
export function kubeStep(
  code: string,
  options: StepOptions = {},
  extra: { lang?: string; attributes?: Record<string, string>; programs?: string[][] } = {},
): Step {
  const lang = extra.lang ?? 'bash';
  const isShell = lang === 'bash' || lang === 'sh';
  const paragraphs = isShell ? code.split(/\n\s*\n/).filter((text) => text.trim() !== '') : [];
  const commands = paragraphs.map(
    (text, index): ShellCommand => ({
      index,
      text: text.trim(),
      position: start,
      risk: 'read',
      programs: extra.programs?.[index] ?? [],
    }),
  );
  return {
    id: `step-${options.name ?? 'under-test'}`,
    index: 0,
    ...(options.name === undefined ? {} : { name: options.name }),
    lang,
    attributes: extra.attributes ?? {},
    options,
    code,
    position: start,
    codePosition: start,
    isShell,
    commands,
    reads: [],
    writes: [],
    exports: [],
    risk: 'read',
  };
}
