import cluster from 'node:cluster';
import { AggregatorRegistry, Registry } from 'prom-client';

/**
 * Prometheus metrics across the workers of one machine. Any worker may answer a scrape of
 * /metrics; it asks the primary, which collects every worker's registry over IPC (prom-client's
 * AggregatorRegistry: counters and histograms summed, gauges by their own aggregator) and answers
 * with the total, so one scrape sees the whole machine.
 */
const REQUEST = 'junction:metrics-request';
const RESPONSE = 'junction:metrics-response';
const TIMEOUT_MS = 6000;

interface MetricsRequest {
  type: typeof REQUEST;
  id: number;
}
interface MetricsResponse {
  type: typeof RESPONSE;
  id: number;
  text?: string;
  error?: string;
}

function isMessage<T extends { type: string }>(message: unknown, type: T['type']): message is T {
  return typeof message === 'object' && message !== null && (message as T).type === type;
}

/** Primary: answers workers' requests for the machine-wide metrics text. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage<MetricsRequest>(message, REQUEST)) return;
    const reply = (answer: Omit<MetricsResponse, 'type' | 'id'>): void => {
      if (worker.isConnected()) worker.send({ type: RESPONSE, id: message.id, ...answer });
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (error: Error) => reply({ error: error.message }),
    );
  });
}

let nextId = 0;
const pending = new Map<number, (answer: MetricsResponse) => void>();

/** Worker: lets the primary read this registry, and returns a function asking for the total. */
export function shareWithPrimary(registry: Registry): () => Promise<string> {
  new AggregatorRegistry(); // installs prom-client's worker-side listener
  AggregatorRegistry.setRegistries([registry]);
  process.on('message', (message: unknown) => {
    if (isMessage<MetricsResponse>(message, RESPONSE)) pending.get(message.id)?.(message);
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the primary process did not answer'));
      }, TIMEOUT_MS);
      pending.set(id, (answer) => {
        clearTimeout(timer);
        pending.delete(id);
        if (answer.text !== undefined) resolve(answer.text);
        else reject(new Error(answer.error ?? 'no metrics'));
      });
      process.send?.({ type: REQUEST, id } satisfies MetricsRequest);
    });
}
