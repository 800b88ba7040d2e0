/**
 * ThinQ Connect's push shapes as LG sends them (the Route, Client, Event and Push APIs of LG's
 * ThinQ API document, and the MQTT messages as LG's SDK and Home Assistant's lg_thinq read them);
 * never leave src/upstreams/thinq.
 */

/** GET route: the hosts of the account's region. */
export interface ThinqRouteVendor {
  apiServer?: string;
  /** `mqtts://HOST:PORT` (AWS IoT Core at LG). */
  mqttServer?: string;
  webSocketServer?: string;
}

/** POST client: registers `x-client-id` as an MQTT client of the account. */
export interface ThinqClientRegisterVendor {
  type: 'MQTT';
  'service-code': 'SVC202';
  'device-type': '607';
  /** A client id registered before is no error. */
  allowExist: boolean;
}

/** DELETE client. */
export interface ThinqClientUnregisterVendor {
  type: 'MQTT';
  'service-code': 'SVC202';
}

/** POST client/certificate. */
export interface ThinqCertificateRequestVendor {
  'service-code': 'SVC202';
  /** A PKCS#10 request, base64 DER (a PEM body without its lines and armour). */
  csr: string;
}

/** POST client/certificate's `response`. */
export interface ThinqCertificateVendor {
  resultCode?: string;
  result?: {
    certificatePem?: string;
    /** Topics the client subscribes (`app/clients/<clientId>/push`): the first is the one. */
    subscriptions?: string[];
  };
}

/** POST event/{deviceId}/subscribe: the subscription ends after `timer` hours (1 to 24). */
export interface ThinqEventSubscribeVendor {
  expire: { unit: 'HOUR'; timer: number };
}

/** What the broker publishes on the client's topic, one JSON object per message. */
export interface ThinqPushMessageVendor {
  /** DEVICE_STATUS, DEVICE_PUSH, DEVICE_REGISTERED, DEVICE_UNREGISTERED, DEVICE_ALIAS_CHANGED. */
  pushType?: string;
  deviceId?: string;
  deviceType?: string;
  /** DEVICE_STATUS: the changed part of the status document. */
  report?: Record<string, unknown>;
  /** DEVICE_PUSH: the notification's code (`WASHING_IS_COMPLETE`). */
  pushCode?: string;
  /** DEVICE_REGISTERED / DEVICE_ALIAS_CHANGED. */
  alias?: string;
  modelName?: string;
  reportable?: boolean;
  userNumber?: string;
  timestamp?: string;
}
