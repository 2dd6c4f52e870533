import type { EgressCheck } from '../../common/egress';

/** How a webhook URL is checked against the egress policy, at create, at patch and at every delivery. */
export const WEBHOOK_URL_CHECK: EgressCheck = { field: 'url', protocols: ['http:', 'https:'] };
