import { AppProviders } from '../components/AppProviders';
import { mountApp } from '../components/mountApp';
import { IdpApp } from './IdpApp';

mountApp(
  <AppProviders basename="/uc">
    <IdpApp />
  </AppProviders>,
);
