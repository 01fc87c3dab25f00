import assert from 'node:assert/strict';
import { LineIndex } from '../../src/parse/index.ts';

describe('LineIndex', () => {
  it('converts offsets to 1-based lines and columns over LF, CRLF and CR', () => {
    const lines = new LineIndex('a\nbc\r\nd\re\t');
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(
      [0, 1, 2, 4, 5, 6, 7, 8, 9, 10].map((offset) => {
        const point = lines.point(offset);
        return [point.line, point.column];
      }),
      [
        [1, 1],
        [1, 2],
        [2, 1],
        [2, 3],
        [2, 4],
        [3, 1],
        [3, 2],
        [4, 1],
        [4, 2],
        [4, 3],
      ],
    );
    assert.equal(lines.offset(2, 2), 3);
    assert.equal(lines.offset(4, 99), 10);
  });

  it('clamps offsets outside the text', () => {
    const lines = new LineIndex('ab');
    assert.deepEqual(lines.point(-5), { line: 1, column: 1, offset: 0 });
    assert.deepEqual(lines.point(99), { line: 1, column: 3, offset: 2 });
    assert.deepEqual(new LineIndex('').point(0), { line: 1, column: 1, offset: 0 });
  });
});
