// The invitation lifecycle journey, in headless Chromium on a desktop and a 375 px phone: a manager invites
// a new manager and sees the invitation pending in "Manage managers", resends it (a second e-mail with a new
// link; the first link is dead), the invitee opens the link three times (as link scanners and chat previews
// do), then accepts; the invitation leaves the list and the other manager's notification arrives in the
// mailbox. The notification settings page shows which e-mails the user receives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, launch, newContext, type ViewportName } from './support/browser.ts';
import { firstLink, type Message } from './support/mailbox.ts';
import { login } from './support/journey.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** All messages to an address (newest first), once there are at least `count` that match. */
async function waitForMails(to: string, count: number, match: (m: Message) => boolean = () => true, timeoutMs = 15_000): Promise<Message[]> {
  const url = `${inject('stack').mailboxUrl}/api/messages?to=${encodeURIComponent(to)}`;
  const deadline = Date.now() + timeoutMs;
  let found: Message[] = [];
  while (Date.now() < deadline) {
    found = ((await (await fetch(url)).json()) as Message[]).filter(match);
    if (found.length >= count) return found;
    await sleep(250);
  }
  throw new Error(`expected ${count} e-mail(s) to ${to}, found ${found.length} within ${timeoutMs} ms`);
}

describe.each<ViewportName>(['desktop', 'phone'])('invitation lifecycle (%s)', (viewport) => {
  it('invite, see it pending, resend, the invitee accepts after three views, the other manager is told', async () => {
    const invitee = `lifecycle-${viewport}-${Date.now()}@example.com`;

    // 1. Anna invites a new manager to CN-1001.
    const managerCtx = await newContext(browser, viewport);
    const manager = await managerCtx.newPage();
    await login(manager, 'anna@alpha.example', 'demo-password');
    await manager.getByTestId('account-CN-1001').getByRole('button', { name: 'Manage managers' }).click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Invite manager' }).click();
    await dialog.getByLabel('E-mail').fill(invitee);
    await dialog.getByRole('button', { name: 'Invite', exact: true }).click();

    // 2. The invitation is listed beside the members, pending.
    const row = dialog.getByTestId(`invitation-${invitee}`);
    await row.waitFor();
    await expect(row.getByTestId('invitation-state').textContent()).resolves.toBe('pending');
    await expectAccessible(manager, `Manage managers with an open invitation (${viewport})`);
    await expectNoHorizontalScroll(manager, `Manage managers with an open invitation (${viewport})`);
    const [first] = await waitForMails(invitee, 1);

    // 3. Resend: a second e-mail with a new link; the first link no longer works.
    await row.getByRole('button', { name: `Resend the invitation to ${invitee}` }).click();
    await dialog.getByText(`The invitation to ${invitee} has been sent again with a new link.`).waitFor();
    const mails = await waitForMails(invitee, 2);
    const latest = mails[0];
    expect(firstLink(latest)).not.toBe(firstLink(first));
    expect(new URL(firstLink(latest)).searchParams.get('token')).not.toBe(new URL(firstLink(first)).searchParams.get('token'));

    // 4. The invitee opens the new link three times (scanner, chat preview, the person): it shows who invites
    //    whom to what, changes nothing; the old link is refused.
    const inviteeCtx = await newContext(browser, viewport);
    const guest = await inviteeCtx.newPage();
    await guest.goto(firstLink(first));
    await guest.getByText('This invitation does not exist or has been withdrawn.').waitFor();
    for (let i = 0; i < 3; i++) {
      await guest.goto(firstLink(latest));
      await guest.getByText('CN-1001').first().waitFor();
      await guest.getByText('anna@alpha.example').first().waitFor();
    }
    await expectAccessible(guest, `invitation page (${viewport})`);
    await expectNoHorizontalScroll(guest, `invitation page (${viewport})`);

    // 5. Accept, choose a password, land on the overview with the customer account.
    await guest.getByRole('button', { name: 'Accept invitation' }).click();
    await guest.getByLabel('New password').fill('invitee-password-1');
    await guest.getByRole('button', { name: 'Save password' }).click();
    await guest.getByTestId('account-CN-1001').waitFor();

    // 6. The invitation is no longer open; the invitee is a manager.
    await manager.reload();
    const again = manager.getByRole('dialog');
    await again.getByTestId(`member-${invitee}`).waitFor();
    expect(await again.getByTestId(`invitation-${invitee}`).count()).toBe(0);

    // 7. The other manager (Ben, English) is told by e-mail.
    const [notice] = await waitForMails('ben@alpha.example', 1, (m) => m.text.includes(invitee));
    expect(notice.subject).toMatch(/^New manager for CN-1001/);
    expect(notice.text).toContain(`has made ${invitee} a manager of customer account CN-1001`);

    // 8. Account settings: the notifications, the security-relevant ones cannot be turned off.
    await guest.getByRole('link', { name: 'Notifications' }).click();
    await guest.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    const removal = guest.getByLabel('A manager was removed (also when it is me)');
    await expect(removal.isChecked()).resolves.toBe(true);
    await expect(removal.isDisabled()).resolves.toBe(true);
    const added = guest.getByLabel('A manager was added to one of my customer accounts');
    await added.uncheck();
    await guest.reload();
    await guest.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await expect(guest.getByLabel('A manager was added to one of my customer accounts').isChecked()).resolves.toBe(false);
    await expectAccessible(guest, `notification settings (${viewport})`);
    await expectNoHorizontalScroll(guest, `notification settings (${viewport})`);

    await managerCtx.close();
    await inviteeCtx.close();
  });
});
