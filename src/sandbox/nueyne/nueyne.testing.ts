import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from './demo-data';
import type { NueyneTokenResponse } from './nueyne.auth';
import type { NueyneSimulator } from './nueyne.simulator';
import type { Product } from './nueyne.state';

/** Helpers for specs that drive the simulator in-process with `app.inject()`. */

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface CallOptions {
  token?: string;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, with `content-type: application/json`. */
  raw?: string;
  headers?: Record<string, string>;
}

export function call(
  simulator: NueyneSimulator,
  method: Method,
  url: string,
  options: CallOptions = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let payload: string | undefined;
  if (options.raw !== undefined) payload = options.raw;
  else if (options.json !== undefined) payload = JSON.stringify(options.json);
  if (payload !== undefined) headers['content-type'] ??= 'application/json';
  return simulator.app.inject({ method, url, headers, payload });
}

export const SIGN_IN_PATH: Record<Product, string> = {
  lux: '/api/v1/lux/auth/email/signin',
  legacy: '/api/v1/legacy/auth/signin',
};

/** `POST .../signin` with a form body, as the seed pages' auth pages describe. */
export function signInRequest(
  simulator: NueyneSimulator,
  product: Product,
  username: string,
  password = DEMO_PASSWORD,
): Promise<LightMyRequestResponse> {
  return simulator.app.inject({
    method: 'POST',
    url: SIGN_IN_PATH[product],
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ username, password }).toString(),
  });
}

export async function signIn(
  simulator: NueyneSimulator,
  product: Product,
  username: string,
): Promise<NueyneTokenResponse> {
  const response = await signInRequest(simulator, product, username);
  if (response.statusCode !== 200) {
    throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  }
  return response.json<NueyneTokenResponse>();
}

/** A FastAPI-style error answer: this status and `{"detail": detail}`. */
export function expectError(
  response: { statusCode: number; json: () => unknown },
  status: number,
  detail: string,
): void {
  expect(response.statusCode).toBe(status);
  expect(response.json()).toEqual({ detail });
}
