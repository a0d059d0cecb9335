// #/settings: a list of sections, each its own component (email here).
import { EmailSettingsSection } from '../components/settings-email';
import { PageHeader } from '../components/ui';
import { useTitle } from '../hooks';
import { useApp } from '../state';

export function SettingsPage() {
  const { t } = useApp();
  useTitle(t('settingsPage.title'));
  return (
    <div class="page settings-page">
      <PageHeader title={t('settingsPage.title')} subtitle={t('settingsPage.subtitle')} />
      <div class="stack">
        <EmailSettingsSection />
      </div>
    </div>
  );
}
