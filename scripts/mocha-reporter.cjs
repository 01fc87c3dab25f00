// Mocha's spec reporter, plus one plain closing line that any CI can count.
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, () => passed++);
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, () => failed++);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      // After Spec's epilogue, so the count is the last line printed.
      process.nextTick(() => console.log(`${passed} passed, ${failed} failed`));
    });
  }
}

module.exports = CountingReporter;
