import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { askLine, askYesNo, PromptCanceled } from '../../src/cli/prompt.ts';
import { textSink } from './text-sink.ts';

/** A stdin that behaves like a terminal's: `setRawMode` switches echo off. */
class FakeTerminalInput extends PassThrough {
  rawModes: boolean[] = [];
  isTTY = true;
  setRawMode(mode: boolean): this {
    this.rawModes.push(mode);
    return this;
  }
}

describe('prompts', () => {
  it('reads one line per question, keeping what was typed ahead for the next', async () => {
    const stdin = new PassThrough();
    const stderr = textSink();
    stdin.write('first answer\r\nsecond');
    stdin.end('\n');
    assert.equal(await askLine({ stdin, stderr: stderr.stream }, 'One? '), 'first answer');
    assert.equal(await askLine({ stdin, stderr: stderr.stream }, 'Two? '), 'second');
    assert.equal(await askLine({ stdin, stderr: stderr.stream }, 'Three? '), '');
    assert.equal(stderr.text(), 'One? Two? Three? ');
  });

  it('reads a secret in raw mode (no echo), handles backspace, and restores the mode', async () => {
    const stdin = new FakeTerminalInput();
    const stderr = textSink();
    const answer = askLine({ stdin, stderr: stderr.stream }, 'Token: ', { secret: true });
    stdin.write('abcx\u007fd\r');
    assert.equal(await answer, 'abcd');
    assert.deepEqual(stdin.rawModes, [true, false]);
    assert.equal(stderr.text(), 'Token: \n');
  });

  it('turns Ctrl-C at a secret prompt into PromptCanceled', async () => {
    const stdin = new FakeTerminalInput();
    const answer = askLine({ stdin, stderr: textSink().stream }, 'Token: ', { secret: true });
    stdin.write('ab\u0003');
    await assert.rejects(answer, PromptCanceled);
    assert.deepEqual(stdin.rawModes, [true, false]);
  });

  it('takes only y or yes as yes', async () => {
    for (const [typed, expected] of [
      ['y', true],
      ['YES', true],
      [' yes ', true],
      ['', false],
      ['n', false],
      ['yep', false],
      ['sure', false],
    ] as const) {
      const stdin = new PassThrough();
      stdin.end(`${typed}\n`);
      assert.equal(await askYesNo({ stdin, stderr: textSink().stream }, 'Run?'), expected, typed);
    }
  });
});
