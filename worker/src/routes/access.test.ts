import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { testEnv } from '../testing/env';
import { fakeFetch, json, readJson, type RecordedRequest } from '../testing/fake-fetch';
import { createTestKey, signAccessToken, SUPABASE_URL, type TestKey } from '../testing/keys';

const CLUSTER_ID = '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f';
const MY_CLUSTERS = `${SUPABASE_URL}/rest/v1/my_clusters`;
const JWKS = `${SUPABASE_URL}/auth/v1/.well-known/jwks.json`;

let key: TestKey;
let token: string;
beforeAll(async () => {
  key = await createTestKey();
  token = await signAccessToken(key);
});

function call(rows: unknown[], query: string, headers: Record<string, string> = { Authorization: `Bearer ${'TOKEN'}` }) {
  const upstream = fakeFetch({ [`GET ${JWKS}`]: () => json({ keys: [key.jwk] }), [`GET ${MY_CLUSTERS}`]: () => json(rows) });
  const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('TOKEN', token)]));
  const res = createApp({ fetch: upstream.fetch }).request(`/api/access${query}`, { headers: h }, testEnv());
  return { upstream, res };
}

describe('GET /api/access', () => {
  it('answers an administrator\'s rights on a cluster by number, read with the caller\'s JWT', async () => {
    const { upstream, res } = call([{ id: CLUSTER_ID, cluster_number: 'C-2001', my_role: 'administrator' }], '?cluster=c-2001');
    const r = await res;
    expect(r.status).toBe(200);
    expect(r.headers.get('Cache-Control')).toBe('no-store');
    expect(await readJson(r)).toEqual({
      cluster: 'C-2001',
      clusterId: CLUSTER_ID,
      role: 'administrator',
      rights: { managedCenter: true, monitoringCenter: true, invoices: false, contracts: false, orders: false, manageManagers: false, manageAdministrators: false },
    });
    const [read] = upstream.to('GET', MY_CLUSTERS) as RecordedRequest[];
    expect(read!.url.searchParams.get('cluster_number')).toBe('eq.C-2001');
    expect(read!.headers.get('Authorization')).toBe(`Bearer ${token}`);
  });

  it('a manager by cluster id gets every right', async () => {
    const { upstream, res } = call([{ id: CLUSTER_ID, cluster_number: 'C-2001', my_role: 'manager' }], `?cluster=${CLUSTER_ID}`);
    const body = await readJson(await res);
    expect(body.role).toBe('manager');
    expect(Object.values(body.rights).every(Boolean)).toBe(true);
    expect(upstream.to('GET', MY_CLUSTERS)[0]!.url.searchParams.get('id')).toBe(`eq.${CLUSTER_ID}`);
  });

  it('a cluster RLS does not show answers role null and no rights', async () => {
    const body = await readJson(await call([], '?cluster=C-2999').res);
    expect(body).toMatchObject({ cluster: 'C-2999', clusterId: null, role: null });
    expect(Object.values(body.rights).some(Boolean)).toBe(false);
  });

  it('refuses a missing or malformed cluster with 400 and a missing token with 401', async () => {
    expect((await call([], '').res).status).toBe(400);
    const bad = call([], "?cluster=C-1'%20or%201=1");
    expect((await bad.res).status).toBe(400);
    expect(bad.upstream.to('GET', MY_CLUSTERS)).toHaveLength(0);
    expect((await call([], '?cluster=C-2001', {}).res).status).toBe(401);
  });

  it('lets the configured centers call it from a browser (CORS), nobody else', async () => {
    const ok = await call([], '?cluster=C-2001', { Origin: 'https://managed.example.test', Authorization: 'Bearer TOKEN' }).res;
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe('https://managed.example.test');
    const other = await call([], '?cluster=C-2001', { Origin: 'https://evil.example', Authorization: 'Bearer TOKEN' }).res;
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
