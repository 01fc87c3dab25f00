// What GitHub strips from heading text to make an anchor (github-slugger's table):
// other numbers, punctuation except `_` and `-`, symbols (emoji included),
// controls, format and private-use characters, separators except the space —
// but never a letter (some symbols are alphabetic).
const strippedCharacter = /(?![\p{Alphabetic} -])[\p{No}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{S}\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Z}]/gu;

/** GitHub's anchor for a heading text: `### 1. Team (IRT) 👥` → `1-team-irt-`. */
export function githubSlug(text: string): string {
  return text.toLowerCase().replace(strippedCharacter, '').replace(/ /g, '-');
}

/** Hands out unique slugs in document order: `a`, `a-1`, `a-2`, as GitHub does. */
export class GithubSlugger {
  readonly #occurrences = new Map<string, number>();

  slug(text: string): string {
    return this.unique(githubSlug(text));
  }

  /** Makes an already slugged text unique. */
  unique(base: string): string {
    let slug = base;
    while (this.#occurrences.has(slug)) {
      const count = (this.#occurrences.get(base) ?? 0) + 1;
      this.#occurrences.set(base, count);
      slug = `${base}-${count}`;
    }
    this.#occurrences.set(slug, 0);
    return slug;
  }
}
