import { AppProviders } from '../components/AppProviders';
import { mountApp } from '../components/mountApp';
import { AdminApp } from './AdminApp';
import { giveScriptCreatedStylesTheNonce } from './cspStyleNonce';

giveScriptCreatedStylesTheNonce();

mountApp(
  <AppProviders basename="/admin">
    <AdminApp />
  </AppProviders>,
);
