import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProgressLine } from '../../src/cli/progress-line.ts';
import { textSink } from './text-sink.ts';

describe('ProgressLine', () => {
  it('draws a line with the label and elapsed time, clears it before output and at the end', async () => {
    const terminal = textSink();
    const line = new ProgressLine(terminal.stream, { enabled: true, delayMs: 0, intervalMs: 5 });
    line.start('disk-usage · INC-1');
    while (!terminal.text().includes('disk-usage')) await sleep(5);
    line.write(terminal.stream, 'output\n');
    line.stop();
    const text = terminal.text();
    assert.match(text, /^\r\u001B\[K. disk-usage · INC-1 \d+\.\ds/);
    // The line is erased before the output, and the output is whole.
    assert.match(text, /\r\u001B\[Koutput\n/);
    assert.ok(text.endsWith('\r\u001B[K') || text.endsWith('output\n'));
  });

  it('does not draw in the middle of a line of output', async () => {
    const terminal = textSink();
    const line = new ProgressLine(terminal.stream, { enabled: true, delayMs: 0, intervalMs: 5 });
    line.start('step');
    line.write(terminal.stream, 'partial');
    await sleep(40);
    line.stop();
    assert.equal(terminal.text(), 'partial');
  });

  it('writes only the output when disabled (no terminal)', async () => {
    const terminal = textSink();
    const line = new ProgressLine(terminal.stream, { enabled: false, delayMs: 0, intervalMs: 5 });
    line.start('step');
    await sleep(30);
    line.write(terminal.stream, 'out\n');
    line.stop();
    assert.equal(terminal.text(), 'out\n');
  });
});
