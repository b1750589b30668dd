// The demo people of supabase/seed.sql, printed at start so a new user can log in at once.
export const DEMO_LOGINS = [
  { email: 'anna@alpha.example', role: 'manager of CN-1001 (contact person)' },
  { email: 'ben@alpha.example', role: 'manager of CN-1001' },
  { email: 'clara@alpha.example', role: 'administrator of C-2001' },
  { email: 'david@beta.example', role: 'manager of CN-1002, administrator of C-2001' },
  { email: 'eva@ops.example', role: 'administrator of C-2002 and C-2003' },
  { email: 'frank@nowhere.example', role: 'no access yet' },
];
