// `npm run db:reset`: rebuilds the local database from supabase/migrations and supabase/seed.sql.
// Stop `npm run dev` first: both use the same data folder and ports.
import { startLocalStack } from '../supabase/local/stack.ts';

const stack = await startLocalStack({ dataDir: '.local/supabase', siteUrl: 'http://127.0.0.1:5173', reset: true, seed: true, log: console.log });
await stack.stop();
console.log('Local database rebuilt from migrations and seed.');
