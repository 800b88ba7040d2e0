import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { startStack } from './support/stack';
import { UpstreamProbeModule } from './support/upstream-probe.module';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const INCOMING = `00-${TRACE_ID}-${PARENT}-01`;
const ME = 'GET /api/v1/lux/user/me';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
}

/** A stand-in OTLP/HTTP collector: keeps every span it is sent. */
async function startCollector(): Promise<{ url: string; spans: ExportedSpan[]; server: Server }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const resource of body.resourceSpans ?? []) {
        for (const scope of resource.scopeSpans ?? []) spans.push(...scope.spans);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, server };
}

describe('tracing', () => {
  it('without an exporter: passes the caller traceparent to the upstream unchanged', async () => {
    const stack = await startStack({ imports: [UpstreamProbeModule] });
    try {
      const { accessToken } = await stack.login();
      await request(stack.http)
        .get('/probe/lux-me')
        .auth(accessToken, { type: 'bearer' })
        .set('traceparent', INCOMING)
        .expect(200);
      expect(stack.nueyne.faults.recorded(ME).at(-1)!.headers.traceparent).toBe(INCOMING);
      // A malformed one is not forwarded.
      await request(stack.http)
        .get('/probe/lux-me')
        .auth(accessToken, { type: 'bearer' })
        .set('traceparent', 'garbage')
        .expect(200);
      expect(stack.nueyne.faults.recorded(ME).at(-1)!.headers.traceparent).toBeUndefined();
    } finally {
      await stack.close();
    }
  });

  it('with OTEL_EXPORTER_OTLP_ENDPOINT: a server span per request and a client span per upstream call, exported', async () => {
    const collector = await startCollector();
    const stack = await startStack({
      imports: [UpstreamProbeModule],
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url },
    });
    try {
      const { accessToken } = await stack.login();
      await request(stack.http)
        .get('/probe/lux-me')
        .auth(accessToken, { type: 'bearer' })
        .set('traceparent', INCOMING)
        .expect(200);
      const sent = stack.nueyne.faults.recorded(ME).at(-1)!.headers.traceparent;
      const [, traceId, clientSpanId] = sent.split('-');
      expect(traceId).toBe(TRACE_ID);
      expect(clientSpanId).not.toBe(PARENT);
    } finally {
      await stack.close(); // flushes the exporter
    }
    collector.server.close();
    const inTrace = collector.spans.filter((span) => span.traceId === TRACE_ID);
    const server = inTrace.find((span) => span.name === 'GET /probe/lux-me');
    const client = inTrace.find((span) => span.name === `nueyne ${ME}`);
    expect(server).toMatchObject({ parentSpanId: PARENT });
    expect(client).toMatchObject({ parentSpanId: server!.spanId });
  });
});
