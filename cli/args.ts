// Command-line arguments: a command word, then --flags with values and bare --switches.

export interface ParsedArgs {
  readonly command: string | undefined;
  readonly values: { readonly [flag: string]: string };
  readonly switches: ReadonlyArray<string>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function parseArgs(argv: string[], switchNames: string[]): ParsedArgs {
  const values: { [flag: string]: string } = {};
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
    if (switchNames.indexOf(name) >= 0) {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      switches.push(name);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith("--"))) throw new UsageError(`--${name} needs a value`);
    values[name] = value;
  }
  return { command, values, switches };
}

export function required(args: ParsedArgs, flag: string): string {
  const v = args.values[flag];
  if (!v) throw new UsageError(`--${flag} is required`);
  return v;
}
