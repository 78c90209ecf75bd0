import { Badge, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageTitle } from '../../common/components/page-title';
import { QueryView } from '../../common/components/states';
import { listTemplates } from '../api/templates';

/** The messages participants receive: which use the CPTS's own wording. */
export function TemplatesPage() {
  const templates = useQuery({ queryKey: ['templates'], queryFn: listTemplates });
  return (
    <>
      <PageTitle title="Messages">Messages envoyés aux participants</PageTitle>
      <QueryView query={templates}>
        {(list) => (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Message</Table.Th>
                <Table.Th scope="col">Texte</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((t) => (
                <Table.Tr key={t.key}>
                  <Table.Td>
                    <Link to={`/messages/${t.key}`}>{t.description}</Link>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color={t.overridden ? 'respire.9' : 'gray.8'}>
                      {t.overridden ? 'Personnalisé' : 'Texte par défaut'}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryView>
    </>
  );
}
