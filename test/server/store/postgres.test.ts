import { openPostgresStore } from '../../../src/server/store/postgres';
import { describeWithPostgres, dropSchema, uniqueSchemaName } from '../../support/postgres';
import { describeTrackingStoreContract } from './contract';

describeWithPostgres('PostgreSQL store', (databaseUrl) => {
  describeTrackingStoreContract('PostgreSQL', async () => {
    const schema = uniqueSchemaName('contract');
    const store = openPostgresStore({ connectionString: databaseUrl, schema, poolSize: 4 });
    await store.migrate();
    return {
      store,
      dispose: async () => {
        await store.close();
        await dropSchema(databaseUrl, schema);
      },
    };
  });
});
