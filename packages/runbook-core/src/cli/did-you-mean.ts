/**
 * The known word closest to a mistyped one, for "did you mean" hints: by edit
 * distance (at most a third of the word, at least 1), or the only known word
 * that starts with it. `undefined` when nothing is close enough to be a guess.
 */
export function closestMatch(wanted: string, known: Iterable<string>): string | undefined {
  const typed = wanted.toLowerCase();
  const candidates = [...new Set(known)];
  const limit = Math.max(1, Math.floor(typed.length / 3));
  let best: { word: string; distance: number } | undefined;
  for (const word of candidates) {
    const distance = editDistance(typed, word.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { word, distance };
  }
  if (best !== undefined) return best.word;
  const prefixed = typed.length >= 2 ? candidates.filter((word) => word.toLowerCase().startsWith(typed)) : [];
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** ` (did you mean 'x'?)`, or nothing. */
export function didYouMean(wanted: string, known: Iterable<string>, show: (word: string) => string = (word) => `'${word}'`): string {
  const match = closestMatch(wanted, known);
  return match === undefined ? '' : ` (did you mean ${show(match)}?)`;
}

/** Levenshtein distance with transpositions counted as one edit (`stauts` → `status`). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, row) => Array.from({ length: cols }, (_, col) => (row === 0 ? col : col === 0 ? row : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = table[i]!;
      const above = table[i - 1]!;
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, table[i - 2]![j - 2]! + 1);
    }
  }
  return table[a.length]![b.length]!;
}
