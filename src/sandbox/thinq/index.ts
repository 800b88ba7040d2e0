export {
  createThinqSimulator,
  ThinqSimulator,
  type ThinqSimulatorOptions,
} from './thinq-simulator';
export {
  THINQ_DEMO_TOKENS,
  THINQ_DEVICE_IDS,
  WASHTOWER_GROUP_ID,
  type DeviceInfo,
  type DeviceRecord,
  type DeviceStatus,
} from './demo-data';
export { THINQ_ERRORS, ThinqError, type ThinqErrorCode } from './errors';
export type { DeviceProfile, PropertySpec } from './profiles';
