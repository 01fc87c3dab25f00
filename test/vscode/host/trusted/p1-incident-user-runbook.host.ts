import { runP1Incident } from '../p1-incident-flow.ts';

// Built only when the user's runbook is here (the harness copies it into the workspace).
describe("a whole P1 incident on the user's runbook", () => {
  it('starts, assigns commander, lead and comms, copies the status update, resolves, and renders the resolution notice and the review with no slot left empty', async () => {
    await runP1Incident('incident-response.md', {
      resolutionNotice: '**Resolution Notification**',
      postIncidentReview: '#### Post-Incident Review Template',
    });
  });
});
