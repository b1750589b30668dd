import { describe, expect, it } from 'vitest';
import { buildOverview, isEmptyOverview, type AccountRow, type ClusterRow } from './overview';

const account = (id: string, cn: string): AccountRow => ({ id, customer_number: cn, company_name: `Company ${cn}`, contact_person_id: null });
const cluster = (id: string, c: string, accountId: string, role: ClusterRow['my_role']): ClusterRow => ({
  id, cluster_number: c, name: `Shop ${c}`, account_id: accountId, customer_number: null, my_role: role,
});

describe('buildOverview', () => {
  it('puts clusters under the accounts the user manages and keeps the rest apart', () => {
    const overview = buildOverview(
      [account('a2', 'CN-1010'), account('a1', 'CN-1001')],
      [cluster('c3', 'C-2010', 'a1', 'manager'), cluster('c1', 'C-2001', 'a1', 'manager'), cluster('c9', 'C-3001', 'zz', 'administrator')],
    );
    expect(overview.accounts.map((a) => a.customer_number)).toEqual(['CN-1001', 'CN-1010']);
    expect(overview.accounts[0]!.clusters.map((c) => c.cluster_number)).toEqual(['C-2001', 'C-2010']);
    expect(overview.accounts[1]!.clusters).toEqual([]);
    expect(overview.otherClusters.map((c) => c.cluster_number)).toEqual(['C-3001']);
    expect(isEmptyOverview(overview)).toBe(false);
  });
  it('is empty for a user without access', () => {
    expect(isEmptyOverview(buildOverview([], []))).toBe(true);
  });
});
