import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BoundedText } from '../../src/run/bounded-text.ts';

describe('BoundedText', () => {
  it('keeps everything while it fits', () => {
    const text = new BoundedText(4, 4);
    text.append('abc');
    text.append('def');
    assert.equal(text.toString(), 'abcdef');
    assert.equal(text.dropped, 0);
  });

  it('keeps the head and the tail with a marker counting what was left out', () => {
    const text = new BoundedText(3, 3);
    for (const chunk of ['abcd', 'efgh', 'ijkl']) text.append(chunk);
    assert.equal(text.dropped, 6);
    assert.equal(
      text.toString((dropped) => `[${dropped}]`),
      'abc[6]jkl',
    );
  });

  it('matches head + tail of the whole text for any chunks and limits', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 50 }), { maxLength: 40 }), fc.nat(30), fc.nat(30), (chunks, head, tail) => {
        const text = new BoundedText(head, tail);
        for (const chunk of chunks) text.append(chunk);
        const whole = chunks.join('');
        const kept = whole.length <= head + tail ? whole : `${whole.slice(0, head)}|${whole.slice(whole.length - tail)}`;
        assert.equal(
          text.toString(() => '|'),
          kept,
        );
        assert.equal(text.dropped, Math.max(0, whole.length - head - tail));
      }),
    );
  });
});
