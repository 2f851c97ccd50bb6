"""`{% open_calls as calls %}`: the calls open now, for the home page's banner."""

from django import template

from calls.selectors import calls_open

register = template.Library()


@register.simple_tag
def open_calls():
    return list(calls_open().select_related("cohort"))
