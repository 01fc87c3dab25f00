// The CLI as a process of its own, from the sources: for tests that send it real signals.
import { run } from '../../src/cli/run-process.ts';

process.exitCode = await run(process.argv.slice(2));
