/**
 * Cost of verifying a gateway access token: the full ES256 check (first sight of a token) and the
 * remembered-token path every later request of that token takes. `npx ts-node --transpile-only bench/token-verify.ts`
 */
import { Clock } from '../src/common/clock';
import { loadConfig } from '../src/config/config.loader';
import { AccessTokenService } from '../src/auth/jwt/access-token.service';
import { SigningKeys } from '../src/auth/jwt/signing-keys';

async function main(): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const keys = new SigningKeys(config);
  await keys.load();
  const tokens = new AccessTokenService(keys, config, new Clock());
  const subject = { kind: 'user' as const, sub: 'lux:1', sid: 'sid', scopes: ['profile'] };

  const fresh: string[] = [];
  for (let i = 0; i < 2000; i++) fresh.push((await tokens.issue(subject)).token);
  let started = process.hrtime.bigint();
  for (const token of fresh) await tokens.verify(token);
  const fullUs = Number(process.hrtime.bigint() - started) / 1000 / fresh.length;

  const hot = fresh[0];
  const rounds = 200_000;
  started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await tokens.verify(hot);
  const cachedUs = Number(process.hrtime.bigint() - started) / 1000 / rounds;

  console.log('| path | µs per verification | verifications/s on one core |');
  console.log('| --- | --- | --- |');
  console.log(
    `| full ES256 verify (first sight) | ${fullUs.toFixed(1)} | ${Math.round(1e6 / fullUs)} |`,
  );
  console.log(`| remembered token | ${cachedUs.toFixed(2)} | ${Math.round(1e6 / cachedUs)} |`);
}

void main();
