// Values and their precedence are the run session's; the CLI's step files read them from there.
export { describeMissingValues, findMissingValues, StepValues, type KeptExport, type MissingValue } from '../../session/step-values.ts';
