export { EventFeed, eventFeedKey } from './event-feed';
export { EventFeedModule } from './event-feed.module';
