import type { Risk } from '../model.ts';

const codes = { bold: [1, 22], dim: [2, 22], red: [31, 39], yellow: [33, 39], green: [32, 39] } as const;

/** ANSI styling that is a no-op when colour is off (no TTY, NO_COLOR). */
export function paint(enabled: boolean) {
  const style = (name: keyof typeof codes) => (text: string) => (enabled ? `\u001B[${codes[name][0]}m${text}\u001B[${codes[name][1]}m` : text);
  const byRisk = { read: style('green'), mutate: style('yellow'), destroy: style('red') } as const;
  return {
    bold: style('bold'),
    dim: style('dim'),
    red: style('red'),
    yellow: style('yellow'),
    green: style('green'),
    risk: (risk: Risk, text: string) => byRisk[risk](text),
  };
}
