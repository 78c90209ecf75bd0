import { Alert, Button, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { describeError } from '../../../api/api-error';
import { completeSignIn, tokenFromFragment } from '../api/sign-in';
import { useAccountState } from '../hooks/account-context';

/**
 * `/app/connexion/lien#jeton=…`, opened from the mail: posts the secret once, then opens the app.
 * The fragment is wiped from the address bar first, so the secret stays out of history.
 */
export function LinkLandingPage() {
  const navigate = useNavigate();
  const { refresh } = useAccountState();
  const [failure, setFailure] = useState<unknown>(null);
  const started = useRef(false);

  useEffect(() => {
    document.title = 'Connexion — Respire';
    if (started.current) return; // React's strict mode runs effects twice; the link works once
    started.current = true;
    const token = tokenFromFragment(window.location.hash);
    window.history.replaceState(null, '', window.location.pathname);
    if (!token) {
      setFailure(new Error('missing token'));
      return;
    }
    completeSignIn(token).then(() => {
      refresh();
      void navigate('/', { replace: true });
    }, setFailure);
  }, [navigate, refresh]);

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={440}>
        <Stack>
          <Title order={1} size="h2">
            Connexion
          </Title>
          {failure ? (
            <>
              <Alert color="red" role="alert" title="Ce lien ne fonctionne plus">
                <Text size="sm">
                  {failure instanceof Error && failure.message === 'missing token'
                    ? 'Ce lien est incomplet. Copiez-le en entier depuis le message, ou demandez-en un nouveau.'
                    : describeError(failure)}
                </Text>
              </Alert>
              <Button component={Link} to="/connexion">
                Demander un nouveau lien
              </Button>
            </>
          ) : (
            <Text role="status">
              <Loader size="xs" mr="xs" aria-hidden />
              Connexion en cours…
            </Text>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
