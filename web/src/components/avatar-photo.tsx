// Members' photos where their initials are drawn: GET /api/v1/members/{id}/photo at 96 or
// 400 px for a member whose profile says has_photo, the initials when it fails (an
// imported member marked as having a photo that was never uploaded, say). After one's
// own upload in this page, the uploaded picture is shown at once everywhere (the server's
// URL is the same, and the browser keeps the old picture for it until a reload).
import { useEffect, useState } from 'preact/hooks';

const failed = new Set<string>();
// Member -> the picture to show instead of the server's (an object URL), or null when
// removed.
const replaced = new Map<number, string | null>();
const listeners = new Set<() => void>();

export function photoUrl(member: number, size: number): string {
  // 96 px is sharp up to 48 px on a high-density screen; the profile's larger picture is 400.
  return `/api/v1/members/${member}/photo?size=${size > 48 ? 400 : 96}`;
}

// After one's own upload (`picture` = the uploaded image) or removal (null).
export function replacePhoto(member: number, picture: Blob | null) {
  const old = replaced.get(member);
  if (old) URL.revokeObjectURL(old);
  replaced.set(member, picture ? URL.createObjectURL(picture) : null);
  for (const size of [96, 400]) failed.delete(photoUrl(member, size));
  for (const listener of listeners) listener();
}

function useReplaced(member: number): string | null | undefined {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((tick) => tick + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return replaced.has(member) ? replaced.get(member)! : undefined;
}

// The picture to draw for `member` at `size` px, or null for the initials. `photo` is
// what their profile says (undefined: not known, so none is tried).
export function usePhoto(member: number, size: number, photo: boolean | undefined): { src: string | null; onError: () => void } {
  const own = useReplaced(member);
  const [, setFailures] = useState(0);
  if (own !== undefined) return { src: own, onError: () => {} };
  const url = photoUrl(member, size);
  if (!photo || failed.has(url)) return { src: null, onError: () => {} };
  return {
    src: url,
    onError: () => {
      failed.add(url);
      setFailures((n) => n + 1);
    },
  };
}
