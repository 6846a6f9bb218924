import { z } from 'zod';

export const stations = ['desk', 'wall', 'replay'] as const;
export const StationSchema = z.enum(stations);
export type Station = z.infer<typeof StationSchema>;
