// Reporting a post or comment to the moderators: a reason from the fixed list and the
// reporter's own words, sent to POST /api/v1/{posts|comments}/{id}/report.
import { useState } from 'preact/hooks';
import { post } from '../api';
import { errorText } from '../errors';
import type { Key } from '../i18n';
import { REPORT_REASONS, type ReportReason } from '../moderation-api';
import { useApp } from '../state';
import { ErrorBox } from './ui';

export function ReportForm({ kind, id, onClose }: { kind: 'post' | 'comment'; id: number; onClose: () => void }) {
  const { t, lang } = useApp();
  const [reason, setReason] = useState<ReportReason>('spam');
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (sent) {
    return (
      <p class="notice" role="status" data-testid="report-sent">
        {t('report.sent')}
      </p>
    );
  }
  async function send(event: Event) {
    event.preventDefault();
    setError(null);
    try {
      await post(`/api/v1/${kind}s/${id}/report`, { reason, text: text.trim() });
      setSent(true);
    } catch (caught) {
      setError(errorText({ t, lang }, caught));
    }
  }
  const field = `report-${kind}-${id}`;
  return (
    <form class="report-form card" onSubmit={send} data-testid="report-form" aria-label={t('report.title')}>
      <strong>{t('report.title')}</strong>
      <div class="field">
        <label for={`${field}-reason`}>{t('report.reason')}</label>
        <select id={`${field}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value as ReportReason)}>
          {REPORT_REASONS.map((name) => (
            <option key={name} value={name}>
              {t(`report.reason.${name}` as Key)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${field}-text`}>{t('report.text')}</label>
        <textarea id={`${field}-text`} rows={2} maxLength={1000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </div>
      {error && <ErrorBox message={error} />}
      <div class="action-row">
        <button type="submit" class="btn btn-primary">
          {t('report.send')}
        </button>
        <button type="button" class="btn btn-ghost" onClick={onClose}>
          {t('report.cancel')}
        </button>
      </div>
    </form>
  );
}
