import { describeHostSuite } from './harness/describe-host-suite.ts';

describeHostSuite('VS Code extension host (untrusted folder)', 'untrusted', { workspaceTrust: true });
