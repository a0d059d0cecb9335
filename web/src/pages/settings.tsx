// #/settings: a list of sections, each its own component (components/settings-*.tsx).
import { useApp } from '../state';
import { useTitle } from '../hooks';
import { PageHeader } from '../components/ui';
import { SettingsAccount } from '../components/settings-account';
import { EmailSettingsSection } from '../components/settings-email';

export function SettingsPage() {
  const { t } = useApp();
  useTitle(t('settingsPage.title'));
  return (
    <div class="settings-page">
      <PageHeader title={t('settingsPage.title')} subtitle={t('settingsPage.subtitle')} />
      <SettingsAccount />
      <EmailSettingsSection />
    </div>
  );
}
