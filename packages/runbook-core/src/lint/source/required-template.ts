import type { Template } from '../../model.ts';
import { parseInfoString } from '../../parse/info-string.ts';
import { fenceInfo } from './fence-info.ts';
import type { LineIndex } from './line-index.ts';

/**
 * A template marked `required=true` (or bare `required`) in its info string
 * is sent as rendered: every slot must be filled by rendering.
 */
export function isRequiredTemplate(template: Template, lines: LineIndex): boolean {
  const value = parseInfoString(fenceInfo(lines, template.position.start.offset).info).attributes.required;
  return value === 'true' || value === '';
}
