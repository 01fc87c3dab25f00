// Started as its own process by the watchdog test: starts a PostgreSQL
// cluster, says where it is, and waits to be killed without any chance to
// clean up.
import { startPostgresServer } from '../support/postgres-server.ts';

const server = await startPostgresServer();
process.stdout.write(`${JSON.stringify({ dir: server.dir, port: server.port, processGroup: server.processGroup() })}\n`);
setInterval(() => undefined, 60_000);
