import { Topic } from '@respire/contracts';

export interface MessagingModuleOptions {
  /** Service name: Kafka client id, consumer group, relay lock. */
  service: string;
  brokers: string[];
  /** Prefix for topics and consumer groups (test runs, shared clusters). */
  prefix?: string;
  /** Topics this service consumes; its @HandleEvent methods must handle events from these. */
  consumes: Topic[];
  /** Which loops this process runs (one image, several Deployments). */
  runRelay: boolean;
  runConsumer: boolean;
  /** Create missing topics at boot (dev/CI). Production topics come from KafkaTopic resources. */
  createTopics: boolean;
  /** Processed event ids are forgotten after this many days (see InboxPurger); default 45. */
  inboxRetentionDays?: number;
  /** Events waiting on one partition handled in one transaction (EventConsumer eventsPerTransaction); default 1. */
  eventsPerTransaction?: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
/** The service's `KafkaSettings` (client id and brokers), for clients besides the module's own. */
export const KAFKA_SETTINGS = Symbol('KAFKA_SETTINGS');
