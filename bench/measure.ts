/**
 * CPU milliseconds (user + system) per run of each candidate, runs interleaved
 * (in alternating order),
 * after three warm-up runs each (V8 needs a few passes to optimise the
 * hot paths; we measure the steady state). CPU time rather than wall time: this machine is
 * shared, and other work on it stretches wall time but not our CPU time.
 */
export async function measure(candidates: Record<string, () => void>, runs: number): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = {};
  for (let warmUp = 0; warmUp < 3; warmUp++) for (const run of Object.values(candidates)) run();
  const entries = Object.entries(candidates);
  for (let index = 0; index < runs; index++) {
    // Alternate the order, so no candidate always runs right after another's garbage.
    const order = index % 2 === 0 ? entries : [...entries].reverse();
    for (const [name, run] of order) {
      (samples[name] ??= []).push(cpuMilliseconds(run));
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return samples;
}

/** CPU milliseconds (user + system) one call of `run` takes. */
export function cpuMilliseconds(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function printRows(samples: Record<string, number[]>, baseline: number, bytes?: number): void {
  for (const [name, values] of Object.entries(samples)) {
    const middle = median(values);
    const speed = bytes === undefined ? '' : `  ${(bytes / 1e6 / (middle / 1000)).toFixed(2)} MB/s`;
    console.log(`${name.padEnd(28)} ${middle.toFixed(2).padStart(10)} ms CPU  ×${(middle / baseline).toFixed(3)}${speed}`);
  }
}
