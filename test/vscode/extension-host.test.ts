import { describeHostSuite } from './harness/describe-host-suite.ts';

describeHostSuite('VS Code extension host (trusted folder)', 'trusted', { workspaceTrust: false });
