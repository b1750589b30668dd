// The FAQ's "add a new administrator" journey, in headless Chromium, on a desktop and a 375 px phone:
// a manager logs in, opens "Manage administrators" in the row of a cluster, invites a new person, the invitee
// accepts from the e-mail and sees the cluster; the manager removes them with the x and the cluster is gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, launch, newContext, type ViewportName } from './support/browser.ts';
import { firstLink, waitForMail } from './support/mailbox.ts';
import { login } from './support/journey.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each<ViewportName>(['desktop', 'phone'])('add a new administrator (%s)', (viewport) => {
  it('invite, accept from the e-mail, see the cluster; removal takes it away at once', async () => {
    const invitee = `new-admin-${viewport}-${Date.now()}@example.com`;

    // 1. The manager logs in and sees the overview.
    const managerCtx = await newContext(browser, viewport);
    const manager = await managerCtx.newPage();
    await login(manager, 'anna@alpha.example', 'demo-password');
    const clusterRow = manager.getByTestId('cluster-C-2002');
    await expect(clusterRow.isVisible()).resolves.toBe(true);
    await expectAccessible(manager, `overview (${viewport})`);
    await expectNoHorizontalScroll(manager, `overview (${viewport})`);

    // 2. "Manage administrators" in the row of the cluster.
    await clusterRow.getByRole('button', { name: 'Manage administrators' }).click();
    const dialog = manager.getByRole('dialog');
    await dialog.waitFor();
    await expectAccessible(manager, `Manage administrators (${viewport})`);

    // 3. "Invite administrator", enter the address, "Invite".
    await dialog.getByRole('button', { name: 'Invite administrator' }).click();
    await dialog.getByLabel('E-mail').fill(invitee);
    await dialog.getByRole('button', { name: 'Invite', exact: true }).click();
    await dialog.getByText(invitee).first().waitFor();

    // 4. The invitee gets the e-mail, opens the link: it shows the invitation and changes nothing yet.
    const mail = await waitForMail(invitee);
    expect(mail.text).toContain('C-2002');
    const inviteeCtx = await newContext(browser, viewport);
    const guest = await inviteeCtx.newPage();
    await guest.goto(firstLink(mail));
    await guest.getByText('C-2002').first().waitFor();
    await expectAccessible(guest, `invitation page (${viewport})`);

    // 5. Accept, choose a password, land on the overview with the cluster.
    await guest.getByRole('button', { name: 'Accept invitation' }).click();
    await guest.getByLabel('New password').fill('invitee-password-1');
    await guest.getByRole('button', { name: 'Save password' }).click();
    await guest.getByTestId('cluster-C-2002').waitFor();
    await expectAccessible(guest, `invitee overview (${viewport})`);
    await expectNoHorizontalScroll(guest, `invitee overview (${viewport})`);

    // 6. The manager sees the new administrator and removes them with the x.
    await manager.reload();
    const dialogAgain = manager.getByRole('dialog');
    await dialogAgain.getByTestId(`member-${invitee}`).waitFor();
    await dialogAgain.getByRole('button', { name: `Remove ${invitee}` }).click();
    await dialogAgain.getByRole('button', { name: 'Yes, remove' }).click();
    await dialogAgain.getByTestId(`member-${invitee}`).waitFor({ state: 'detached' });

    // 7. The invitee's still-valid session no longer reaches the cluster.
    await guest.reload();
    await guest.getByTestId('overview-empty').waitFor();
    expect(await guest.getByTestId('cluster-C-2002').count()).toBe(0);

    await managerCtx.close();
    await inviteeCtx.close();
  });
});
