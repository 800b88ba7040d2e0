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
  ) {}

  thinq(region: ThinqRegion): string {
    return this.thinqTemplate.replace('{region}', region);
  }

  get thinqIsRegional(): boolean {
    return this.thinqTemplate.includes('{region}');
  }
}
