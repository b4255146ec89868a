import { useEffect, useState } from 'react';
import { api } from '../api';
import { percent } from '../format';
import { Collateralization, CollateralizationHistoryPage } from '../types';

const DAYS = 7;
const WIDTH = 560;
const HEIGHT = 220;
const PAD = { left: 56, right: 16, top: 12, bottom: 28 };
const COLOURS = ['#1f6feb', '#d2691e', '#2e8b57', '#8a2be2', '#b8860b', '#c71585'];

interface Point {
  readonly label: string;
  readonly ratio: string | null;
}

const day = (daysAgo: number): string => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

/**
 * Held ÷ required per asset over the last days: one request to the history read model gives each
 * day's figures as known at its end, and the last point is the live figure. The days are read once
 * per set of assets and day (past days do not change); live changes move only the last point.
 */
export function RatioChart({ current }: { current: readonly Collateralization[] }) {
  const assetKey = current.map((asset) => asset.assetId).join(',');
  // A new day turns today into a past day: a page left open over midnight reads the days anew.
  const lastDay = day(1);
  const [history, setHistory] = useState<Record<string, Point[]>>({});
  useEffect(() => {
    if (!assetKey) return undefined;
    let live = true;
    api<CollateralizationHistoryPage>(`/collateralization/history?from=${day(DAYS)}&to=${lastDay}`).then(
      ({ assets }) => live && setHistory(Object.fromEntries(assets.map((asset) => [asset.assetId, asset.points.map((point) => ({ label: point.date.slice(5), ratio: point.ratio }))]))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [assetKey, lastDay]);

  const series = current.map((asset) => ({ assetId: asset.assetId, points: [...(history[asset.assetId] ?? []), { label: 'now', ratio: asset.ratio }] }));
  // Numbers only to place pixels; the figures shown stay the API's decimal strings.
  const values = series.flatMap((line) => line.points.flatMap((point) => (point.ratio === null ? [] : [Number(point.ratio)])));
  const low = Math.min(0.9, ...values);
  const high = Math.max(1.1, ...values);
  const columns = Math.max(1, ...series.map((line) => line.points.length)) - 1 || 1;
  const x = (index: number, count: number) => PAD.left + ((WIDTH - PAD.left - PAD.right) * (index + (columns + 1 - count))) / columns;
  const y = (value: number) => PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - (value - low) / (high - low));
  const labels = series.reduce<Point[]>((longest, line) => (line.points.length > longest.length ? line.points : longest), []);

  return (
    <figure className="panel chart" aria-labelledby="ratio-chart-title">
      <h2 id="ratio-chart-title">Collateralization ratio, last {DAYS} days</h2>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Ratio of held to required shares per asset over time">
        {[low, 1, high].map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className={tick === 1 ? 'par' : 'tick'} />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end">{`${Math.round(tick * 100)}%`}</text>
          </g>
        ))}
        {labels.map((point, index) => (
          <text key={point.label} x={x(index, labels.length)} y={HEIGHT - 8} textAnchor="middle">
            {point.label}
          </text>
        ))}
        {series.map((line, lineIndex) => (
          <polyline
            key={line.assetId}
            fill="none"
            stroke={COLOURS[lineIndex % COLOURS.length]}
            strokeWidth={2}
            points={line.points.flatMap((point, index) => (point.ratio === null ? [] : [`${x(index, line.points.length)},${y(Number(point.ratio))}`])).join(' ')}
          />
        ))}
      </svg>
      <figcaption>
        {series.map((line, lineIndex) => (
          <span key={line.assetId} className="legend">
            <span className="swatch" style={{ background: COLOURS[lineIndex % COLOURS.length] }} /> {line.assetId} {percent(line.points.at(-1)?.ratio)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
