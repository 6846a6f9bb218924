import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { MessageKey, MessageParams } from '../../../shared/i18n';
import type { HourRow, ResponseRow } from './charts';

const severityColours: Record<string, string> = { red: '#ef4444', orange: '#f97316', yellow: '#eab308', blue: '#3b82f6' };
const palette = ['#22d3ee', '#a78bfa', '#f472b6', '#34d399', '#fbbf24', '#60a5fa', '#fb7185', '#4ade80', '#c084fc', '#f87171'];

export interface AlertChartsProps {
  readonly bySeverity: { rows: HourRow[]; keys: string[] };
  readonly byType: { rows: HourRow[]; keys: string[] };
  readonly typeName: (code: string) => string;
  readonly severityName: (s: string) => string;
  readonly response: readonly ResponseRow[];
  readonly t: (key: MessageKey, params?: MessageParams) => string;
}

/** Alerts per hour (by severity, by type) and acknowledgement times against targets; data comes downsampled from the fold. */
export const AlertCharts = memo(function AlertCharts(props: AlertChartsProps) {
  const { t } = props;
  return (
    <div className="alerts__charts" data-testid="alert-charts">
      <figure>
        <figcaption>{t('alerts.chart.perHourSeverity')}</figcaption>
        <BarChart width={460} height={180} data={props.bySeverity.rows}>
          <CartesianGrid strokeDasharray="3 3" stroke="#243140" />
          <XAxis dataKey="label" stroke="#8b9bab" fontSize={11} />
          <YAxis stroke="#8b9bab" fontSize={11} allowDecimals={false} />
          <Tooltip />
          {props.bySeverity.keys.map((k) => (
            <Bar key={k} dataKey={k} stackId="s" name={props.severityName(k)} fill={severityColours[k] ?? '#888'} isAnimationActive={false} />
          ))}
        </BarChart>
      </figure>
      <figure>
        <figcaption>{t('alerts.chart.perHourType')}</figcaption>
        <BarChart width={460} height={180} data={props.byType.rows}>
          <CartesianGrid strokeDasharray="3 3" stroke="#243140" />
          <XAxis dataKey="label" stroke="#8b9bab" fontSize={11} />
          <YAxis stroke="#8b9bab" fontSize={11} allowDecimals={false} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {props.byType.keys.map((k, i) => (
            <Bar key={k} dataKey={k} stackId="t" name={props.typeName(k)} fill={palette[i % palette.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </figure>
      <figure>
        <figcaption>{t('alerts.chart.response')}</figcaption>
        <BarChart width={460} height={180} data={props.response.map((r) => ({ ...r, name: props.severityName(r.severity) }))}>
          <CartesianGrid strokeDasharray="3 3" stroke="#243140" />
          <XAxis dataKey="name" stroke="#8b9bab" fontSize={11} />
          <YAxis stroke="#8b9bab" fontSize={11} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Bar dataKey="actual" name={t('alerts.chart.actual')} fill="#f59e0b" isAnimationActive={false} />
          <Bar dataKey="target" name={t('alerts.chart.target')} fill="#3b82f6" isAnimationActive={false} />
        </BarChart>
      </figure>
    </div>
  );
});
