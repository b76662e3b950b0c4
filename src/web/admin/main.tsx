import { AppProviders } from '../components/AppProviders';
import { mountApp } from '../components/mountApp';
import { AdminApp } from './AdminApp';

mountApp(
  <AppProviders basename="/admin">
    <AdminApp />
  </AppProviders>,
);
