import fp from 'fastify-plugin';

// Answers about reports must never sit in a shared computer's cache or a proxy.
export default fp(
  async (app) => {
    app.addHook('onSend', async (request, reply) => {
      if (request.url.startsWith('/api/') || request.url.startsWith('/healthz')) {
        reply.header('cache-control', 'no-store');
      }
    });
  },
  { name: 'no-store' },
);
