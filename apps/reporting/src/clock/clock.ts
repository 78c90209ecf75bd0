// The one Clock lives in libs/platform; this module keeps the service's imports short.
export { CLOCK, Clock, FixedClock, ScaledClock, systemClock } from '@respire/platform';
