import { InMemoryFeedStateStore } from '../../src/feeds/state-store.js';
import { feedStateStoreContract } from './state-store-contract.js';

feedStateStoreContract('in memory', async () => new InMemoryFeedStateStore());
