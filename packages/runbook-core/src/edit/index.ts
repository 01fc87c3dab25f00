export { setChecked, checkedEdits } from './set-checked.ts';
export { setAttribute, removeAttribute, attributeEdits } from './set-attribute.ts';
export { applyTextEdits } from './apply-text-edits.ts';
export { RunbookEditError } from './runbook-edit-error.ts';
export { declareVariable, declareVariableEdit, type DeclareVariableOptions } from './declare-variable.ts';
