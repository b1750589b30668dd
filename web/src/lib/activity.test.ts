import { describe, expect, it } from 'vitest';
import { activityBounds, changedColumns, contactChange, parseActivityFilter } from './activity';

describe('activity filter', () => {
  it('turns local days into inclusive bounds (to = before the next day)', () => {
    const b = activityBounds({ kind: 'manager_added', from: '2026-12-01', to: '2026-12-03' });
    expect(b.kind).toBe('manager_added');
    expect(b.gte).toBe(new Date('2026-12-01T00:00:00').toISOString());
    expect(b.lt).toBe(new Date('2026-12-04T00:00:00').toISOString());
  });

  it('ignores empty and malformed values', () => {
    expect(activityBounds({ kind: '', from: '', to: '' })).toEqual({});
    expect(parseActivityFilter({ kind: 'drop table', from: '1.12.2026', to: ['2026-12-03', 'x'] })).toEqual({ kind: '', from: '', to: '2026-12-03' });
    expect(parseActivityFilter({ kind: 'contact_person_changed' }).kind).toBe('contact_person_changed');
  });
});

describe('activity details', () => {
  it('lists the changed customer data columns and the contact persons', () => {
    expect(changedColumns({ details: { changes: { city: { old: null, new: 'X' }, company_name: { old: 'A', new: 'B' } } } })).toEqual(['city', 'company_name']);
    expect(changedColumns({ details: null })).toEqual([]);
    expect(contactChange({ details: { previous_contact_email: 'a@x.example', new_contact_email: 'b@x.example' } })).toEqual({ previous: 'a@x.example', next: 'b@x.example' });
  });
});
