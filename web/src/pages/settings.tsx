// The settings page: a list of sections, each its own component.
import { PageHeader } from '../components/ui';
import { SettingsData } from '../components/settings-data';
import { useTitle } from '../hooks';
import { useApp } from '../state';

export function SettingsPage() {
  const { t } = useApp();
  useTitle(t('settingsPage.title'));
  return (
    <div class="page settings-page">
      <PageHeader title={t('settingsPage.title')} subtitle={t('settingsPage.subtitle')} />
      <SettingsData />
    </div>
  );
}
