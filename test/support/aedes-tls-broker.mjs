// A tiny MQTT broker for the ThinQ push channel's tests: aedes (ESM-only, so it runs here in its
// own Node process) on a TLS server that requires a client certificate from the test CA.
//   node test/support/aedes-tls-broker.mjs '{"key": PEM, "cert": PEM, "ca": PEM, "port"?: N, "maxVersion"?: "TLSv1.2"}'
// Prints one JSON line `{"port": N}` once it listens; lives until stdin closes or SIGTERM.
import { createServer } from 'node:tls';
import { Aedes } from 'aedes';

const { key, cert, ca, port = 0, maxVersion = 'TLSv1.3' } = JSON.parse(process.argv[2]);
const aedes = await Aedes.createBroker();
const server = createServer(
  { key, cert, ca, maxVersion, requestCert: true, rejectUnauthorized: true },
  aedes.handle,
);
server.on('tlsClientError', () => undefined);
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
const stop = () => {
  server.close();
  aedes.close(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
