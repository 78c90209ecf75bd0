import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageTitle } from '../../common/components/page-title';
import { QueryView } from '../../common/components/states';
import { DataTable } from '../../common/components/data-table';
import { listTemplates } from '../api/templates';

/** The messages participants receive: which use the CPTS's own wording. */
export function TemplatesPage() {
  const templates = useQuery({ queryKey: ['templates'], queryFn: listTemplates });
  return (
    <>
      <PageTitle title="Messages">Messages envoyés aux participants</PageTitle>
      <QueryView query={templates}>
        {(list) => (
          <DataTable
            striped
            headers={['Message', 'Texte']}
            rows={list.map((t) => [
              <Link key="edit" to={`/messages/${t.key}`}>
                {t.description}
              </Link>,
              <Badge key="text" variant="outline" color={t.overridden ? 'respire.9' : 'gray.8'}>
                {t.overridden ? 'Personnalisé' : 'Texte par défaut'}
              </Badge>,
            ])}
          />
        )}
      </QueryView>
    </>
  );
}
