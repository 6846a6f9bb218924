// The wall feature's public surface: other features import from here only.
export { DeskWall } from './DeskWall';
export { WallView } from './WallView';
export { createWallSlice, type WallSlice, type WallError } from './wallSlice';
