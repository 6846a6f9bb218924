// The heatmap feature's public surface: other features import from here only.
import './heatmap.css';

export { HeatLayer, DEFAULT_RADIUS_M, type HeatLayerProps } from './HeatLayer';
export { HeatLegend } from './HeatLegend';
export { TimeWindow } from './TimeWindow';
export { useHeatTimeline, type HeatTimeline } from './useHeatTimeline';
