import type { Risk } from '../model.ts';
import { isWorse } from './risk.ts';
import { ownValue } from './own-value.ts';

/** What the first keyword of a SQL statement does. Anything else is unknown and mutates. */
export const sqlStatementRisk: Readonly<Record<string, Risk>> = {
  DROP: 'destroy',
  TRUNCATE: 'destroy',
  DELETE: 'destroy',
  INSERT: 'mutate',
  UPDATE: 'mutate',
  MERGE: 'mutate',
  REPLACE: 'mutate',
  UPSERT: 'mutate',
  ALTER: 'mutate',
  CREATE: 'mutate',
  GRANT: 'mutate',
  REVOKE: 'mutate',
  COPY: 'mutate',
  VACUUM: 'mutate',
  ANALYZE: 'mutate',
  REINDEX: 'mutate',
  CLUSTER: 'mutate',
  CALL: 'mutate',
  DO: 'mutate',
  LOCK: 'mutate',
  REFRESH: 'mutate',
  COMMENT: 'mutate',
  RENAME: 'mutate',
  KILL: 'mutate',
  FLUSH: 'mutate',
  OPTIMIZE: 'mutate',
  LOAD: 'mutate',
  IMPORT: 'mutate',
  EXEC: 'mutate',
  EXECUTE: 'mutate',
  REASSIGN: 'mutate',
  SELECT: 'read',
  SHOW: 'read',
  EXPLAIN: 'read',
  DESCRIBE: 'read',
  DESC: 'read',
  WITH: 'read',
  VALUES: 'read',
  TABLE: 'read',
  BEGIN: 'read',
  START: 'read',
  COMMIT: 'read',
  END: 'read',
  ROLLBACK: 'read',
  SAVEPOINT: 'read',
  RELEASE: 'read',
  SET: 'read',
  RESET: 'read',
  USE: 'read',
  LISTEN: 'read',
  FETCH: 'read',
  HELP: 'read',
  STATUS: 'read',
  CHECKSUM: 'read',
  CHECK: 'read',
};

/** Words that make a reading statement change data after all (`WITH d AS (DELETE …)`, `SELECT … INTO`, `pg_terminate_backend`). */
export const sqlWordsInsideQueries: Readonly<Record<string, Risk>> = {
  DELETE: 'destroy',
  DROP: 'destroy',
  TRUNCATE: 'destroy',
  INSERT: 'mutate',
  UPDATE: 'mutate',
  MERGE: 'mutate',
  INTO: 'mutate',
  PG_TERMINATE_BACKEND: 'mutate',
  PG_CANCEL_BACKEND: 'mutate',
  PG_RELOAD_CONF: 'mutate',
  PG_DROP_REPLICATION_SLOT: 'mutate',
  SETVAL: 'mutate',
  NEXTVAL: 'mutate',
  SET_CONFIG: 'mutate',
  LO_UNLINK: 'mutate',
  DBLINK_EXEC: 'mutate',
};

/** psql meta-commands that change something; the others only show. */
const psqlMetaCommandRisk: Readonly<Record<string, Risk>> = {
  copy: 'mutate',
  i: 'mutate',
  ir: 'mutate',
  include: 'mutate',
  '!': 'mutate',
  o: 'mutate',
  w: 'mutate',
  gexec: 'mutate',
};

export interface SqlRisk {
  risk: Risk;
  /** The keyword that decided, e.g. `DROP`, `UPDATE`, `\copy`. */
  keyword: string | undefined;
}

/** The worst statement in SQL text, by tokens (comments, strings and quoted names skipped). */
export function sqlRisk(sql: string): SqlRisk {
  let worst: SqlRisk = { risk: 'read', keyword: undefined };
  const consider = (risk: Risk, keyword: string): void => {
    if (isWorse(risk, worst.risk)) worst = { risk, keyword };
  };
  for (const statement of sqlStatements(sql)) {
    const [first] = statement;
    if (first === undefined) continue;
    if (first.startsWith('\\')) {
      const name = first.slice(1).toLowerCase();
      consider(ownValue(psqlMetaCommandRisk, name) ?? 'read', first);
      continue;
    }
    const risk = ownValue(sqlStatementRisk, first) ?? 'mutate';
    consider(risk, first);
    if (risk === 'read' || first === 'ALTER') {
      for (const word of statement) {
        const inner = ownValue(sqlWordsInsideQueries, word);
        if (inner && (risk === 'read' || inner === 'destroy')) consider(inner, word);
      }
    }
  }
  return worst;
}

/** Statements as lists of upper-cased words; a psql meta-command is one statement of its own. */
function sqlStatements(sql: string): string[][] {
  const statements: string[][] = [];
  let current: string[] = [];
  const end = (): void => {
    if (current.length > 0) statements.push(current);
    current = [];
  };
  let at = 0;
  while (at < sql.length) {
    const char = sql[at]!;
    if (char === ';') {
      end();
      at++;
    } else if (char === '-' && sql[at + 1] === '-') {
      at = lineEnd(sql, at);
    } else if (char === '/' && sql[at + 1] === '*') {
      const close = sql.indexOf('*/', at + 2);
      at = close < 0 ? sql.length : close + 2;
    } else if (char === "'" || char === '"' || char === '`') {
      at = quoteEnd(sql, at, char);
    } else if (char === '$' && /^\$[A-Za-z_]*\$/.test(sql.slice(at, at + 64))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(at, at + 64))![0];
      const close = sql.indexOf(tag, at + tag.length);
      at = close < 0 ? sql.length : close + tag.length;
    } else if (char === '\\' && current.length === 0) {
      const stop = lineEnd(sql, at);
      const name = /^\\(\S*)/.exec(sql.slice(at, stop))![1]!;
      if (name.length > 0) statements.push([`\\${name}`]);
      at = stop;
    } else if (isWordStart(char)) {
      let stop = at + 1;
      while (stop < sql.length && isWordPart(sql[stop]!)) stop++;
      current.push(sql.slice(at, stop).toUpperCase());
      at = stop;
    } else {
      at++;
    }
  }
  end();
  return statements;
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}

function quoteEnd(text: string, from: number, quote: string): number {
  let at = from + 1;
  while (at < text.length) {
    if (text[at] === quote) {
      if (text[at + 1] !== quote) return at + 1;
      at += 2;
    } else {
      at++;
    }
  }
  return text.length;
}

function isWordStart(char: string): boolean {
  return (char >= 'A' && char <= 'Z') || (char >= 'a' && char <= 'z') || char === '_';
}

function isWordPart(char: string): boolean {
  return isWordStart(char) || (char >= '0' && char <= '9') || char === '$';
}
