import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { describeError } from '../../../api/api-error';
import { downloadPdf } from '../api/documents';

/** Downloads one of the services' PDFs on demand; a failure is said in French. */
export function usePdfDownload() {
  return useMutation({
    mutationFn: ({ path, filename }: { path: string; filename: string }) => downloadPdf(path, filename),
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
  });
}
