import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

/** The parts of a compose service these checks read. */
export interface ComposeService {
  readonly image?: string;
  readonly build?: { readonly context: string; readonly dockerfile: string };
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string | number | boolean>>;
  readonly healthcheck?: { readonly test?: readonly string[] };
  readonly restart?: string;
  readonly profiles?: readonly string[];
  readonly depends_on?: Readonly<Record<string, { readonly condition?: string }>>;
  readonly configs?: ReadonlyArray<{ readonly source: string; readonly target: string }>;
}

export interface ComposeFile {
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly configs?: Readonly<Record<string, { readonly file: string }>>;
  readonly volumes?: Readonly<Record<string, unknown>>;
}

/** A `${NAME}`, `${NAME:-default}` or `${NAME:?message}` reference, the forms compose interpolates. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g;

/** Every variable the text takes from the operator's environment (.env); required: compose refuses to start without it (`:?`). */
export function interpolatedVariables(text: string): Map<string, { required: boolean }> {
  const found = new Map<string, { required: boolean }>();
  for (const [, name, form] of text.matchAll(REFERENCE)) {
    found.set(name!, { required: form === ':?' || found.get(name!)?.required === true });
  }
  return found;
}

export class MissingVariableError extends Error {
  constructor(readonly variables: readonly string[]) {
    super(`compose refuses to start without ${variables.join(', ')}`);
  }
}

/**
 * Substitutes the operator's values as compose does: unset or empty, `${NAME:-default}` gives the
 * default, `${NAME}` the empty string (compose warns), and `${NAME:?message}` is refused, naming it.
 */
export function interpolate(text: string, values: Readonly<Record<string, string>>): string {
  const missing = new Set<string>();
  const result = text.replace(REFERENCE, (_match, name: string, form: string | undefined, fallback: string | undefined) => {
    const value = values[name];
    if (value !== undefined && value !== '') return value;
    if (form === ':-') return fallback ?? '';
    if (form === ':?') missing.add(name);
    return '';
  });
  if (missing.size > 0) throw new MissingVariableError([...missing]);
  return result;
}

/** Resolves YAML merge keys (`<<: *anchor`), which compose honours and the core schema leaves as plain keys. */
function resolveMerges(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(resolveMerges);
  if (typeof node !== 'object' || node === null) return node;
  const { '<<': merged, ...own } = node as Record<string, unknown>;
  const bases = (merged === undefined ? [] : Array.isArray(merged) ? merged : [merged]).map(resolveMerges) as object[];
  return Object.assign({}, ...bases, Object.fromEntries(Object.entries(own).map(([key, value]) => [key, resolveMerges(value)])));
}

/** The compose file as compose sees it once the operator's values are in (merge keys resolved). */
export function loadCompose(file: string, values: Readonly<Record<string, string>>): ComposeFile {
  return resolveMerges(load(interpolate(readFileSync(file, 'utf8'), values))) as ComposeFile;
}

/** A service's environment as the process receives it: every value a string. */
export function environmentOf(service: ComposeService): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, String(value)]));
}

/** A dependency cycle among the services, as a path of names, or undefined when there is none. */
export function dependencyCycle(services: Readonly<Record<string, ComposeService>>): string[] | undefined {
  const done = new Set<string>();
  const visit = (name: string, path: string[]): string[] | undefined => {
    if (path.includes(name)) return [...path.slice(path.indexOf(name)), name];
    if (done.has(name)) return undefined;
    for (const target of Object.keys(services[name]?.depends_on ?? {})) {
      const cycle = visit(target, [...path, name]);
      if (cycle) return cycle;
    }
    done.add(name);
    return undefined;
  };
  for (const name of Object.keys(services)) {
    const cycle = visit(name, []);
    if (cycle) return cycle;
  }
  return undefined;
}
