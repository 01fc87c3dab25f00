// Mocha's spec reporter, plus skip reasons and one plain closing line that any
// CI can count: `N passed, N failed`, with `, N skipped` when some were.
//
// A test skipped through test/support/skip-with-reason.ts carries its reason
// (on itself or on a suite above it): it is printed beside the test, and the
// summary counts skips per reason, so nothing is skipped silently.
//
// Under scripts/test.mjs (RUNBOOK_TEST_COUNTS names a file) the counts go to
// that file as JSON instead of the closing line, and test.mjs prints the line
// last, after coverage and with the static checks counted in.
const { writeFileSync } = require('node:fs');
const Mocha = require('mocha');

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;
const noReason = 'skipped without a reason given';

function skipReason(test) {
  for (let node = test; node; node = node.parent) {
    if (typeof node.skipReason === 'string') return node.skipReason;
  }
  return undefined;
}

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    // Spec prints a skipped test without its reason; this reporter prints it instead.
    const before = new Set(runner.listeners(EVENT_TEST_PENDING));
    super(runner, options);
    for (const listener of runner.listeners(EVENT_TEST_PENDING)) {
      if (!before.has(listener)) runner.removeListener(EVENT_TEST_PENDING, listener);
    }

    let passed = 0;
    let failed = 0;
    const skipped = new Map();
    runner.on(EVENT_TEST_PASS, () => passed++);
    runner.on(EVENT_TEST_FAIL, () => failed++);
    runner.on(EVENT_TEST_PENDING, (test) => {
      const reason = skipReason(test);
      const key = reason ?? noReason;
      skipped.set(key, (skipped.get(key) ?? 0) + 1);
      // Spec indents a test by two spaces per suite above it.
      const depth = test.titlePath().length - 1;
      const line = `${'  '.repeat(depth)}  - ${test.title}${reason ? ` (skipped: ${reason})` : ''}`;
      Mocha.reporters.Base.consoleLog(Mocha.reporters.Base.color('pending', '%s'), line);
    });
    runner.once(EVENT_RUN_END, () => {
      // After Spec's epilogue, so the count is the last line printed.
      process.nextTick(() => {
        const total = [...skipped.values()].reduce((sum, count) => sum + count, 0);
        for (const [reason, count] of skipped) console.log(`${count} skipped: ${reason}`);
        const countsFile = process.env.RUNBOOK_TEST_COUNTS;
        if (countsFile) {
          writeFileSync(countsFile, `${JSON.stringify({ passed, failed, skipped: total })}\n`);
        } else {
          console.log(`${passed} passed, ${failed} failed${total > 0 ? `, ${total} skipped` : ''}`);
        }
      });
    });
  }
}

module.exports = CountingReporter;
