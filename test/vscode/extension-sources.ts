// packages/vscode-extension/src is not in the root tsconfig's include list;
// this import brings the extension (and the `vscode` API types the in-host
// specs use) into the root type-check.
export type * from '../../packages/vscode-extension/src/extension.ts';
