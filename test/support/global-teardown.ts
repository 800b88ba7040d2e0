export default async function globalTeardown(): Promise<void> {
  await globalThis.__JUNCTION_REDIS__?.stop();
}
