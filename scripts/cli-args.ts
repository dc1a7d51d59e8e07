/**
 * The one argument parser of scripts/ (on `node:util` `parseArgs`): `--help` / `-h` prints the
 * script's usage and exits 0 before anything starts; an unknown flag, a missing value or a stray
 * argument prints one line naming it and exits 2. Numbers and choices are checked here too, so every
 * script refuses bad input the same way.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface CliSpec<O extends ParseArgsOptionsConfig> {
  /** How the script is run, e.g. `npm run db --`: the start of its error lines. */
  readonly command: string;
  /** The whole usage text, printed for `--help`. */
  readonly usage: string;
  readonly options: O;
  /** Extra arguments that are not flags (file names, a benchmark name); refused when false. */
  readonly positionals?: boolean;
}

/**
 * A benchmark's own arguments (scripts/bench/<name>.ts exports them as `cli`): `npm run bench -- <name>`
 * parses them with this parser before the benchmark loads anything heavy or starts.
 */
export type CliArgs<O extends ParseArgsOptionsConfig> = Omit<CliSpec<O>, 'command'>;

/** Thrown for bad arguments; `exitOnUsage` turns it into the one line and exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const helpOption = { help: { type: 'boolean', short: 'h', default: false } } as const;

/** Parses without exiting: for tests and for scripts that parse in a library function. */
export function parseCli<O extends ParseArgsOptionsConfig>(spec: Pick<CliSpec<O>, 'options' | 'positionals'>, argv: readonly string[]) {
  try {
    const parsed = parseArgs({
      args: [...argv],
      options: { ...spec.options, ...helpOption },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.positionals.length > 0 && !spec.positionals) throw new Error(`unexpected argument "${parsed.positionals[0]}"`);
    return { values: parsed.values, positionals: parsed.positionals, help: (parsed.values as { help?: boolean }).help === true };
  } catch (err) {
    // parseArgs explains how to pass a dash-led positional; the first sentence is the news.
    const message = err instanceof Error ? (err.message.split(/\.(?: |$)/)[0] ?? err.message) : String(err);
    throw new UsageError(message);
  }
}

/**
 * Parses `process.argv`: prints the usage and exits 0 for `--help`, prints one line and exits 2 for
 * bad arguments (also for a `UsageError` thrown by `check`, which validates the parsed values).
 */
export function cli<O extends ParseArgsOptionsConfig, T>(
  spec: CliSpec<O>,
  check: (parsed: ReturnType<typeof parseCli<O>>) => T,
  argv: readonly string[] = process.argv.slice(2),
): T {
  try {
    const parsed = parseCli(spec, argv);
    if (parsed.help) {
      process.stdout.write(spec.usage.endsWith('\n') ? spec.usage : `${spec.usage}\n`);
      process.exit(0);
    }
    return check(parsed);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${spec.command}: ${err.message} (--help for usage)\n`);
    process.exit(2);
  }
}

/**
 * An integer flag within bounds, or a `UsageError` naming the flag. `flag` is a flag's name (`port`:
 * "--port") or a positional argument's, written as the usage writes it (`[count]`, `N`).
 */
export function intArg(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    const name = /^[a-z][a-z0-9-]*$/.test(flag) ? `--${flag}` : flag;
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  }
  return n;
}

/** A flag that must be one of a few words. */
export function choiceArg<C extends string>(value: string | undefined, flag: string, choices: readonly C[]): C | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be ${choices.join(' or ')}, not "${value}"`);
  return value as C;
}
