import { Alert, Anchor, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { requestSignInLink } from '../api/sign-in';
import { MutationError } from '../../common/components/states';

/** `/app/connexion`: the address, then a mailed link. The answer never says whether an account exists. */
export function SignInPage({ notice }: { notice?: string }) {
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const request = useMutation({ mutationFn: requestSignInLink });

  useEffect(() => {
    document.title = 'Connexion — Respire';
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setFieldError('Saisissez une adresse e-mail complète, par exemple prenom.nom@cpts.fr');
      return;
    }
    setFieldError(null);
    request.mutate(email.trim());
  }

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={440}>
        <Stack>
          <Title order={1} size="h2">
            Connexion à l’espace de gestion
          </Title>
          {notice && (
            <Alert color="yellow" role="status">
              {notice}
            </Alert>
          )}
          {request.isSuccess ? (
            <Alert color="green" title="Consultez votre messagerie" role="status">
              <Text size="sm">{request.data.message}</Text>
              <Text size="sm" mt="xs">
                Rien reçu après quelques minutes ? Vérifiez les courriers indésirables, puis{' '}
                <Anchor component="button" type="button" onClick={() => request.reset()}>
                  demandez un nouveau lien
                </Anchor>
                .
              </Text>
            </Alert>
          ) : (
            <form onSubmit={submit} noValidate>
              <Stack>
                <Text size="sm">
                  Indiquez votre adresse e-mail : vous recevrez un lien de connexion, valable 15 minutes.
                </Text>
                <TextInput
                  label="Adresse e-mail"
                  type="email"
                  autoComplete="email"
                  required
                  value={email}
                  onChange={(event) => setEmail(event.currentTarget.value)}
                  error={fieldError}
                />
                <MutationError mutation={request} />
                <Button type="submit" loading={request.isPending}>
                  Recevoir un lien de connexion
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
