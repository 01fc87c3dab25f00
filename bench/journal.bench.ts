// The incident journal: appending 10,000 events (one write + fsync each) and
// loading a 10,000-event journal, each against its bare baseline in the same run;
// appends also against the unchained recordEvent they replaced.
// Run from the repository root: node --import tsx --conditions=source bench/journal.bench.ts
// The journal goes under the OS temp folder unless BENCH_DIR names another disk.
import { appendFileSync, closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createJournalEvent,
  FileIncidentStore,
  loadIncident,
  recordEvent,
  serializeEvents,
  startIncident,
  type JournalEventInput,
} from '../packages/runbook-core/src/incident/index.ts';
import { median } from './measure.ts';

const EVENTS = 10_000;
const APPEND_RUNS = 3;
const LOAD_RUNS = 9;

const root = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'journal-bench-'));
// A realistic mix: ticks, notes, step runs; ~300 bytes a line.
const inputs: JournalEventInput[] = Array.from({ length: EVENTS }, (_, index): JournalEventInput => {
  switch (index % 4) {
    case 0:
      return { type: 'checklist-ticked', itemId: `immediate-actions/item-${index}`, text: 'Acknowledge the incident' };
    case 1:
      return {
        type: 'step-started',
        stepId: 'immediate-mitigation-options/6e88f183',
        stepName: '1. Service Restart',
        commands: [0],
        risk: 'mutate',
        logFile: `logs/${index}.log`,
      };
    case 2:
      return {
        type: 'step-finished',
        stepId: 'immediate-mitigation-options/6e88f183',
        commands: [0],
        exitCode: 0,
        durationMs: 4200,
        timedOut: false,
        canceled: false,
      };
    default:
      return { type: 'note', text: `Error rate at ${index % 100}% and falling after the restart of smartcloudops-api` };
  }
});
const lines = inputs.map((input) => serializeEvents([createJournalEvent(input, { who: 'bench' })]));
const bytes = lines.reduce((total, line) => total + Buffer.byteLength(line), 0);

let round = 0;
/** A new empty folder per run, so no run appends to another's file. */
const fresh = () => {
  const folder = join(root, `run-${round++}`);
  mkdirSync(folder);
  return folder;
};

/** An appender writes events [from, to) of the stream into its own journal. */
type Appender = (from: number, to: number) => Promise<void>;

const appenders: Record<string, () => Promise<Appender>> = {
  // Baseline asked for: a bare synchronous append loop, no fsync.
  'fs.appendFileSync loop': async () => {
    const file = join(fresh(), 'journal.jsonl');
    return async (from, to) => {
      for (let index = from; index < to; index++) appendFileSync(file, lines[index] ?? '');
    };
  },
  // The floor for durability: open, write, fsync, close per event, synchronously.
  'bare write+fsync (sync)': async () => {
    const file = join(fresh(), 'journal.jsonl');
    return async (from, to) => {
      for (let index = from; index < to; index++) {
        const fd = openSync(file, 'a');
        writeSync(fd, lines[index] ?? '');
        fsyncSync(fd);
        closeSync(fd);
      }
    };
  },
  // The reference for the chain's cost: recordEvent as it was before events
  // were hash-chained, under a lock, through checked private folders (schema
  // check, torn-tail check, one write, fsync), kept here as it was.
  'unchained recordEvent (before)': async () => {
    const file = join(fresh(), 'journal.jsonl');
    return async (from, to) => {
      for (let index = from; index < to; index++) {
        const text = serializeEvents([createJournalEvent(inputs[index] ?? { type: 'acknowledged' }, { who: 'bench' })]);
        const handle = await open(file, 'a+');
        try {
          const { size } = await handle.stat();
          const last = Buffer.alloc(1);
          if (size > 0) await handle.read(last, 0, 1, size - 1);
          const bytes = Buffer.from(size > 0 && last[0] !== 0x0a ? `\n${text}` : text, 'utf8');
          let written = 0;
          while (written < bytes.length) written += (await handle.write(bytes, written, bytes.length - written)).bytesWritten;
          await handle.sync();
        } finally {
          await handle.close();
        }
      }
    };
  },
  // Ours, through the public API: schema check, folder checks, lock, tail read and hash chain, one write, fsync.
  'recordEvent (append+fsync)': async () => {
    const workspace = fresh();
    const state = await startIncident({ workspace, severity: 'P1', title: 'bench', who: 'bench', makeCurrent: false });
    return async (from, to) => {
      for (let index = from; index < to; index++) await recordEvent(state.id, inputs[index] ?? { type: 'acknowledged' }, { workspace, who: 'bench' });
    };
  },
};

