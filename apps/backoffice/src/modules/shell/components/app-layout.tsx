import { Anchor, AppShell, Burger, Button, Group, NavLink, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useEffect } from 'react';
import { isCoordinator, isFunder, useAccount, useAccountState } from '../../auth/hooks/account-context';

const COORDINATOR_LINKS = [
  { to: '/tableau-de-bord', label: 'Tableau de bord' },
  { to: '/seances', label: 'Séances' },
  { to: '/catalogue', label: 'Catalogue' },
  { to: '/messages', label: 'Messages' },
  { to: '/rapports', label: 'Rapports' },
  { to: '/enquetes', label: 'Enquêtes' },
  { to: '/equipe', label: 'Équipe' },
  { to: '/parametres', label: 'Paramètres' },
];

const FACILITATOR_LINKS = [{ to: '/mes-seances', label: 'Mes séances' }];

const FUNDER_LINKS = [{ to: '/region', label: 'Vue régionale' }];

/** The frame of every signed-in page: who and where, the menu for the person's roles, sign-out. */
export function AppLayout() {
  const account = useAccount();
  const { signOut } = useAccountState();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  useEffect(close, [location.pathname, close]);

  // A funder's token carries no other role: the regional view is their whole menu.
  const links = isFunder(account)
    ? FUNDER_LINKS
    : [
        ...(isCoordinator(account) ? COORDINATOR_LINKS : []),
        ...(account.roles.includes('facilitator') ? FACILITATOR_LINKS : []),
      ];

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <Anchor
        href="#contenu"
        className="skip-link"
        style={{ position: 'absolute', left: -9999 }}
        onFocus={(e) => (e.currentTarget.style.left = '8px')}
        onBlur={(e) => (e.currentTarget.style.left = '-9999px')}
      >
        Aller au contenu
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Fermer le menu' : 'Ouvrir le menu'}
            />
            <Text fw={700} truncate>
              Respire <VisuallyHidden>—</VisuallyHidden>
              <Text span c="gray.7" fw={400}>
                {account.tenantName ?? account.regionName ?? ''}
              </Text>
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="sm">
              {account.name}
            </Text>
            <Button variant="subtle" size="compact-sm" onClick={() => void signOut()}>
              Se déconnecter
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Menu principal">
        {links.map((link) => (
          <NavLink key={link.to} component={RouterNavLink} to={link.to} label={link.label} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="contenu">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
