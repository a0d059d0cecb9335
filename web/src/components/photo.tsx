// One's profile photo: choose a JPEG, PNG or WebP picture, crop it to a square (drag it
// into place and zoom, by pointer or keyboard, on a canvas), and the square is sent as a
// JPEG to PUT /api/v1/me/photo; or remove it (DELETE). The server checks the picture
// again (decodes it, at least 96 px, scales it to 400 and 96 px).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, del, sendBytes } from '../api';
import { errorText } from '../errors';
import { useApp } from '../state';
import { ErrorBox } from './ui';
import { replacePhoto } from './avatar-photo';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MIN_SIDE = 96; // The server's least short side.
const MAX_OUT = 800; // The sent square's side at most: the server keeps 400 px.
const VIEW = 320; // The crop canvas, in canvas pixels.

function sendPhoto(picture: Blob): Promise<unknown> {
  return sendBytes('PUT', '/api/v1/me/photo', picture, picture.type || 'image/jpeg');
}

interface Crop {
  side: number; // Of the square, in the picture's pixels.
  x: number; // Its top left corner.
  y: number;
}

function clampCrop(crop: Crop, width: number, height: number): Crop {
  const side = Math.min(Math.max(crop.side, Math.min(MIN_SIDE, width, height)), Math.min(width, height));
  return { side, x: Math.min(Math.max(crop.x, 0), width - side), y: Math.min(Math.max(crop.y, 0), height - side) };
}

