import { describe, expect, it } from 'vitest';
import { parseClusterRef, rightsFor } from './access-rights';

describe('rightsFor (the FAQ rights table)', () => {
  it('a manager may do everything', () => {
    expect(Object.values(rightsFor('manager')).every(Boolean)).toBe(true);
  });
  it('an administrator reaches the Managed and Monitoring Center, nothing commercial, no user administration', () => {
    expect(rightsFor('administrator')).toEqual({
      managedCenter: true,
      monitoringCenter: true,
      invoices: false,
      contracts: false,
      orders: false,
      manageManagers: false,
      manageAdministrators: false,
    });
  });
  it('no role, no right', () => {
    expect(Object.values(rightsFor(null)).some(Boolean)).toBe(false);
  });
});

describe('parseClusterRef', () => {
  it('reads cluster numbers in any case and ids', () => {
    expect(parseClusterRef(' c-2001 ')).toEqual({ by: 'number', value: 'C-2001' });
    expect(parseClusterRef('9F8E7D6C-5B4A-4C3D-8E2F-1A0B9C8D7E6F')).toEqual({ by: 'id', value: '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f' });
  });
  it.each([undefined, '', 'C-', 'C-12', 'CN-1001', "C-2001' or 1=1", 'C-2001,C-2002', 'not-a-uuid'])('refuses %j', (v) => {
    expect(parseClusterRef(v)).toBeNull();
  });
});
