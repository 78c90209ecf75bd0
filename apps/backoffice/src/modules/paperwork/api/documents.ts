import { ApiError, type ApiErrorBody } from '../../../api/api-error';
import { sessionToken } from '../../../api/session-token';

/**
 * Downloads a PDF the services render (attendance sheet, certificate, receipt) with the
 * coordinator's token, then hands it to the browser as a file: a plain link cannot carry the
 * bearer token.
 */
export async function downloadPdf(path: string, filename: string): Promise<void> {
  const response = await globalThis.fetch(`${globalThis.location.origin}${path}`, {
    headers: { Authorization: `Bearer ${await sessionToken.accessToken()}` },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as ApiErrorBody | undefined;
    throw new ApiError(response.status, body);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const documentPaths = {
  attendanceSheet: (sessionId: string) => `/v1/sessions/${sessionId}/attendance-sheet.pdf`,
  certificate: (registrationId: string) => `/v1/registrations/${registrationId}/certificate.pdf`,
  receipt: (registrationId: string, paymentId: string) =>
    `/v1/registrations/${registrationId}/payments/${paymentId}/receipt.pdf`,
};
