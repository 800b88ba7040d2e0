/** The store cannot be reached: callers decide fail-open (caches) or fail-closed (sessions). */
export class StoreUnavailableError extends Error {
  constructor(message = 'The key-value store is unreachable') {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}
