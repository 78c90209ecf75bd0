import { Injectable } from '@nestjs/common';
import { OnBehalfOf, UpstreamAnswer, UpstreamClient } from './upstream.client';

export interface Preferences {
  reminders: boolean;
  feedbackRequests: boolean;
}

/** Notifications' public preferences routes (the token of a message's preferences link). */
@Injectable()
export class NotificationsClient {
  constructor(private readonly upstream: UpstreamClient) {}

  preferences(token: string, who: OnBehalfOf): Promise<UpstreamAnswer<Preferences>> {
    return this.upstream.call(
      'notifications',
      'GET',
      `/v1/public/preferences?t=${encodeURIComponent(token)}`,
      who,
    );
  }

  savePreferences(
    token: string,
    preferences: Preferences,
    who: OnBehalfOf,
  ): Promise<UpstreamAnswer<Preferences>> {
    return this.upstream.call('notifications', 'POST', '/v1/public/preferences', who, {
      body: { t: token, ...preferences },
    });
  }

  requestAlert(
    alert: { tenant: string; email: string; category: string },
    who: OnBehalfOf,
  ): Promise<UpstreamAnswer<AlertAnswer>> {
    return this.upstream.call('notifications', 'POST', '/v1/public/alerts', who, { body: alert });
  }

  alertLink(
    action: 'confirm' | 'unsubscribe',
    token: string,
    who: OnBehalfOf,
  ): Promise<UpstreamAnswer<AlertAnswer>> {
    return this.upstream.call('notifications', 'POST', `/v1/public/alerts/${action}`, who, {
      body: { t: token },
    });
  }
}

export interface AlertAnswer {
  status: 'confirmation-sent' | 'confirmed' | 'unsubscribed';
  category?: string;
}