// fsync latency on a shared virtual disk swings tenfold within seconds, so the
// candidates take turns every CHUNK events (order rotating) and each sums its turns.
const CHUNK = 250;
const appendSamples: Record<string, number[]> = {};
const names = Object.keys(appenders);
for (let run = 0; run < APPEND_RUNS; run++) {
  const ready = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await appenders[name]!()] as const)));
  const totals: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  for (let from = 0, turn = 0; from < EVENTS; from += CHUNK, turn++) {
    for (let offset = 0; offset < names.length; offset++) {
      const name = names[(turn + offset) % names.length]!;
      const started = performance.now();
      await ready[name]!(from, Math.min(from + CHUNK, EVENTS));
      totals[name]! += performance.now() - started;
    }
  }
  for (const name of names) (appendSamples[name] ??= []).push(totals[name]!);
}

// Loading: a 10,000-event journal written once, read by loadIncident and by a bare read + JSON.parse.
const workspace = fresh();
const state = await startIncident({ workspace, severity: 'P1', title: 'bench', who: 'bench', makeCurrent: false });
const journalPath = new FileIncidentStore(workspace).journalPath(state.id);
appendFileSync(journalPath, lines.join(''));
const loadCandidates: Record<string, () => Promise<number>> = {
  'readFile + JSON.parse lines': async () => {
    const text = readFileSync(journalPath, 'utf8');
    let count = 0;
    for (const line of text.split('\n')) if (line !== '') count += JSON.parse(line) === null ? 0 : 1;
    return count;
  },
  'loadIncident (validate+replay)': async () => (await loadIncident(state.id, { workspace })).events.length,
};
const loadSamples: Record<string, number[]> = {};
for (const candidate of Object.values(loadCandidates)) await candidate();
for (let run = 0; run < LOAD_RUNS; run++) {
  for (const [name, candidate] of Object.entries(loadCandidates)) {
    const started = performance.now();
    const count = await candidate();
    (loadSamples[name] ??= []).push(performance.now() - started);
    if (count < EVENTS) throw new Error(`${name} saw ${count} events`);
  }
}
rmSync(root, { recursive: true, force: true });

const print = (samples: Record<string, number[]>, baselineName: string) => {
  const baseline = median(samples[baselineName] ?? []);
  for (const [name, values] of Object.entries(samples)) {
    const middle = median(values);
    console.log(
      `${name.padEnd(32)} ${middle.toFixed(1).padStart(9)} ms  ${((middle * 1000) / EVENTS).toFixed(1).padStart(7)} µs/event  ×${(middle / baseline).toFixed(2)}`,
    );
  }
};
console.log(`${EVENTS} events, ${(bytes / 1e6).toFixed(2)} MB; append: median of ${APPEND_RUNS} runs, load: median of ${LOAD_RUNS}`);
console.log('append (ratios against fs.appendFileSync loop):');
print(appendSamples, 'fs.appendFileSync loop');
const ours = median(appendSamples['recordEvent (append+fsync)'] ?? []);
const floor = median(appendSamples['bare write+fsync (sync)'] ?? []);
console.log(`ratio recordEvent / bare write+fsync: ${(ours / floor).toFixed(2)}× (the cost above fsync itself)`);
const before = median(appendSamples['unchained recordEvent (before)'] ?? []);
console.log(
  `ratio recordEvent / unchained recordEvent (before): ${(ours / before).toFixed(2)}× (the cost of the chain, the lock and the folder checks; budget ×1.2)`,
);
console.log('load (ratios against readFile + JSON.parse):');
print(loadSamples, 'readFile + JSON.parse lines');
