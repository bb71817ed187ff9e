package br.com.recebiveishub.hub.audit;

import org.hibernate.envers.RevisionListener;

/**
 * Fills a new revision from the current {@link AuditContext}. Envers instantiates this class
 * itself, so it takes no Spring beans (see BRIEF: injected beans break here).
 */
public class HubRevisionListener implements RevisionListener {

    @Override
    public void newRevision(Object revisionEntity) {
        ((HubRevision) revisionEntity).fill(AuditContext.current());
    }
}
