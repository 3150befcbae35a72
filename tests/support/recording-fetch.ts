// A fetch that answers from a script and records what it was asked: for the tests of how requests
// are built and how each kind of answer is read, where no server is needed.
import type { FetchLike } from "../../core/cognito";

export interface RecordedRequest {
  url: string;
  target: string;
  contentType: string;
  body: any;
}

export type ScriptedAnswer = { status?: number; body: unknown; headers?: Record<string, string> };

export function recordingFetch(answers: ScriptedAnswer[]): { fetch: FetchLike; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push({
      url,
      target: init.headers["X-Amz-Target"],
      contentType: init.headers["Content-Type"],
      body: JSON.parse(init.body),
    });
    const next = answers.shift();
    if (!next) throw new Error("no scripted answer left");
    const text = typeof next.body === "string" ? next.body : JSON.stringify(next.body);
    const headers = new Headers(next.headers || {});
    return { status: next.status || 200, headers, text: async () => text };
  };
  return { fetch, requests };
}
