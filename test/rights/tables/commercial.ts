// FAQ rights of the commercial area (issue: commercial area): invoice viewing, contract insight, order view and
// ordering for managers only; administrators, other accounts' managers and anon get nothing.
import { editAccountData, ja, placeFirstOrder, placeOrderForA, read, readCommercial, type RightRow } from '../probes.ts';

export const RIGHTS: RightRow[] = [
  // FAQ: Contract insight.
  { right: 'Contract insight: see the contract of cluster a1 (account A)', covers: ['contracts'], probe: readCommercial('contracts', (f) => ({ id: f.contractA })), expected: ja('manager') },
  { right: 'Contract insight: see the contract of cluster b1 (account B)', covers: ['contracts'], probe: readCommercial('contracts', (f) => ({ id: f.contractB })), expected: ja('otherManager') },
  // FAQ: Invoice viewing.
  { right: 'Invoice viewing: see an invoice of account A', covers: ['invoices'], probe: readCommercial('invoices', (f) => ({ id: f.invoiceA })), expected: ja('manager') },
  { right: 'Invoice viewing: see an invoice of account B', covers: ['invoices'], probe: readCommercial('invoices', (f) => ({ id: f.invoiceB })), expected: ja('otherManager') },
  { right: 'Invoice viewing: see the lines of an invoice of account A', covers: ['invoice_lines'], probe: readCommercial('invoice_lines', (f) => ({ invoice_id: f.invoiceA })), expected: ja('manager') },
  { right: 'Invoice viewing: see the lines of an invoice of account B', covers: ['invoice_lines'], probe: readCommercial('invoice_lines', (f) => ({ invoice_id: f.invoiceB })), expected: ja('otherManager') },
  // FAQ: Order view / "the right to order clusters, domains and certificates".
  { right: 'Order view: see the orders of account A', covers: ['orders'], probe: readCommercial('orders', (f) => ({ id: f.orderA })), expected: ja('manager') },
  { right: 'Order for account A (place_order)', covers: ['place_order'], probe: placeOrderForA, expected: ja('manager') },
  { right: 'First order: open a new customer account with a cluster order (place_first_order; refused for users who already manage one)', covers: ['place_first_order'], probe: placeFirstOrder, expected: ja('nobody', 'adminOne', 'adminTwo') },
  { right: 'See the price list of cluster plans (order forms)', covers: ['cluster_plans'], probe: read('cluster_plans', () => ({ code: 'managed-m' })), expected: ja('nobody', 'adminOne', 'adminTwo', 'manager', 'otherManager') },
  // FAQ: "via the button Edit data".
  { right: 'Edit data of customer account A (billing address)', covers: ['customer_accounts'], probe: editAccountData((w) => w.accountA), expected: ja('manager') },
  { right: 'Edit data of customer account B (billing address)', covers: ['customer_accounts'], probe: editAccountData((w) => w.accountB), expected: ja('otherManager') },
  { right: 'See the contact person history of account A', covers: ['contact_person_changes'], probe: readCommercial('contact_person_changes', (f) => ({ id: f.contactChangeA })), expected: ja('manager') },
];
