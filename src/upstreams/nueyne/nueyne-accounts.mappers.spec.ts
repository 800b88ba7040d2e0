import { fromLegacySignUp, fromLuxSignUp, toTokenSet } from './nueyne-accounts.mappers';
import { LegacySignUpInput } from './nueyne-accounts.models';

describe('onboarding mappers', () => {
  it('writes a Lux sign-up as Nueyne documents it', () => {
    expect(
      fromLuxSignUp({
        email: 'new@junction.dev',
        password: 'secret-pass',
        firstName: 'Minji Park',
        birthdate: '1997-01-31',
        gender: 'F',
        phone: '+821077778888',
        nationalCode: 'KR',
        isPushAgree: true,
        isMarketingAgree: false,
      }),
    ).toEqual({
      email: 'new@junction.dev',
      password: 'secret-pass',
      first_name: 'Minji Park',
      last_name: '',
      birthdate: '19970131',
      gender: 'F',
      phone: '+821077778888',
      register_type: 'E',
      is_push_agree: true,
      is_marketing_agree: false,
      national_code: 'KR',
    });
  });

  const legacy: LegacySignUpInput = {
    email: 'elder@junction.dev',
    password: '1234',
    phone: '+821012345858',
    name: 'tester1234',
    relation: 'S',
    gender: 'M',
    birthdate: '1990-01-01',
    isMarketingAgree: true,
    isPushAgree: false,
    region: '경기도',
  };

  it('writes a Legacy sign-up with the device user defaulting to the holder', () => {
    expect(fromLegacySignUp(legacy, '010-1234-5858')).toEqual({
      email: 'elder@junction.dev',
      password: '1234',
      phone: '010-1234-5858',
      username: 'tester1234',
      relation: 'S',
      gender: 'M',
      birthdate: '1990-01-01',
      gender_real: 'M',
      birthdate_real: '1990-01-01',
      is_marketing_agree: true,
      is_push_agree: false,
      adrs: '경기도',
      adrs_city: '경기도',
    });
  });

  it('sends the device user and social ids when given', () => {
    const body = fromLegacySignUp(
      {
        ...legacy,
        relation: '부모',
        deviceUserGender: 'F',
        deviceUserBirthdate: '1960-05-05',
        socialKakaoId: 'kakao-sub-1',
      },
      '010-1234-5858',
    );
    expect(body).toMatchObject({
      relation: '부모',
      gender: 'M',
      birthdate: '1990-01-01',
      gender_real: 'F',
      birthdate_real: '1960-05-05',
      social_kakao_id: 'kakao-sub-1',
    });
    expect(body).not.toHaveProperty('social_google_id');
  });

  it('reads a token pair, and nothing that lacks its token, lifetime or account id', () => {
    expect(
      toTokenSet({ access_token: 'a', expires_in: 60, id: 7, refresh_token: 'r', token_type: 'x' }),
    ).toEqual({
      accountId: '7',
      accessToken: 'a',
      expiresInSeconds: 60,
      refreshToken: 'r',
      refreshExpiresInSeconds: undefined,
    });
    expect(toTokenSet({ access_token: 'a', expires_in: 60 })).toBeUndefined();
    expect(toTokenSet({ access_token: 'a', id: '7' })).toBeUndefined();
    expect(toTokenSet(undefined)).toBeUndefined();
  });
});
