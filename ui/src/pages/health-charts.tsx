import { type ChartPoint, LineChart } from '../components/line-chart';
import type { ClusterEvent } from '../herd';

interface HealthEventData {
  members?: { component: string; live: number | null }[];
  yarn?: { containersPending?: number };
}

/**
 * History from the `health` events: the monitor's samples themselves are not served by the API,
 * so a point is drawn each time the health changed, with the figures that probe carried.
 */
export function HealthCharts({ events }: { events: ClusterEvent[] }) {
  const health = events.filter((event) => event.type === 'health');
  const pointsOf = (figure: (data: HealthEventData) => number | null | undefined): ChartPoint[] =>
    health.flatMap((event) => {
      const value = figure(event.data as HealthEventData);
      return typeof value === 'number' ? [{ at: new Date(event.createdAt), value }] : [];
    });
  return (
    <section aria-labelledby="health-title">
      <h2 id="health-title">Health history</h2>
      <p className="muted">One point per health change ({health.length} so far).</p>
      <div className="charts">
        <LineChart title="Live DataNodes" unit="nodes" points={pointsOf((data) => data.members?.find((member) => member.component === 'DATANODE')?.live)} />
        <LineChart title="YARN pending containers" unit="containers" points={pointsOf((data) => data.yarn?.containersPending)} />
        <figure className="chart">
          <figcaption>HDFS capacity</figcaption>
          <p className="muted">Not reported: herd's health figures do not carry HDFS capacity yet.</p>
        </figure>
      </div>
    </section>
  );
}
