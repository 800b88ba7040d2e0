/** The part of autocannon 8 that bench/run.ts uses (the package ships no types). */
declare module 'autocannon' {
  interface Histogram {
    p50: number;
    p99: number;
  }
  interface Result {
    duration: number;
    requests: { total: number };
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  interface Options {
    url: string;
    connections: number;
    duration: number;
    headers?: Record<string, string>;
    requests?: {
      method?: string;
      setupRequest?: (request: Record<string, unknown>) => Record<string, unknown>;
    }[];
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
