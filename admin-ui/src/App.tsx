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
import { lazyScreen } from './common/lazy';
import { TestRunner } from './pages/TestRunner';
import { Publish } from './pages/Publish';
import { Diff } from './pages/Diff';
import { ImportExport } from './pages/ImportExport';
import decisions from './decisions/DecisionList';
import { DraftingWizard } from './drafting/DraftingWizard';
import { ChangePassword } from './account/ChangePassword';
import { ProposalReview } from './onboarding/ProposalReview';

// 试算 brings rjsf and its ajv validator
const TryIt = lazyScreen(() => import('./pages/TryIt').then((m) => ({ default: m.TryIt })));

export const App = () => (
  <Admin
    title="乡镇规则平台"
    dataProvider={dataProvider}
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
      <Route path="/test/:packId" element={<Authenticated><TestRunner /></Authenticated>} />
      <Route path="/try/:packId" element={<Authenticated><TryIt /></Authenticated>} />
      <Route path="/publish/:packId" element={<Authenticated><Publish /></Authenticated>} />
      <Route path="/diff/:packId" element={<Authenticated><Diff /></Authenticated>} />
      <Route path="/import-export" element={<Authenticated><ImportExport /></Authenticated>} />
      <Route path="/drafting" element={<Authenticated><DraftingWizard /></Authenticated>} />
      <Route path="/account/password" element={<Authenticated><ChangePassword /></Authenticated>} />
      <Route path="/onboarding/:packId" element={<Authenticated><ProposalReview /></Authenticated>} />
    </CustomRoutes>
  </Admin>
);

export default App;
