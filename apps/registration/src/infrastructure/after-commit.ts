// One afterCommit for every service, in libs/tenancy; this module keeps the service's imports short.
export { afterCommit, AfterCommitSubscriber } from '@respire/tenancy';
