export { mountQueueDashboard, QUEUE_DASHBOARD_PATH } from './mount-queue-dashboard';
