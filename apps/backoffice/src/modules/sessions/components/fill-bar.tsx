import { Group, Progress, Text } from '@mantine/core';

/** Seats taken out of capacity, readable without colour (the numbers are written next to the bar). */
export function FillBar({ taken, capacity, label }: { taken: number; capacity: number; label: string }) {
  const ratio = capacity > 0 ? Math.min(1, taken / capacity) : 0;
  const color = ratio >= 1 ? 'respire.8' : ratio < 0.5 ? 'orange.8' : 'blue.8';
  return (
    <Group gap="xs" wrap="nowrap" miw={140}>
      <Progress.Root w={90}>
        <Progress.Section
          value={ratio * 100}
          color={color}
          aria-label={label}
          aria-valuetext={`${taken} sur ${capacity}`}
        />
      </Progress.Root>
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {taken}/{capacity}
      </Text>
    </Group>
  );
}
