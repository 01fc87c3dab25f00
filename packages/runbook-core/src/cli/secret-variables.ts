// What counts as secret is the run session's policy; the CLI reads it from there.
export { isSecretVariable } from '../session/secret-variables.ts';
