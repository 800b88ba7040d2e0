import type { FastifyInstance } from 'fastify';
import { FaultInjector } from './faults';

export type UpstreamName = 'nueyne' | 'thinq' | 'interwater';

/** A running vendor simulator: a Fastify app with state, fault knobs and call records. */
export interface Simulator {
  readonly name: UpstreamName;
  readonly app: FastifyInstance;
  readonly faults: FaultInjector;
  /** Restores the demo data and clears faults and call records. */
  reset(): void;
  /** Starts what the simulator runs besides its HTTP app (ThinQ: its MQTT broker), on `host`. */
  start?(host: string): Promise<void>;
  /** Stops what `start` started. */
  stop?(): Promise<void>;
}

export interface RunningSimulator {
  simulator: Simulator;
  url: string;
  close(): Promise<void>;
}

/** Listens on loopback (port 0: any free port) and returns the base URL. */
export async function listenSimulator(
  simulator: Simulator,
  port = 0,
  host = '127.0.0.1',
): Promise<RunningSimulator> {
  await simulator.app.listen({ port, host });
  const address = simulator.app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  try {
    await simulator.start?.(host);
  } catch (error) {
    await simulator.app.close();
    throw error;
  }
  return {
    simulator,
    url: `http://${host}:${actualPort}`,
    close: async () => {
      await simulator.stop?.();
      await simulator.app.close();
    },
  };
}
