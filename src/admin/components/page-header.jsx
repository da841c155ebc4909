import React from 'react';
import { useTranslation } from 'adminjs';
import { usePageTitle } from './page-title';

/**
 * The tab's title for a panel page: the resource on lists ("Articles"), the kind of thing on creation
 * ("New import"), the record on its page ("Author: Jane Doe") and the action with the record elsewhere
 * ("Edit: Talks resume", which is also what the article components set).
 */
function panelPageTitle({ resourceLabel, noun, actionName, actionLabel, recordTitle }) {
  if (recordTitle !== undefined) {
    if (actionName === 'show') return `${noun.charAt(0).toUpperCase()}${noun.slice(1)}: ${recordTitle}`;
    if (actionName === 'edit') return `Edit: ${recordTitle}`;
    return `${actionLabel}: ${recordTitle}`;
  }
  if (actionName === 'list') return resourceLabel;
  if (actionName === 'new') return `New ${noun}`;
  return `${actionLabel}: ${resourceLabel}`;
}

/**
 * AdminJS's action header, which every resource, record and bulk action page renders (even those that hide
 * it), wrapped to name the browser tab: AdminJS itself leaves every tab "Wiredesk".
 */
const PageHeader = (props) => {
  const { OriginalComponent, resource, action, record } = props;
  const { translateLabel, translateAction } = useTranslation();
  usePageTitle(
    resource && action
      ? panelPageTitle({
          resourceLabel: translateLabel(resource.name, resource.id),
          // What one record is called ("import", "API token"): admin-panel.ts's per-resource labels.
          noun: translateLabel('recordNoun', resource.id),
          actionName: action.name,
          actionLabel: translateAction(action.label, resource.id),
          recordTitle: record ? String(record.title || record.id) : undefined,
        })
      : undefined,
  );
  return <OriginalComponent {...props} />;
};

export default PageHeader;
