import { thinqAccountId } from '../../../features/appliances/appliances.service';
import { thinqAccountKey, thinqPushClientId } from './push-identity';

describe('push identity', () => {
  const accounts = [
    { accessToken: 'tok', countryCode: 'KR' },
    { accessToken: 'tok', countryCode: 'kr' },
    { accessToken: 'other', countryCode: 'US' },
  ];

  it('keys the account as the appliance feeds do', () => {
    for (const account of accounts) {
      expect(thinqAccountKey(account)).toBe(thinqAccountId(account));
    }
  });

  it('gives each account one stable client id that tells nothing of the token', () => {
    const [kr, krLower, us] = accounts.map(thinqPushClientId);
    expect(kr).toBe(krLower);
    expect(kr).not.toBe(us);
    expect(kr).toMatch(/^junction-[0-9a-f]{32}$/);
    expect(kr).not.toContain(thinqAccountKey(accounts[0]));
  });
});
