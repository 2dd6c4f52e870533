export { DASHBOARD_BUILD_COMMAND, DASHBOARD_PATH } from './dashboard-files';
export { DashboardModule } from './dashboard.module';
export { dashboardSecurityHeaders } from './dashboard-headers';
