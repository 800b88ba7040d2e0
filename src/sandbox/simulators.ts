import { AppConfig } from '../config/app-config';
import { createInterwaterSimulator } from './interwater/interwater-simulator';
import { createNueyneSimulator } from './nueyne/nueyne.simulator';
import { Simulator, UpstreamName } from './simulator';
import { createThinqSimulator } from './thinq/thinq-simulator';

/** Builds the simulator of one upstream, keyed and configured like the gateway expects it. */
export function createSimulator(name: UpstreamName, config: AppConfig): Simulator {
  switch (name) {
    case 'nueyne':
      return createNueyneSimulator({
        accessTokenTtlSeconds: config.sandbox.nueyneAccessTtlSeconds,
      });
    case 'thinq':
      return createThinqSimulator({
        serviceId: config.thinq.serviceId,
        serviceKey: config.thinq.serviceKey,
      });
    case 'interwater':
      return createInterwaterSimulator({
        accessKey: config.interwater.accessKey,
        secretKey: config.interwater.secretKey,
        maxTtlSeconds: config.sandbox.interwaterMaxTtlSeconds,
      });
  }
}
