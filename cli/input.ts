// Secrets and answers come from standard input, one line each, in the order asked: piped by a script,
// or typed at a terminal, where the prompt goes to stderr and nothing typed is echoed.
import { UsageError } from "./args";

export interface LineSource {
  /** Resolves with the next line, without its line ending. */
  read(prompt: string, opts?: { secret?: boolean }): Promise<string>;
  close(): void;
}

export function stdinLines(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): LineSource {
  return stdin.isTTY ? terminalLines(stdin, stderr) : pipedLines(stdin);
}

function pipedLines(stdin: NodeJS.ReadableStream): LineSource {
  let buffered = "";
  let ended = false;
  let waiting: { resolve(line: string): void; reject(err: Error): void; what: string } | undefined;
  const deliver = () => {
    if (!waiting) return;
    const nl = buffered.indexOf("\n");
    if (nl >= 0) {
      const line = buffered.slice(0, nl).replace(/\r$/, "");
      buffered = buffered.slice(nl + 1);
      const w = waiting;
      waiting = undefined;
      stdin.pause();
      w.resolve(line);
    } else if (ended) {
      const w = waiting;
      waiting = undefined;
      if (buffered.length > 0) {
        const line = buffered;
        buffered = "";
        w.resolve(line);
      } else w.reject(new UsageError(`standard input ended before ${w.what}`));
    }
  };
  stdin.setEncoding("utf8");
  stdin.on("data", (chunk: string) => {
    buffered += chunk;
    deliver();
  });
  stdin.on("end", () => {
    ended = true;
    deliver();
  });
  stdin.pause();
  return {
    read(prompt) {
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject, what: describePrompt(prompt) };
        stdin.resume();
        deliver();
      });
    },
    close() {
      stdin.pause();
    },
  };
}

function terminalLines(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): LineSource {
  return {
    read(prompt, opts = {}) {
      stderr.write(prompt);
      return new Promise((resolve, reject) => {
        let line = "";
        stdin.setRawMode(!!opts.secret);
        stdin.setEncoding("utf8");
        const finish = (err?: Error) => {
          stdin.removeListener("data", onData);
          stdin.setRawMode(false);
          stdin.pause();
          if (opts.secret) stderr.write("\n");
          if (err) reject(err);
          else resolve(line);
        };
        const onData = (chunk: string) => {
          for (const ch of chunk) {
            if (ch === "\r" || ch === "\n") return finish();
            if (ch === "\u0003") return finish(new UsageError("interrupted"));
            if (ch === "\u0004") return finish(new UsageError(`standard input ended before ${describePrompt(prompt)}`));
            if (ch === "\u007f" || ch === "\b") line = line.slice(0, -1);
            else line += ch;
          }
        };
        stdin.on("data", onData);
        stdin.resume();
      });
    },
    close() {
      stdin.pause();
    },
  };
}

function describePrompt(prompt: string): string {
  return (
    "the " +
    prompt
      .replace(/[:?]\s*$/, "")
      .trim()
      .toLowerCase()
  );
}