// The picture with the square over it; drag to move, the slider zooms.
function Cropper({ picture, onDone, onCancel, busy }: { picture: ImageBitmap; onDone: (crop: Crop) => void; onCancel: () => void; busy: boolean }) {
  const { t } = useApp();
  const canvas = useRef<HTMLCanvasElement>(null);
  const short = Math.min(picture.width, picture.height);
  const maxZoom = Math.max(1, Math.min(8, short / MIN_SIDE));
  const [crop, setCrop] = useState<Crop>(() => ({ side: short, x: (picture.width - short) / 2, y: (picture.height - short) / 2 }));
  const drag = useRef<{ x: number; y: number; crop: Crop } | null>(null);
  const zoom = short / crop.side;

  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.clearRect(0, 0, VIEW, VIEW);
    context.drawImage(picture, crop.x, crop.y, crop.side, crop.side, 0, 0, VIEW, VIEW);
    // The round avatar the square becomes: the corners dimmed.
    context.save();
    context.fillStyle = 'rgba(16, 24, 40, 0.45)';
    context.beginPath();
    context.rect(0, 0, VIEW, VIEW);
    context.arc(VIEW / 2, VIEW / 2, VIEW / 2 - 1, 0, Math.PI * 2, true);
    context.fill('evenodd');
    context.restore();
  }, [crop, picture]);

  const move = (dx: number, dy: number) => setCrop((old) => clampCrop({ ...old, x: old.x + dx, y: old.y + dy }, picture.width, picture.height));
  const zoomTo = (next: number) =>
    setCrop((old) => {
      const side = short / Math.min(Math.max(next, 1), maxZoom);
      // Zoom about the square's centre.
      return clampCrop({ side, x: old.x + (old.side - side) / 2, y: old.y + (old.side - side) / 2 }, picture.width, picture.height);
    });

  return (
    <div class="cropper">
      <p class="muted small" id="crop-hint">
        {t('photo.cropHint')}
      </p>
      <canvas
        ref={canvas}
        width={VIEW}
        height={VIEW}
        class="crop-canvas"
        tabIndex={0}
        role="img"
        aria-label={t('photo.cropArea')}
        aria-describedby="crop-hint"
        data-testid="crop-canvas"
        onPointerDown={(event) => {
          (event.currentTarget as HTMLCanvasElement).setPointerCapture(event.pointerId);
          drag.current = { x: event.clientX, y: event.clientY, crop };
        }}
        onPointerMove={(event) => {
          const start = drag.current;
          if (!start) return;
          const scale = start.crop.side / (event.currentTarget as HTMLCanvasElement).getBoundingClientRect().width;
          setCrop(clampCrop({ ...start.crop, x: start.crop.x - (event.clientX - start.x) * scale, y: start.crop.y - (event.clientY - start.y) * scale }, picture.width, picture.height));
        }}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        onWheel={(event) => {
          event.preventDefault();
          zoomTo(zoom * (event.deltaY < 0 ? 1.1 : 1 / 1.1));
        }}
        onKeyDown={(event) => {
          const step = crop.side * 0.05;
          const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
          if (moves[event.key]) {
            event.preventDefault();
            move(...moves[event.key]);
          } else if (event.key === '+' || event.key === '=') {
            zoomTo(zoom * 1.1);
          } else if (event.key === '-') {
            zoomTo(zoom / 1.1);
          }
        }}
      />
      <label class="zoom-row">
        <span>{t('photo.zoom')}</span>
        <input type="range" min={1} max={maxZoom} step={0.01} value={zoom} disabled={maxZoom === 1} onInput={(event) => zoomTo(Number(event.currentTarget.value))} />
      </label>
      <div class="form-actions">
        <button type="button" class="btn btn-primary" disabled={busy} onClick={() => onDone(crop)}>
          {busy ? t('photo.uploading') : t('photo.use')}
        </button>
        <button type="button" class="btn" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

// The photo controls on one's own profile. `onChanged` gets whether one now has a photo.
export function PhotoControls({ member, hasPhoto, onChanged }: { member: number; hasPhoto: boolean; onChanged: (hasPhoto: boolean) => void }) {
  const { t, lang } = useApp();
  const input = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [picture, setPicture] = useState<ImageBitmap | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (picture) dialog.current?.showModal();
  }, [picture]);

  async function chosen(file: File | undefined) {
    setError(null);
    setNotice(null);
    if (!file) return;
    if (!TYPES.includes(file.type)) {
      setError(t('photo.wrongType'));
      return;
    }
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      setError(t('error.photoUnreadable'));
      return;
    }
    if (Math.min(bitmap.width, bitmap.height) < MIN_SIDE) {
      setError(t('error.photoTooSmall'));
      return;
    }
    setPicture(bitmap);
  }

  function close() {
    dialog.current?.close();
    setPicture(null);
    if (input.current) input.current.value = '';
  }

  async function upload(crop: Crop) {
    if (!picture) return;
    setBusy(true);
    setError(null);
    try {
      const side = Math.round(Math.min(crop.side, MAX_OUT));
      const out = document.createElement('canvas');
      out.width = side;
      out.height = side;
      const context = out.getContext('2d')!;
      context.fillStyle = '#fff'; // A transparent PNG's background, as JPEG has none.
      context.fillRect(0, 0, side, side);
      context.drawImage(picture, crop.x, crop.y, crop.side, crop.side, 0, 0, side, side);
      const square = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/jpeg', 0.9));
      if (!square) throw new Error(t('error.photoUnreadable'));
      await sendPhoto(square);
      replacePhoto(member, square);
      close();
      setNotice(t('photo.saved'));
      onChanged(true);
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 413 ? t('error.photoTooBig') : errorText({ t, lang }, caught));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setError(null);
    setNotice(null);
    try {
      await del('/api/v1/me/photo');
      replacePhoto(member, null);
      setConfirming(false);
      setNotice(t('photo.removed'));
      onChanged(false);
    } catch (caught) {
      setError(errorText({ t, lang }, caught));
    }
  }

  return (
    <div class="photo-controls" data-testid="photo-controls">
      <input
        ref={input}
        type="file"
        accept={TYPES.join(',')}
        class="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="photo-file"
        onChange={(event) => chosen(event.currentTarget.files?.[0])}
      />
      <div class="photo-buttons">
        <button type="button" ref={opener} class="btn btn-small" onClick={() => input.current?.click()}>
          {hasPhoto ? t('photo.change') : t('photo.upload')}
        </button>
        {hasPhoto && !confirming && (
          <button type="button" class="btn btn-small btn-danger-ghost" onClick={() => setConfirming(true)}>
            {t('photo.remove')}
          </button>
        )}
      </div>
      {confirming && (
        <div class="confirm" role="group" aria-label={t('photo.remove')}>
          <span>{t('photo.removeConfirm')}</span>
          <button type="button" class="btn btn-small btn-danger" onClick={remove}>
            {t('photo.remove')}
          </button>
          <button type="button" class="btn btn-small" onClick={() => setConfirming(false)} autoFocus>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {!hasPhoto && <p class="muted small">{t('photo.types')}</p>}
      {notice && (
        <p class="notice small" role="status">
          {notice}
        </p>
      )}
      {error && !picture && <ErrorBox message={error} />}
      <dialog ref={dialog} class="connect-dialog photo-dialog" aria-labelledby="photo-dialog-title" onClose={() => { setPicture(null); opener.current?.focus(); }}>
        <h2 class="card-title" id="photo-dialog-title">
          {t('photo.cropTitle')}
        </h2>
        {picture && <Cropper picture={picture} busy={busy} onDone={upload} onCancel={close} />}
        {error && picture && <ErrorBox message={error} />}
      </dialog>
    </div>
  );
}
