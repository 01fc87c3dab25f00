import type { Position } from 'runbook-core';

/** A range in VS Code's coordinates: 0-based lines and UTF-16 characters, end exclusive. */
export interface ZeroBasedRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * The one place where unist positions (1-based line and column) become editor
 * coordinates. Both count UTF-16 code units, so columns shift by one and
 * nothing else changes.
 */
export function toZeroBased(position: Position): ZeroBasedRange {
  return {
    start: { line: position.start.line - 1, character: position.start.column - 1 },
    end: { line: position.end.line - 1, character: position.end.column - 1 },
  };
}
