import { AppProviders } from '../components/AppProviders';
import { mountApp } from '../components/mountApp';
import { PortalApp } from './PortalApp';

mountApp(
  <AppProviders basename="/portal">
    <PortalApp />
  </AppProviders>,
);
