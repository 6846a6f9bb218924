// The video feature's public surface: other features import from here only.
export { VideoTile, CAMERA_DRAG_TYPE } from './VideoTile';
export { blobToBase64, captureFrame } from './snapshot';
export { createSourcesSlice, type SourcesSlice } from './sourcesSlice';
