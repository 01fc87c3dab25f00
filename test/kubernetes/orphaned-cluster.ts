// Started as its own process by the watchdog test: starts a cluster, says
// where it is, and waits to be killed without any chance to clean up.
import { startTestCluster } from './test-cluster.ts';

const cluster = await startTestCluster();
process.stdout.write(`${JSON.stringify({ dir: cluster.dir, processGroups: cluster.processGroups })}\n`);
setInterval(() => undefined, 60_000);
