import * as vscode from 'vscode';
import bundled from '../../../../runbooks/smartcloudops-incident-response.md' with { type: 'text' };
import { runP1Incident } from '../p1-incident-flow.ts';
import { workspaceUri } from '../workbench.ts';

describe('a whole P1 incident on the bundled runbook', () => {
  it('starts, assigns commander, lead and comms, copies the status update, resolves, and renders the resolution notice and the review with no slot left empty', async () => {
    await vscode.workspace.fs.writeFile(workspaceUri('runbooks/smartcloudops-incident-response.md'), Buffer.from(bundled));
    await runP1Incident('runbooks/smartcloudops-incident-response.md', {
      resolutionNotice: '**Resolution Notification**',
      postIncidentReview: '### Post-incident review template',
    });
  });
});
