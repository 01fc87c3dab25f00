// The one public door of runbook-core: a deliberate list of re-exports, pinned
// by test/public-api.test.ts. Importing it runs nothing: the shell grammar
// loads on first use (or ahead of it, with `await loadShellGrammar()`).

export type * from './model.ts';
export type * from './template/index.ts';
export type * from './incident/index.ts';
export type * from './parse/index.ts';
export type * from './run/index.ts';
export type * from './kubernetes/index.ts';
export type * from './shell/index.ts';
export type * from './lint/index.ts';

// Parsing and editing a runbook.
export { parseRunbook, RunbookDocument } from './parse/index.ts';
export { applyTextEdits, removeAttribute, RunbookEditError, setAttribute, setChecked } from './edit/index.ts';
export { findTemplateSlots, renderTemplate } from './template/index.ts';

// Shell analysis.
export { analyzeShell, isShellGrammarLoaded, isShellLanguage, loadShellGrammar, riskTable, shellLanguages } from './shell/index.ts';

// Running steps.
export { planStep, REDACTED, renderPlan, runIdVariable, runStep, StepError } from './run/index.ts';
export { buildConfirmation, commandIndex, commandNumber, commandNumberList, findAlternatives, riskyCommandCount, textAboveBlock } from './run/index.ts';

// Incidents and their journals.
export {
  assertIncidentId,
  assignRole,
  canonicalRole,
  changeSeverity,
  currentIncident,
  DEFAULT_INCIDENT_ID_TEMPLATE,
  DEFAULT_SEVERITIES,
  FileIncidentStore,
  findStatusUpdateTemplate,
  formatIncidentId,
  formatTimelineTable,
  IncidentInputError,
  incidentMetrics,
  incidentStatus,
  incidentTimeline,
  isIncidentId,
  JOURNAL_SCHEMA_VERSION,
  JournalStorageError,
  KNOWN_ROLES,
  listIncidents,
  loadIncident,
  loadIncidents,
  METRIC_DEFINITIONS,
  notifySlack,
  parseMonth,
  postIncidentReview,
  recordEvent,
  renderStatusUpdate,
  resolveIncident,
  resolveSeverity,
  reviewWithRunbook,
  setCurrentIncident,
  severityLevels,
  slackNotices,
  startIncident,
  verifyJournal,
} from './incident/index.ts';

// Kubernetes.
export {
  checkStepContext,
  createKubernetesClient,
  formatHealthReport,
  kubernetesHealth,
  readCurrentKubeContext,
  readKubeconfig,
  resolveStepTargets,
  runK8sHealthStep,
  runStepAsJob,
} from './kubernetes/index.ts';

// Lint.
export {
  applyFixes,
  builtinRules,
  ConfigFinder,
  configFileName,
  formatLintResults,
  LintConfigError,
  lintFiles,
  lintFormats,
  lintMarkdown,
  lintRunbook,
  readConfigFile,
  ruleDocsUrl,
  validateConfig,
} from './lint/index.ts';

// The run session: one policy of running steps for the CLI, the editor and library users.
export type * from './session/index.ts';
export { openRunSession, RunExit, RunSession } from './session/index.ts';

// The two-person rule and live incidents: every front-end asks, decides and follows the same way.
export { approvalStatusAt, currentUser, pendingApprovals, watchIncident } from './incident/index.ts';
export { decideApproval } from './session/index.ts';

// The shared incident store: PostgreSQL behind a local outbox, chosen by runbook.config.json or RUNBOOK_STORE.
export {
  chooseIncidentStore,
  closeIncidentStores,
  OfflineFirstStore,
  PostgresIncidentStore,
  pushIncident,
  readStoreChoice,
} from './incident/index.ts';
