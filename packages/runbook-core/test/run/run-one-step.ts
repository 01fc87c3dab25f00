// A separate process for tests about process lifetime: runs one bash step given
// as argv[2] and prints its stdout.
import { runStep } from '../../src/run/index.ts';
import { makeStep } from './make-step.ts';

const result = await runStep(makeStep({ code: process.argv[2] ?? '' }));
process.stdout.write(result.stdout);
