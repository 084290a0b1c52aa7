package io.policygen.organization;

import io.policygen.organization.OrganizationPages.Page;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The organization's accounts, or those of the given OUs and the OUs below them (depth first), page by page. A page
 * call that fails leaves the listing where it was: asked for its next account again, it asks for the same page again,
 * with the same token, so a listing AWS cut short goes on where it stopped rather than from its first page (250
 * pages at 5,000 accounts).
 */
public final class OrganizationListing implements Iterator<OrgAccount> {

    private final OrganizationPages pages;
    private final Deque<Parent> parents = new ArrayDeque<>();

    private OrganizationListing(OrganizationPages pages, List<String> ouIds) {
        this.pages = pages;
        if (ouIds.isEmpty()) {
            parents.push(new Parent(new Paged<>("ListAccounts", token -> pages.accounts(null, token)), null));
        } else {
            ouIds.reversed().forEach(ouId -> parents.push(parent(ouId)));
        }
    }

    public static OrganizationListing of(OrganizationPages pages, List<String> ouIds) {
        return new OrganizationListing(pages, ouIds);
    }

    public Stream<OrgAccount> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, 0), false);
    }

    @Override
    public boolean hasNext() {
        while (!parents.isEmpty()) {
            Parent parent = parents.peek();
            if (parent.accounts.hasNext()) {
                return true;
            }
            if (parent.ous != null && parent.ous.hasNext()) {
                parents.push(parent(parent.ous.next()));
            } else {
                parents.pop();
            }
        }
        return false;
    }

    @Override
    public OrgAccount next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return parents.peek().accounts.next();
    }

    /** The call the listing makes next, or made last where it failed: for what is logged of it. */
    public String call() {
        Parent parent = parents.peek();
        if (parent == null) {
            return "ListAccounts";
        }
        return parent.accounts.done() && parent.ous != null ? parent.ous.operation : parent.accounts.operation;
    }

    private Parent parent(String ouId) {
        return new Parent(new Paged<>("ListAccountsForParent", token -> pages.accounts(ouId, token)),
                new Paged<>("ListOrganizationalUnitsForParent", token -> pages.organizationalUnits(ouId, token)));
    }

    /** An OU (or, with a null id and no OUs, the organization) and where the listing is in its accounts and OUs. */
    private record Parent(Paged<OrgAccount> accounts, Paged<String> ous) {
    }

    /** One listing call's pages: a page is asked for only when the one before is read, with that page's token. */
    private static final class Paged<T> {

        private final String operation;
        private final Function<String, Page<T>> call;
        private Iterator<T> page = Collections.emptyIterator();
        private String token;
        private boolean last;

        Paged(String operation, Function<String, Page<T>> call) {
            this.operation = operation;
            this.call = call;
        }

        boolean hasNext() {
            while (!page.hasNext() && !last) {
                Page<T> next = call.apply(token); // a failure changes nothing: the same page is asked for again
                page = next.items().iterator();
                token = next.nextToken();
                last = token == null;
            }
            return page.hasNext();
        }

        T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next();
        }

        boolean done() {
            return last && !page.hasNext();
        }
    }
}
