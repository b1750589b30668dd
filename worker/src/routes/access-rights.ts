/** A user's role on a cluster: manager of the owning customer account, administrator of the cluster, or none. */
export type ClusterRole = 'manager' | 'administrator' | null;

export type ClusterRights = {
  managedCenter: boolean;
  monitoringCenter: boolean;
  invoices: boolean;
  contracts: boolean;
  orders: boolean;
  manageManagers: boolean;
  manageAdministrators: boolean;
};

/** The FAQ's rights table as data: both roles reach the centers; only managers the commercial side and user administration. */
export function rightsFor(role: ClusterRole): ClusterRights {
  const any = role !== null;
  const manager = role === 'manager';
  return {
    managedCenter: any,
    monitoringCenter: any,
    invoices: manager,
    contracts: manager,
    orders: manager,
    manageManagers: manager,
    manageAdministrators: manager,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^C-[0-9]{4,12}$/i;

/** `?cluster=` accepts a cluster number (C-2001, any case) or a cluster id; null when it is neither. */
export function parseClusterRef(value: string | undefined): { by: 'number' | 'id'; value: string } | null {
  const v = (value ?? '').trim();
  if (NUMBER.test(v)) return { by: 'number', value: v.toUpperCase() };
  if (UUID.test(v)) return { by: 'id', value: v.toLowerCase() };
  return null;
}
