const binary: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const decimal: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/**
 * The value of a Kubernetes quantity (`250m`, `1.5`, `128974848`, `129e6`,
 * `123Mi`) in base units: cores for CPU, bytes for memory. NaN when malformed.
 */
export function parseQuantity(text: string): number {
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/.exec(text.trim());
  if (!match) return Number.NaN;
  const number = Number(match[1]);
  if (match[2] !== undefined) return Number(`${match[1]}${match[2]}`);
  const suffix = match[3] ?? '';
  return number * (binary[suffix] ?? decimal[suffix] ?? Number.NaN);
}

/** CPU in millicores, rounded as `kubectl top` shows it. */
export function cpuMillicores(text: string): number {
  return Math.round(parseQuantity(text) * 1000);
}

export function memoryBytes(text: string): number {
  return Math.round(parseQuantity(text));
}
