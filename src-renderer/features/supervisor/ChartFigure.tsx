import { useId, type ReactNode } from 'react';

/** A chart with a visible caption that also names it for assistive technology. */
export function ChartFigure({ title, children, empty }: { title: string; children: ReactNode; empty?: string | null }) {
  const id = useId();
  return (
    <figure className="sup-chart" aria-labelledby={id}>
      <figcaption id={id}>{title}</figcaption>
      {empty ? <p className="sup-chart-empty">{empty}</p> : children}
    </figure>
  );
}
