import { Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's one h1; it names the browser tab and takes the focus when the page opens, so a
 * screen reader announces where a link led (a single-page app does not reload).
 */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — Respire`;
    ref.current?.focus();
  }, [title]);
  return (
    <Title order={1} ref={ref} tabIndex={-1} size="h2" mb="md" style={{ outline: 'none' }}>
      {children}
    </Title>
  );
}
