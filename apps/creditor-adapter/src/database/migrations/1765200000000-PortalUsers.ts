/** Portal users with roles, their sessions and the portal audit (the same migration in both adapters). */
export { PortalUsers1765200000000 } from '@skp/platform';
