import { compareNumbered } from './sort';

export interface AccountRow {
  id: string;
  customer_number: string;
  company_name: string | null;
  contact_person_id: string | null;
}

export interface ClusterRow {
  id: string;
  cluster_number: string;
  name: string | null;
  account_id: string;
  customer_number: string | null;
  my_role: 'manager' | 'administrator';
}

export interface AccountWithClusters extends AccountRow {
  clusters: ClusterRow[];
}

export interface Overview {
  /** Customer accounts the user manages, each with its clusters. */
  accounts: AccountWithClusters[];
  /** Clusters reached only as administrator (their account is not one the user manages). */
  otherClusters: ClusterRow[];
}

const byCluster = (a: ClusterRow, b: ClusterRow) => compareNumbered(a.cluster_number, b.cluster_number);

/** Groups `my_clusters` under the accounts from `customer_accounts`. */
export function buildOverview(accounts: readonly AccountRow[], clusters: readonly ClusterRow[]): Overview {
  const managed = new Map<string, AccountWithClusters>();
  for (const account of [...accounts].sort((a, b) => compareNumbered(a.customer_number, b.customer_number)))
    managed.set(account.id, { ...account, clusters: [] });
  const otherClusters: ClusterRow[] = [];
  for (const cluster of clusters) {
    const account = managed.get(cluster.account_id);
    if (account) account.clusters.push(cluster);
    else otherClusters.push(cluster);
  }
  for (const account of managed.values()) account.clusters.sort(byCluster);
  otherClusters.sort(byCluster);
  return { accounts: [...managed.values()], otherClusters };
}

export function isEmptyOverview(overview: Overview): boolean {
  return overview.accounts.length === 0 && overview.otherClusters.length === 0;
}
