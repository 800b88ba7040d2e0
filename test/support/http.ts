import request from 'supertest';

type Target = Parameters<typeof request>[0];

/** supertest calls carrying a gateway bearer token. */
export function authed(http: Target, token: string) {
  const bearer = (test: request.Test) => test.set('authorization', `Bearer ${token}`);
  return {
    get: (url: string) => bearer(request(http).get(url)),
    post: (url: string) => bearer(request(http).post(url)),
    put: (url: string) => bearer(request(http).put(url)),
    patch: (url: string) => bearer(request(http).patch(url)),
    delete: (url: string) => bearer(request(http).delete(url)),
  };
}

/** The answer is a problem+json with this status and code (and, given, this upstream detail). */
export function expectProblem(
  res: request.Response,
  status: number,
  code: string,
  upstreamDetail?: string,
): void {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(res.body.status).toBe(status);
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
  if (upstreamDetail !== undefined)
    expect(res.body.upstream).toMatchObject({ name: 'nueyne', detail: upstreamDetail });
  // No upstream credential or internal address ever reaches a client.
  expect(JSON.stringify(res.body)).not.toMatch(/(lux|legacy)_at_|127\.0\.0\.1|Bearer [\w.-]{8,}/);
}
