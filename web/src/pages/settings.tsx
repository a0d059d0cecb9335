// #/settings: a list of sections, each its own component (components/settings-*.tsx).
import { PageHeader } from '../components/ui';
import { SettingsAccount } from '../components/settings-account';
import { SettingsData } from '../components/settings-data';
import { EmailSettingsSection } from '../components/settings-email';
import { useTitle } from '../hooks';
import { useApp } from '../state';

export function SettingsPage() {
  const { t } = useApp();
  useTitle(t('settingsPage.title'));
  return (
    <div class="page settings-page">
      <PageHeader title={t('settingsPage.title')} subtitle={t('settingsPage.subtitle')} />
      <SettingsAccount />
      <EmailSettingsSection />
      <SettingsData />
    </div>
  );
}
