import { Button, type ButtonProps } from '@mantine/core';
import { documentPaths } from '../api/documents';
import { usePdfDownload } from '../hooks/use-pdf-download';

/** The session's feuille d'émargement as a PDF (its coordinators and its facilitator may have it). */
export function AttendanceSheetButton({ sessionId, ...props }: { sessionId: string } & ButtonProps) {
  const download = usePdfDownload();
  return (
    <Button
      variant="default"
      {...props}
      loading={download.isPending}
      onClick={() =>
        download.mutate({
          path: documentPaths.attendanceSheet(sessionId),
          filename: 'feuille-emargement.pdf',
        })
      }
    >
      Feuille d’émargement (PDF)
    </Button>
  );
}
