import { Route, Router } from '@solidjs/router';
import { createResource, lazy, Match, Switch } from 'solid-js';
import { Loading } from './components/feedback';
import { Layout, Shell } from './components/Layout';
import { loadConfig } from './data/config';
import { ConfigProvider } from './data/config-context';
import { SessionProvider } from './data/session';
import { initSupabase } from './data/supabase';
import { I18nProvider } from './i18n';
import ConfigErrorPage from './routes/config-error';
import LoginPage from './routes/login';

// Every page but the sign-in page is its own chunk, loaded when first visited: the login route ships only
// what it needs (see docs/performance.md).
const AcceptInvitationPage = lazy(() => import('./routes/accept-invitation'));
const AccountEditPage = lazy(() => import('./routes/account-edit'));
const ActivityPage = lazy(() => import('./routes/activity'));
const ContractsPage = lazy(() => import('./routes/contracts'));
const ContractDetailPage = lazy(() => import('./routes/contracts').then((m) => ({ default: m.ContractDetailPage })));
const FirstOrderPage = lazy(() => import('./routes/first-order'));
const InvoicePage = lazy(() => import('./routes/invoice'));
const InvoicePrintPage = lazy(() => import('./routes/invoice').then((m) => ({ default: m.InvoicePrintPage })));
const InvoicesPage = lazy(() => import('./routes/invoices'));
const OrdersPage = lazy(() => import('./routes/orders'));
const NewOrderPage = lazy(() => import('./routes/orders').then((m) => ({ default: m.NewOrderPage })));
const AdministratorsDialog = lazy(() => import('./routes/administrators'));
const ForgotPasswordPage = lazy(() => import('./routes/forgot-password'));
const ManagersDialog = lazy(() => import('./routes/managers'));
const NotFoundPage = lazy(() => import('./routes/not-found'));
const NotificationSettingsPage = lazy(() => import('./routes/notification-settings'));
const OverviewPage = lazy(() => import('./routes/overview'));
const ResetPasswordPage = lazy(() => import('./routes/reset-password'));

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
