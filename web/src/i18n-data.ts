// The words of a member's rights over their data (downloading
// it, deleting the account), in English and Norwegian Bokmål (part of i18n.ts's
// dictionaries).

export const dataEn = {
  'data.title': 'Your data',
  'data.exportTitle': 'Download my data',
  'data.exportText':
    'A ZIP file with everything ledd keeps about you: your profile, experience and education, connections, invitations, posts, comments, follows, saved searches, appearances, photo and settings. The CSV files can be imported into another ledd; export.json holds the same as JSON. Your password is not in it.',
  'data.exportButton': 'Download my data (ZIP)',
  'data.deleteTitle': 'Delete my account',
  'data.deleteText':
    'Your profile, connections, invitations, posts, comments and everything else about you are erased for good {days} days after you ask. Until then you can sign in and cancel.',
  'data.deleteText.one':
    'Your profile, connections, invitations, posts, comments and everything else about you are erased for good one day after you ask. Until then you can sign in and cancel.',
  'data.deleteSoon':
    'Your profile, connections, invitations, posts, comments and everything else about you are erased for good shortly after you ask. Until then you can sign in and cancel.',
  'data.password': 'Your password',
  'data.passwordHint': 'To be sure it is you.',
  'data.deleteButton': 'Delete my account',
  'data.deleting': 'Asking…',
  'data.passwordMissing': 'Enter your password.',
  'data.scheduled': 'Your account will be deleted on {date}.',
  'data.scheduledSince': 'You asked on {date}.',
  'data.cancel': 'Cancel the deletion',
  'data.cancelled': 'The deletion is cancelled. Your account stays.',
  'data.banner': 'Your account will be deleted on {date}.',
  'data.bannerLink': 'Keep my account',
  'data.wrongPassword': 'That is not your password.',
  'data.memberGone': 'This member is not on ledd (any longer).',
  'data.profileGoneTitle': 'Member not found',
};

export const dataNb: Record<keyof typeof dataEn, string> = {
  'data.title': 'Dataene dine',
  'data.exportTitle': 'Last ned dataene mine',
  'data.exportText':
    'En ZIP-fil med alt ledd lagrer om deg: profilen, erfaring og utdanning, kontakter, invitasjoner, innlegg, kommentarer, hvem du følger, lagrede søk, opptredener, profilbilde og innstillinger. CSV-filene kan importeres i en annen ledd, og export.json har det samme som JSON. Passordet ditt er ikke med.',
  'data.exportButton': 'Last ned dataene mine (ZIP)',
  'data.deleteTitle': 'Slett kontoen min',
  'data.deleteText':
    'Profilen, kontaktene, invitasjonene, innleggene, kommentarene og alt annet om deg slettes for godt {days} dager etter at du ber om det. Fram til da kan du logge inn og angre.',
  'data.deleteText.one':
    'Profilen, kontaktene, invitasjonene, innleggene, kommentarene og alt annet om deg slettes for godt én dag etter at du ber om det. Fram til da kan du logge inn og angre.',
  'data.deleteSoon':
    'Profilen, kontaktene, invitasjonene, innleggene, kommentarene og alt annet om deg slettes for godt kort tid etter at du ber om det. Fram til da kan du logge inn og angre.',
  'data.password': 'Passordet ditt',
  'data.passwordHint': 'Så vi vet at det er deg.',
  'data.deleteButton': 'Slett kontoen min',
  'data.deleting': 'Sender …',
  'data.passwordMissing': 'Skriv inn passordet ditt.',
  'data.scheduled': 'Kontoen din slettes {date}.',
  'data.scheduledSince': 'Du ba om det {date}.',
  'data.cancel': 'Angre slettingen',
  'data.cancelled': 'Slettingen er avbrutt. Kontoen din blir værende.',
  'data.banner': 'Kontoen din slettes {date}.',
  'data.bannerLink': 'Behold kontoen min',
  'data.wrongPassword': 'Det er ikke passordet ditt.',
  'data.memberGone': 'Dette medlemmet er ikke (lenger) på ledd.',
  'data.profileGoneTitle': 'Fant ikke medlemmet',
};
