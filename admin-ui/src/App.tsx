import { Admin, Authenticated, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { Layout } from './common/Layout';
import { theme } from './common/theme';
import packs from './packs';
import parameters from './parameters';
import rules from './rules';
import fixtures from './fixtures';
import versions from './versions';
import auditEvents from './auditEvents';
import users from './users';
import townships from './townships';
import publishRequests from './publishRequests';
import decisions from './decisions';
import { lazyNamed } from './common/lazy';
import { listOpenedBy } from './common/openedList';
import { session } from './providers/http';
import { queryClient, store } from './boot';

// every screen is loaded when it is opened (see common/lazy)
const TestRunner = lazyNamed(() => import('./pages/TestRunner'), 'TestRunner');
const TryIt = lazyNamed(() => import('./pages/TryIt'), 'TryIt');
const Publish = lazyNamed(() => import('./pages/Publish'), 'Publish');
const Diff = lazyNamed(() => import('./pages/Diff'), 'Diff');
const ImportExport = lazyNamed(() => import('./pages/ImportExport'), 'ImportExport');
const DraftingWizard = lazyNamed(() => import('./drafting/DraftingWizard'), 'DraftingWizard');
const ChangePassword = lazyNamed(() => import('./account/ChangePassword'), 'ChangePassword');
const ProposalReview = lazyNamed(() => import('./onboarding/ProposalReview'), 'ProposalReview');

const resources = {
  packs,
  parameters,
  rules,
  fixtures,
  versions,
  'publish-requests': publishRequests,
  'audit-events': auditEvents,
  users,
  townships,
  decisions,
};

// Signed in, the list the address opens (a bookmark of #/parameters, a reload; 规则包 at #/)
// starts downloading while the shell boots, instead of once the shell has drawn (its first data
// is already on its way: boot.ts)
const openedList = listOpenedBy(window.location.hash, Object.keys(resources)) as keyof typeof resources | undefined;
if (openedList && session.token()) resources[openedList].list.preload();

export const App = () => (
  <Admin
    title="乡镇规则平台"
    dataProvider={dataProvider}
    queryClient={queryClient}
    store={store}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    layout={Layout}
    theme={theme}
    requireAuth
    disableTelemetry
  >
    <Resource name="packs" {...packs} />
    <Resource name="parameters" {...parameters} />
    <Resource name="rules" {...rules} />
    <Resource name="fixtures" {...fixtures} />
    <Resource name="versions" {...versions} />
    <Resource name="publish-requests" {...publishRequests} />
    <Resource name="audit-events" {...auditEvents} />
    <Resource name="users" {...users} />
    <Resource name="townships" {...townships} />
    <Resource name="sources" />
    <Resource name="decisions" {...decisions} />
    <CustomRoutes>
      <Route
        path="/test/:packId"
        element={
          <Authenticated>
            <TestRunner />
          </Authenticated>
        }
      />
      <Route
        path="/try/:packId"
        element={
          <Authenticated>
            <TryIt />
          </Authenticated>
        }
      />
      <Route
        path="/publish/:packId"
        element={
          <Authenticated>
            <Publish />
          </Authenticated>
        }
      />
      <Route
        path="/diff/:packId"
        element={
          <Authenticated>
            <Diff />
          </Authenticated>
        }
      />
      <Route
        path="/import-export"
        element={
          <Authenticated>
            <ImportExport />
          </Authenticated>
        }
      />
      <Route
        path="/drafting"
        element={
          <Authenticated>
            <DraftingWizard />
          </Authenticated>
        }
      />
      <Route
        path="/account/password"
        element={
          <Authenticated>
            <ChangePassword />
          </Authenticated>
        }
      />
      <Route
        path="/onboarding/:packId"
        element={
          <Authenticated>
            <ProposalReview />
          </Authenticated>
        }
      />
    </CustomRoutes>
  </Admin>
);

export default App;
