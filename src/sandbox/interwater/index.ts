export {
  createInterwaterSimulator,
  InterwaterSimulator,
  type InterwaterSimulatorOptions,
} from './interwater-simulator';
export {
  SEED_USAGE_ROWS,
  type InterwaterLicense,
  type InterwaterSession,
  type SessionStatus,
  type UsageRow,
} from './demo-data';
export type { InterwaterClaims } from './tokens';
