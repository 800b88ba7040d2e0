// Preloaded into the soak's gateway by bench/run.ts (`node --expose-gc -r ./bench/gc-probe.js`):
// on SIGUSR2 it runs a full garbage collection and writes process.memoryUsage() as one JSON line
// on stderr, so the bench can follow the live heap (what a leak would grow) apart from V8's and
// glibc's pools (what RSS also holds). Not part of the gateway.
process.on('SIGUSR2', () => {
  if (typeof globalThis.gc === 'function') globalThis.gc();
  process.stderr.write(`${JSON.stringify({ gcProbe: process.memoryUsage() })}\n`);
});
