/** One item of FastAPI's 422 `detail` list (pydantic v2). */
export interface FastApiIssueVendor {
  type: string;
  loc: (string | number)[];
  msg: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
}

/** Every Nueyne error body: `{"detail": "<text>"}`, or FastAPI's list on 422. */
export interface NueyneErrorVendor {
  detail: string | FastApiIssueVendor[];
}

/** `{statusCode|statuscode, message}` acknowledgements of writes that return no resource. */
export interface NueyneAckVendor {
  statusCode?: number;
  statuscode?: number;
  message?: string;
}
