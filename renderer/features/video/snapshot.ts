import type { Camera } from '../../../shared/site/schema';

type Mask = Camera['masks'][number];

/**
 * Draws the video's current frame at its native size, burns in every privacy
 * mask that is not lifted (a still must never show more than the live tile),
 * and encodes a PNG. Throws when there is no picture yet.
 */
export async function captureFrame(video: HTMLVideoElement, masks: readonly Mask[], lifted: ReadonlySet<number>): Promise<Blob> {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (!width || !height) throw new Error('no picture yet');
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(video, 0, 0, width, height);
  ctx.fillStyle = '#000';
  masks.forEach((m, i) => {
    if (!lifted.has(i)) ctx.fillRect(Math.floor(m.x * width), Math.floor(m.y * height), Math.ceil(m.w * width), Math.ceil(m.h * height));
  });
  return new Promise<Blob>((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png');
  });
}

export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/**
 * Where an object-fit: contain picture lies inside its box, in pixels, so
 * masks drawn over the tile cover the same part of the picture as in a still.
 */
export function containRect(boxW: number, boxH: number, videoW: number, videoH: number): { left: number; top: number; width: number; height: number } {
  if (!videoW || !videoH || !boxW || !boxH) return { left: 0, top: 0, width: boxW, height: boxH };
  const scale = Math.min(boxW / videoW, boxH / videoH);
  const width = videoW * scale;
  const height = videoH * scale;
  return { left: (boxW - width) / 2, top: (boxH - height) / 2, width, height };
}
