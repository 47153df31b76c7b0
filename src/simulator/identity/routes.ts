import type { FastifyInstance } from 'fastify';
import type { IdentityProvider } from './identityProvider';

/** Registers discovery, JWKS and token routes under the same paths as login.microsoftonline.com. */
export function registerIdentityRoutes(app: FastifyInstance, identity: IdentityProvider): void {
  app.get<{ Params: { tenant: string } }>(
    '/:tenant/v2.0/.well-known/openid-configuration',
    (request, reply) => {
      void reply.send(identity.discoveryDocument(request.params.tenant));
    },
  );

  app.get('/:tenant/discovery/v2.0/keys', (_request, reply) => {
    void reply.send(identity.jwks());
  });

  app.post<{ Body: Record<string, string | undefined> }>(
    '/:tenant/oauth2/v2.0/token',
    async (request, reply) => {
      const form = typeof request.body === 'object' && request.body !== null ? request.body : {};
      const result = await identity.redeem(form);
      void reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
      if (!result.ok) return reply.code(result.status).send(result.body);
      return result.body;
    },
  );
}
