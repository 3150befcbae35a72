// Command-line arguments: a command word, then --flags with values and bare --switches. Only the options
// a command knows are taken: a typo such as --sesion-file must stop the command, not be ignored while it
// signs in and keeps nothing.

export interface ParsedArgs {
  readonly command: string | undefined;
  readonly values: { readonly [flag: string]: string };
  /** The flags that may be given more than once, each with its values in the order given. */
  readonly lists: { readonly [flag: string]: ReadonlyArray<string> };
  readonly switches: ReadonlyArray<string>;
}

/** The options a command takes: flags with a value, flags that may be repeated, and bare switches. */
export interface OptionSpec {
  readonly values: ReadonlyArray<string>;
  readonly lists: ReadonlyArray<string>;
  readonly switches: ReadonlyArray<string>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** `spec` names every option of every command (which of them a command takes is `checkOptions`'). */
export function parseArgs(argv: string[], spec: OptionSpec): ParsedArgs {
  const values: { [flag: string]: string } = {};
  const lists: { [flag: string]: string[] } = {};
  const switches: string[] = [];
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      if (command !== undefined) throw new UsageError(`unexpected argument "${arg}"`);
      command = arg;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (spec.switches.indexOf(name) >= 0) {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      switches.push(name);
      continue;
    }
    const repeatable = spec.lists.indexOf(name) >= 0;
    if (!repeatable && spec.values.indexOf(name) < 0) throw new UsageError(`unknown option --${name} (try --help)`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    // An empty value is as missing as none: `--session-file ""` would otherwise sign in and keep nothing.
    if (!value || (eq < 0 && value.startsWith("--"))) throw new UsageError(`--${name} needs a value`);
    if (repeatable) {
      lists[name] = (lists[name] || []).concat([value]);
      continue;
    }
    if (name in values) throw new UsageError(`--${name} is given twice`);
    values[name] = value;
  }
  return { command, values, lists, switches };
}

/** Refuses an option that `command` does not take: given, it would do nothing the user meant. */
export function checkOptions(args: ParsedArgs, command: string, spec: OptionSpec): void {
  const given = Object.keys(args.values).concat(Object.keys(args.lists), args.switches);
  for (const name of given) {
    if (spec.values.indexOf(name) < 0 && spec.lists.indexOf(name) < 0 && spec.switches.indexOf(name) < 0) {
      throw new UsageError(`${command} takes no --${name} (try --help)`);
    }
  }
}

export function required(args: ParsedArgs, flag: string): string {
  const v = args.values[flag];
  if (!v) throw new UsageError(`--${flag} is required`);
  return v;
}
