/** Node's arguments to run the CLI from its sources as a process of its own (tsx resolved here: the CLI runs in workspaces where it cannot be found). */
export const cliProcessArgs = ['--import', import.meta.resolve('tsx'), '--conditions', 'source', new URL('./runbook-cli.ts', import.meta.url).pathname];
