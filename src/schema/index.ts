/** The GraphQL schema: imports every domain file, defines nothing itself. */
import { builder } from './builder.js';
import './enums.js';
import './parameters.js';
import './filters.js';
import './organization.js';
import './model.js';
import './article.js';
import './topic.js';
import './person.js';
import './training.js';
import './source.js';
import './search.js';
import './overview.js';
import './viewer.js';
import './history.js';
import './mutations/models.js';
import './mutations/articles.js';
import './mutations/entities.js';
import './mutations/people.js';
import './mutations/admin.js';
import './subscriptions.js';

export const schema = builder.toSchema({ sortSchema: true });
