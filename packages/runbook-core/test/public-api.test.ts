import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as core from 'runbook-core';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('../', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
// TypeScript support for child processes that start outside the repository.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

describe('runbook-core: the library door', function () {
  this.timeout(300_000);

  it('exports exactly these values (sorted)', () => {
    assert.deepEqual(Object.keys(core).sort(), [
      'ConfigFinder',
      'DEFAULT_INCIDENT_ID_TEMPLATE',
      'DEFAULT_SEVERITIES',
      'FileIncidentStore',
      'IncidentInputError',
      'JOURNAL_SCHEMA_VERSION',
      'JournalStorageError',
      'KNOWN_ROLES',
      'LintConfigError',
      'METRIC_DEFINITIONS',
      'OfflineFirstStore',
      'PostgresIncidentStore',
      'REDACTED',
      'RunExit',
      'RunSession',
      'RunbookDocument',
      'RunbookEditError',
      'StepError',
      'analyzeShell',
      'applyFixes',
      'applyTextEdits',
      'approvalStatusAt',
      'assertIncidentId',
      'assignRole',
      'buildConfirmation',
      'builtinRules',
      'canonicalRole',
      'changeSeverity',
      'checkStepContext',
      'chooseIncidentStore',
      'closeIncidentStores',
      'commandIndex',
      'commandNumber',
      'commandNumberList',
      'configFileName',
      'createKubernetesClient',
      'currentIncident',
      'currentUser',
      'decideApproval',
      'findAlternatives',
      'findStatusUpdateTemplate',
      'findTemplateSlots',
      'formatHealthReport',
      'formatIncidentId',
      'formatLintResults',
      'formatTimelineTable',
      'incidentMetrics',
      'incidentStatus',
      'incidentTimeline',
      'isIncidentId',
      'isShellGrammarLoaded',
      'isShellLanguage',
      'kubernetesHealth',
      'lintFiles',
      'lintFormats',
      'lintMarkdown',
      'lintRunbook',
      'listIncidents',
      'loadIncident',
      'loadIncidents',
      'loadShellGrammar',
      'notifySlack',
      'openRunSession',
      'parseMonth',
      'parseRunbook',
      'pendingApprovals',
      'planStep',
      'postIncidentReview',
      'pushIncident',
      'readConfigFile',
      'readCurrentKubeContext',
      'readKubeconfig',
      'readStoreChoice',
      'recordEvent',
      'removeAttribute',
      'renderPlan',
      'renderStatusUpdate',
      'renderTemplate',
      'resolveIncident',
      'resolveSeverity',
      'resolveStepTargets',
      'reviewWithRunbook',
      'riskTable',
      'riskyCommandCount',
      'ruleDocsUrl',
      'runIdVariable',
      'runK8sHealthStep',
      'runStep',
      'runStepAsJob',
      'setAttribute',
      'setChecked',
      'setCurrentIncident',
      'severityLevels',
      'shellLanguages',
      'slackNotices',
      'startIncident',
      'textAboveBlock',
      'validateConfig',
      'verifyJournal',
      'watchIncident',
    ]);
  });

  it('importing it runs nothing observable: no grammar loaded, no output; the first parse loads it synchronously', async () => {
    const script = `
      const core = await import('runbook-core');
      const before = core.isShellGrammarLoaded();
      const risk = core.parseRunbook('\`\`\`bash\\nkubectl delete namespace prod\\n\`\`\`\\n').steps[0].risk;
      process.stdout.write(JSON.stringify({ before, risk, after: core.isShellGrammarLoaded() }));
    `;
    const cwd = mkdtempSync(join(tmpdir(), 'runbook-door-'));
    try {
      // Resolved from the package, run in an empty folder: anything it wrote there would show.
      const { stdout, stderr } = await run(process.execPath, ['--conditions=source', '--import', tsx, '--input-type=module', '-e', script], {
        cwd: packageDir,
        env: { ...process.env, RUNBOOK_WORKSPACE: cwd },
      });
      assert.deepEqual(JSON.parse(stdout), { before: false, risk: 'destroy', after: true });
      assert.equal(stderr, '');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it("the README's library example runs as written", async () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const example = /## The library\s+```js\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(example, "README.md has a js example under '## The library'");
    // A user's project: runbook-core installed, the runbooks beside it.
    const project = mkdtempSync(join(tmpdir(), 'runbook-readme-'));
    try {
      mkdirSync(join(project, 'node_modules'));
      symlinkSync(packageDir, join(project, 'node_modules', 'runbook-core'));
      symlinkSync(join(repoRoot, 'runbooks'), join(project, 'runbooks'));
      const { stdout } = await run(process.execPath, ['--conditions=source', '--import', tsx, '--input-type=module', '-e', example], {
        cwd: project,
        env: { ...process.env, RUNBOOK_WORKSPACE: project },
      }).catch(async (error: { stderr?: string }) => {
        throw new Error(`the README example failed: ${error.stderr ?? String(error)}`);
      });
      assert.match(stdout, /disk-usage \(read\) line \d+/);
      assert.match(stdout, /^exit 0 in [\d.]+ ms$/m);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('ships declarations that a TypeScript consumer resolves through `exports` (types, not any)', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'runbook-types-'));
    try {
      // The package as published: package.json, the declarations the build emits, its dependencies.
      const pkg = join(scratch, 'node_modules', 'runbook-core');
      mkdirSync(pkg, { recursive: true });
      cpSync(join(packageDir, 'package.json'), join(pkg, 'package.json'));
      symlinkSync(join(packageDir, 'node_modules'), join(pkg, 'node_modules'));
      const tsc = join(repoRoot, 'node_modules', '.bin', 'tsc');
      await run(tsc, ['-p', join(packageDir, 'tsconfig.types.json'), '--outDir', join(pkg, 'dist', 'types')]).catch((error: { stdout?: string }) => {
        throw new Error(`declarations do not build: ${error.stdout ?? String(error)}`);
      });
      writeFileSync(join(scratch, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(
        join(scratch, 'consumer.ts'),
        [
          "import { parseRunbook, verifyJournal, type Runbook, type JournalVerification } from 'runbook-core';",
          "const runbook: Runbook = parseRunbook('# Title');",
          'const steps: number = runbook.steps.length;',
          '// @ts-expect-error a count is not text: the types are real, not any',
          'const wrong: string = runbook.steps.length;',
          "const check: Promise<JournalVerification> = verifyJournal('INC-1', { workspace: '.' });",
          'export { check, steps, wrong };',
          '',
        ].join('\n'),
      );
      writeFileSync(
        join(scratch, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            target: 'ES2022',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: ['node'],
            typeRoots: [join(repoRoot, 'node_modules', '@types')],
          },
          files: ['consumer.ts'],
        }),
      );
      const checked = await run(tsc, ['-p', scratch]).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error), failed: true }));
      assert.equal('failed' in checked, false, checked.stdout);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
