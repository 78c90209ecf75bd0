import { Card, Group, Title, type MantineSpacing, type TitleProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A bordered section of a page under its h2; `actions` (a button, a filter, or false when none
 * applies now) sit at the right of the title.
 */
export function SectionCard({
  title,
  actions,
  size = 'h3',
  titleMb = 'sm',
  children,
}: {
  title: ReactNode;
  actions?: ReactNode;
  size?: TitleProps['size'];
  titleMb?: MantineSpacing;
  children: ReactNode;
}) {
  return (
    <Card withBorder>
      {actions !== undefined ? (
        <Group justify="space-between" mb={titleMb}>
          <Title order={2} size={size}>
            {title}
          </Title>
          {actions}
        </Group>
      ) : (
        <Title order={2} size={size} mb={titleMb}>
          {title}
        </Title>
      )}
      {children}
    </Card>
  );
}
