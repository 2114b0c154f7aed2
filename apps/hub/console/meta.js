// The hub's enumerations (message types and states, reason codes, party kinds and statuses, operator
// roles) from GET /api/meta: fetched once per session, so the console copies none of them.
import { api, whenSessionEnds } from './api.js';

let metaRequest;
whenSessionEnds(() => (metaRequest = undefined));

export function meta() {
  metaRequest ??= api('GET', '/api/meta').catch((error) => {
    metaRequest = undefined;
    throw error;
  });
  return metaRequest;
}
