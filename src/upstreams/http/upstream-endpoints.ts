import { UpstreamName } from './upstream.error';

export type ThinqRegion = 'kic' | 'eic' | 'aic';

/** Where each upstream is: configured base URLs, or the embedded simulators'. */
export class UpstreamEndpoints {
  constructor(
    readonly nueyne: string,
    readonly interwater: string,
    /** A fixed URL or a template with `{region}`. */
    private readonly thinqTemplate: string,
    readonly simulated: Record<UpstreamName, boolean>,
    /**
     * PEM of the CA the embedded ThinQ simulator's MQTT broker is signed by (only when ThinQ is
     * simulated in this process): what push trusts when THINQ_MQTT_CA_FILE is unset.
     */
    readonly thinqMqttCa?: string,
  ) {}

  thinq(region: ThinqRegion): string {
    return this.thinqTemplate.replace('{region}', region);
  }

  get thinqIsRegional(): boolean {
    return this.thinqTemplate.includes('{region}');
  }
}
