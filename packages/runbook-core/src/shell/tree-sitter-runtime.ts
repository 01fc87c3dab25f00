import { createRequire } from 'node:module';
import vm from 'node:vm';
import type { Language, Parser } from 'web-tree-sitter';

/** A compiled `WebAssembly.Module` (the project's `lib` has no WebAssembly types). */
export type CompiledWasm = object;

/** The part of Node's WebAssembly global used here. */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => CompiledWasm;
  compile(bytes: Uint8Array): Promise<CompiledWasm>;
}

export const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** The compiled WebAssembly a shell parser is made of, and the glue's source. */
export interface TreeSitterParts {
  /** web-tree-sitter's CommonJS glue, as text. */
  readonly glue: string;
  readonly glueFile: string;
  readonly runtime: CompiledWasm;
  /** tree-sitter-bash's WebAssembly: its bytes (what `Language.load` reads) and, compiled, what it instantiates. */
  readonly grammarBytes: Uint8Array;
  readonly grammar: CompiledWasm;
}

/**
 * A bash parser made synchronously from compiled modules. web-tree-sitter
 * only offers `await Parser.init()` and `await Language.load()`, but neither
 * waits on anything but promises once instantiation is synchronous: its glue
 * runs in a context of its own whose promise jobs run as soon as a script in
 * it returns (`microtaskMode: 'afterEvaluate'`), so the whole load finishes
 * before this function does.
 */
export function createShellParser(parts: TreeSitterParts): Parser {
  const context = vm.createContext(
    { WebAssembly: webAssembly, process, console, TextDecoder, TextEncoder, URL, setTimeout, clearTimeout, realWebAssembly: webAssembly },
    { microtaskMode: 'afterEvaluate', name: 'web-tree-sitter' },
  );
  vm.runInContext(synchronousInstantiate, context);
  const wrap = vm.runInContext(`(function (module, exports, require, __filename, __dirname) {${parts.glue}\n})`, context, {
    filename: parts.glueFile,
  }) as (module: { exports: unknown }, exports: unknown, require: NodeRequire, filename: string, dirname: string) => void;
  const glue = { exports: {} as { Parser: typeof Parser; Language: typeof Language } };
  wrap(glue, glue.exports, createRequire(parts.glueFile), parts.glueFile, parts.glueFile.replace(/[^/\\]*$/, ''));
  const load = vm.runInContext(loadInContext, context) as (
    glue: { Parser: typeof Parser; Language: typeof Language },
    runtime: CompiledWasm,
    grammarBytes: Uint8Array,
    grammar: CompiledWasm,
  ) => { parser?: Parser; error?: unknown };
  const outcome = load(glue.exports, parts.runtime, parts.grammarBytes, parts.grammar);
  // Evaluating anything in the context runs the promise jobs queued above.
  vm.runInContext('undefined', context);
  if (outcome.error !== undefined) throw outcome.error;
  if (!outcome.parser) throw new Error('runbook-core: the shell grammar did not load synchronously');
  return outcome.parser;
}

// Inside the context only: instantiation without a trip to the event loop,
// reusing the grammar already compiled for the bytes `Language.load` is given.
const synchronousInstantiate = `
  globalThis.compiledModules = new Map();
  globalThis.WebAssembly = Object.assign(Object.create(realWebAssembly), {
    instantiate(source, imports) {
      const module = source instanceof realWebAssembly.Module ? source : (compiledModules.get(source) ?? new realWebAssembly.Module(source));
      return Promise.resolve({ module, instance: new realWebAssembly.Instance(module, imports) });
    },
  });
`;

const loadInContext = `(function (glue, runtime, grammarBytes, grammar) {
  const outcome = {};
  // Language.load checks for this context's Uint8Array: a view on the same bytes.
  const bytes = new Uint8Array(grammarBytes.buffer, grammarBytes.byteOffset, grammarBytes.byteLength);
  compiledModules.set(bytes, grammar);
  glue.Parser.init({
    instantiateWasm(imports, receive) {
      const instance = new WebAssembly.Instance(runtime, imports);
      receive(instance, runtime);
      return instance.exports;
    },
  })
    .then(() => glue.Language.load(bytes))
    .then((language) => {
      const parser = new glue.Parser();
      parser.setLanguage(language);
      outcome.parser = parser;
    })
    .catch((error) => { outcome.error = error; })
    .finally(() => compiledModules.clear());
  return outcome;
})`;
