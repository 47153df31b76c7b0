import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { Open } from '../../../shared/api';
import { statusStrings as text } from '../../strings/status';
import { bucketOpens } from '../model/chartBuckets';
import { formatExact } from '../model/time';

const BUCKET_COUNT = 12;
const WIDTH = 240;
const HEIGHT = 60;
const GAP = 2;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  svg: { width: '100%', height: 'auto', maxWidth: '480px' },
  people: { fill: tokens.colorPaletteGreenForeground1 },
  other: { fill: tokens.colorNeutralForeground4 },
  axis: { stroke: tokens.colorNeutralStroke1 },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground3,
  },
  axisLabels: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    maxWidth: '480px',
    color: tokens.colorNeutralForeground3,
  },
  swatchPeople: { color: tokens.colorPaletteGreenForeground1 },
  swatchOther: { color: tokens.colorNeutralForeground4 },
});

/**
 * Counted opens over time as stacked bars (people at the bottom, all other kinds on top), drawn as
 * plain SVG. The image carries one text alternative with the totals; the bars add no more words.
 */
export function OpensChart({
  opens,
  startIso,
  endMs,
}: {
  opens: readonly Open[];
  startIso: string;
  endMs: number;
}) {
  const styles = useStyles();
  const startMs = Date.parse(startIso);
  const buckets = bucketOpens(opens, startMs, Math.max(endMs, startMs + 1), BUCKET_COUNT);
  const tallest = Math.max(1, ...buckets.map((bucket) => bucket.people + bucket.other));
  const barWidth = WIDTH / BUCKET_COUNT - GAP;
  const people = buckets.reduce((sum, bucket) => sum + bucket.people, 0);
  const other = buckets.reduce((sum, bucket) => sum + bucket.other, 0);
  const label = text.chartLabel(
    people,
    other,
    formatExact(startIso),
    formatExact(new Date(endMs).toISOString()),
  );

  return (
    <figure className={styles.root} style={{ margin: 0 }}>
      <svg className={styles.svg} viewBox={`0 0 ${WIDTH} ${HEIGHT + 1}`} role="img" aria-label={label}>
        {buckets.map((bucket, index) => {
          const x = index * (WIDTH / BUCKET_COUNT) + GAP / 2;
          const peopleHeight = (bucket.people / tallest) * HEIGHT;
          const otherHeight = (bucket.other / tallest) * HEIGHT;
          return (
            <g key={bucket.startMs}>
              {bucket.people > 0 && (
                <rect
                  className={styles.people}
                  x={x}
                  y={HEIGHT - peopleHeight}
                  width={barWidth}
                  height={peopleHeight}
                />
              )}
              {bucket.other > 0 && (
                <rect
                  className={styles.other}
                  x={x}
                  y={HEIGHT - peopleHeight - otherHeight}
                  width={barWidth}
                  height={otherHeight}
                />
              )}
            </g>
          );
        })}
        <line className={styles.axis} x1={0} x2={WIDTH} y1={HEIGHT + 0.5} y2={HEIGHT + 0.5} />
      </svg>
      <div className={styles.axisLabels} aria-hidden="true">
        <Caption1>{formatExact(startIso)}</Caption1>
        <Caption1>{text.chartNow}</Caption1>
      </div>
      <figcaption className={styles.legend} aria-hidden="true">
        <Caption1>
          <span className={styles.swatchPeople}>■</span> {text.chartLegendPeople}
        </Caption1>
        <Caption1>
          <span className={styles.swatchOther}>■</span> {text.chartLegendOther}
        </Caption1>
      </figcaption>
    </figure>
  );
}
