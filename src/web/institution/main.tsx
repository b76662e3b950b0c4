import { AppProviders } from '../components/AppProviders';
import { mountApp } from '../components/mountApp';
import { InstitutionApp } from './InstitutionApp';

mountApp(
  <AppProviders basename="/institution">
    <InstitutionApp />
  </AppProviders>,
);
