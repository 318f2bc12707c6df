import assert from "node:assert/strict";

/** Asserts status, then content type, then returns the parsed JSON body. */
export async function expectJson<T = Record<string, unknown>>(
  response: Response,
  status: number,
): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text}`);
  assert.match(response.headers.get("content-type") ?? "", /application\/json/);
  return JSON.parse(text) as T;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

/** Asserts an RFC 9457 problem with `status`; optionally that `field` is listed at fault. */
export async function expectProblem(
  response: Response,
  status: number,
  field?: string,
): Promise<ProblemBody> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text}`);
  assert.match(response.headers.get("content-type") ?? "", /application\/problem\+json/);
  const body = JSON.parse(text) as ProblemBody;
  assert.equal(body.status, status);
  assert.ok(body.title && body.detail && body.type, "problem has type, title and detail");
  if (field) {
    assert.ok(
      body.errors?.some((e) => e.field === field),
      `expected an error for ${field}, got ${JSON.stringify(body.errors)}`,
    );
  }
  return body;
}
