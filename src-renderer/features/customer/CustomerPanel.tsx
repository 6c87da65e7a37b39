import type { ReactNode } from 'react';

/** The customer display's frame (signing, 人脸识别 notice): one panel with its title, big type for the applicant. */
export function CustomerPanel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="rate-screen">
      <section className="rate-panel">
        <h1>{title}</h1>
        {children}
      </section>
    </main>
  );
}
