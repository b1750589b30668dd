import { Route, Router } from '@solidjs/router';
import { createResource, Match, Switch } from 'solid-js';
import { Loading } from './components/feedback';
import { Layout, Shell } from './components/Layout';
import { loadConfig } from './data/config';
import { ConfigProvider } from './data/config-context';
import { SessionProvider } from './data/session';
import { initSupabase } from './data/supabase';
import { I18nProvider } from './i18n';
import AcceptInvitationPage from './routes/accept-invitation';
import AccountEditPage from './routes/account-edit';
import ActivityPage from './routes/activity';
import ContractsPage, { ContractDetailPage } from './routes/contracts';
import FirstOrderPage from './routes/first-order';
import InvoicePage, { InvoicePrintPage } from './routes/invoice';
import InvoicesPage from './routes/invoices';
import OrdersPage, { NewOrderPage } from './routes/orders';
import AdministratorsDialog from './routes/administrators';
import ConfigErrorPage from './routes/config-error';
import ForgotPasswordPage from './routes/forgot-password';
import LoginPage from './routes/login';
import ManagersDialog from './routes/managers';
import NotFoundPage from './routes/not-found';
import NotificationSettingsPage from './routes/notification-settings';
import OverviewPage from './routes/overview';
import ResetPasswordPage from './routes/reset-password';

function Routes() {
  return (
    <Router root={Layout}>
      <Route path="/login" component={LoginPage} />
      <Route path="/forgot-password" component={ForgotPasswordPage} />
      <Route path="/reset-password" component={ResetPasswordPage} />
      <Route path="/invitations/accept" component={AcceptInvitationPage} />
      <Route path="/" component={OverviewPage}>
        <Route path="/" />
        <Route path="/accounts/:accountId/managers" component={ManagersDialog} />
        <Route path="/clusters/:clusterId/administrators" component={AdministratorsDialog} />
      </Route>
      {/* Commercial area: managers only; "no access" (not 404) when RLS shows nothing. */}
      <Route path="/accounts/:accountId/edit" component={AccountEditPage} />
      <Route path="/accounts/:accountId/activity" component={ActivityPage} />
      <Route path="/contracts" component={ContractsPage} />
      <Route path="/contracts/:contractId" component={ContractDetailPage} />
      <Route path="/invoices" component={InvoicesPage} />
      <Route path="/invoices/:invoiceId" component={InvoicePage} />
      <Route path="/invoices/:invoiceId/print" component={InvoicePrintPage} />
      <Route path="/orders" component={OrdersPage} />
      <Route path="/orders/new" component={NewOrderPage} />
      <Route path="/first-order" component={FirstOrderPage} />
      <Route path="/settings/notifications" component={NotificationSettingsPage} />
      <Route path="*404" component={NotFoundPage} />
    </Router>
  );
}

/** Loads /api/config, creates the one supabase client, then starts the router. */
function Bootstrap() {
  const [config, { refetch }] = createResource(() => loadConfig());
  return (
    <Switch
      fallback={
        <Shell>
          <Loading />
        </Shell>
      }
    >
      <Match when={config.error}>
        <Shell>
          <ConfigErrorPage retry={() => void refetch()} />
        </Shell>
      </Match>
      <Match when={config.state === 'ready' && config()}>
        {(ready) => {
          initSupabase(ready());
          return (
            <ConfigProvider config={ready()}>
              <SessionProvider>
                <Routes />
              </SessionProvider>
            </ConfigProvider>
          );
        }}
      </Match>
    </Switch>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Bootstrap />
    </I18nProvider>
  );
}
