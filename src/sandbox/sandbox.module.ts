import { Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { UpstreamEndpoints } from '../upstreams/http/upstream-endpoints';
import { listenSimulator, RunningSimulator, UpstreamName } from './simulator';
import { createSimulator } from './simulators';
import { ThinqSimulator } from './thinq/thinq-simulator';

/** The simulators this process runs because their upstream's base URL is unset. */
export class EmbeddedSimulators {
  constructor(
    readonly running: Partial<Record<UpstreamName, RunningSimulator>>,
    /**
     * PEM of the CA of the embedded ThinQ simulator's MQTT broker (undefined when ThinQ is not
     * simulated here): what the gateway's push client trusts the broker by, in place of
     * THINQ_MQTT_CA_FILE. The broker's address comes from the simulator's Route API.
     */
    readonly thinqMqttCa?: string,
  ) {}

  async close(): Promise<void> {
    await Promise.allSettled(Object.values(this.running).map((r) => r.close()));
  }
}

const VARIABLE: Record<UpstreamName, string> = {
  nueyne: 'NUEYNE_BASE_URL',
  thinq: 'THINQ_BASE_URL',
  interwater: 'INTERWATER_BASE_URL',
};

export async function startEmbedded(config: AppConfig): Promise<EmbeddedSimulators> {
  const logger = new Logger('Sandbox');
  const configured: Record<UpstreamName, string | undefined> = {
    nueyne: config.nueyne.baseUrl,
    thinq: config.thinq.baseUrl,
    interwater: config.interwater.baseUrl,
  };
  const running: Partial<Record<UpstreamName, RunningSimulator>> = {};
  for (const name of Object.keys(configured) as UpstreamName[]) {
    if (configured[name] !== undefined) continue;
    if (config.production)
      throw new Error(`${VARIABLE[name]} is unset and NODE_ENV=production refuses the simulator`);
    running[name] = await listenSimulator(createSimulator(name, config));
    logger.warn(
      `${VARIABLE[name]} is unset: running the built-in ${name} simulator at ${running[name].url}`,
    );
  }
  const thinq = running.thinq?.simulator;
  const thinqMqttCa = thinq instanceof ThinqSimulator ? await thinq.caPem() : undefined;
  return new EmbeddedSimulators(running, thinqMqttCa);
}

/** Resolves where each upstream is, starting the built-in simulators for unset base URLs. */
@Module({
  providers: [
    { provide: EmbeddedSimulators, inject: [AppConfig], useFactory: startEmbedded },
    {
      provide: UpstreamEndpoints,
      inject: [AppConfig, EmbeddedSimulators],
      useFactory: (config: AppConfig, embedded: EmbeddedSimulators) =>
        new UpstreamEndpoints(
          config.nueyne.baseUrl ?? embedded.running.nueyne!.url,
          config.interwater.baseUrl ?? embedded.running.interwater!.url,
          config.thinq.baseUrl ?? embedded.running.thinq!.url,
          {
            nueyne: config.nueyne.baseUrl === undefined,
            thinq: config.thinq.baseUrl === undefined,
            interwater: config.interwater.baseUrl === undefined,
          },
          embedded.thinqMqttCa,
        ),
    },
  ],
  exports: [UpstreamEndpoints, EmbeddedSimulators],
})
export class SandboxModule implements OnApplicationShutdown {
  constructor(@Inject(EmbeddedSimulators) private readonly embedded: EmbeddedSimulators) {}

  async onApplicationShutdown(): Promise<void> {
    await this.embedded.close();
  }
}
