import { createHash } from 'node:crypto';
import type { ThinqAccount } from '../thinq.client';

/** What a client id starts with: the gateway's clients among an account's others at LG. */
export const THINQ_PUSH_CLIENT_PREFIX = 'junction-';

/**
 * The account as the appliance feeds key it: a digest of its country and token (the same value
 * as `thinqAccountId` of src/features/appliances, computed here because the ThinQ module may
 * not import a feature). A new token is a new account: a new client and certificate.
 */
export function thinqAccountKey(
  account: Pick<ThinqAccount, 'accessToken' | 'countryCode'>,
): string {
  const identity = `${account.countryCode.toUpperCase()}\n${account.accessToken}`;
  return createHash('sha256').update(identity).digest('base64url').slice(0, 22);
}

/**
 * The account's push client id at ThinQ (`x-client-id`, the MQTT client id, the topic): stable, so
 * every instance that holds the account's session reuses one persistent session. A digest of the
 * account key, so it tells nothing of the token; lower-case hex, which every broker and topic
 * filter takes as it is.
 */
export function thinqPushClientId(
  account: Pick<ThinqAccount, 'accessToken' | 'countryCode'>,
): string {
  const digest = createHash('sha256')
    .update(`thinq-push-client\n${thinqAccountKey(account)}`)
    .digest('hex');
  return `${THINQ_PUSH_CLIENT_PREFIX}${digest.slice(0, 32)}`;
}
