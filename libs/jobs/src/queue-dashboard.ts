import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Role, TOKEN_VERIFIER, TokenVerifier } from '@respire/tenancy';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'respire_admin_token';

/**
 * Bull Board for ops at /admin/queues, for platform admins only: a bearer token, or
 * `?token=` once in a browser (kept in an HttpOnly cookie scoped to the dashboard).
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost?.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.register !== 'function') return; // no HTTP in this process
    const queues = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is Queue => instance instanceof Queue);
    const serverAdapter = new FastifyAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })),
      serverAdapter,
    });
    void fastify.register(
      async (scope) => {
        scope.addHook('onRequest', (request, reply) => this.authorize(request, reply));
        await scope.register(serverAdapter.registerPlugin());
      },
      { prefix: QUEUE_DASHBOARD_PATH },
    );
  }

  private async authorize(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const query = request.query as Record<string, string | undefined>;
    const header = request.headers.authorization?.replace(/^Bearer\s+/i, '');
    const cookie = /(?:^|;\s*)respire_admin_token=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
    const token = header || query.token || cookie;
    try {
      if (!token) throw new Error('no token');
      const principal = await this.verifier.verify(token);
      if (!principal.roles.includes(Role.PlatformAdmin)) throw new Error('not a platform admin');
      if (query.token) {
        void reply.header(
          'set-cookie',
          `${COOKIE}=${token}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict`,
        );
      }
    } catch {
      await reply.code(401).send({ error: 'unauthorized', message: 'Platform admin token required' });
    }
  }
}
