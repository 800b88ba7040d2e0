import type request from 'supertest';
import { OpenApiContract } from './openapi-contract';

/**
 * Jest setup for every e2e file: each answer a supertest request receives is checked against the
 * committed openapi.json (status declared, content type, body schema, headers), and a departure
 * fails that request as a failed `.expect()` would. Simulator and probe paths are not in the spec
 * and pass through unchecked.
 */
// supertest's Test class: the one place every request's answer passes (assert() runs on end()).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Test = require('supertest/lib/test.js') as {
  prototype: {
    assert(
      error: Error | null,
      res: request.Response | undefined,
      fn: (err: Error | null, res?: request.Response) => void,
    ): void;
  };
};

const contract = OpenApiContract.load();
const assert = Test.prototype.assert;

Test.prototype.assert = function checked(this: { method: string; url: string }, error, res, fn) {
  assert.call(this, error, res, (err, response) => {
    if (err || !response) return fn(err, response);
    const problems = contract.check({
      method: this.method,
      url: new URL(this.url).pathname,
      status: response.status,
      headers: response.headers,
      body: response.body as unknown,
      text: response.text,
    });
    if (problems.length === 0) return fn(null, response);
    const body = (response.text ?? '').slice(0, 600);
    fn(
      new Error(`The answer departs from openapi.json:\n  ${problems.join('\n  ')}\nbody: ${body}`),
      response,
    );
  });
};
