import { X509Certificate } from 'node:crypto';
import { loadConfig } from '../config/config.loader';
import { startEmbedded } from './sandbox.module';
import type { ThinqSimulator } from './thinq/thinq-simulator';

describe('SandboxModule: the embedded ThinQ simulator’s broker', () => {
  it('hands the gateway the CA its broker’s certificate chains to; the Route API has the broker', async () => {
    const embedded = await startEmbedded(loadConfig({}));
    try {
      const thinq = embedded.running.thinq!.simulator as ThinqSimulator;
      expect(embedded.thinqMqttCa).toBe(await thinq.caPem());
      expect(new X509Certificate(embedded.thinqMqttCa!).ca).toBe(true);
      expect(thinq.mqttServer).toMatch(/^mqtts:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await embedded.close();
    }
  });

  it('has no CA to hand over when ThinQ is not simulated here', async () => {
    const embedded = await startEmbedded(loadConfig({ THINQ_BASE_URL: 'http://127.0.0.1:9' }));
    try {
      expect(embedded.running.thinq).toBeUndefined();
      expect(embedded.thinqMqttCa).toBeUndefined();
    } finally {
      await embedded.close();
    }
  });
});
