import { freePort } from './redis-server';
import { GatewayOptions, startGateway, TestGateway } from './gateway';

export interface ListeningGateway {
  gateway: TestGateway;
  port: number;
  /** `http://localhost:<port>`, which is also the gateway's issuer. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The sandbox as `npm start` runs it (built-in simulators, generated keys), listening on a real
 * port so a browser, curl or a stock OAuth client can reach it. PORT is set before the config is
 * read, so the issuer and metadata URLs name the port the gateway really listens on.
 */
export async function startListeningGateway(
  options: GatewayOptions = {},
): Promise<ListeningGateway> {
  const port = await freePort();
  const gateway = await startGateway({ ...options, env: { PORT: String(port), ...options.env } });
  await gateway.app.listen({ port, host: '127.0.0.1' });
  return { gateway, port, baseUrl: `http://localhost:${port}`, close: () => gateway.close() };
}
