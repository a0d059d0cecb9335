// Small building blocks shared by the pages.
import type { ComponentChildren } from 'preact';
import { href } from '../router';
import { useApp } from '../state';
import { usePhoto } from './avatar-photo';

const avatarColours = ['#1f5f8b', '#2f7d6d', '#7a4e9c', '#a35a2a', '#3d6b2f', '#8a3b52', '#4a5a8c', '#6b5b2e'];

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

// A member's photo (components/avatar-photo.tsx), or their initials: in colour, or grey
// and dashed when their profile says they have no photo. `photo` is what the profile
// says; undefined when not known (no picture is tried).
export function Avatar({ id, name, size = 44, photo }: { id: number; name: string; size?: number; photo?: boolean }) {
  const colour = avatarColours[Math.abs(id) % avatarColours.length];
  const picture = usePhoto(id, size, photo);
  const style = { width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.38)}px` };
  if (picture.src) {
    return (
      <span class="avatar avatar-photo" style={style} aria-hidden="true">
        <img src={picture.src} alt="" width={size} height={size} onError={picture.onError} />
      </span>
    );
  }
  return (
    <span class={`avatar${photo === false ? ' avatar-nophoto' : ''}`} style={{ ...style, background: photo === false ? undefined : colour }} aria-hidden="true">
      {initials(name)}
    </span>
  );
}

export function DegreeBadge({ degree }: { degree: number | null | undefined }) {
  const { t } = useApp();
  if (degree === 0) return <span class="badge degree degree-0">{t('degree.0')}</span>;
  if (degree === 1 || degree === 2 || degree === 3) {
    return (
      <span class={`badge degree degree-${degree}`} title={t(`degree.long.${degree}` as const)}>
        {t(`degree.${degree}` as const)}
      </span>
    );
  }
  return <span class="badge degree degree-none">{t('degree.none')}</span>;
}

export function AdviceBadge({ decision }: { decision: 'accept' | 'consider' | 'decline' }) {
  const { t } = useApp();
  const icon = decision === 'accept' ? '✓' : decision === 'decline' ? '✕' : '?';
  return (
    <span class={`badge advice advice-${decision}`} data-advice={decision}>
      <span aria-hidden="true">{icon}</span> {t(`advice.${decision}` as const)}
    </span>
  );
}

export function MemberLink({ id, name }: { id: number; name: string }) {
  return <a href={href(`/members/${id}`)}>{name}</a>;
}

export function Loading() {
  const { t } = useApp();
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" /> {t('common.loading')}
    </p>
  );
}

export function ErrorBox({ message, retry }: { message: string; retry?: () => void }) {
  const { t } = useApp();
  return (
    <div class="error-box" role="alert">
      <span>{t('common.error', { message })}</span>
      {retry && (
        <button type="button" class="btn btn-small" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function PageHeader({ title, subtitle, children }: { title: string; subtitle?: string; children?: ComponentChildren }) {
  return (
    <header class="page-header">
      <div>
        <h1 tabIndex={-1} id="page-title">
          {title}
        </h1>
        {subtitle && <p class="subtitle">{subtitle}</p>}
      </div>
      {children && <div class="page-actions">{children}</div>}
    </header>
  );
}

export function Card({ title, children, class: className, id }: { title?: ComponentChildren; children: ComponentChildren; class?: string; id?: string }) {
  return (
    <section class={`card ${className ?? ''}`} aria-labelledby={id && title ? `${id}-title` : undefined} id={id}>
      {title && (
        <h2 class="card-title" id={id ? `${id}-title` : undefined}>
          {title}
        </h2>
      )}
      {children}
    </section>
  );
}

export function Stat({ label, value, note, testid }: { label: string; value: ComponentChildren; note?: ComponentChildren; testid?: string }) {
  return (
    <div class="stat" data-testid={testid}>
      <div class="stat-label">{label}</div>
      <div class="stat-value" data-value>
        {value}
      </div>
      {note && <div class="stat-note">{note}</div>}
    </div>
  );
}

// A translated sentence with one part that is markup (a link, say): `text` comes from
// t() with that part's placeholder filled by PART, which is replaced by `part`.
export const PART = '\u0000';

export function Sentence({ text, part }: { text: string; part: ComponentChildren }) {
  const [before, after = ''] = text.split(PART, 2);
  return (
    <>
      {before}
      {part}
      {after}
    </>
  );
}
