// The Worker as deployed (createApp from worker/src/app.ts) with every outgoing request answered at once by
// a stub: JWKS, create_invitation, the target label, auth.admin.generateLink, the outbox claim and the mailbox. What remains of
// a request's time is the Worker's own: routing, JWT verification, validation, two supabase-js clients, the mail.
import { createApp } from '../worker/src/app.ts';
import type { Bindings } from '../worker/src/env.ts';

type Env = Bindings & { BENCH_JWKS: string };

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function stubFetch(jwks: string): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const { pathname } = new URL(request.url);
    if (request.method !== 'GET') await request.text();
    if (pathname.endsWith('/.well-known/jwks.json')) return new Response(jwks, { headers: { 'Content-Type': 'application/json' } });
    if (pathname.endsWith('/rpc/create_invitation')) {
      return json([{ invitation_id: crypto.randomUUID(), token: 't'.repeat(64), email: 'new.person@example.com', expires_at: '2026-12-10T12:00:00Z', target_number: 'CN-1001', target_name: 'Alpha GmbH' }]);
    }
    if (pathname.endsWith('/customer_accounts') || pathname.endsWith('/clusters')) return json({ customer_number: 'CN-1001', cluster_number: 'C-2001' });
    if (pathname.endsWith('/admin/generate_link')) {
      return json({ id: crypto.randomUUID(), email: 'new.person@example.com', action_link: 'http://x', email_otp: '123456', hashed_token: 'h'.repeat(56), redirect_to: 'http://x', verification_type: 'invite' });
    }
    if (pathname.endsWith('/api/messages')) return json({ id: crypto.randomUUID() }, 201);
    // the outbox delivery after the change (in workerd after the response): nothing due in the stub
    if (pathname.endsWith('/rpc/claim_email_batch')) return json([]);
    return new Response(`no stub for ${request.method} ${pathname}`, { status: 599 });
  };
}

let app: ReturnType<typeof createApp> | undefined;

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    app ??= createApp({ fetch: stubFetch(env.BENCH_JWKS) });
    return app.fetch(request, env, ctx);
  },
};
