import type { components } from '../../../api/generated/catalog';
import { unwrap } from '../../../api/api-error';
import { catalogApi } from '../../../api/client';

export type Activity = components['schemas']['ActivityResponseDto'];
export type Venue = components['schemas']['VenueResponseDto'];
export type Facilitator = components['schemas']['FacilitatorResponseDto'];
export type Programme = components['schemas']['ProgrammeResponseDto'];
export type NewActivity = components['schemas']['CreateActivityDto'];
export type NewVenue = components['schemas']['CreateVenueDto'];
export type NewFacilitator = components['schemas']['CreateFacilitatorDto'];
export type NewProgramme = components['schemas']['CreateProgrammeDto'];
export type NewSeries = components['schemas']['CreateSeriesDto'];

export const catalogueKeys = {
  activities: ['catalogue', 'activities'] as const,
  venues: ['catalogue', 'venues'] as const,
  facilitators: ['catalogue', 'facilitators'] as const,
  programmes: ['catalogue', 'programmes'] as const,
};

export const listActivities = () => unwrap(catalogApi.GET('/v1/activities', { params: { query: {} } }));
export const listVenues = () => unwrap(catalogApi.GET('/v1/venues', { params: { query: {} } }));
export const listFacilitators = () => unwrap(catalogApi.GET('/v1/facilitators', { params: { query: {} } }));
export const listProgrammes = () => unwrap(catalogApi.GET('/v1/programmes', { params: { query: {} } }));

export const createActivity = (body: NewActivity) => unwrap(catalogApi.POST('/v1/activities', { body }));
export const createVenue = (body: NewVenue) => unwrap(catalogApi.POST('/v1/venues', { body }));
export const createFacilitator = (body: NewFacilitator) =>
  unwrap(catalogApi.POST('/v1/facilitators', { body }));
export const createProgramme = (body: NewProgramme) => unwrap(catalogApi.POST('/v1/programmes', { body }));
export const createSeries = (body: NewSeries) => unwrap(catalogApi.POST('/v1/sessions/series', { body }));
