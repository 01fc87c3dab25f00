/**
 * The shared store's schema, as numbered steps applied in order by
 * `migrateSchema` and recorded in `runbook.schema_migrations`. A step is never
 * edited once released: a change is a new step.
 *
 * Everything lives in the `runbook` schema, so the store can share a database
 * the team already runs. The chain of every journal is computed by the
 * database, in the trigger, with the incident's row locked: concurrent writers
 * are chained in commit order, and `who` is the authenticated role's display
 * name, never a value the client sends.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'incidents, events and people',
    sql: `
CREATE TABLE runbook.incidents (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,95}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by name NOT NULL DEFAULT session_user,
  -- The hash of the last line; NULL until the first event (the chain then starts from the genesis).
  last_hash text,
  events bigint NOT NULL DEFAULT 0
);

-- Database role -> the name shown in the journal (runbook.config.json "people", applied by "runbook incident store init").
CREATE TABLE runbook.people (
  role name PRIMARY KEY,
  display_name text NOT NULL CHECK (display_name <> '')
);

CREATE TABLE runbook.events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id text NOT NULL REFERENCES runbook.incidents (id),
  event_id text NOT NULL CHECK (event_id ~ '^[0-9a-f]{12,64}$'),
  -- 1, 2, 3… within the incident: the journal's line number.
  position bigint NOT NULL,
  -- The role that wrote the event, as the server authenticated it.
  who name NOT NULL DEFAULT session_user,
  -- The event as the client sent it, without "who" and "prev".
  body text NOT NULL,
  -- The journal line: the body, then "who" (display name) and "prev" (hash of the line before).
  line text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (incident_id, event_id),
  UNIQUE (incident_id, position)
);

CREATE FUNCTION runbook.chain_event() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  last_line_hash text;
  count_before bigint;
  fields jsonb;
  shown text;
BEGIN
  SELECT i.last_hash, i.events INTO last_line_hash, count_before FROM runbook.incidents i WHERE i.id = NEW.incident_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'incident % does not exist', NEW.incident_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  -- A retried insert: the event is already there, and nothing changes.
  IF EXISTS (SELECT 1 FROM runbook.events e WHERE e.incident_id = NEW.incident_id AND e.event_id = NEW.event_id) THEN
    RETURN NULL;
  END IF;
  fields := NEW.body::jsonb;
  IF jsonb_typeof(fields) <> 'object' OR fields ? 'who' OR fields ? 'prev' OR (fields ->> 'eventId') IS DISTINCT FROM NEW.event_id
     OR left(NEW.body, 1) <> '{' OR right(NEW.body, 1) <> '}' THEN
    RAISE EXCEPTION 'an event body must be one JSON object carrying its eventId, without who or prev' USING ERRCODE = 'check_violation';
  END IF;
  NEW.who := session_user;
  NEW.position := count_before + 1;
  NEW.recorded_at := clock_timestamp();
  shown := coalesce((SELECT p.display_name FROM runbook.people p WHERE p.role = session_user), session_user::text);
  NEW.line := left(NEW.body, -1)
    || ',"who":' || to_json(shown)::text
    || ',"prev":' || to_json(coalesce(last_line_hash, encode(sha256(convert_to('runbook journal genesis ' || NEW.incident_id, 'UTF8')), 'hex')))::text
    || '}';
  UPDATE runbook.incidents SET last_hash = encode(sha256(convert_to(NEW.line, 'UTF8')), 'hex'), events = count_before + 1
    WHERE id = NEW.incident_id;
  PERFORM pg_notify('runbook_events', NEW.incident_id);
  RETURN NEW;
END
$$;

CREATE TRIGGER chain_event BEFORE INSERT ON runbook.events FOR EACH ROW EXECUTE FUNCTION runbook.chain_event();
`,
  },
];

/** The newest schema version this code knows. */
export const latestSchemaVersion = migrations.reduce((latest, migration) => Math.max(latest, migration.version), 0);

/**
 * What an application role may do: read everything, add incidents and
 * events, and nothing else (no UPDATE, DELETE or TRUNCATE). Column lists keep
 * the defaults (`who`, `created_by`) out of the client's reach.
 */
export function appRoleGrants(quotedRole: string): string {
  return `
GRANT USAGE ON SCHEMA runbook TO ${quotedRole};
GRANT SELECT ON runbook.schema_migrations, runbook.incidents, runbook.events, runbook.people TO ${quotedRole};
GRANT INSERT (id) ON runbook.incidents TO ${quotedRole};
GRANT INSERT (incident_id, event_id, body) ON runbook.events TO ${quotedRole};
`;
}
