import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Outbox } from '../outbox/outbox';
import { KafkaSettings } from '../kafka/kafka-settings';
import { KAFKA_SETTINGS, MESSAGING_OPTIONS, MessagingModuleOptions } from './messaging.options';
import { MessagingRuntime } from './messaging.runtime';

export interface MessagingModuleAsyncOptions {
  imports?: DynamicModule['imports'];
  inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
  useFactory: (...args: never[]) => MessagingModuleOptions | Promise<MessagingModuleOptions>;
}

@Global()
@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      providers: [
        { provide: MESSAGING_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: KAFKA_SETTINGS,
          useFactory: (o: MessagingModuleOptions): KafkaSettings => ({
            clientId: `respire-${o.service}`,
            brokers: o.brokers,
          }),
          inject: [MESSAGING_OPTIONS],
        },
        { provide: Outbox, useValue: new Outbox() },
        MessagingRuntime,
      ],
      exports: [Outbox, MessagingRuntime, KAFKA_SETTINGS],
    };
  }
}
