"""A paginator whose count stops a fixed distance past the page asked for.

Django's Paginator counts every row to print "Page 3 of 822", and on a large archive the count
costs more than the page itself (the database must find every match to count it). Here the
count stops `ahead` rows past the end of the requested page: the cost follows how deep the
reader has gone, not how large the archive has grown. Past that horizon the page says "more
than N" and offers the next page, whose own count looks further."""

from functools import cached_property

from django.core.paginator import Paginator


class HorizonPaginator(Paginator):
    def __init__(self, object_list, per_page, *, number: int | None = 1, ahead: int = 1000):
        super().__init__(object_list, per_page)
        try:
            wanted = max(1, int(number or 1))
        except (TypeError, ValueError):
            wanted = 1
        # Far-off numbers (typed into the address) still count a bounded number of rows.
        self.horizon = min(wanted, 10_000) * per_page + ahead

    @cached_property
    def _counted(self) -> int:
        return self.object_list[: self.horizon + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.horizon)

    @property
    def is_capped(self) -> bool:
        """More rows exist than were counted: the count is a lower bound."""
        return self._counted > self.horizon
