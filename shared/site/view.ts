import type { Playback, SourceStatus } from '../media/sources';
import type { Camera, Floor, SiteFile } from './schema';

/** A floor as the renderer draws it: the plan image as a URL it can load. */
export interface FloorView extends Floor {
  readonly imageUrl: string;
  /** Plan size in metres. */
  readonly widthM: number;
  readonly heightM: number;
}

export interface CameraView extends Camera {
  readonly playback: { readonly main: Playback; readonly sub: Playback };
}

/** The validated site, with everything resolved that the renderer needs. */
export interface SiteView extends Omit<SiteFile, 'floors' | 'cameras'> {
  readonly floors: readonly FloorView[];
  readonly cameras: readonly CameraView[];
}

export type { SourceStatus };
