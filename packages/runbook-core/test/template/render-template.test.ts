import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findTemplateSlots, renderTemplate } from '../../src/template/index.ts';

describe('renderTemplate', () => {
  it('fills ${VAR} slots and keeps the rest of the text byte for byte', () => {
    const result = renderTemplate('## Incident ${INCIDENT_ID}\n**Start**: ${START_TIME}\n', {
      INCIDENT_ID: 'INC-20261114-1423',
      START_TIME: '2026-11-14 14:23 UTC',
    });
    assert.equal(result.text, '## Incident INC-20261114-1423\n**Start**: 2026-11-14 14:23 UTC\n');
    assert.deepEqual(
      result.filled.map((slot) => slot.name),
      ['INCIDENT_ID', 'START_TIME'],
    );
    assert.deepEqual(result.unfilled, []);
  });

  it('leaves unknown slots as written and reports them with positions in the input', () => {
    const result = renderTemplate('a\n  url: ${TRACKING_URL} and ${ID}', { ID: '7' });
    assert.equal(result.text, 'a\n  url: ${TRACKING_URL} and 7');
    assert.deepEqual(result.unfilled, [
      {
        kind: 'variable',
        name: 'TRACKING_URL',
        raw: '${TRACKING_URL}',
        position: { start: { line: 2, column: 8, offset: 9 }, end: { line: 2, column: 23, offset: 24 } },
      },
    ]);
  });

  it('inserts values literally and never expands or evaluates them', () => {
    const hostile = '$(touch pwned); `id`; ${OTHER} $HOME';
    const result = renderTemplate('x=${A} y=${OTHER}', { A: hostile, OTHER: 'o' });
    assert.equal(result.text, `x=${hostile} y=o`);
  });

  it('does not treat bare $VAR, shell defaults or inherited properties as slots', () => {
    const result = renderTemplate('$A ${A:-x} ${toString} ${__proto__}', { A: 'filled' });
    assert.equal(result.text, '$A ${A:-x} ${toString} ${__proto__}');
    assert.deepEqual(
      result.unfilled.map((slot) => slot.name),
      ['toString', '__proto__'],
    );
  });

  it('masks the values of the names it is asked to mask', () => {
    const result = renderTemplate('token ${TOKEN} user ${USER_NAME}', { TOKEN: 's3cr3t', USER_NAME: 'ana' }, { mask: ['TOKEN'] });
    assert.equal(result.text, 'token ****** user ana');
    assert.equal(result.text.includes('s3cr3t'), false);
    assert.deepEqual(
      result.filled.map((slot) => [slot.name, slot.masked]),
      [
        ['TOKEN', true],
        ['USER_NAME', false],
      ],
    );
  });

  it('fills bracket placeholders only on request, by text or by a function', () => {
    const text = '**Status**: [Investigating/Mitigating/Resolved]\n**Severity**: P[0-3]\nSee [docs](https://x) and [ref][1].';
    assert.equal(renderTemplate(text, {}).text, text);
    const byText = renderTemplate(text, {}, { placeholders: { 'Investigating/Mitigating/Resolved': 'Mitigating' } });
    assert.equal(byText.text.split('\n')[0], '**Status**: Mitigating');
    assert.deepEqual(
      byText.unfilled.map((slot) => slot.raw),
      ['[0-3]'],
    );
    const byFunction = renderTemplate(text, {}, { placeholders: ({ name, before }) => (before.endsWith('P') ? `${name.length}` : undefined) });
    assert.equal(byFunction.text.split('\n')[1], '**Severity**: P3');
  });

  it('rejects a mask given as a single string, naming the option', () => {
    assert.throws(() => renderTemplate('${A}', { A: 'x' }, { mask: 'A' as unknown as string[] }), /option 'mask'.*'A'/);
  });

  it('renders any text with any values without throwing, and filling everything leaves no slot', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite' }), fc.dictionary(fc.constantFrom('A', 'B', 'INCIDENT_ID'), fc.string()), (text, values) => {
        const result = renderTemplate(text, values);
        for (const slot of result.unfilled) assert.equal(Object.hasOwn(values, slot.name), false);
        const slots = findTemplateSlots(text);
        assert.equal(result.filled.length + result.unfilled.length, slots.length);
        for (const slot of slots) assert.equal(text.slice(slot.position.start.offset, slot.position.end.offset), slot.raw);
      }),
    );
  });
});

describe('findTemplateSlots', () => {
  it('skips links, images, references and task boxes when looking for placeholders', () => {
    const text = '- [ ] task\n- [x] done\n![alt](i.png) [a](b) [c][d] [e]: f\nImpact: [Description of user-facing impact]';
    assert.deepEqual(
      findTemplateSlots(text, { placeholders: true }).map((slot) => [slot.name, slot.position.start.line, slot.position.start.column]),
      [['Description of user-facing impact', 4, 9]],
    );
  });

  it('takes a subject tag followed by subject text as literal, and a lone subject bracket as a slot', () => {
    const text = 'Subject: [Resolved] Service Disruption\nSubject: [Incident title]\n**Issue**: [Brief description]';
    assert.deepEqual(
      findTemplateSlots(text, { placeholders: true }).map((slot) => slot.name),
      ['Incident title', 'Brief description'],
    );
  });
});
