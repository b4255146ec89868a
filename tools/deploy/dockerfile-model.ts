/** One instruction of a Dockerfile: its keyword, flags (`--from=build`) and arguments. */
export interface Instruction {
  readonly keyword: string;
  readonly flags: Readonly<Record<string, string>>;
  readonly args: readonly string[];
  /** The text after the keyword, continuation lines joined. */
  readonly text: string;
}

export interface Stage {
  readonly name: string;
  readonly base: string;
  readonly instructions: readonly Instruction[];
}

/** Splits a Dockerfile into stages; comments dropped, `\` continuations joined. */
export function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Array<{ name: string; base: string; instructions: Instruction[] }> = [];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const text = line.slice(keyword.length).trim();
    // Flags (`--from=build`) come before the arguments; the JSON (exec) form has none.
    const exec = text.startsWith('[');
    const words = exec ? (JSON.parse(text) as string[]) : rest;
    const flagCount = exec ? 0 : words.findIndex((w) => !w.startsWith('--')) === -1 ? words.length : words.findIndex((w) => !w.startsWith('--'));
    const flags = Object.fromEntries(words.slice(0, flagCount).map((w) => [w.slice(2).split('=')[0]!, w.split('=').slice(1).join('=')]));
    const args = words.slice(flagCount);
    if (keyword.toUpperCase() === 'FROM') {
      const as = args.findIndex((a) => a.toUpperCase() === 'AS');
      stages.push({ base: args[0]!, name: as >= 0 ? args[as + 1]! : String(stages.length), instructions: [] });
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) throw new Error(`Dockerfile: ${keyword} before the first FROM`);
    stage.instructions.push({ keyword: keyword.toUpperCase(), flags, args, text });
  }
  return stages;
}

/**
 * `.dockerignore` patterns (no negations): whether a context path is left out of the build context.
 * A pattern without '/' also matches a path's last segment anywhere, which leaves out more than
 * Docker does (it anchors patterns at the context root): a check that passes here passes there.
 */
export function ignoredBy(patterns: readonly string[]): (contextPath: string) => boolean {
  const matchers = patterns
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith('#'))
    .map((pattern) => {
      if (pattern.startsWith('!')) throw new Error(`negated .dockerignore pattern ${pattern} is not understood by this check`);
      const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/.*)?$`);
      return (path: string) => regex.test(path) || (!pattern.includes('/') && regex.test(path.split('/').pop()!));
    });
  return (contextPath) => matchers.some((matches) => matches(contextPath));
}
