// Profiles by member id, fetched once per page load and shared: invitation cards, search
// hits and posts name members by id only. At most four requests run at a time. And whom
// I have invited, for the Connect buttons.
import { useEffect, useState } from 'preact/hooks';
import { get, type Invitation, type Profile } from './api';

const cache = new Map<number, Promise<Profile | null>>();
const queue: (() => void)[] = [];
let running = 0;

function schedule<T>(task: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const run = () => {
      running++;
      task()
        .then(resolve, reject)
        .finally(() => {
          running--;
          queue.shift()?.();
        });
    };
    if (running < 4) run();
    else queue.push(run);
  });
}

export function profile(id: number): Promise<Profile | null> {
  let entry = cache.get(id);
  if (!entry) {
    entry = schedule(() => get<Profile>(`/api/v1/members/${id}`)).catch(() => {
      cache.delete(id); // A failure (a 503 while the network catches up) is not remembered.
      return null;
    });
    cache.set(id, entry);
  }
  return entry;
}

// After a write that changes what a profile says (a new connection).
export function forgetProfiles() {
  cache.clear();
  invited = null;
}

// The members I have a pending invitation to, fetched once per page load (the profile
// says whether they invited me, not whether I invited them).
let invited: Promise<Set<number>> | null = null;

export function invitedByMe(): Promise<Set<number>> {
  invited ??= get<{ invitations: Invitation[] }>('/api/v1/invitations?box=sent&state=pending&limit=1000').then(
    (answer) => new Set(answer.invitations.map((invitation) => invitation.to)),
    () => {
      invited = null;
      return new Set<number>();
    },
  );
  return invited;
}

export function rememberInvited(member: number) {
  invitedByMe().then((sent) => sent.add(member));
}

// The profiles of `ids`, filled in as they arrive.
export function useProfiles(ids: number[]): Map<number, Profile> {
  const [profiles, setProfiles] = useState(() => new Map<number, Profile>());
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    for (const id of ids) {
      profile(id).then((found) => {
        if (!live || !found) return;
        setProfiles((old) => {
          const next = new Map(old);
          next.set(id, found);
          return next;
        });
      });
    }
    return () => {
      live = false;
    };
  }, [key]);
  return profiles;
}
