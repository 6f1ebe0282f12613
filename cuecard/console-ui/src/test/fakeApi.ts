import { vi } from 'vitest';

/** One request the console made: method, URL and the parsed JSON body. */
export interface Recorded {
  method: string;
  url: string;
  body?: unknown;
}

/** A JSON response. */
export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** An error the way Cuecard sends it: `{"error": "...", "status": n}`. */
export const apiError = (status: number, error: string) => json({ error, status }, status);

/**
 * Replaces fetch with a fake Cuecard: `answer` gets each request and returns the response (undefined: 404).
 * Returns the list of requests made, in order.
 */
export function fakeApi(answer: (request: Recorded) => Response | undefined): Recorded[] {
  const requests: Recorded[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const request: Recorded = { method: init.method ?? 'GET', url };
      if (typeof init.body === 'string') {
        try {
          request.body = JSON.parse(init.body);
        } catch {
          request.body = init.body; // e.g. an imported YAML file
        }
      }
      requests.push(request);
      return answer(request) ?? apiError(404, `no route for ${request.method} ${url}`);
    }),
  );
  return requests;
}

/** The query parameters of a recorded request, as a plain object. */
export function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url, 'http://localhost').searchParams);
}
