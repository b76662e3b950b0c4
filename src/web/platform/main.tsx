import { AppProviders } from '../components/AppProviders';
import { mountApp } from '../components/mountApp';
import { PlatformApp } from './PlatformApp';

mountApp(
  <AppProviders basename="/">
    <PlatformApp />
  </AppProviders>,
);
