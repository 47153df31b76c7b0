import Fastify from 'fastify';
import { registerPageHtml } from '../../src/simulator/pages/pageHtml';
import { DEFAULT_TENANT } from '../../src/simulator/users';

test('home page links every inbox', async () => {
  const app = Fastify();
  registerPageHtml(app);
  try {
    const page = await app.inject({ method: 'GET', url: '/' });

    expect(page.statusCode).toBe(200);
    for (const user of DEFAULT_TENANT.users) {
      expect(page.body).toContain(`/outlook/mail?user=${user.address}&folder=inbox`);
    }
  } finally {
    await app.close();
  }
});
