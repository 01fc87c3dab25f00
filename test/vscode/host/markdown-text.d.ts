// Host specs bundle a Markdown file as text (esbuild's `with { type: 'text' }`):
// the extension host runs in an isolated folder and cannot read the repository.
declare module '*.md' {
  const text: string;
  export default text;
}
